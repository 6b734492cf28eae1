"""Seeded random tree ensembles covering the corners of ai.onnx.ml's TreeEnsembleClassifier and
TreeEnsembleRegressor, with onnxruntime's outputs: the oracle for RiskScope's own tree operator.

    python -m riskscope_train.tree_cases [--out tests/fixtures/onnx-ml/tree-cases.json]

Every case is a one-node ONNX model (hex-encoded) with its inputs and onnxruntime's outputs.
The cases cover each branch rule, mixed rules, missing-value tracks, thresholds hit exactly,
every post_transform, base_values of each length, class ids used by some or all leaves,
integer and string class labels, two and three classes, every regressor aggregate, double
attributes (`*_as_tensor`), tree and node ids out of order. Where onnxruntime departs from the
specification (the binary cases, PROBIT), the outputs are what onnxruntime computes.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper

REPO = Path(__file__).resolve().parents[3]
MODES = ["BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT", "BRANCH_EQ", "BRANCH_NEQ"]
POSTS = ["NONE", "LOGISTIC", "SOFTMAX", "SOFTMAX_ZERO", "PROBIT"]
GRID = np.array([-1.5, -0.5, 0.0, 0.25, 1.0, 2.0], dtype=np.float32)
FEATURES = 4
ORDERED = False


def random_tree(rng, tree_id, depth, modes, missing):
    """Nodes of one tree (ids shuffled) and its leaves, as attribute rows."""
    nodes, leaves = [], []
    ids = iter(range(64))

    def grow(level):
        node_id = next(ids)
        if level == depth or (level > 0 and rng.random() < 0.25):
            nodes.append(dict(tree=tree_id, id=node_id, mode="LEAF", feature=0, value=0.0,
                              yes=0, no=0, missing=0))
            leaves.append(node_id)
            return node_id
        entry = dict(tree=tree_id, id=node_id, mode=str(rng.choice(modes)),
                     feature=int(rng.integers(FEATURES)), value=float(rng.choice(GRID)),
                     missing=int(missing and rng.random() < 0.5))
        nodes.append(entry)
        entry["yes"] = grow(level + 1)
        entry["no"] = grow(level + 1)
        return node_id

    grow(0)
    # onnxruntime takes a tree's first listed node as its root; the rest may come in any order.
    nodes = nodes[:1] + [nodes[1 + i] for i in rng.permutation(len(nodes) - 1)]
    # Node ids out of order, within the tree's count (onnxruntime requires id < node count).
    shuffled = list(range(len(nodes))) if ORDERED else rng.permutation(len(nodes)).tolist()
    for n in nodes:
        n["id"] = shuffled[n["id"]]
        if n["mode"] != "LEAF":
            n["yes"], n["no"] = shuffled[n["yes"]], shuffled[n["no"]]
    return nodes, [shuffled[leaf] for leaf in leaves]


def leaf_weights(rng, leaves, tree_id, n_out, pattern, positive):
    rows = []
    for leaf in leaves:
        if pattern == "all0":
            targets = [0]
        elif pattern == "all1":
            targets = [1 % n_out]
        elif pattern == "every":
            targets = list(range(n_out))
        else:
            targets = [t for t in range(n_out) if rng.random() < 0.6]
        for t in targets:
            w = float(rng.uniform(0.0, 1.0) if positive else rng.uniform(-2.0, 2.0))
            rows.append((tree_id, leaf, t, np.float32(w).item()))
    return rows


def number(v):
    """A JSON number, or "nan" / "inf" / "-inf" (JSON has no such numbers)."""
    return float(v) if np.isfinite(v) else str(float(v))


def make_case(rng, index):
    classifier = rng.random() < 0.6
    n_out = int(rng.choice([2, 3])) if classifier else int(rng.choice([1, 1, 3]))
    mode_set = [str(rng.choice(MODES))] if rng.random() < 0.7 else MODES
    missing = rng.random() < 0.5
    n_trees = int(rng.integers(1, 5))
    tree_ids = rng.permutation(10)[:n_trees].tolist()
    pattern = str(rng.choice(["all0", "all1", "every", "some"])) if classifier else "every"
    positive = rng.random() < 0.5
    post = str(rng.choice(POSTS))
    # onnxruntime leaves a binary classifier's second column unwritten when it has one score
    # to write under PROBIT, or when both classes have weights but not this row's class 1: those
    # cells hold whatever memory held, so no case asks for them.
    if classifier and n_out == 2 and (pattern == "some" or post == "PROBIT"):
        pattern = "every"
    nodes, weights = [], []
    for tree_id in tree_ids:
        tree_nodes, tree_leaves = random_tree(rng, tree_id, int(rng.integers(1, 5)), mode_set, missing)
        nodes += tree_nodes
        weights += leaf_weights(rng, tree_leaves, tree_id, n_out, pattern, positive)
    base_len = int(rng.choice([0, 1, n_out]))
    base = [np.float32(v).item() for v in rng.uniform(-1, 1, base_len)]
    as_tensor = rng.random() < 0.2
    attrs = dict(
        nodes_treeids=[n["tree"] for n in nodes], nodes_nodeids=[n["id"] for n in nodes],
        nodes_featureids=[n["feature"] for n in nodes], nodes_modes=[n["mode"] for n in nodes],
        nodes_truenodeids=[n["yes"] for n in nodes], nodes_falsenodeids=[n["no"] for n in nodes],
        post_transform=post)
    values = [n["value"] for n in nodes]
    if as_tensor:
        # onnxruntime reads `*_as_tensor` in the threshold type, float for a float input.
        attrs["nodes_values_as_tensor"] = helper.make_tensor(
            "nodes_values_as_tensor", TensorProto.FLOAT, [len(values)], values)
    else:
        attrs["nodes_values"] = values
    if missing:
        attrs["nodes_missing_value_tracks_true"] = [n["missing"] for n in nodes]
    if base_len:
        if as_tensor:
            attrs["base_values_as_tensor"] = helper.make_tensor(
                "base_values_as_tensor", TensorProto.FLOAT, [base_len], base)
        else:
            attrs["base_values"] = base
    prefix = "class" if classifier else "target"
    attrs[f"{prefix}_treeids"] = [w[0] for w in weights]
    attrs[f"{prefix}_nodeids"] = [w[1] for w in weights]
    attrs[f"{prefix}_ids"] = [w[2] for w in weights]
    attrs[f"{prefix}_weights"] = [w[3] for w in weights]
    string_labels = classifier and rng.random() < 0.3
    if classifier:
        if string_labels:
            attrs["classlabels_strings"] = [f"c{i}" for i in range(n_out)]
        else:
            attrs["classlabels_int64s"] = [int(v) for v in rng.permutation(9)[:n_out]]
        outputs = [helper.make_tensor_value_info(
                       "label", TensorProto.STRING if string_labels else TensorProto.INT64, [None]),
                   helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, n_out])]
        op = "TreeEnsembleClassifier"
    else:
        attrs["n_targets"] = n_out
        attrs["aggregate_function"] = str(rng.choice(["SUM", "AVERAGE", "MIN", "MAX"]))
        outputs = [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, n_out])]
        op = "TreeEnsembleRegressor"
    node = helper.make_node(op, ["X"], [o.name for o in outputs], domain="ai.onnx.ml", **attrs)
    graph = helper.make_graph([node], f"case{index}",
                              [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, FEATURES])],
                              outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17),
                                                    helper.make_opsetid("ai.onnx.ml", 3)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    x = rng.choice(np.concatenate([GRID, [np.nan, 0.7, -3.0]]), size=(24, FEATURES)).astype(np.float32)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    try:
        session = ort.InferenceSession(model.SerializeToString(), options,
                                       providers=["CPUExecutionProvider"])
        results = session.run(None, {"X": x})
    except Exception as refused:  # onnxruntime refuses some valid files (BRANCH_EQ layouts)
        return {"refused": str(refused).rsplit("]", 1)[-1].strip()}
    described = []
    for info, value in zip(outputs, results):
        value = np.asarray(value)
        described.append({
            "name": info.name, "shape": list(value.shape),
            "values": [str(v) for v in value.ravel()] if value.dtype.kind in "OUS"
            else [number(v) for v in value.ravel().astype(np.float64)]})
    return {
        "name": f"case{index}", "op": op, "post_transform": post, "modes": mode_set,
        "missing_tracks": missing, "pattern": pattern, "positive_weights": positive,
        "base_values": base_len, "as_tensor": as_tensor, "n_out": n_out,
        "onnx_hex": model.SerializeToString().hex(),
        "input": {"shape": list(x.shape), "values": [number(v) for v in x.ravel()]},
        "outputs": described,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "tests/fixtures/onnx-ml/tree-cases.json")
    parser.add_argument("--cases", type=int, default=240)
    args = parser.parse_args()
    rng = np.random.default_rng(20261207)
    cases, refused = [], []
    while len(cases) < args.cases:
        case = make_case(rng, len(cases))
        (refused if "refused" in case else cases).append(case)
    print(f"onnxruntime refused {len(refused)} generated files; none is kept")
    for reason in sorted({r["refused"][-90:] for r in refused}):
        print("  ", reason)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    made_with = {"onnx": onnx.__version__, "onnxruntime": ort.__version__}
    args.out.write_text(json.dumps({"made_with": made_with, "cases": cases}, separators=(",", ":")) + "\n")
    print(f"{len(cases)} cases written to {args.out}")


if __name__ == "__main__":
    main()
