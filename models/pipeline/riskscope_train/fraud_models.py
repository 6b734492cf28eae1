"""ULB card fraud, supervised: probability that a card transaction is fraud, from a neural
network (MLP) and from gradient-boosted trees (LightGBM), trained and judged alike.

Split, by time (shared/DATA.md): transactions sorted by `Time`; the first 80 % train the model
(its early stopping holds out a seeded 10 % of them), the last 20 % are the held-out test, never
seen in training. The shipped model is the one trained on the first 80 %, so the held-out
figures can be recomputed from the committed ONNX file. `Time` itself (seconds since the first
transaction of the two-day window) is not an input: it says when in this file, not what kind
of transaction. The trees choose their number by early stopping on the training period's last
10 % (by time), and are then refitted on that 90 %. Cut-off: 0.5, the classifier's own threshold (the model is trained on the true
fraud rate, so P >= 0.5 means fraud is the likelier label); cost- and capacity-based cut-offs
are the decision-support work that builds on this.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from . import (artefacts, encode, metrics, model_card, policy, reasons, reference, reproduction,
               sample, trees)

MODEL_ID = "ulb-fraud-mlp"
SEED = 20261122
TRAIN_SHARE = 0.8
CUTOFF = 0.5
V_COLUMNS = [f"V{k}" for k in range(1, 29)]
# reference.json keeps every held-out fraud but only this many legitimate transactions.
REFERENCE_LEGIT = 5000
LABEL = "Class"
# sample.csv keeps every fraud of the test period and enough legitimate transactions to make this many rows.
SAMPLE_ROWS = 5000


def features(train: pd.DataFrame) -> list[dict]:
    """V1..V28 and Amount; allowed ranges are the training range widened by half its span each way."""
    out = []
    for name in V_COLUMNS + ["Amount"]:
        x = train[name].to_numpy(np.float64)
        lo, hi = float(x.min()), float(x.max())
        span = hi - lo
        spec = {
            "name": name,
            "label": "Amount" if name == "Amount" else f"Component {name}",
            "kind": "number",
            "description": (
                "Transaction amount, in the data set's currency (euros)." if name == "Amount" else
                f"Principal component {name[1:]} of the transaction's original features, "
                "anonymised by the data's publishers."),
            "min": 0.0 if name == "Amount" else round(lo - span / 2, 2),
            "max": round(hi + span / 2, 2),
            "default": float(np.median(x)),
            "training_range": [lo, hi],
            "immutable": False,
            "reason": (reasons.level("Transaction amount") if name == "Amount" else
                       reasons.level(f"Anonymised component {name}", "unusually high",
                                     "unusually low")),
        }
        if name == "Amount":
            spec["unit"] = "EUR"
        reasons.check(spec)
        # The components have no natural bounds: every number is scored, outside values noted.
        out.append(policy.propose(spec, outside="flag"))
    return out


def manifest_for(feature_list: list[dict], recipe: "Recipe | None" = None) -> dict:
    recipe = recipe or MLP
    manifest = {
        "format_version": 1,
        "id": recipe.model_id,
        "title": recipe.title,
        "task": "fraud",
        "description": recipe.description,
        "features": feature_list,
        "encoding": encode.one_hot_and_numeric(feature_list),
        "model": {
            "file": "model.onnx",
            "sha256": "",
            "input": {"name": "X", "columns": len(feature_list)},
            "output": {"name": "probabilities", "column": 1},
            "positive_class": "fraud",
        },
        "decision": {
            "cutoff": CUTOFF,
            "at_or_above": "Alert",
            "below": "Pass",
            "rule": "the classifier's own threshold: alert when fraud is the likelier label, P(fraud) >= 0.5",
        },
        "risk_bands": [
            {"name": "A", "label": "Typical", "upper": 0.001},
            {"name": "B", "label": "Unusual", "upper": 0.01},
            {"name": "C", "label": "Suspicious", "upper": CUTOFF},
            {"name": "D", "label": "Likely fraud", "upper": 1.0},
        ],
    }
    return manifest


def as_raw(frame: pd.DataFrame, names: list[str]) -> list[dict[str, str]]:
    """Rows as a user's CSV would give them: every number as text, at full precision."""
    return [{n: repr(float(v)) for n, v in zip(names, row)} for row in frame[names].to_numpy()]


def golden_rows(test: pd.DataFrame, feature_list: list[dict], rng) -> list[dict[str, str]]:
    """200 held-out transactions (50 of them frauds) and 56 synthetic ones across the allowed ranges."""
    names = [f["name"] for f in feature_list]
    frauds = test[test[LABEL] == 1]
    legit = test[test[LABEL] == 0]
    picked = pd.concat([frauds.sample(min(50, len(frauds)), random_state=SEED),
                        legit.sample(200 - min(50, len(frauds)), random_state=SEED)]).sort_index()
    rows = as_raw(picked, names)
    for k in range(56):
        row = {}
        for f in feature_list:
            edge = k % 7
            v = f["min"] if edge == 0 else f["max"] if edge == 1 else rng.uniform(f["min"], f["max"])
            row[f["name"]] = repr(float(v))
        rows.append(row)
    return rows


def time_split(csv_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = pd.read_csv(csv_path)
    frame[LABEL] = frame[LABEL].astype(int)
    frame = frame.sort_values("Time", kind="stable").reset_index(drop=True)
    cut = int(len(frame) * TRAIN_SHARE)
    return frame.iloc[:cut], frame.iloc[cut:]


def held_out_metrics(onnx_bytes: bytes, manifest: dict, test_part: pd.DataFrame) -> dict:
    """The held-out figures, computed by onnxruntime from the exported model on the test period,
    each with its bootstrap interval (metrics.with_intervals)."""
    names = [f["name"] for f in manifest["features"]]
    p = artefacts.run_onnx(onnx_bytes, manifest, test_part[names].to_numpy(np.float32))
    y = test_part[LABEL].to_numpy()
    held = metrics.binary_metrics(y, p, CUTOFF, 1.0, 1.0)
    del held["cost_per_applicant"], held["approval_rate"]
    alerts = p >= CUTOFF
    held["alert_rate"] = float(np.mean(alerts))
    held["precision_at_cutoff"] = float(y[alerts].mean()) if np.any(alerts) else 0.0
    held["recall_at_cutoff"] = float(np.mean(alerts[y == 1]))
    return metrics.with_intervals(y, p, CUTOFF, held)


def held_out_sample(onnx_bytes: bytes, manifest: dict, test_part: pd.DataFrame) -> dict:
    """reference.json's evaluation rows: every fraud of the test period and REFERENCE_LEGIT
    legitimate transactions drawn at random, each standing for n_legit / REFERENCE_LEGIT, so
    weighted counts reproduce the whole test period."""
    names = [f["name"] for f in manifest["features"]]
    y = test_part[LABEL].to_numpy()
    legit = np.flatnonzero(y == 0)
    keep = evaluation_rows(test_part)
    weight = len(legit) / REFERENCE_LEGIT
    n_fraud = int(y.sum())
    what = ("the anomaly score" if manifest["model"]["output"].get("kind") == "anomaly_score"
            else "P(fraud)")
    return reference.evaluation(
        f"The held-out test period (the last {1 - TRAIN_SHARE:.0%} of transactions by Time: "
        f"{len(y):,} transactions, {n_fraud} frauds), never seen in training: all {n_fraud} frauds, "
        f"each weighted 1, and {REFERENCE_LEGIT:,} legitimate transactions drawn at random "
        f"(seed {reference.SEED}), each weighted {len(legit):,} / {REFERENCE_LEGIT:,} = "
        f"{reference.significant(weight, 6):g} so that weighted counts reproduce the test period; "
        f"scored ({what}) by onnxruntime with this model.onnx.",
        artefacts.run_onnx(onnx_bytes, manifest, test_part.iloc[keep][names].to_numpy(np.float32)),
        y[keep], np.where(y[keep] == 1, 1.0, weight))


def evaluation_rows(test_part: pd.DataFrame) -> np.ndarray:
    """Positions in the test period of reference.json's evaluation rows (held_out_sample)."""
    y = test_part[LABEL].to_numpy()
    legit = np.flatnonzero(y == 0)
    return np.sort(np.concatenate([np.flatnonzero(y == 1),
                                   legit[reference.draw(len(legit), REFERENCE_LEGIT)]]))


def labelled_sample(csv_path: Path, cut: int, test_part: pd.DataFrame,
                    manifest: dict) -> sample.Sample:
    """sample.csv: every fraud of the test period and legitimate transactions of it drawn at
    random (seed reference.SEED), SAMPLE_ROWS in all, in time order, with creditcard.csv's
    columns and each cell's text as that file writes it (Class as 0 or 1).

    Legitimate transactions are drawn from those within the manifest's ranges only, so the app
    scores every row of the file (the test period has one outside them: V5 = -113.7, V7 = 120.6).
    The file is in time order (checked here), so the stable sort of time_split leaves every row
    in place and test-period position k is the file's data row cut + k."""
    y = test_part[LABEL].to_numpy()
    features = manifest["features"]
    x = test_part[[f["name"] for f in features]].to_numpy()
    accepted = np.all((x >= [f["min"] for f in features]) & (x <= [f["max"] for f in features]),
                      axis=1)
    legit = np.flatnonzero((y == 0) & accepted)
    n_fraud = int(y.sum())
    n_legit = SAMPLE_ROWS - n_fraud
    keep = np.concatenate([np.flatnonzero(y == 1), legit[reference.draw(len(legit), n_legit)]])
    wanted = {cut + int(k): int(k) for k in keep}
    times = test_part["Time"].to_numpy()
    rows, previous = [], -math.inf
    with csv_path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        columns = next(reader)
        for i, row in enumerate(reader):
            time = float(row[0])
            if time < previous:
                raise ValueError(f"{csv_path}: data row {i + 1} is earlier than the one before; "
                                 "the sample assumes the file is in time order")
            previous = time
            k = wanted.get(i)
            if k is not None:
                if abs(time - times[k]) > 1e-9 * max(1.0, abs(time)) or int(row[-1]) != y[k]:
                    raise AssertionError(f"{csv_path}: data row {i + 1} is not test row {k}")
                rows.append(row[:-1] + [str(int(row[-1]))])
    if columns[-1] != LABEL or len(rows) != SAMPLE_ROWS:
        raise AssertionError(f"{csv_path}: {len(rows)} sample rows, label column {columns[-1]!r}")
    return sample.Sample(
        columns, rows, LABEL, [],
        f"The later-in-time test period (the last {1 - TRAIN_SHARE:.0%} by Time): all {n_fraud} "
        f"frauds and {n_legit:,} of its {int((y == 0).sum()):,} legitimate transactions, drawn at "
        "random from those within the manifest's ranges (fraud is over-represented, so "
        "precision is higher than in the full stream).")


def background(fitted: pd.DataFrame, names: list[str]) -> list[dict[str, str]]:
    """reference.json's background: rows drawn at random from those the model was fitted on."""
    return as_raw(fitted.iloc[reference.draw(len(fitted))], names)


def recheck(model_dir: Path, csv_path: Path) -> float:
    """Largest gap between the committed metrics.json and the metrics (and their intervals)
    recomputed from model.onnx."""
    manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
    recorded = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))["held_out"]
    _, test_part = time_split(csv_path)
    fresh = held_out_metrics((model_dir / "model.onnx").read_bytes(), manifest, test_part)
    return metrics.largest_gap(fresh, recorded)


def train(recipe: "Recipe", out_dir: Path, csv_path: Path, evaluate: bool = True) -> None:
    """Trains and writes one model (its card is written by `write_cards`, once every model of
    the data set has its metrics)."""
    train_part, test_part = time_split(csv_path)
    cut = len(train_part)

    feature_list = features(train_part)
    manifest = manifest_for(feature_list, recipe)
    names = [f["name"] for f in feature_list]
    x_train = train_part[names].to_numpy(np.float32).astype(np.float64)
    y_train = train_part[LABEL].to_numpy()
    model = recipe.fit(x_train, y_train, SEED)

    onnx_bytes = recipe.export(model, x_train, manifest)
    report: dict = {}
    if evaluate:
        x_test = test_part[names].to_numpy(np.float32)
        y = test_part[LABEL].to_numpy()
        held = held_out_metrics(onnx_bytes, manifest, test_part)
        report = {
            "split": f"time split: the first {TRAIN_SHARE:.0%} of transactions by Time train, the "
                     f"last {1 - TRAIN_SHARE:.0%} ({len(test_part)} transactions, {int(y.sum())} frauds) "
                     "are held out; metrics computed by onnxruntime from the exported model",
            "cutoff": CUTOFF,
            "held_out": held,
            "intervals": metrics.BOOTSTRAP_METHOD,
            "test_frauds": int(y.sum()),
            "train_rows": int(cut),
            "train_frauds": int(train_part[LABEL].sum()),
            "onnx_vs_sklearn_max_abs_diff": artefacts.check_against_sklearn(
                model, onnx_bytes, manifest, x_test.astype(np.float64)),
        }
        if recipe.training is not None:
            report["training"] = recipe.training(model)
    reference.write(
        out_dir, manifest, background(train_part, names),
        f"{reference.BACKGROUND_ROWS} transactions drawn at random (seed {reference.SEED}) from the "
        f"{cut:,} of the training period (the first {TRAIN_SHARE:.0%} by Time), the data the "
        "shipped model was fitted on.",
        held_out_sample(onnx_bytes, manifest, test_part), additive=False)
    golden = golden_rows(test_part, feature_list, np.random.default_rng(SEED))
    artefacts.write_model(out_dir, onnx_bytes, manifest, golden, report)
    sample.write(out_dir, manifest, onnx_bytes, labelled_sample(csv_path, cut, test_part, manifest))
    if evaluate:
        x_eval = test_part.iloc[evaluation_rows(test_part)][names].to_numpy(np.float32).astype(np.float64)
        reproduction.record_seed_spread(
            out_dir, SEED, lambda seed: recipe.fit(x_train, y_train, seed).predict_proba(x_eval)[:, 1])


def write_cards(out_root: Path, csv_path: Path) -> None:
    """Every supervised fraud model's card, each comparing the models on the same time split:
    side by side with their own intervals, and the trees less the network with a paired
    bootstrap over the whole test period, both scored by onnxruntime from the written files."""
    _, test_part = time_split(csv_path)
    y = test_part[LABEL].to_numpy()
    manifests, reports, scores = {}, {}, {}
    for recipe in RECIPES:
        folder = out_root / recipe.model_id
        manifests[recipe.model_id] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        reports[recipe.model_id] = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
        names = [f["name"] for f in manifests[recipe.model_id]["features"]]
        scores[recipe.model_id] = artefacts.run_onnx(
            (folder / "model.onnx").read_bytes(), manifests[recipe.model_id],
            test_part[names].to_numpy(np.float32))
    a, b = TREES.model_id, MLP.model_id
    difference = {"models": [a, b], "metrics": metrics.paired_difference(y, scores[a], scores[b])}
    for recipe in RECIPES:
        model_card.write(out_root / recipe.model_id, model_card.fraud_card(
            manifests[recipe.model_id], reports[recipe.model_id], reports, difference))


def fit_mlp(x_train: np.ndarray, y_train: np.ndarray, seed: int) -> Pipeline:
    """The shipped recipe: scaling and an MLP (its initial weights, batches and early-stopping
    slice drawn with `seed`)."""
    return Pipeline([
        ("scale", StandardScaler()),
        ("model", MLPClassifier(hidden_layer_sizes=(64, 32), alpha=1e-3, batch_size=512,
                                learning_rate_init=1e-3, max_iter=30, early_stopping=True,
                                validation_fraction=0.1, n_iter_no_change=5, random_state=seed)),
    ]).fit(x_train, y_train)


TREE_SETTINGS = trees.Settings(learning_rate=0.05, num_leaves=31, max_depth=6,
                               min_child_samples=50, metric="average_precision")
# The trees' validation part: the training period's last tenth, by time.
TREE_VALIDATION_SHARE = 0.1


def fit_trees(x_train: np.ndarray, y_train: np.ndarray, seed: int):
    """LightGBM, its number of trees chosen on the training period's last tenth (by time: the
    rows are in time order), watching average precision; fitted on the first nine tenths."""
    cut = int(len(y_train) * (1 - TREE_VALIDATION_SHARE))
    return trees.fit(TREE_SETTINGS, seed, x_train[:cut], y_train[:cut], x_train[cut:], y_train[cut:])


def tree_training(model) -> dict:
    return {"about": f"LightGBM: {TREE_SETTINGS.about()}; the number of trees chosen by early "
                     f"stopping (patience {trees.PATIENCE}) on average precision over the "
                     f"training period's last {TREE_VALIDATION_SHARE:.0%} by time, then fitted "
                     f"on the first {1 - TREE_VALIDATION_SHARE:.0%}",
            **trees.shape(model)}


@dataclass(frozen=True)
class Recipe:
    model_id: str
    title: str
    description: str
    fit: Callable[[np.ndarray, np.ndarray, int], object]
    export: Callable[[object, np.ndarray, dict], bytes]
    # What the card says of the fitted model beyond the recipe (none for the MLP).
    training: Callable[[object], dict] | None


MLP = Recipe(
    MODEL_ID, "Card fraud: neural network (MLP)",
    "Probability that a card transaction of the ULB credit-card data set is fraud: a neural "
    "network (two hidden layers, 64 and 32 ReLU units) on the 28 anonymised components and the "
    "amount.",
    fit_mlp, artefacts.export_sklearn, None)
TREES = Recipe(
    "ulb-fraud-lightgbm", "Card fraud: gradient-boosted trees (LightGBM)",
    "Probability that a card transaction of the ULB credit-card data set is fraud: gradient-"
    "boosted decision trees (LightGBM, depth at most 6) on the 28 anonymised components and the "
    "amount, exported with onnxmltools' defaults.",
    fit_trees, lambda model, x, manifest: trees.export(model, x.shape[1], "X", manifest["id"]), tree_training)
RECIPES = [MLP, TREES]
