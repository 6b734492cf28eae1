"""Small networks trained with JAX and exported op for op as ONNX (graph.py): an LSTM over a
monthly history, a plain MLP, and an autoencoder.

JAX, not PyTorch: PyPI's torch wheels pull gigabytes of CUDA libraries, JAX's are CPU-only and
small. Adam is written out here (a dozen lines) rather than adding optax. Every forward pass is
written in the ONNX layout (LSTM gates i, o, f, c; dense weights [inputs, outputs]) so export
copies arrays without reshuffling, and `check_parity` compares JAX with onnxruntime.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np
import onnxruntime as ort
from sklearn.metrics import roc_auc_score

from . import graph

jax.config.update("jax_enable_x64", False)


# ---- preprocessing shared by JAX and the ONNX graph ----------------------------------------

@dataclass
class Preprocess:
    """Signed log on money columns, then standardisation; one-hot columns pass unchanged."""

    log_mask: np.ndarray
    mean: np.ndarray
    scale: np.ndarray

    @staticmethod
    def fit(x: np.ndarray, log_mask: np.ndarray, pass_mask: np.ndarray) -> "Preprocess":
        z = mix(x, log_mask)
        mean = np.where(pass_mask, 0.0, z.mean(axis=0)).astype(np.float32)
        std = z.std(axis=0)
        scale = np.where(pass_mask | (std == 0), 1.0, std).astype(np.float32)
        return Preprocess(log_mask.astype(np.float32), mean, scale)

    def apply(self, x):
        return (mix(x, self.log_mask) - self.mean) / self.scale

    def to_graph(self, g: graph.Graph, x: str) -> str:
        return graph.preprocess(g, x, self.log_mask, self.mean, self.scale)


def slog(v):
    xp = jnp if isinstance(v, jax.Array) else np
    return xp.sign(v) * xp.log(xp.abs(v) + np.float32(1.0))


def mix(x, log_mask):
    """Exact for a 0/1 mask (see graph.preprocess)."""
    return log_mask * slog(x) + (1.0 - log_mask) * x


# ---- parameters -----------------------------------------------------------------------------

def glorot(key, n_in: int, n_out: int) -> jax.Array:
    limit = np.sqrt(6.0 / (n_in + n_out))
    return jax.random.uniform(key, (n_in, n_out), jnp.float32, -limit, limit)


def init_dense(key, sizes: list[int]) -> list[dict]:
    keys = jax.random.split(key, len(sizes) - 1)
    return [{"w": glorot(k, a, b), "b": jnp.zeros(b, jnp.float32)}
            for k, a, b in zip(keys, sizes[:-1], sizes[1:])]


def run_dense(layers: list[dict], h, last_activation=None):
    for i, layer in enumerate(layers):
        h = h @ layer["w"] + layer["b"]
        if i < len(layers) - 1:
            h = jax.nn.relu(h)
    return last_activation(h) if last_activation else h


def dense_to_graph(g: graph.Graph, layers: list[dict], h: str, last_activation: str | None) -> str:
    for i, layer in enumerate(layers):
        act = "Relu" if i < len(layers) - 1 else last_activation
        h = graph.dense(g, h, np.asarray(layer["w"]), np.asarray(layer["b"]), act)
    return h


# ---- classifiers: P(positive) = sigmoid(logit) ------------------------------------------------

@dataclass(frozen=True)
class SequenceNet:
    """LSTM over `steps` months of `channels` values, its last state joined to the static inputs.

    Input columns: `static` static columns, then the months oldest first, `channels` each.
    """

    static: int
    steps: int
    channels: int
    hidden: int
    head: int

    def init(self, key) -> dict:
        k1, k2, k3 = jax.random.split(key, 3)
        h = self.hidden
        w = jnp.concatenate([glorot(k, self.channels, h).T for k in jax.random.split(k1, 4)])
        r = jnp.concatenate([jnp.linalg.qr(jax.random.normal(k, (h, h)))[0]
                             for k in jax.random.split(k2, 4)])
        # Forget-gate bias 1 (gate order i, o, f, c): remember by default at the start.
        b = jnp.zeros(8 * h, jnp.float32).at[2 * h:3 * h].set(1.0)
        return {"W": w, "R": r.astype(jnp.float32), "B": b,
                "head": init_dense(k3, [h + self.static, self.head, 1])}

    def logit(self, params: dict, z):
        n = z.shape[0]
        static, seq = z[:, :self.static], z[:, self.static:].reshape(n, self.steps, self.channels)
        h = jnp.zeros((n, self.hidden), jnp.float32)
        c = jnp.zeros((n, self.hidden), jnp.float32)
        bias = params["B"][:4 * self.hidden] + params["B"][4 * self.hidden:]
        for t in range(self.steps):
            gates = seq[:, t] @ params["W"].T + h @ params["R"].T + bias
            i, o, f, cand = jnp.split(gates, 4, axis=1)
            c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(cand)
            h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return run_dense(params["head"], jnp.concatenate([h, static], axis=1))[:, 0]

    def to_graph(self, g: graph.Graph, x: str, z: str, params: dict) -> str:
        static = graph.columns(g, z, 0, self.static)
        seq = graph.columns(g, z, self.static, self.static + self.steps * self.channels)
        last = graph.lstm_last_state(g, x, seq, self.steps, self.channels, np.asarray(params["W"]),
                                     np.asarray(params["R"]), np.asarray(params["B"]))
        joined = g.op("Concat", [last, static], axis=1)
        return dense_to_graph(g, params["head"], joined, "Sigmoid")

    def params_count(self, params: dict) -> int:
        return count(params)


@dataclass(frozen=True)
class FlatNet:
    """A plain MLP on all input columns: the non-sequential baseline."""

    width: int
    hidden: tuple[int, ...]

    def init(self, key) -> dict:
        return {"layers": init_dense(key, [self.width, *self.hidden, 1])}

    def logit(self, params: dict, z):
        return run_dense(params["layers"], z)[:, 0]

    def to_graph(self, g: graph.Graph, x: str, z: str, params: dict) -> str:
        return dense_to_graph(g, params["layers"], z, "Sigmoid")


@dataclass(frozen=True)
class AutoEncoder:
    """Reconstructs its standardised input through a narrow middle layer; the squared error of
    each column says how far a row is from what the network learnt to reproduce."""

    width: int
    hidden: tuple[int, ...]

    def init(self, key) -> dict:
        return {"layers": init_dense(key, [self.width, *self.hidden, self.width])}

    def errors(self, params: dict, z):
        return (z - run_dense(params["layers"], z)) ** 2


def export_autoencoder(net: AutoEncoder, params: dict, prep: Preprocess, input_name: str,
                       score_name: str, errors_name: str, doc: str) -> bytes:
    """ONNX: [N, width] rows -> [N, 1] mean squared reconstruction error and [N, width] per column."""
    g = graph.Graph(input_name, net.width)
    z = prep.to_graph(g, input_name)
    diff = g.op("Sub", [z, dense_to_graph(g, params["layers"], z, None)])
    g.op("Mul", [diff, diff], outputs=[errors_name])
    g.op("ReduceMean", [errors_name], outputs=[score_name], axes=[1], keepdims=1)
    return g.finish([(score_name, ["N", 1]), (errors_name, ["N", net.width])], doc)


def reconstruction_errors(net: AutoEncoder, params: dict, prep: Preprocess, x: np.ndarray) -> np.ndarray:
    return np.asarray(jax.jit(net.errors)(params, prep.apply(jnp.asarray(x, jnp.float32))))


def train_autoencoder(net: AutoEncoder, x_fit: np.ndarray, x_val: np.ndarray, prep: Preprocess,
                      cfg: Training) -> tuple[dict, dict]:
    """Adam on the mean squared reconstruction error (+ l2); keeps the epoch with the lowest
    validation error. No labels: the autoencoder only ever sees what it is told is normal."""
    z_fit = prep.apply(jnp.asarray(x_fit, jnp.float32))
    z_val = prep.apply(jnp.asarray(x_val, jnp.float32))
    params = net.init(jax.random.PRNGKey(cfg.seed))

    def loss(p, z):
        decay = sum(jnp.sum(leaf ** 2) for leaf in jax.tree_util.tree_leaves(p) if leaf.ndim == 2)
        return jnp.mean(net.errors(p, z)) + cfg.l2 * decay

    step = make_adam_step(loss, cfg.learning_rate)
    val_error = jax.jit(lambda p, z: jnp.mean(net.errors(p, z)))
    state = adam_state(params)
    rng = np.random.default_rng(cfg.seed)
    best = (np.inf, params, 0)
    history = []
    n = len(z_fit)
    for epoch in range(cfg.epochs):
        order = rng.permutation(n)
        for start in range(0, n - cfg.batch + 1, cfg.batch):
            params, state = step(params, state, z_fit[order[start:start + cfg.batch]])
        error = float(val_error(params, z_val))
        history.append(round(error, 5))
        if error < best[0]:
            best = (error, params, epoch)
        elif epoch - best[2] >= cfg.patience:
            break
    return best[1], {"validation_error_by_epoch": history, "best_epoch": best[2] + 1,
                     "validation_error": best[0]}


def count(params) -> int:
    return int(sum(np.size(leaf) for leaf in jax.tree_util.tree_leaves(params)))


def export_classifier(net, params: dict, prep: Preprocess, input_name: str, width: int,
                      output_name: str, doc: str) -> bytes:
    """ONNX: [N, width] raw encoded rows -> [N, 1] P(positive), named `output_name`."""
    g = graph.Graph(input_name, width)
    z = prep.to_graph(g, input_name)
    p = net.to_graph(g, input_name, z, params)
    g.op("Identity", [p], outputs=[output_name])
    return g.finish([(output_name, ["N", 1])], doc)


def predict(net, params: dict, prep: Preprocess, x: np.ndarray) -> np.ndarray:
    z = prep.apply(jnp.asarray(x, jnp.float32))
    return np.asarray(jax.nn.sigmoid(net.logit(params, z)))


# ---- training ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Training:
    epochs: int
    batch: int
    learning_rate: float
    l2: float
    patience: int
    seed: int


def train_classifier(net, x_fit: np.ndarray, y_fit: np.ndarray, x_val: np.ndarray,
                     y_val: np.ndarray, prep: Preprocess, cfg: Training) -> tuple[dict, dict]:
    """Adam on mean binary cross-entropy + l2 * sum(w^2); keeps the epoch with the best
    validation AUC and stops after `patience` epochs without improvement."""
    z_fit = prep.apply(jnp.asarray(x_fit, jnp.float32))
    z_val = prep.apply(jnp.asarray(x_val, jnp.float32))
    y_fit_j = jnp.asarray(y_fit, jnp.float32)
    params = net.init(jax.random.PRNGKey(cfg.seed))

    def loss(p, z, y):
        logit = net.logit(p, z)
        bce = jnp.mean(jnp.logaddexp(0.0, logit) - y * logit)
        decay = sum(jnp.sum(leaf ** 2) for leaf in jax.tree_util.tree_leaves(p) if leaf.ndim == 2)
        return bce + cfg.l2 * decay

    step = make_adam_step(loss, cfg.learning_rate)
    val_logit = jax.jit(net.logit)
    state = adam_state(params)
    rng = np.random.default_rng(cfg.seed)
    best = (-1.0, params, 0)
    history = []
    n = len(y_fit)
    for epoch in range(cfg.epochs):
        order = rng.permutation(n)
        for start in range(0, n - cfg.batch + 1, cfg.batch):
            idx = order[start:start + cfg.batch]
            params, state = step(params, state, z_fit[idx], y_fit_j[idx])
        auc = float(roc_auc_score(y_val, np.asarray(val_logit(params, z_val))))
        history.append(round(auc, 5))
        if auc > best[0]:
            best = (auc, params, epoch)
        elif epoch - best[2] >= cfg.patience:
            break
    return best[1], {"validation_auc_by_epoch": history, "best_epoch": best[2] + 1,
                     "validation_auc": best[0]}


def adam_state(params):
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    return {"m": zeros, "v": zeros, "t": jnp.zeros((), jnp.float32)}


def make_adam_step(loss, lr: float, b1=0.9, b2=0.999, eps=1e-8):
    grad = jax.grad(loss)

    @jax.jit
    def step(params, state, *batch):
        g = grad(params, *batch)
        t = state["t"] + 1
        m = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, state["m"], g)
        v = jax.tree_util.tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, state["v"], g)
        scale = lr * jnp.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        params = jax.tree_util.tree_map(lambda p, m, v: p - scale * m / (jnp.sqrt(v) + eps),
                                        params, m, v)
        return params, {"m": m, "v": v, "t": t}

    return step


def check_parity(onnx_bytes: bytes, input_name: str, output_name: str, x: np.ndarray,
                 expected: np.ndarray, what: str, tolerance: float = 1e-5) -> float:
    """onnxruntime on the exported graph must agree with JAX before anything is written."""
    session = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    (out,) = session.run([output_name], {input_name: x.astype(np.float32)})
    gap = float(np.max(np.abs(out.reshape(expected.shape) - expected)))
    if gap > tolerance:
        raise AssertionError(f"{what}: onnxruntime and JAX disagree by {gap}")
    return gap
