"""Golden attributions for the catalog's tree models from the `shap` package: interventional
TreeSHAP (`shap.TreeExplainer(..., feature_perturbation="interventional", model_output="raw")`)
over each model's reference background, one value per input column, on held-out golden rows.

    python -m riskscope_train.shap_golden [--out DIR]

shap reads the trees from the shipped ONNX file itself (its dictionary format: children, split
column, threshold, leaf value), so the oracle and RiskScope explain the same bytes; the rows and
the background are encoded by the pipeline's reference encoder, as the page encodes them.
Thresholds and values are f32 in the file and exact in float64, so shap's `x <= threshold`
compares exactly as the page's f32 comparison does. Writes `<model id>.json` into
tests/fixtures/treeshap, read by tests/tree_shap.rs.
"""

from __future__ import annotations

import argparse
import json
from importlib import metadata
from pathlib import Path

import numpy as np
import onnx
import shap

from . import encode

MODELS_DIR = Path(__file__).resolve().parents[2]
OUT = MODELS_DIR.parent / "tests" / "fixtures" / "treeshap"
MODEL_IDS = ["german-credit-lightgbm", "taiwan-credit-lightgbm", "ulb-fraud-lightgbm"]
ROWS = 12


def trees_of(onnx_path: Path) -> dict:
    """The model's TreeEnsembleClassifier as shap's dictionary of trees (raw margin of class 1)."""
    graph = onnx.load(onnx_path).graph
    (node,) = [n for n in graph.node if n.op_type == "TreeEnsembleClassifier"]
    a = {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}
    if a.get("post_transform", b"NONE") != b"LOGISTIC" or set(a["class_ids"]) != {0}:
        raise SystemExit(f"{onnx_path}: not a binary LOGISTIC ensemble weighing class 0")
    if any(m not in (b"BRANCH_LEQ", b"LEAF") for m in a["nodes_modes"]):
        raise SystemExit(f"{onnx_path}: a branch rule other than BRANCH_LEQ")
    leaf_value = {}
    for t, n, w in zip(a["class_treeids"], a["class_nodeids"], a["class_weights"]):
        leaf_value[(t, n)] = leaf_value.get((t, n), 0.0) + float(np.float32(w))
    by_tree: dict[int, list[int]] = {}
    for i, t in enumerate(a["nodes_treeids"]):
        by_tree.setdefault(t, []).append(i)
    missing = a.get("nodes_missing_value_tracks_true") or [0] * len(a["nodes_treeids"])
    trees = []
    for t, entries in sorted(by_tree.items()):
        position = {a["nodes_nodeids"][i]: k for k, i in enumerate(entries)}
        n = len(entries)
        left, right, default = (np.full(n, -1, dtype=np.int32) for _ in range(3))
        features = np.full(n, -2, dtype=np.int32)
        thresholds = np.zeros(n)
        values = np.zeros((n, 1))
        for k, i in enumerate(entries):
            if a["nodes_modes"][i] == b"LEAF":
                values[k, 0] = leaf_value.get((t, a["nodes_nodeids"][i]), 0.0)
                continue
            left[k] = position[a["nodes_truenodeids"][i]]
            right[k] = position[a["nodes_falsenodeids"][i]]
            default[k] = left[k] if missing[i] else right[k]
            features[k] = a["nodes_featureids"][i]
            thresholds[k] = float(np.float32(a["nodes_values"][i]))
        trees.append({"children_left": left, "children_right": right, "children_default": default,
                      "features": features, "thresholds": thresholds, "values": values,
                      "node_sample_weight": np.ones(n)})
    base = a.get("base_values") or [0.0]
    return {"trees": trees, "base_offset": float(np.float32(base[0])), "tree_output": "raw_value",
            "input_dtype": np.float64, "internal_dtype": np.float64}


def golden(model_id: str) -> dict:
    model_dir = MODELS_DIR / model_id
    manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
    reference = json.loads((model_dir / "reference.json").read_text(encoding="utf-8"))
    rows = json.loads((model_dir / "golden.json").read_text(encoding="utf-8"))["rows"][:ROWS]
    background = encode.encode_rows(manifest, reference["background"]["rows"]).astype(np.float64)
    x = encode.encode_rows(manifest, [r["raw"] for r in rows]).astype(np.float64)
    # The whole background: shap subsamples more than 100 rows unless its masker is told not to.
    masker = shap.maskers.Independent(background, max_samples=len(background))
    explainer = shap.TreeExplainer(trees_of(model_dir / "model.onnx"), data=masker,
                                   feature_perturbation="interventional", model_output="raw")
    if explainer.data.shape != background.shape:
        raise SystemExit(f"{model_id}: shap explains against {explainer.data.shape[0]} rows, "
                         f"not the reference's {background.shape[0]}")
    values = explainer.shap_values(x, check_additivity=True)
    return {
        "model": model_id,
        "about": ("shap's interventional TreeSHAP on the raw margin (log-odds) against the "
                  "model's reference background, one value per encoded input column; written by "
                  "python -m riskscope_train.shap_golden"),
        "shap": metadata.version("shap"),
        "expected_value": float(np.asarray(explainer.expected_value).reshape(-1)[0]),
        "rows": [{"raw": r["raw"], "shap": [float(v) for v in values[i]]}
                 for i, r in enumerate(rows)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for model_id in MODEL_IDS:
        case = golden(model_id)
        (args.out / f"{model_id}.json").write_text(json.dumps(case, indent=1) + "\n", encoding="utf-8")
        print(f"{model_id}: {len(case['rows'])} rows, expected value {case['expected_value']:.6f}")


if __name__ == "__main__":
    main()
