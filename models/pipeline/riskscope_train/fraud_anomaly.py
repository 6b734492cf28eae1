"""ULB card fraud, unsupervised: an autoencoder trained on legitimate transactions only, whose
reconstruction error is an anomaly score, with the error of every input exposed as an output.

Split: the same time split as the supervised model (fraud_models.time_split). Of the training
period, the legitimate transactions of its first 90 % (by time) train the network and those of
its last 10 % stop it; labels are used for nothing else in training. Cut-off: an alert budget,
not a label: the 99.8th percentile of the anomaly scores of all transactions of the validation
slice, so about 2 in 1,000 transactions like those are sent for review. The held-out figures are
computed by onnxruntime from the exported file on the later 20 %.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import onnxruntime as ort

from . import artefacts, fraud_models, metrics, model_card, nets, reference, reproduction, sample

MODEL_ID = "ulb-fraud-autoencoder"
SEED = 20261122
ALERT_SHARE = 0.002
SCORE = "anomaly_score"
ERRORS = "feature_errors"
TRAINING = nets.Training(epochs=60, batch=512, learning_rate=1e-3, l2=1e-6, patience=4, seed=SEED)
HIDDEN = (20, 8, 20)


def manifest_for(feature_list: list[dict], cutoff: float, bands: list[float]) -> dict:
    manifest = fraud_models.manifest_for(feature_list)
    manifest.update({
        "id": MODEL_ID,
        "title": "Card fraud: autoencoder (unsupervised anomaly score)",
        "description": "How unusual a card transaction is: an autoencoder (layers of 20, 8 and 20 "
                       "units) learnt to reproduce legitimate transactions only; the mean squared "
                       "error of its reconstruction is the anomaly score, and the error of each "
                       "input says where the transaction departs from the usual. It never saw a "
                       "fraud label.",
        "decision": {
            "cutoff": cutoff,
            "at_or_above": "Alert",
            "below": "Pass",
            "rule": f"an alert budget: the {100 * (1 - ALERT_SHARE):.1f}th percentile of the scores of "
                    "the validation slice (the last tenth of the training period), so about "
                    f"{ALERT_SHARE * 1000:.0f} in 1,000 such transactions are alerted; no labels used",
        },
        "risk_bands": [
            {"name": "A", "label": "Typical", "upper": bands[0]},
            {"name": "B", "label": "Unusual", "upper": bands[1]},
            {"name": "C", "label": "Rare", "upper": cutoff},
            {"name": "D", "label": "Anomalous", "upper": None},
        ],
    })
    manifest["model"]["output"] = {"name": SCORE, "column": 0, "kind": "anomaly_score",
                                   "feature_errors": ERRORS}
    manifest["model"]["positive_class"] = "an unusual transaction (possible fraud)"
    return manifest


def run_onnx(onnx_bytes: bytes, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    session = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    score, errors = session.run([SCORE, ERRORS], {"X": x.astype(np.float32)})
    return score[:, 0], errors


def relative_gap(got: np.ndarray, expected: np.ndarray) -> float:
    scale = np.maximum(1.0, np.abs(expected).max(axis=1, keepdims=True))
    return float(np.max(np.abs(got - expected) / scale))


def held_out_metrics(onnx_bytes: bytes, manifest: dict, test_part) -> dict:
    """The held-out figures on the test period, each with its bootstrap interval."""
    names = [f["name"] for f in manifest["features"]]
    score, _ = run_onnx(onnx_bytes, test_part[names].to_numpy(np.float32))
    y = test_part[fraud_models.LABEL].to_numpy()
    held = metrics.ranking_metrics(y, score)
    alerts = score >= manifest["decision"]["cutoff"]
    held["alert_rate"] = float(np.mean(alerts))
    held["precision_at_cutoff"] = float(y[alerts].mean()) if np.any(alerts) else 0.0
    held["recall_at_cutoff"] = float(np.mean(alerts[y == 1]))
    return metrics.with_intervals(y, score, manifest["decision"]["cutoff"], held)


def train(out_dir: Path, csv_path: Path, evaluate: bool = True) -> None:
    train_part, test_part = fraud_models.time_split(csv_path)
    feature_list = fraud_models.features(train_part)
    names = [f["name"] for f in feature_list]
    cut = int(len(train_part) * 0.9)
    fit_part, val_part = train_part.iloc[:cut], train_part.iloc[cut:]
    legit = fraud_models.LABEL
    fit_legit = fit_part[fit_part[legit] == 0]
    x_fit = fit_legit[names].to_numpy(np.float32)
    x_val_legit = val_part[val_part[legit] == 0][names].to_numpy(np.float32)

    log_mask = np.array([n == "Amount" for n in names])
    prep = nets.Preprocess.fit(x_fit, log_mask, np.zeros(len(names), bool))
    net = nets.AutoEncoder(width=len(names), hidden=HIDDEN)
    params, history = nets.train_autoencoder(net, x_fit, x_val_legit, prep, TRAINING)

    val_scores = nets.reconstruction_errors(net, params, prep,
                                            val_part[names].to_numpy(np.float32)).mean(axis=1)
    q90, q99, cutoff = (round(float(np.quantile(val_scores, q)), 4)
                        for q in (0.9, 0.99, 1 - ALERT_SHARE))
    manifest = manifest_for(feature_list, cutoff, [q90, q99])
    onnx_bytes = nets.export_autoencoder(net, params, prep, "X", SCORE, ERRORS,
                                         f"{MODEL_ID}: {manifest['description']}")
    x_test = test_part[names].to_numpy(np.float32)
    expected = nets.reconstruction_errors(net, params, prep, x_test)
    _, onnx_errors = run_onnx(onnx_bytes, x_test)
    # Squared errors reach the thousands on extreme rows, and every error of a row carries the
    # rounding of that row's reconstruction: gaps are relative to the row's largest error (above 1).
    # XLA and onnxruntime round differently (fused multiply-adds, log): 1e-4 of the row's scale.
    gap = relative_gap(onnx_errors, expected)
    if gap > 1e-4:
        raise AssertionError(f"{MODEL_ID}: onnxruntime and JAX disagree by {gap} (relative)")

    report: dict = {}
    if evaluate:
        y = test_part[legit].to_numpy()
        report = {
            "split": f"time split: the first {fraud_models.TRAIN_SHARE:.0%} of transactions by Time "
                     f"train (legitimate ones only: {len(x_fit)} to fit, {len(x_val_legit)} to stop), "
                     f"the last {1 - fraud_models.TRAIN_SHARE:.0%} ({len(test_part)} transactions, "
                     f"{int(y.sum())} frauds) are held out; metrics computed by onnxruntime from "
                     "the exported model",
            "cutoff": cutoff,
            "held_out": held_out_metrics(onnx_bytes, manifest, test_part),
            "intervals": metrics.BOOTSTRAP_METHOD,
            "training": {**TRAINING.__dict__, **history, "hidden": list(HIDDEN),
                         "parameters": nets.count(params)},
            "onnx_vs_jax_max_relative_diff": gap,
        }
    reference.write(
        out_dir, manifest, fraud_models.background(fit_legit, names),
        f"{reference.BACKGROUND_ROWS} transactions drawn at random (seed {reference.SEED}) from the "
        f"{len(fit_legit):,} legitimate transactions of the first 90% of the training period "
        f"(the first {fraud_models.TRAIN_SHARE:.0%} by Time), the data the shipped autoencoder "
        "was fitted on.",
        fraud_models.held_out_sample(onnx_bytes, manifest, test_part), additive=False)
    golden = fraud_models.golden_rows(test_part, feature_list, np.random.default_rng(SEED))
    artefacts.write_model(out_dir, onnx_bytes, manifest, golden, report)
    sample.write(out_dir, manifest, onnx_bytes,
                 fraud_models.labelled_sample(csv_path, len(train_part), test_part, manifest))
    if evaluate:
        model_card.write(out_dir, model_card.anomaly_card(manifest, report))
        x_eval = test_part.iloc[fraud_models.evaluation_rows(test_part)][names].to_numpy(np.float32)

        def retrain(seed: int) -> np.ndarray:
            cfg = dataclasses.replace(TRAINING, seed=seed)
            again, _ = nets.train_autoencoder(net, x_fit, x_val_legit, prep, cfg)
            return nets.reconstruction_errors(net, again, prep, x_eval).mean(axis=1)

        reproduction.record_seed_spread(out_dir, SEED, retrain)


def recheck(model_dir: Path, csv_path: Path) -> float:
    """Largest gap between the committed metrics.json and the metrics (and their intervals)
    recomputed from model.onnx."""
    manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
    recorded = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))["held_out"]
    _, test_part = fraud_models.time_split(csv_path)
    fresh = held_out_metrics((model_dir / "model.onnx").read_bytes(), manifest, test_part)
    return metrics.largest_gap(fresh, recorded)
