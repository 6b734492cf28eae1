"""German Credit, logistic regression: the walking skeleton's model.

Split: stratified 5-fold cross-validation repeated 10 times (seeded); the regularisation
strength is chosen inside each training part by an inner 5-fold search, so the held-out
figures never see their own test rows. The shipped model is refitted on all 1,000 rows.
Cut-off: the Bayes-optimal one for the published 5:1 cost matrix, fixed before looking at
any result: decline when 5 * P(bad) >= 1 * (1 - P(bad)), i.e. P(bad) >= 1/6.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnx.utils
from skl2onnx import to_onnx
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from . import artefacts, encode, german, metrics

MODEL_ID = "german-credit-logistic"
SEED = 20261122
COST_BAD_APPROVED = 5.0
COST_GOOD_DECLINED = 1.0
CUTOFF = COST_GOOD_DECLINED / (COST_GOOD_DECLINED + COST_BAD_APPROVED)
C_GRID = np.logspace(-3, 1, 9)


def search_pipeline() -> Pipeline:
    return Pipeline([
        ("scale", StandardScaler()),
        ("model", LogisticRegressionCV(
            Cs=C_GRID, cv=StratifiedKFold(5, shuffle=True, random_state=SEED),
            scoring="neg_log_loss", max_iter=5000)),
    ])


def final_pipeline(c: float) -> Pipeline:
    return Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(C=c, max_iter=5000))])


def manifest_features(raw) -> list[dict]:
    """The manifest's features, each with its default: the most common category, or the median."""
    features = []
    for spec in german.FEATURES:
        feature = dict(spec)
        column = raw[spec["name"]]
        if spec["kind"] == "category":
            feature["default"] = column.value_counts().idxmax()
        else:
            median = float(np.median(column.astype(float)))
            feature["default"] = round(median) if spec["kind"] == "integer" else median
        feature["training_range"] = (
            None if spec["kind"] == "category"
            else [float(column.astype(float).min()), float(column.astype(float).max())])
        if feature["training_range"] is None:
            del feature["training_range"]
        feature["immutable"] = spec["name"] in german.IMMUTABLE
        features.append(feature)
    return features


def base_manifest(raw) -> dict:
    features = manifest_features(raw)
    manifest = {
        "format_version": 1,
        "id": MODEL_ID,
        "title": "German Credit: logistic regression",
        "task": "credit",
        "description": "Probability that a loan applicant of the German Credit (Statlog) data set turns out a bad credit risk.",
        "features": features,
        "encoding": encode.encoding_blocks(features),
        "model": {
            "file": "model.onnx",
            "sha256": "",
            "input": {"name": "float_input", "columns": 0},
            "output": {"name": "probabilities", "column": 1},
            "positive_class": "bad credit risk (default)",
        },
        "decision": {
            "cutoff": CUTOFF,
            "at_or_above": "Decline",
            "below": "Approve",
            "rule": "Bayes-optimal for the 5:1 cost matrix (a bad applicant approved costs 5, a good one declined costs 1): decline when P(bad) >= 1/6",
        },
        "risk_bands": [
            {"name": "A", "label": "Very low risk", "upper": 0.05},
            {"name": "B", "label": "Low risk", "upper": CUTOFF},
            {"name": "C", "label": "Medium risk", "upper": 0.35},
            {"name": "D", "label": "High risk", "upper": 0.6},
            {"name": "E", "label": "Very high risk", "upper": 1.0},
        ],
    }
    manifest["model"]["input"]["columns"] = encode.input_width(manifest)
    return manifest


def cross_validate(x: np.ndarray, y: np.ndarray) -> dict:
    folds = RepeatedStratifiedKFold(n_splits=5, n_repeats=10, random_state=SEED)
    per_fold, chosen_c = [], []
    for train, test in folds.split(x, y):
        pipe = search_pipeline().fit(x[train], y[train])
        chosen_c.append(float(pipe.named_steps["model"].C_[0]))
        p = pipe.predict_proba(x[test])[:, 1]
        per_fold.append(metrics.binary_metrics(
            y[test], p, CUTOFF, COST_BAD_APPROVED, COST_GOOD_DECLINED))
    return {
        "split": "stratified 5-fold cross-validation repeated 10 times (50 held-out folds of 200), "
                 f"seed {SEED}; C chosen by an inner stratified 5-fold search on log loss",
        "cost_matrix": {"bad_approved": COST_BAD_APPROVED, "good_declined": COST_GOOD_DECLINED},
        "cutoff": CUTOFF,
        "held_out": metrics.summarise(per_fold),
        "chosen_c": {"median": float(np.median(chosen_c)), "min": min(chosen_c), "max": max(chosen_c)},
    }


def golden_rows(raw, manifest: dict, rng: np.random.Generator) -> list[dict[str, str]]:
    """200 real applicants and 56 synthetic ones spanning the allowed ranges (some in UCI codes)."""
    picked = rng.choice(len(raw), size=200, replace=False)
    rows = [dict(raw.iloc[int(i)]) for i in sorted(picked)]
    for k in range(56):
        row = {}
        for f in manifest["features"]:
            if f["kind"] == "category":
                c = f["categories"][int(rng.integers(len(f["categories"])))]
                row[f["name"]] = c["code"] if k % 3 == 0 else c["value"]
            else:
                lo, hi = f["min"], f["max"]
                edge = k % 7
                v = lo if edge == 0 else hi if edge == 1 else rng.uniform(lo, hi)
                row[f["name"]] = str(int(round(v))) if f["kind"] == "integer" else f"{v:.2f}"
        rows.append(row)
    return rows


def train(out_dir: Path, csv_path: Path) -> None:
    raw, y_series = german.load(csv_path)
    manifest = base_manifest(raw)
    rows = raw.to_dict("records")
    x = encode.encode_rows(manifest, rows).astype(np.float64)
    y = y_series.to_numpy()

    report = cross_validate(x, y)
    c = float(search_pipeline().fit(x, y).named_steps["model"].C_[0])
    pipe = final_pipeline(c).fit(x, y)
    report["final_model"] = {"C": c, "rows": int(len(y)), "bad_rate": float(y.mean())}

    onnx_model = to_onnx(
        pipe, x[:1].astype(np.float32), target_opset={"": 17, "ai.onnx.ml": 3},
        options={StandardScaler: {"div": "div"}, LogisticRegression: {"zipmap": False}},
        black_op={"LinearClassifier"},
    )
    # skl2onnx names the input after the sample it was given; the manifest follows it.
    manifest["model"]["input"]["name"] = onnx_model.graph.input[0].name
    # Keep only the probabilities: the app thresholds P(bad) itself, and the label path
    # (ArgMax, ArrayFeatureExtractor) is dead weight that tract need not load.
    onnx_model = onnx.utils.Extractor(onnx_model).extract_model(
        [manifest["model"]["input"]["name"]], [manifest["model"]["output"]["name"]])
    onnx_bytes = onnx_model.SerializeToString()

    # The exported graph must agree with scikit-learn itself before anything is written.
    p_sklearn = pipe.predict_proba(x.astype(np.float32))[:, 1]
    p_onnx = artefacts.run_onnx(onnx_bytes, manifest, x.astype(np.float32))
    gap = float(np.max(np.abs(p_sklearn - p_onnx)))
    if gap > 1e-5:
        raise AssertionError(f"onnxruntime and scikit-learn disagree by {gap}")
    report["onnx_vs_sklearn_max_abs_diff"] = gap

    golden = golden_rows(raw, manifest, np.random.default_rng(SEED))
    artefacts.write_model(out_dir, onnx_bytes, manifest, golden, report)
