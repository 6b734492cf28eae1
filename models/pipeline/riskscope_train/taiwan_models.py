"""Taiwan credit-card default: an LSTM over the six-month history, a non-sequential MLP
baseline and gradient-boosted trees (LightGBM), trained on the same split so the teaching points
(does the sequence help? do deep models beat trees on this table?) are measured.

Split: a stratified hold-out of 20 % (seeded) is never seen in training; of the other 80 %, a
stratified 10 % is the validation slice that early stopping and the cut-off are chosen on. The
shipped model is the one trained on the remaining 72 %, so the held-out figures can be
recomputed from the committed ONNX file. Cut-off: the score where the validation slice's KS
(true-positive rate minus false-positive rate) peaks, the classic scorecard rule when no cost
matrix is published for the data. The trees choose their number by early stopping on the same
validation slice (AUC), as the networks choose their epoch.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve
from sklearn.model_selection import train_test_split

from . import (artefacts, encode, metrics, model_card, nets, reference, reproduction, sample,
               taiwan, trees)

SEED = 20261122
TEST_SHARE = 0.2
VALIDATION_SHARE = 0.1
OUTPUT = "probability"
# sample.csv: the label column as the original UCI file names it (1 = default next month), and
# the groups its fairness figures are by.
SAMPLE_LABEL = "default payment next month"
SAMPLE_GROUPS = ["SEX", sample.AGE_BAND]


@dataclass(frozen=True)
class Recipe:
    model_id: str
    title: str
    description: str
    sequential: bool
    training: nets.Training


TRAINING = nets.Training(epochs=40, batch=256, learning_rate=2e-3, l2=1e-5, patience=6, seed=SEED)
LSTM = Recipe(
    "taiwan-credit-lstm", "Taiwan cards: LSTM over six months",
    "Probability that a credit-card holder of the Taiwan data set defaults next month: an LSTM "
    "(32 units) reads the six months of repayment status, bill and payment, oldest first; its "
    "last state joins the static attributes in a small dense head.",
    True, TRAINING)
BASELINE = Recipe(
    "taiwan-credit-mlp", "Taiwan cards: MLP baseline (no sequence)",
    "The non-sequential baseline for the LSTM: a neural network (two hidden layers of 32 ReLU "
    "units) on exactly the same inputs and split, with the months as unordered columns.",
    False, TRAINING)
RECIPES = [LSTM, BASELINE]


@dataclass(frozen=True)
class TreeRecipe:
    model_id: str
    title: str
    description: str


TREES = TreeRecipe(
    "taiwan-credit-lightgbm", "Taiwan cards: gradient-boosted trees (LightGBM)",
    "Probability that a credit-card holder of the Taiwan data set defaults next month: "
    "gradient-boosted decision trees (LightGBM, depth at most 6) on the same inputs and split as "
    "the networks; the risk may only fall as the credit limit or an amount paid rises. Exported "
    "with onnxmltools' defaults.")
# The bank's own credit limit and the amounts paid have a direction the domain fixes: a higher
# limit or a larger payment never raises the risk. Statuses are one-hot columns; bills are free.
MONOTONE = {"LIMIT_BAL": -1, **{f"PAY_AMT{k}": -1 for k in range(1, 7)}}
TREE_OUTPUT = "probabilities"


def tree_settings(manifest: dict) -> trees.Settings:
    return trees.Settings(learning_rate=0.05, num_leaves=31, max_depth=6, min_child_samples=50,
                          monotone=trees.monotone_columns(manifest, MONOTONE), metric="auc")


def manifest_for(recipe: Recipe, features: list[dict], cutoff: float) -> dict:
    by_name = {f["name"]: f for f in features}
    manifest = {
        "format_version": 1,
        "id": recipe.model_id,
        "title": recipe.title,
        "task": "credit",
        "description": recipe.description,
        "features": features,
        "encoding": encode.one_hot_and_numeric([by_name[n] for n in taiwan.model_order()]),
        "sequence": taiwan.sequence_spec(),
        "model": {
            "file": "model.onnx",
            "sha256": "",
            "input": {"name": "X", "columns": 0},
            "output": {"name": OUTPUT, "column": 0},
            "positive_class": "default next month",
        },
        "decision": {
            "cutoff": cutoff,
            "at_or_above": "Decline",
            "below": "Approve",
            "rule": "the score where KS (true-positive minus false-positive rate) peaks on the "
                    "validation slice of the training data; no cost matrix is published for this data",
        },
        "risk_bands": [
            {"name": "A", "label": "Very low risk", "upper": 0.1},
            {"name": "B", "label": "Low risk", "upper": cutoff},
            {"name": "C", "label": "Medium risk", "upper": 0.5},
            {"name": "D", "label": "High risk", "upper": 0.7},
            {"name": "E", "label": "Very high risk", "upper": 1.0},
        ],
    }
    manifest["model"]["input"]["columns"] = encode.input_width(manifest)
    return manifest


def column_masks(manifest: dict) -> tuple[np.ndarray, np.ndarray]:
    """Which encoded columns get the signed log (money), and which pass unscaled (one-hot)."""
    by_name = {f["name"]: f for f in manifest["features"]}
    log_mask, pass_mask = [], []
    for block in manifest["encoding"]:
        feature = by_name[block["feature"]]
        width = encode.block_width(block, feature)
        log_mask += [feature.get("unit") == "NT$"] * width
        pass_mask += [block["kind"] == "one_hot"] * width
    return np.array(log_mask), np.array(pass_mask)


def network(recipe: Recipe, manifest: dict):
    width = manifest["model"]["input"]["columns"]
    by_name = {f["name"]: f for f in manifest["features"]}
    static = sum(encode.block_width(b, by_name[b["feature"]])
                 for b in manifest["encoding"][:len(taiwan.STATIC)])
    if recipe.sequential:
        channels = (width - static) // taiwan.SEQUENCE_STEPS
        return nets.SequenceNet(static=static, steps=taiwan.SEQUENCE_STEPS, channels=channels,
                                hidden=32, head=16)
    return nets.FlatNet(width=width, hidden=(32, 32))


def ks_cutoff(y: np.ndarray, p: np.ndarray) -> float:
    fpr, tpr, thresholds = roc_curve(y, p)
    return round(float(thresholds[int(np.argmax(tpr - fpr))]), 4)


@dataclass
class Prepared:
    """Everything a recipe trains from: rows, labels, split, manifest (cut-off still 0), the
    encoded inputs, their preprocessing (fitted on the fit part) and the network."""

    raw: object
    y: np.ndarray
    parts: "Split"
    manifest: dict
    x: np.ndarray
    prep: nets.Preprocess
    net: object


def prepare(recipe: Recipe | TreeRecipe, csv_path: Path) -> Prepared:
    """The networks' preprocessing and network are fitted and built only for a network."""
    raw, y_series = taiwan.load(csv_path)
    y = y_series.to_numpy()
    parts = split(y)
    training_rows = raw.iloc[np.concatenate([parts.fit, parts.val])]
    features = encode.manifest_features(taiwan.features_in_file_order(), training_rows,
                                        taiwan.IMMUTABLE, taiwan.RECOURSE)
    manifest = manifest_for(recipe, features, cutoff=0.0)
    x = encode.encode_rows(manifest, raw.to_dict("records"))
    if isinstance(recipe, TreeRecipe):
        manifest["model"]["output"] = {"name": TREE_OUTPUT, "column": 1}
        return Prepared(raw, y, parts, manifest, x, None, None)
    prep = nets.Preprocess.fit(x[parts.fit], *column_masks(manifest))
    return Prepared(raw, y, parts, manifest, x, prep, network(recipe, manifest))


@dataclass
class Split:
    fit: np.ndarray
    val: np.ndarray
    test: np.ndarray


def split(y: np.ndarray) -> Split:
    rest, test = train_test_split(np.arange(len(y)), test_size=TEST_SHARE, stratify=y,
                                  random_state=SEED)
    fit, val = train_test_split(rest, test_size=VALIDATION_SHARE, stratify=y[rest],
                                random_state=SEED)
    return Split(np.sort(fit), np.sort(val), np.sort(test))


def split_text(parts: Split, y: np.ndarray) -> str:
    """metrics.json's `split`, the same for every Taiwan model."""
    return (f"stratified hold-out: {len(parts.test)} clients ({int(y[parts.test].sum())} "
            f"defaulters) never seen in training, seed {SEED}; early stopping and the cut-off on a "
            f"stratified validation slice of {len(parts.val)}, training on {len(parts.fit)}; "
            "metrics computed by onnxruntime from the exported model")


def held_out_metrics(onnx_bytes: bytes, manifest: dict, x_test: np.ndarray, y_test: np.ndarray) -> dict:
    """The held-out figures, computed by onnxruntime from the exported model, each with its
    bootstrap interval (metrics.with_intervals)."""
    p = artefacts.run_onnx(onnx_bytes, manifest, x_test)
    cutoff = manifest["decision"]["cutoff"]
    held = metrics.binary_metrics(y_test, p, cutoff, 1.0, 1.0)
    del held["cost_per_applicant"]
    return metrics.with_intervals(y_test, p, cutoff, held)


def golden_rows(raw, test_idx: np.ndarray, y: np.ndarray, features: list[dict],
                rng: np.random.Generator) -> list[dict[str, str]]:
    """200 held-out clients (100 defaulters) with their six months, and 56 synthetic ones."""
    test_y = y[test_idx]
    picked = np.concatenate([rng.choice(test_idx[test_y == 1], 100, replace=False),
                             rng.choice(test_idx[test_y == 0], 100, replace=False)])
    rows = [dict(raw.iloc[int(i)]) for i in np.sort(picked)]
    for k in range(56):
        row = {}
        for f in features:
            if f["kind"] == "category":
                row[f["name"]] = f["categories"][int(rng.integers(len(f["categories"])))]["value"]
            else:
                edge = k % 7
                v = f["min"] if edge == 0 else f["max"] if edge == 1 else rng.uniform(f["min"], f["max"])
                row[f["name"]] = str(int(round(v))) if f["kind"] == "integer" else f"{v:.2f}"
        rows.append(row)
    return rows


def train_all(out_root: Path, csv_path: Path, evaluate: bool = True,
              only: set[str] | None = None) -> list[str]:
    """Trains the LSTM, its baseline and the trees (or those in `only`); each card compares
    the three."""
    for recipe in RECIPES:
        if only is not None and recipe.model_id not in only:
            continue
        report = train(recipe, out_root / recipe.model_id, csv_path, evaluate)
        if evaluate:
            seeds = [recipe.training.seed] + [recipe.training.seed + k for k in reproduction.SEED_OFFSETS]
            y_test, scores = seed_scores(recipe, csv_path, seeds)
            report["seed_auc"] = [float(roc_auc_score(y_test, s)) for s in scores]
            artefacts.write_json(out_root / recipe.model_id / "metrics.json", report)
            reproduction.record_seed_spread(out_root / recipe.model_id, recipe.training.seed,
                                            dict(zip(seeds, scores)).__getitem__)
    if only is None or TREES.model_id in only:
        train_trees(out_root / TREES.model_id, csv_path, evaluate)
    if evaluate:
        write_cards(out_root)
    return [r.model_id for r in RECIPES] + [TREES.model_id]


def write_cards(out_root: Path) -> None:
    """Every Taiwan model's card: the three side by side with their own intervals, and each pair
    compared by a paired bootstrap over the same held-out clients (reference.json's evaluation
    rows: the whole hold-out, in the same order for every model)."""
    ids = [r.model_id for r in RECIPES] + [TREES.model_id]
    reports, scored = {}, {}
    for model_id in ids:
        reports[model_id] = json.loads((out_root / model_id / "metrics.json").read_text(encoding="utf-8"))
        scored[model_id] = json.loads((out_root / model_id / reference.FILE).read_text(encoding="utf-8"))["evaluation"]
    y = np.array(scored[ids[0]]["label"])
    pairs = [(TREES.model_id, LSTM.model_id), (TREES.model_id, BASELINE.model_id),
             (LSTM.model_id, BASELINE.model_id)]
    differences = []
    for a, b in pairs:
        if scored[a]["label"] != scored[b]["label"]:
            raise AssertionError(f"{a} and {b}: not the same evaluation rows")
        differences.append((a, b, metrics.paired_difference(
            y, np.array(scored[a]["score"]), np.array(scored[b]["score"]))))
    for model_id in ids:
        manifest = json.loads((out_root / model_id / "manifest.json").read_text(encoding="utf-8"))
        model_card.write(out_root / model_id,
                         model_card.taiwan_card(manifest, reports[model_id], reports, differences))


def train_trees(out_dir: Path, csv_path: Path, evaluate: bool = True) -> None:
    """The trees on the networks' split: fitted on the fit part, their number and the cut-off
    chosen on the validation slice, judged on the hold-out from the exported file."""
    p = prepare(TREES, csv_path)
    raw, y, parts, manifest, x = p.raw, p.y, p.parts, p.manifest, p.x
    settings = tree_settings(manifest)

    def fit(seed: int):
        return trees.fit(settings, seed, x[parts.fit], y[parts.fit], x[parts.val], y[parts.val])

    model = fit(SEED)
    manifest["decision"]["cutoff"] = ks_cutoff(y[parts.val], model.predict_proba(x[parts.val])[:, 1])
    manifest["risk_bands"][1]["upper"] = manifest["decision"]["cutoff"]
    onnx_bytes = trees.export(model, x.shape[1], "X", TREES.model_id)
    gap = artefacts.check_against_sklearn(model, onnx_bytes, manifest, x[parts.test])
    report: dict = {}
    if evaluate:
        shape = trees.shape(model)
        report = {
            "split": split_text(parts, y),
            "cutoff": manifest["decision"]["cutoff"],
            "held_out": held_out_metrics(onnx_bytes, manifest, x[parts.test], y[parts.test]),
            "intervals": metrics.BOOTSTRAP_METHOD,
            "training": {"about": f"LightGBM: {settings.about()}; the number of trees chosen by "
                                  f"early stopping (patience {trees.PATIENCE}) on the validation "
                                  "slice's AUC",
                         **shape, "seed": SEED,
                         # A leaf value per leaf and a threshold per split.
                         "parameters": 2 * shape["leaves"] - shape["trees"]},
            "onnx_vs_lightgbm_max_abs_diff": gap,
        }
    write_reference(out_dir, onnx_bytes, p)
    golden = golden_rows(raw, parts.test, y, manifest["features"], np.random.default_rng(SEED))
    artefacts.write_model(out_dir, onnx_bytes, manifest, golden, report)
    sample.write(out_dir, manifest, onnx_bytes, labelled_sample(p, taiwan.load_ids(csv_path)))
    if evaluate:
        seeds = [SEED + k for k in reproduction.SEED_OFFSETS]
        scores = {s: fit(s).predict_proba(x[parts.test])[:, 1] for s in seeds}
        report["seed_auc"] = [float(roc_auc_score(y[parts.test], s))
                              for s in [artefacts.run_onnx(onnx_bytes, manifest, x[parts.test])]
                              + list(scores.values())]
        artefacts.write_json(out_dir / "metrics.json", report)
        reproduction.record_seed_spread(out_dir, SEED, scores.__getitem__)


def train(recipe: Recipe, out_dir: Path, csv_path: Path, evaluate: bool = True) -> dict:
    p = prepare(recipe, csv_path)
    raw, y, parts, manifest, x, prep, net = p.raw, p.y, p.parts, p.manifest, p.x, p.prep, p.net
    features = manifest["features"]
    params, history = nets.train_classifier(net, x[parts.fit], y[parts.fit], x[parts.val],
                                            y[parts.val], prep, recipe.training)
    manifest["decision"]["cutoff"] = ks_cutoff(y[parts.val], nets.predict(net, params, prep, x[parts.val]))
    manifest["risk_bands"][1]["upper"] = manifest["decision"]["cutoff"]

    onnx_bytes = nets.export_classifier(net, params, prep, "X", x.shape[1], OUTPUT,
                                        f"{recipe.model_id}: {recipe.description}")
    gap = nets.check_parity(onnx_bytes, "X", OUTPUT, x[parts.test],
                            nets.predict(net, params, prep, x[parts.test]), recipe.model_id)
    report: dict = {}
    if evaluate:
        held = held_out_metrics(onnx_bytes, manifest, x[parts.test], y[parts.test])
        report = {
            "split": split_text(parts, y),
            "cutoff": manifest["decision"]["cutoff"],
            "held_out": held,
            "intervals": metrics.BOOTSTRAP_METHOD,
            "training": {**recipe.training.__dict__, **history, "parameters": nets.count(params)},
            "onnx_vs_jax_max_abs_diff": gap,
        }
    write_reference(out_dir, onnx_bytes, p)
    golden = golden_rows(raw, parts.test, y, features, np.random.default_rng(SEED))
    artefacts.write_model(out_dir, onnx_bytes, manifest, golden, report)
    sample.write(out_dir, manifest, onnx_bytes, labelled_sample(p, taiwan.load_ids(csv_path)))
    return report


def labelled_sample(p: Prepared, ids: list[int] | None) -> sample.Sample:
    """sample.csv: every held-out client, in file order (the rows the held-out figures are
    computed on), with the ID, the attributes in the file's column order, age band and label."""
    test = p.parts.test
    names = [f["name"] for f in p.manifest["features"]]
    age = names.index("AGE")
    id_column = [] if ids is None else ["ID"]
    cells = []
    for i, raw in zip(test, p.raw.iloc[test].to_dict("records")):
        features = sample.feature_cells(p.manifest, raw)
        cells.append(([] if ids is None else [str(ids[i])]) + features
                     + [sample.age_band(float(features[age])), str(int(p.y[i]))])
    return sample.Sample(
        id_column + names + [sample.AGE_BAND, SAMPLE_LABEL], cells, SAMPLE_LABEL, SAMPLE_GROUPS,
        f"The {len(test):,} held-out clients (stratified {TEST_SHARE:.0%} hold-out, seed {SEED}); "
        "the models never saw them.")


def write_reference(out_dir: Path, onnx_bytes: bytes, p: Prepared) -> None:
    """Background: clients the shipped model was fitted on. Evaluation: the whole hold-out,
    scored by the exported model."""
    fit, test = p.parts.fit, p.parts.test
    background = [dict(p.raw.iloc[int(i)]) for i in fit[reference.draw(len(fit))]]
    y_test = p.y[test]
    scored = reference.evaluation(
        f"Every client of the held-out test split ({len(test):,} clients, {int(y_test.sum()):,} "
        f"defaulters; stratified {TEST_SHARE:.0%} of the data, seed {SEED}), never seen in "
        "training, scored (P(default)) by onnxruntime with this model.onnx; every row weighted 1.",
        artefacts.run_onnx(onnx_bytes, p.manifest, p.x[test]), y_test)
    reference.write(
        out_dir, p.manifest, background,
        f"{reference.BACKGROUND_ROWS} clients drawn at random (seed {reference.SEED}) from the "
        f"{len(fit):,} the shipped model was fitted on (the training split less its validation "
        "slice).",
        scored, additive=False)


def seed_scores(recipe: Recipe, csv_path: Path, seeds: list[int]) -> tuple[np.ndarray, list[np.ndarray]]:
    """The held-out labels, and the held-out scores of the recipe retrained with each seed (same
    split): the noise the LSTM-versus-baseline gap must be read against, and the spread
    `--check` allows a retrain in other arithmetic (reproduction.record_seed_spread)."""
    p = prepare(recipe, csv_path)
    x, y, parts = p.x, p.y, p.parts
    scores = []
    for seed in seeds:
        cfg = dataclasses.replace(recipe.training, seed=seed)
        params, _ = nets.train_classifier(p.net, x[parts.fit], y[parts.fit], x[parts.val],
                                          y[parts.val], p.prep, cfg)
        scores.append(nets.predict(p.net, params, p.prep, x[parts.test]))
    return y[parts.test], scores


def recheck(model_dir: Path, csv_path: Path) -> float:
    """Largest gap between the committed metrics.json and the metrics (and their intervals)
    recomputed from model.onnx."""
    manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
    recorded = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))["held_out"]
    raw, y_series = taiwan.load(csv_path)
    y = y_series.to_numpy()
    test = split(y).test
    x = encode.encode_rows(manifest, raw.iloc[test].to_dict("records"))
    fresh = held_out_metrics((model_dir / "model.onnx").read_bytes(), manifest, x, y[test])
    return metrics.largest_gap(fresh, recorded)
