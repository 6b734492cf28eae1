"""What `--check` may promise about a retrain, and how it judges one.

Two tiers. Where this machine's numeric environment (numerics.fingerprint) equals the one the
committed models were trained in (models/pipeline/numerics.json), a retrain gives the same
bits, so every output must match to EXACT. Where it differs (a CPU with extensions the pins
cannot hide from every library, another BLAS kernel family, RISKSCOPE_NUMERICS=host), bits are
not promised. A retrain in other arithmetic starts from the same seeds, but rounding differences
grow through training, at worst into what a change of seed does. So a model whose retrain is
not identical must stay within its own seed spread (metrics.json's `seed_spread`, measured by
full training: reference.json's evaluation rows scored by the recipe retrained with
SEED_OFFSETS): each metric within K_SIGMA standard deviations of the seeds' values (at least
METRIC_FLOOR), and a rank correlation with the committed scores no lower than K_SIGMA standard
deviations below the seeds' mean (at most RANK_FLOOR). The check then says "reproduced within
tolerance" with every gap and its allowance; a control (the committed scores shuffled) must
fail the same test, so it can fail.

Checks that do not depend on how the retrain's arithmetic went stay exact in both tiers: the
committed model.onnx against its own golden outputs and SHA-256, the metrics recomputed from the
committed ONNX files, the samples, the translations; and the check's sensitivity to one changed
weight.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper
from scipy.stats import spearmanr
from sklearn.metrics import (average_precision_score, brier_score_loss, roc_auc_score,
                             roc_curve)

from . import artefacts, encode, reference

EXACT = 1e-6
# Nine other seeds: the spread's standard deviation is then known to within about a third.
SEED_OFFSETS = tuple(range(1, 10))
K_SIGMA = 4.0
# A model no seed enters (the German logistic regression and scorecard) differs only by the
# rounding of its solver: these bound it.
METRIC_FLOOR = 1e-4
RANK_FLOOR = 0.999
# The German cross-validation's means and deviations, refitted in other arithmetic (measured
# on an AVX-512 machine: 1.0e-3).
CROSS_VALIDATION_TOLERANCE = 5e-3
# A perturbation the check must catch: one weight changed by this much.
PERTURBATION = 1e-3


@dataclass
class Verdict:
    line: str
    exact: bool      # identical to EXACT
    invariant: bool  # the checks that do not depend on the retrain's arithmetic


def golden(committed: Path, fresh: Path) -> Verdict:
    """The committed model.onnx against its manifest's SHA-256 and its golden outputs (exact in
    both tiers), and the retrained model against the committed one on the golden rows."""
    manifest = json.loads((committed / "manifest.json").read_text(encoding="utf-8"))
    rows = json.loads((committed / "golden.json").read_text(encoding="utf-8"))["rows"]
    x = encode.encode_rows(manifest, [r["raw"] for r in rows])
    old_bytes, new_bytes = (committed / "model.onnx").read_bytes(), (fresh / "model.onnx").read_bytes()
    sha_ok = hashlib.sha256(old_bytes).hexdigest() == manifest["model"]["sha256"]
    p_golden = np.array([r["score"] for r in rows])
    p_old = artefacts.run_onnx(old_bytes, manifest, x)
    p_new = artefacts.run_onnx(new_bytes, manifest, x)
    golden_gap = reference.relative_gap(p_golden, p_old)
    rerun_gap = reference.relative_gap(p_old, p_new)
    line = (f"model.onnx: SHA-256 in manifest matches: {sha_ok}; committed model reproduces "
            f"golden.json: max gap {golden_gap:.2e} over {len(x)} rows; rerun identical bytes: "
            f"{old_bytes == new_bytes}, max |p_committed - p_rerun| = {rerun_gap:.2e}")
    return Verdict(line, rerun_gap <= EXACT, sha_ok and golden_gap <= EXACT)


def within_tolerance(committed: Path, fresh: Path) -> tuple[str, bool]:
    """The retrained model against the committed one on reference.json's evaluation rows (held
    out, or scored out of fold; weighted as the file says): each metric's gap and the scores'
    rank correlation, against the model's allowances (`allowances`)."""
    old = json.loads((committed / reference.FILE).read_text(encoding="utf-8"))["evaluation"]
    new = json.loads((fresh / reference.FILE).read_text(encoding="utf-8"))["evaluation"]
    return judge(committed, old, np.array(new["score"]))


def judge(committed: Path, evaluation: dict, score: np.ndarray) -> tuple[str, bool]:
    manifest = json.loads((committed / "manifest.json").read_text(encoding="utf-8"))
    y, w, shipped = (np.array(evaluation[k]) for k in ("label", "weight", "score"))
    m_old, m_new = evaluation_metrics(manifest, y, w, shipped), evaluation_metrics(manifest, y, w, score)
    allowed, rank_floor = allowances(committed)
    gaps = {k: abs(m_old[k] - m_new[k]) for k in m_old}
    rho = float(spearmanr(shipped, score)[0])
    ok = all(gaps[k] <= allowed[k] for k in gaps) and rho >= rank_floor

    def shown(k: str) -> str:
        loose = " - as wide as the metric: seeds alone move it that much" if allowed[k] >= m_old[k] else ""
        return f"{k} {m_new[k]:.4f} (gap {gaps[k]:.1e}, allowed {allowed[k]:.1e}{loose})"

    line = (f"on {len(y):,} evaluation rows: " + ", ".join(shown(k) for k in m_old)
            + f"; rank correlation {rho:.6f} (at least {rank_floor:.6f}); max |score gap| "
            f"{reference.relative_gap(shipped, score):.2e}")
    return line, ok


def control_fails(committed: Path) -> tuple[str, bool]:
    """The tolerance's own sensitivity: the committed evaluation scores shuffled (fixed seed)
    must not pass as a retrain."""
    evaluation = json.loads((committed / reference.FILE).read_text(encoding="utf-8"))["evaluation"]
    shuffled = np.random.default_rng(0).permutation(np.array(evaluation["score"]))
    _, ok = judge(committed, evaluation, shuffled)
    return f"the committed scores shuffled, judged as a retrain: {'PASSED' if ok else 'fail'}", not ok


def evaluation_metrics(manifest: dict, y: np.ndarray, weight: np.ndarray, score: np.ndarray) -> dict:
    """AUC, AP, KS (and the Brier score of a probability) of weighted evaluation rows."""
    fpr, tpr, _ = roc_curve(y, score, sample_weight=weight)
    out = {"auc": float(roc_auc_score(y, score, sample_weight=weight)),
           "average_precision": float(average_precision_score(y, score, sample_weight=weight)),
           "ks": float(np.max(tpr - fpr))}
    if manifest["model"]["output"].get("kind", "probability") == "probability":
        out["brier"] = float(brier_score_loss(y, score, sample_weight=weight))
    return out


def allowances(model_dir: Path) -> tuple[dict, float]:
    """Per metric, K_SIGMA standard deviations of the seeds' values (at least METRIC_FLOOR); and
    the seeds' mean rank correlation with the shipped model less K_SIGMA standard deviations (at
    most RANK_FLOOR). A model without a measured spread gets the floors."""
    report = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))
    spread = report.get("seed_spread", {})
    allowed = {k: max(METRIC_FLOOR, K_SIGMA * float(np.std(values, ddof=1)))
               for k, values in spread.get("metrics", {}).items()}
    for k in ("auc", "average_precision", "ks", "brier"):
        allowed.setdefault(k, METRIC_FLOOR)
    rho = spread.get("rank_correlation_to_shipped")
    rank_floor = RANK_FLOOR if not rho else min(
        RANK_FLOOR, float(np.mean(rho)) - K_SIGMA * float(np.std(rho, ddof=1)))
    return allowed, rank_floor


def record_seed_spread(out_dir: Path, seed: int, retrain: Callable[[int], np.ndarray] | None) -> None:
    """Writes metrics.json's `seed_spread`: the metrics of reference.json's evaluation rows as
    the shipped model scores them (first) and as the recipe retrained with seed + each of
    SEED_OFFSETS scores them (`retrain(seed)` returns those rows' scores, in the file's order),
    and each retrain's rank correlation with the shipped model. `retrain` None: no seed enters
    the recipe's fit, so there is no spread to measure."""
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    evaluation = json.loads((out_dir / reference.FILE).read_text(encoding="utf-8"))["evaluation"]
    report = json.loads((out_dir / "metrics.json").read_text(encoding="utf-8"))
    if retrain is None:
        report["seed_spread"] = {"about": "no seed enters this model's fit: a retrain differs "
                                          "only by rounding"}
    else:
        y, w = np.array(evaluation["label"]), np.array(evaluation["weight"])
        shipped = np.array(evaluation["score"])
        seeds = [seed + k for k in SEED_OFFSETS]
        scores = [retrain(s) for s in seeds]
        each = [evaluation_metrics(manifest, y, w, s) for s in [shipped] + scores]
        report["seed_spread"] = {
            "about": f"reference.json's {len(y):,} evaluation rows scored by the shipped model "
                     f"(seed {seed}, first) and by its recipe retrained with seeds {seeds} on the "
                     f"same data; models/train --check allows a retrain in other arithmetic "
                     f"{K_SIGMA:g} standard deviations of these",
            "seeds": [seed] + seeds,
            "metrics": {k: [m[k] for m in each] for k in each[0]},
            "rank_correlation_to_shipped": [float(spearmanr(shipped, s)[0]) for s in scores],
        }
    artefacts.write_json(out_dir / "metrics.json", report)


def perturbation_caught(committed: Path) -> tuple[str, bool]:
    """The check's own sensitivity: the committed model with one weight changed by PERTURBATION
    (the largest of a weight matrix, for each of its weight matrices in turn; for a tree
    ensemble, each leaf of its first tree) must no longer reproduce golden.json."""
    manifest = json.loads((committed / "manifest.json").read_text(encoding="utf-8"))
    rows = json.loads((committed / "golden.json").read_text(encoding="utf-8"))["rows"]
    x = encode.encode_rows(manifest, [r["raw"] for r in rows])
    p_golden = np.array([r["score"] for r in rows])
    model = onnx.load_from_string((committed / "model.onnx").read_bytes())
    moved = {}
    for tensor in model.graph.initializer:
        if tensor.data_type != onnx.TensorProto.FLOAT or sum(d > 1 for d in tensor.dims) < 2:
            continue
        original = tensor.SerializeToString()
        w = numpy_helper.to_array(tensor).copy()
        w.flat[int(np.argmax(np.abs(w)))] += PERTURBATION
        tensor.CopyFrom(numpy_helper.from_array(w, tensor.name))
        perturbed = artefacts.run_onnx(model.SerializeToString(), manifest, x)
        moved[tensor.name] = reference.relative_gap(p_golden, perturbed)
        tensor.ParseFromString(original)
    for node in model.graph.node:
        # A tree ensemble's weights are its leaves: every row reaches one leaf of the first tree.
        for attribute in node.attribute:
            if attribute.name not in ("class_weights", "target_weights"):
                continue
            ids = next(a for a in node.attribute if a.name in ("class_treeids", "target_treeids"))
            original = list(attribute.floats)
            first = ids.ints[0]
            for k, tree in enumerate(ids.ints):
                if tree == first:
                    attribute.floats[k] += PERTURBATION
            perturbed = artefacts.run_onnx(model.SerializeToString(), manifest, x)
            moved[f"{node.op_type} (tree {first}'s leaves)"] = reference.relative_gap(p_golden, perturbed)
            del attribute.floats[:]
            attribute.floats.extend(original)
    missed = [name for name, gap in moved.items() if gap <= EXACT]
    caught = bool(moved) and not missed
    return (f"each of its {len(moved)} weight matrices or tree ensembles with its largest weight "
            f"(a tree ensemble: its first tree's leaves) changed by {PERTURBATION:g}: golden outputs "
            f"move by {min(moved.values(), default=0.0):.2e} to {max(moved.values(), default=0.0):.2e}: "
            + ("caught" if caught else f"NOT CAUGHT ({', '.join(missed) or 'no weight matrix'})")), caught
