"""Hand-built ONNX graphs for the networks trained with JAX (nets.py), in ops that tract runs.

Every graph takes one row-major `[N, width]` float tensor, the manifest's encoded input, and
does its own preprocessing (signed log of money amounts, standardisation), so the Rust encoder
stays a plain one-hot/number writer. The forward passes in nets.py compute exactly these ops;
nets.check_against_onnxruntime holds the two together.
"""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


class Graph:
    """A growing ONNX graph: constants, nodes, one symbolic-batch input."""

    def __init__(self, input_name: str, width: int):
        self.input = helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["N", width])
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.count = 0

    def fresh(self, stem: str) -> str:
        self.count += 1
        return f"{stem}_{self.count}"

    def const(self, stem: str, value, dtype=np.float32) -> str:
        name = self.fresh(stem)
        self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(self, op_type: str, inputs: list[str], outputs: int | list[str] = 1, **attrs):
        names = outputs if isinstance(outputs, list) else [self.fresh(op_type.lower())
                                                            for _ in range(outputs)]
        self.nodes.append(helper.make_node(op_type, inputs, names, **attrs))
        return names[0] if len(names) == 1 else names

    def finish(self, outputs: list[tuple[str, list]], doc: str) -> bytes:
        graph = helper.make_graph(
            self.nodes, "riskscope", [self.input],
            [helper.make_tensor_value_info(name, TensorProto.FLOAT, shape) for name, shape in outputs],
            self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                                  producer_name="riskscope_train", doc_string=doc)
        model.ir_version = 8
        onnx.checker.check_model(model, full_check=True)
        return model.SerializeToString()


def preprocess(g: Graph, x: str, log_mask: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> str:
    """(slog(x) on masked columns, x elsewhere - mean) / scale, slog(v) = sign(v) ln(1 + |v|).

    The mix is mask * slog(x) + (1 - mask) * x, exact for a 0/1 mask; x + mask * (slog(x) - x)
    would cancel catastrophically on large amounts.
    """
    slog = g.op("Mul", [g.op("Sign", [x]),
                        g.op("Log", [g.op("Add", [g.op("Abs", [x]), g.const("one", 1.0)])])])
    mixed = g.op("Add", [g.op("Mul", [g.const("log_mask", log_mask), slog]),
                         g.op("Mul", [g.const("keep_mask", 1.0 - log_mask), x])])
    return g.op("Div", [g.op("Sub", [mixed, g.const("mean", mean)]), g.const("scale", scale)])


def columns(g: Graph, x: str, start: int, end: int) -> str:
    """x[:, start:end]."""
    return g.op("Slice", [x, g.const("starts", [start], np.int64), g.const("ends", [end], np.int64),
                          g.const("axes", [1], np.int64)])


def dense(g: Graph, h: str, w: np.ndarray, b: np.ndarray, activation: str | None) -> str:
    """activation(h @ w + b), w stored [inputs, outputs]."""
    out = g.op("Gemm", [h, g.const("w", w), g.const("b", b)])
    return g.op(activation, [out]) if activation else out


def lstm_last_state(g: Graph, x: str, seq: str, steps: int, channels: int,
                    w: np.ndarray, r: np.ndarray, b: np.ndarray) -> str:
    """The last hidden state [N, H] of an ONNX LSTM (gates i, o, f, c) over seq [N, steps*channels].

    h0 and c0 are zeros of shape [1, N, H] built from Shape(x): tract panics on a symbolic
    batch when the LSTM's initial states are left out (shared/TRACT-NOTES.md).
    """
    hidden = r.shape[-1]
    by_step = g.op("Reshape", [seq, g.const("shape", [-1, steps, channels], np.int64)])
    time_major = g.op("Transpose", [by_step], perm=[1, 0, 2])
    batch = g.op("Slice", [g.op("Shape", [x]), g.const("starts", [0], np.int64),
                           g.const("ends", [1], np.int64)])
    state_shape = g.op("Concat", [g.const("one", [1], np.int64), batch,
                                  g.const("hidden", [hidden], np.int64)], axis=0)
    zeros = g.op("ConstantOfShape", [state_shape],
                 value=helper.make_tensor("zero", TensorProto.FLOAT, [1], [0.0]))
    _, last_h, _ = g.op("LSTM", [time_major, g.const("W", w[None]), g.const("R", r[None]),
                                 g.const("B", b[None]), "", zeros, zeros], outputs=3,
                        hidden_size=hidden)
    return g.op("Reshape", [last_h, g.const("shape", [-1, hidden], np.int64)])
