"""The ONNX-ML conversion corpus: default exports of the tree, linear and preprocessing models
practitioners bring (scikit-learn via skl2onnx, LightGBM and XGBoost via onnxmltools), trained on
the three real data sets, each with onnxruntime's outputs on held-out rows as golden vectors, so
that RiskScope's own ONNX-ML operators are tested against the reference runtime.

    python -m riskscope_train.corpus [--out DIR] [--only NAME ...] [--backend-tests [DIR]]

Every export keeps the converter's defaults (ZipMap where the converter adds one, its default
target opset, its input names), because those are the files users upload. Training is seeded
and single-threaded, and `settle` removes the converters' two sources of noise (a uuid4 graph
name, the order of opset_import), so a rerun writes the same ONNX bytes and the same golden
values; only the bench files' `onnxruntime_speed` (a measurement on whatever machine runs this)
changes.

Writes `<name>.onnx` and `<name>.json` per model and README.md into the output folder
(tests/fixtures/onnx-ml); `--backend-tests` copies the ai.onnx.ml node tests that the installed
onnx package ships into tests/fixtures/onnx-backend-ml, each with a case.json of its tensors.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

import lightgbm
import numpy as np
import onnx
import onnx.numpy_helper
import onnxmltools
import onnxruntime as ort
import pandas as pd
import xgboost
from onnx import helper
from onnxmltools.convert.common.data_types import FloatTensorType
from skl2onnx import to_onnx
from skl2onnx.common import tree_ensemble
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (ExtraTreesClassifier, GradientBoostingClassifier, GradientBoostingRegressor,
                              HistGradientBoostingClassifier, RandomForestClassifier)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Binarizer, Normalizer, OneHotEncoder, OrdinalEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

from . import data, fraud_models, german, taiwan, taiwan_models

SEED = 20261122
REPO = Path(__file__).resolve().parents[3]
DEFAULT_OUT = REPO / "tests" / "fixtures" / "onnx-ml"
BACKEND_OUT = REPO / "tests" / "fixtures" / "onnx-backend-ml"
# German Credit has no hold-out in the pipeline (its models are judged by repeated
# cross-validation): the corpus holds out a stratified quarter, 250 applicants, all of them golden.
GERMAN_TEST_SHARE = 0.25
GOLDEN_ROWS = 250
BENCH_GOLDEN_ROWS = 200
BENCH_BATCH = 4096
BENCH_SINGLE_ROWS = 1000
TIMED_RUNS = 5
# Corpus models stay small enough to commit: at most this many trees, this deep.
TREES = 40
DEPTH = 5
# A string that no training row has, for the unknown-category rows of the string pipelines.
UNKNOWN_TEXT = "(not in the training data)"
# An ordinal code that no category has, for the one-hot encoder on float codes.
UNKNOWN_CODE = 99.0
# Taiwan's derived 3-class target: the EDUCATION code grouped.
EDUCATION_GROUPS = {"1": "graduate school", "2": "university"}
EDUCATION_OTHER = "other"


# ---------------------------------------------------------------------------------------------
# Data: the pipeline's loaders and splits, as float32 matrices.


@dataclass
class Table:
    """One data set's training and held-out parts; `golden` indexes the held-out rows written."""

    columns: list[str]
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    golden: np.ndarray
    about: str


@dataclass
class GermanTables:
    raw_train: pd.DataFrame
    raw_test: pd.DataFrame
    coded: Table


GERMAN_NUMERIC = [f["name"] for f in german.FEATURES if f["kind"] != "category"]
GERMAN_CATEGORIES = [f["name"] for f in german.FEATURES if f["kind"] == "category"]
# How the tree models read German: one float input, categories as their index.
GERMAN_CODED = "German numbers + category codes as floats, ONE float input [N,20]"


def german_codes(raw: pd.DataFrame) -> np.ndarray:
    """German rows in manifest order, numbers as they are and each category as its index in
    german.FEATURES (0, 1, ...), as float32."""
    columns = []
    for f in german.FEATURES:
        if f["kind"] == "category":
            index = {c["value"]: float(k) for k, c in enumerate(f["categories"])}
            columns.append(raw[f["name"]].map(index).to_numpy(np.float64))
        else:
            columns.append(raw[f["name"]].astype(float).to_numpy())
    return np.column_stack(columns).astype(np.float32)


def load_german() -> GermanTables:
    raw, y = german.load(data.obtain(data.GERMAN_CREDIT))
    train, test = train_test_split(np.arange(len(y)), test_size=GERMAN_TEST_SHARE,
                                   stratify=y.to_numpy(), random_state=SEED)
    train, test = np.sort(train), np.sort(test)
    x = german_codes(raw)
    yy = y.to_numpy()
    coded = Table([f["name"] for f in german.FEATURES], x[train], yy[train], x[test], yy[test],
                  np.arange(len(test)),
                  f"German Credit, stratified hold-out of {len(test)} applicants (seed {SEED}), "
                  "all of them golden; label 1 = bad")
    return GermanTables(raw.iloc[train].reset_index(drop=True), raw.iloc[test].reset_index(drop=True),
                        coded)


def load_taiwan() -> Table:
    raw, y_series = taiwan.load(data.obtain(data.TAIWAN))
    y = y_series.to_numpy()
    parts = taiwan_models.split(y)
    train = np.sort(np.concatenate([parts.fit, parts.val]))
    x = raw.astype(float).to_numpy().astype(np.float32)
    rng = np.random.default_rng(SEED)
    golden = np.sort(rng.choice(len(parts.test), size=GOLDEN_ROWS, replace=False))
    return Table(list(raw.columns), x[train], y[train], x[parts.test], y[parts.test], golden,
                 f"Taiwan default of credit card clients, the pipeline's split (taiwan_models.split, "
                 f"seed {taiwan_models.SEED}): trained on fit + validation ({len(train)} clients), "
                 f"{GOLDEN_ROWS} golden rows drawn (seed {SEED}) from the {len(parts.test)} held-out; "
                 "label 1 = defaulted")


def load_ulb() -> Table:
    train, test = fraud_models.time_split(data.obtain(data.ULB_FRAUD))
    names = fraud_models.V_COLUMNS + ["Amount"]
    y_test = test[fraud_models.LABEL].to_numpy()
    frauds = np.flatnonzero(y_test == 1)
    legit = np.flatnonzero(y_test == 0)
    rng = np.random.default_rng(SEED)
    n_fraud = min(50, len(frauds))
    golden = np.sort(np.concatenate([rng.choice(frauds, n_fraud, replace=False),
                                     rng.choice(legit, GOLDEN_ROWS - n_fraud, replace=False)]))
    return Table(names, train[names].to_numpy(np.float32), train[fraud_models.LABEL].to_numpy(),
                 test[names].to_numpy(np.float32), y_test, golden,
                 f"ULB card fraud, the pipeline's time split (fraud_models.time_split): trained on the "
                 f"first {fraud_models.TRAIN_SHARE:.0%} of transactions by Time ({len(train)}), "
                 f"golden: {n_fraud} frauds and {GOLDEN_ROWS - n_fraud} legitimate transactions of "
                 f"the later {1 - fraud_models.TRAIN_SHARE:.0%} (seed {SEED}); label 1 = fraud")


class Datasets:
    """Loads each data set on first use, so `--only` runs read only what they need."""

    def __init__(self):
        self._cache: dict[str, object] = {}

    def _get(self, name: str, load: Callable):
        if name not in self._cache:
            self._cache[name] = load()
        return self._cache[name]

    @property
    def german(self) -> GermanTables:
        return self._get("german", load_german)

    @property
    def taiwan(self) -> Table:
        return self._get("taiwan", load_taiwan)

    @property
    def ulb(self) -> Table:
        return self._get("ulb", load_ulb)


def cells(n_rows: int, columns: list, every: int, first: int) -> list[tuple[int, object]]:
    """(row, column) pairs: every `every`-th row from `first`, cycling through `columns`."""
    return [(row, columns[k % len(columns)]) for k, row in enumerate(range(first, n_rows, every))]


def missing_cells(n_rows: int, columns: list) -> list[tuple[int, object]]:
    """Where golden rows get a missing number (NaN): one cell in every 10th row."""
    return cells(n_rows, columns, every=10, first=3)


def unknown_cells(n_rows: int, columns: list) -> list[tuple[int, object]]:
    """Where golden rows get a category no training row has: one cell in every 25th row."""
    return cells(n_rows, columns, every=25, first=7)


def with_missing(x: np.ndarray, columns: list[int]) -> np.ndarray:
    """A copy of x with NaN in the missing_cells: rows the Imputer and the trees'
    missing-value tracks must handle."""
    out = x.copy()
    for row, column in missing_cells(len(out), columns):
        out[row, column] = np.nan
    return out


def education_group(codes: np.ndarray) -> np.ndarray:
    return np.array([EDUCATION_GROUPS.get(str(int(c)), EDUCATION_OTHER) for c in codes], dtype=object)


# ---------------------------------------------------------------------------------------------
# The exports.


@dataclass
class Export:
    """One corpus model: the ONNX file, the golden feeds and what the library itself predicts."""

    name: str
    about: str
    library: str
    model: onnx.ModelProto
    feeds: dict[str, np.ndarray]
    # The library's own class probabilities [R, C] (classes in `classes` order) or predictions [R].
    library_scores: np.ndarray
    classes: list | None = None
    positive: object = None
    converter_opset: dict[str, int] = field(default_factory=dict)
    data: str = ""
    speed_rows: np.ndarray | None = None


Recipe = Callable[["Datasets", str], Export]


def versions(package: str, converter: str) -> str:
    return f"{package} {metadata.version(package)} via {converter} {metadata.version(converter)}"


SKL = versions("scikit-learn", "skl2onnx")


def skl2onnx_default_opset() -> dict[str, int]:
    """The opsets skl2onnx converts for when none is given (it then declares, per domain, the
    lowest version its nodes need)."""
    from skl2onnx import __max_supported_opset__
    from skl2onnx.common._topology import get_default_opset_for_domain
    return {"": __max_supported_opset__, "ai.onnx.ml": get_default_opset_for_domain("ai.onnx.ml")}


def onnxmltools_default_opset() -> dict[str, int]:
    from onnxmltools.convert.common.onnx_ex import get_maximum_opset_supported
    return {"": get_maximum_opset_supported()}


def sklearn_numpy(name: str, about: str, model, table: Table, golden_x: np.ndarray | None = None,
                  positive=1, speed: bool = False) -> Export:
    """A scikit-learn estimator fitted on a float32 matrix, exported with `to_onnx` defaults."""
    model.fit(table.x_train, table.y_train)
    x = table.x_test[table.golden] if golden_x is None else golden_x
    onnx_model = to_onnx(model, table.x_train[:1])
    is_classifier = hasattr(model, "predict_proba")
    return Export(name, about, SKL, onnx_model, {onnx_model.graph.input[0].name: x},
                  model.predict_proba(x) if is_classifier else model.predict(x),
                  list(model.classes_) if is_classifier else None, positive if is_classifier else None,
                  skl2onnx_default_opset(), table.about,
                  table.x_test[:BENCH_BATCH] if speed else None)


def lgbm(cls, n_estimators: int = TREES, max_depth: int = DEPTH, num_leaves: int = 2 ** DEPTH - 1,
         **settings):
    """A LightGBM estimator, seeded and single-threaded (deterministic, row-wise histograms)."""
    return cls(n_estimators=n_estimators, max_depth=max_depth, num_leaves=num_leaves,
               random_state=SEED, n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1,
               **settings)


def xgb(n_estimators: int = TREES, max_depth: int = DEPTH) -> xgboost.XGBClassifier:
    """An XGBoost binary:logistic classifier, seeded, single-threaded, hist trees."""
    return xgboost.XGBClassifier(n_estimators=n_estimators, max_depth=max_depth,
                                 objective="binary:logistic", tree_method="hist",
                                 random_state=SEED, n_jobs=1)


def lightgbm_export(name: str, about: str, model, table: Table, golden_x: np.ndarray | None = None,
                    fit_args: dict | None = None, positive=1, speed: bool = False) -> Export:
    """A LightGBM model exported with onnxmltools' defaults (it needs only the input type)."""
    model.fit(table.x_train, table.y_train, **(fit_args or {}))
    x = table.x_test[table.golden] if golden_x is None else golden_x
    onnx_model = onnxmltools.convert_lightgbm(
        model, initial_types=[("input", FloatTensorType([None, table.x_train.shape[1]]))])
    is_classifier = isinstance(model, lightgbm.LGBMClassifier)
    return Export(name, about, versions("lightgbm", "onnxmltools"), onnx_model, {"input": x},
                  model.predict_proba(x) if is_classifier else model.predict(x),
                  list(model.classes_) if is_classifier else None, positive if is_classifier else None,
                  onnxmltools_default_opset(), table.about,
                  table.x_test[:BENCH_BATCH] if speed else None)


def xgboost_export(name: str, about: str, model, table: Table, x_train: np.ndarray | None = None,
                   golden_x: np.ndarray | None = None, speed: bool = False) -> Export:
    """An XGBoost classifier exported with onnxmltools' defaults (no ZipMap: the XGBoost
    converter adds none)."""
    x_fit = table.x_train if x_train is None else x_train
    model.fit(x_fit, table.y_train)
    x = table.x_test[table.golden] if golden_x is None else golden_x
    onnx_model = onnxmltools.convert_xgboost(
        model, initial_types=[("input", FloatTensorType([None, x_fit.shape[1]]))])
    return Export(name, about, versions("xgboost-cpu", "onnxmltools"), onnx_model, {"input": x},
                  model.predict_proba(x), list(model.classes_), 1, onnxmltools_default_opset(),
                  table.about, table.x_test[:BENCH_BATCH] if speed else None)


def german_frame(raw: pd.DataFrame) -> pd.DataFrame:
    """German rows as a practitioner's DataFrame: numbers as float32, categories as text."""
    frame = raw.copy()
    for name in GERMAN_NUMERIC:
        frame[name] = frame[name].astype(np.float32)
    return frame


def german_golden_frame(raw_test: pd.DataFrame) -> pd.DataFrame:
    """The held-out applicants, with a missing number in every 10th row and a category no
    training row has in every 25th."""
    frame = german_frame(raw_test)
    for row, column in missing_cells(len(frame), GERMAN_NUMERIC):
        frame.loc[row, column] = np.nan
    return with_unknown_texts(frame)


def with_unknown_texts(frame: pd.DataFrame) -> pd.DataFrame:
    for row, column in unknown_cells(len(frame), GERMAN_CATEGORIES):
        frame.loc[row, column] = UNKNOWN_TEXT
    return frame


def frame_feeds(onnx_model: onnx.ModelProto, frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """One [R, 1] tensor per column, as skl2onnx's per-column inputs take them."""
    feeds = {}
    for graph_input in onnx_model.graph.input:
        column = frame[graph_input.name].to_numpy()
        if graph_input.type.tensor_type.elem_type == onnx.TensorProto.STRING:
            feeds[graph_input.name] = column.astype(object).reshape(-1, 1)
        else:
            feeds[graph_input.name] = column.astype(np.float32).reshape(-1, 1)
    return feeds


def german_logreg_pipeline(d: Datasets, name: str) -> Export:
    g = d.german
    model = Pipeline([
        ("prep", ColumnTransformer([
            ("numeric", Pipeline([("impute", SimpleImputer(strategy="median")),
                                  ("scale", StandardScaler())]), GERMAN_NUMERIC),
            ("categories", OneHotEncoder(handle_unknown="ignore"), GERMAN_CATEGORIES),
        ])),
        ("model", LogisticRegression(max_iter=5000)),
    ])
    model.fit(german_frame(g.raw_train), g.coded.y_train)
    golden = german_golden_frame(g.raw_test)
    onnx_model = to_onnx(model, german_frame(g.raw_train)[:1])
    return Export(
        name,
        "scikit-learn Pipeline(ColumnTransformer(SimpleImputer + StandardScaler on the 7 numbers, "
        "OneHotEncoder(handle_unknown='ignore') on the 13 text columns), LogisticRegression), "
        "exported from a DataFrame: one input per column (float [N,1] numbers, string [N,1] "
        "categories); golden rows with missing numbers (Imputer) and unseen category texts "
        "(OneHotEncoder all zeros)",
        SKL, onnx_model, frame_feeds(onnx_model, golden), model.predict_proba(golden),
        list(model.classes_), 1, skl2onnx_default_opset(), g.coded.about)


def german_numeric_index(names: list[str]) -> list[int]:
    order = [f["name"] for f in german.FEATURES]
    return [order.index(n) for n in names]


def german_golden_codes(g: GermanTables) -> np.ndarray:
    """The held-out applicants as category codes and numbers, with a missing number in every 10th
    row and an unknown category code in every 25th."""
    x = with_missing(g.coded.x_test, german_numeric_index(GERMAN_NUMERIC))
    for row, column in unknown_cells(len(x), german_numeric_index(GERMAN_CATEGORIES)):
        x[row, column] = UNKNOWN_CODE
    return x


def german_logreg_onehot_single_input(d: Datasets, name: str) -> Export:
    g = d.german
    model = Pipeline([
        ("prep", ColumnTransformer([
            ("numeric", Pipeline([("impute", SimpleImputer(strategy="median")),
                                  ("scale", StandardScaler())]), german_numeric_index(GERMAN_NUMERIC)),
            ("categories", OneHotEncoder(handle_unknown="ignore"),
             german_numeric_index(GERMAN_CATEGORIES)),
        ])),
        ("model", LogisticRegression(max_iter=5000)),
    ])
    return sklearn_numpy(
        name,
        "the same logistic regression on ONE float input [N,20] (numbers and category codes in "
        "manifest order): the ColumnTransformer picks its columns out of the one tensor, "
        "Imputer + Scaler on the numbers, OneHotEncoder on float codes (cats_int64s); golden "
        "rows with missing numbers and an unknown code 99",
        model, g.coded, golden_x=german_golden_codes(g))


def german_logreg_normalizer_binarizer(d: Datasets, name: str) -> Export:
    g = d.german
    numeric = Table(GERMAN_NUMERIC, g.coded.x_train[:, german_numeric_index(GERMAN_NUMERIC)],
                    g.coded.y_train, g.coded.x_test[:, german_numeric_index(GERMAN_NUMERIC)],
                    g.coded.y_test, g.coded.golden, g.coded.about)
    coded_1_to_4 = [GERMAN_NUMERIC.index(n) for n in (
        "installment_rate_in_percentage_of_disposable_income", "present_residence_since",
        "number_of_existing_credits_at_this_bank")]
    loan_shape = [GERMAN_NUMERIC.index(n) for n in ("duration_in_month", "credit_amount")]
    # The imputer sits in each branch: skl2onnx 1.20 cannot convert a ColumnTransformer that
    # selects columns of an intermediate result (its rank is unknown at conversion time).
    model = Pipeline([
        ("features", ColumnTransformer([
            ("scaled", Pipeline([("impute", SimpleImputer(strategy="median")),
                                 ("scale", StandardScaler())]), list(range(len(GERMAN_NUMERIC)))),
            # 1 where the coded level is 3 or 4 (the upper half of the 1-4 scale).
            ("upper_half", Pipeline([("impute", SimpleImputer(strategy="median")),
                                     ("binarize", Binarizer(threshold=2.5))]), coded_1_to_4),
            # Duration and amount as a unit vector: the loan's shape, not its size.
            ("loan_shape", Pipeline([("impute", SimpleImputer(strategy="median")),
                                     ("normalize", Normalizer(norm="l2"))]), loan_shape),
        ])),
        ("model", LogisticRegression(max_iter=5000)),
    ])
    return sklearn_numpy(
        name,
        "logistic regression on the 7 German numbers, ONE float input [N,7]: a ColumnTransformer "
        "of SimpleImputer + StandardScaler (all 7), SimpleImputer + Binarizer (threshold 2.5 on "
        "the three 1-4 codes) and SimpleImputer + Normalizer (L2 over duration and amount); "
        "golden rows with missing numbers",
        model, numeric, golden_x=with_missing(numeric.x_test, list(range(len(GERMAN_NUMERIC)))))


def german_tree(about: str, model) -> Recipe:
    return lambda d, name: sklearn_numpy(name, about, model, d.german.coded)


@contextlib.contextmanager
def hist_gradient_boosting_fix():
    """skl2onnx 1.20.0 writes a leaf's missing-value flag as Python False into the int list
    nodes_missing_value_tracks_true, which protobuf 7 (pinned) refuses ("expected an int, got a
    boolean"), so no HistGradientBoosting model converts here. While active, the flag is passed
    on as the int it stands for; the rest of the conversion is skl2onnx's own."""
    original = tree_ensemble.add_node

    def add_node(*args, nodes_missing_value_tracks_true=0, **kwargs):
        return original(*args, nodes_missing_value_tracks_true=int(nodes_missing_value_tracks_true),
                        **kwargs)

    tree_ensemble.add_node = add_node
    try:
        yield
    finally:
        tree_ensemble.add_node = original


def german_hist_gradient_boosting(d: Datasets, name: str) -> Export:
    g = d.german.coded
    model = HistGradientBoostingClassifier(max_iter=TREES, max_depth=DEPTH, early_stopping=False,
                                           random_state=SEED)
    with hist_gradient_boosting_fix():
        return sklearn_numpy(
            name,
            f"scikit-learn HistGradientBoostingClassifier {TREES} iterations depth {DEPTH} "
            f"({GERMAN_CODED}): learned missing-value directions; golden rows with missing "
            "numbers; converted with a one-value fix of a skl2onnx 1.20.0 bug "
            "(corpus.hist_gradient_boosting_fix)",
            model, g, golden_x=with_missing(g.x_test, german_numeric_index(GERMAN_NUMERIC)))


def german_lightgbm_categorical(d: Datasets, name: str) -> Export:
    g = d.german.coded
    model = lgbm(lightgbm.LGBMClassifier, min_child_samples=10)
    return lightgbm_export(
        name,
        f"LightGBM binary, {TREES} trees depth {DEPTH}, with categorical_feature over the 13 "
        f"integer-coded categories ({GERMAN_CODED}): category-set splits, which onnxmltools "
        "writes as chains of BRANCH_EQ nodes",
        model, g, fit_args={"categorical_feature": german_numeric_index(GERMAN_CATEGORIES)})


def german_ordinal_forest_string_labels(d: Datasets, name: str) -> Export:
    g = d.german
    labels = np.where(g.coded.y_train == 1, german.BAD_VALUE, "good").astype(object)
    model = Pipeline([
        ("prep", ColumnTransformer([
            ("categories", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1),
             GERMAN_CATEGORIES),
            ("numeric", "passthrough", GERMAN_NUMERIC),
        ])),
        ("model", RandomForestClassifier(n_estimators=20, max_depth=DEPTH, random_state=SEED,
                                         n_jobs=1)),
    ])
    model.fit(german_frame(g.raw_train), labels)
    golden = with_unknown_texts(german_frame(g.raw_test))
    onnx_model = to_onnx(model, german_frame(g.raw_train)[:1])
    return Export(
        name,
        "Pipeline(ColumnTransformer(OrdinalEncoder(unknown -> -1) on the 13 text columns, "
        "passthrough numbers), RandomForestClassifier 20 trees depth 5) trained on the labels "
        "'bad'/'good' as strings: per-column string inputs through LabelEncoder, "
        "classlabels_strings and a ZipMap with string keys; golden rows with unseen category texts",
        SKL, onnx_model, frame_feeds(onnx_model, golden), model.predict_proba(golden),
        list(model.classes_), german.BAD_VALUE, skl2onnx_default_opset(), g.coded.about)


def taiwan_xgboost_logistic(d: Datasets, name: str) -> Export:
    model = xgb()
    return xgboost_export(
        name,
        f"XGBoost binary:logistic, {TREES} trees depth {DEPTH}, Taiwan 23 numbers [N,23]",
        model, d.taiwan)


def taiwan_xgboost_missing(d: Datasets, name: str) -> Export:
    t = d.taiwan
    # NaN in an eighth of the bills and payments, in training and in the golden rows, so each
    # split learns a default direction and the golden rows take them.
    sparse = [t.columns.index(c) for c in t.columns if c.startswith(("BILL_AMT", "PAY_AMT"))]
    rng = np.random.default_rng(SEED)
    x_train = t.x_train.copy()
    x_train[:, sparse] = np.where(rng.random((len(x_train), len(sparse))) < 0.125, np.nan,
                                  x_train[:, sparse])
    golden = t.x_test[t.golden].copy()
    golden[:, sparse] = np.where(rng.random((len(golden), len(sparse))) < 0.125, np.nan,
                                 golden[:, sparse])
    model = xgb()
    return xgboost_export(
        name,
        f"XGBoost binary:logistic, {TREES} trees depth {DEPTH}, trained and scored with 1/8 of "
        "the bill and payment cells missing (NaN): learned default directions, "
        "nodes_missing_value_tracks_true",
        model, t, x_train=x_train, golden_x=golden)


def taiwan_lightgbm(d: Datasets, name: str) -> Export:
    t = d.taiwan
    model = lgbm(lightgbm.LGBMClassifier)
    return lightgbm_export(
        name, f"LightGBM binary, {TREES} trees depth {DEPTH}, Taiwan [N,23]; trained without "
              "missing values; golden rows with a missing number in every 10th row, which "
              "the missing-value tracks must send where LightGBM does",
        model, t, golden_x=with_missing(t.x_test[t.golden], list(range(len(t.columns)))))


def taiwan_without_education(t: Table) -> tuple[Table, np.ndarray, np.ndarray]:
    """Taiwan without the EDUCATION column, and its grouped education as the target."""
    k = t.columns.index("EDUCATION")
    keep = [i for i in range(len(t.columns)) if i != k]
    table = Table([t.columns[i] for i in keep], t.x_train[:, keep], education_group(t.x_train[:, k]),
                  t.x_test[:, keep], education_group(t.x_test[:, k]), t.golden,
                  t.about.replace("label 1 = defaulted",
                                  "target: EDUCATION grouped into graduate school (1), "
                                  "university (2) and other (0, 3-6), predicted from the other 22 "
                                  "columns"))
    return table, table.y_train, table.y_test


def taiwan_lightgbm_multiclass(d: Datasets, name: str) -> Export:
    table, y_train, y_test = taiwan_without_education(d.taiwan)
    order = ["graduate school", "university", EDUCATION_OTHER]
    coded = Table(table.columns, table.x_train, np.array([order.index(v) for v in y_train]),
                  table.x_test, np.array([order.index(v) for v in y_test]), table.golden,
                  table.about + " (class ids 0, 1, 2 in that order)")
    # LightGBM grows one tree per class per round: 13 rounds, 39 trees.
    model = lgbm(lightgbm.LGBMClassifier, n_estimators=13)
    export = lightgbm_export(
        name,
        "LightGBM multiclass (3 classes, 13 rounds = 39 trees, depth 5), Taiwan [N,22]: "
        "class_ids 0..2, SOFTMAX post_transform", model, coded)
    export.positive = None
    return export


def taiwan_random_forest_multiclass_strings(d: Datasets, name: str) -> Export:
    table, _, _ = taiwan_without_education(d.taiwan)
    model = RandomForestClassifier(n_estimators=20, max_depth=DEPTH, random_state=SEED, n_jobs=1)
    export = sklearn_numpy(
        name,
        "scikit-learn RandomForestClassifier (20 trees, depth 5) on the 3 education groups as "
        "string labels, Taiwan [N,22]: classlabels_strings, string label output, ZipMap with "
        "string keys, averaged leaf probabilities", model, table)
    export.positive = None
    return export


def taiwan_lightgbm_regressor(d: Datasets, name: str) -> Export:
    model = lgbm(lightgbm.LGBMRegressor)
    return lightgbm_export(
        name,
        f"LGBMRegressor ({TREES} trees depth {DEPTH}) on the 0/1 default label, a score: "
        "TreeEnsembleRegressor, output [N,1]", model, d.taiwan)


def ulb_lightgbm(d: Datasets, name: str) -> Export:
    model = lgbm(lightgbm.LGBMClassifier)
    return lightgbm_export(
        name,
        f"LightGBM binary, {TREES} trees depth {DEPTH}, ULB V1..V28 and Amount [N,29], trained on "
        "the earlier 80 % of transactions", model, d.ulb)


def bench_rows(t: Table) -> Table:
    return Table(t.columns, t.x_train, t.y_train, t.x_test, t.y_test, t.golden[:BENCH_GOLDEN_ROWS],
                 t.about.replace(f"{GOLDEN_ROWS} golden rows", f"{BENCH_GOLDEN_ROWS} golden rows"))


def bench_lightgbm(d: Datasets, name: str) -> Export:
    model = lgbm(lightgbm.LGBMClassifier, n_estimators=300, max_depth=6, num_leaves=31)
    return lightgbm_export(name,
                           "benchmark: LightGBM binary, 300 trees, max_depth 6 (num_leaves 31), Taiwan",
                           model, bench_rows(d.taiwan), speed=True)


def bench_xgboost(d: Datasets, name: str) -> Export:
    model = xgb(n_estimators=300, max_depth=6)
    return xgboost_export(name,
                          "benchmark: XGBoost binary:logistic, 300 trees, depth 6, Taiwan",
                          model, bench_rows(d.taiwan), speed=True)


# 200 trees of depth 8: 2.7 MB, under the 3 MB a committed bench file may take.
BENCH_FOREST_TREES = 200
BENCH_FOREST_DEPTH = 8


def bench_random_forest(d: Datasets, name: str) -> Export:
    model = RandomForestClassifier(n_estimators=BENCH_FOREST_TREES, max_depth=BENCH_FOREST_DEPTH,
                                   random_state=SEED, n_jobs=1)
    return sklearn_numpy(name, f"benchmark: scikit-learn RandomForestClassifier, "
                               f"{BENCH_FOREST_TREES} trees, max_depth {BENCH_FOREST_DEPTH}, Taiwan",
                         model, bench_rows(d.taiwan), speed=True)


def taiwan_sklearn(about: str, model) -> Recipe:
    return lambda d, name: sklearn_numpy(name, about, model, d.taiwan)


def german_regressor(d: Datasets, name: str) -> Export:
    return sklearn_numpy(
        name,
        f"scikit-learn GradientBoostingRegressor ({TREES} trees depth 3) on the 0/1 bad label, a "
        f"score ({GERMAN_CODED}): TreeEnsembleRegressor with the prior in base_values",
        GradientBoostingRegressor(n_estimators=TREES, max_depth=3, random_state=SEED),
        d.german.coded)


# Name -> how it is made; the corpus is written in this order.
RECIPES: dict[str, Recipe] = {
    "german-logreg-pipeline": german_logreg_pipeline,
    "german-logreg-onehot-single-input": german_logreg_onehot_single_input,
    "german-logreg-normalizer-binarizer": german_logreg_normalizer_binarizer,
    "german-decision-tree": german_tree(
        f"scikit-learn DecisionTreeClassifier depth {DEPTH} ({GERMAN_CODED}): one tree, leaf class "
        "probabilities", DecisionTreeClassifier(max_depth=DEPTH, random_state=SEED)),
    "german-random-forest": german_tree(
        f"scikit-learn RandomForestClassifier {TREES} trees depth {DEPTH} ({GERMAN_CODED}): averaged "
        "leaf probabilities",
        RandomForestClassifier(n_estimators=TREES, max_depth=DEPTH, random_state=SEED, n_jobs=1)),
    "german-extra-trees": german_tree(
        f"scikit-learn ExtraTreesClassifier {TREES} trees depth {DEPTH} ({GERMAN_CODED})",
        ExtraTreesClassifier(n_estimators=TREES, max_depth=DEPTH, random_state=SEED, n_jobs=1)),
    "german-gradient-boosting": german_tree(
        f"scikit-learn GradientBoostingClassifier {TREES} trees depth 3 ({GERMAN_CODED}): LOGISTIC "
        "post_transform, the prior in base_values",
        GradientBoostingClassifier(n_estimators=TREES, max_depth=3, random_state=SEED)),
    "german-hist-gradient-boosting": german_hist_gradient_boosting,
    "german-lightgbm-categorical": german_lightgbm_categorical,
    "german-ordinal-forest-string-labels": german_ordinal_forest_string_labels,
    "german-gradient-boosting-regressor": german_regressor,
    "taiwan-xgboost-logistic": taiwan_xgboost_logistic,
    "taiwan-xgboost-missing": taiwan_xgboost_missing,
    "taiwan-lightgbm": taiwan_lightgbm,
    "taiwan-random-forest": taiwan_sklearn(
        f"scikit-learn RandomForestClassifier {TREES} trees depth {DEPTH}, Taiwan [N,23]",
        RandomForestClassifier(n_estimators=TREES, max_depth=DEPTH, random_state=SEED, n_jobs=1)),
    "taiwan-lightgbm-multiclass": taiwan_lightgbm_multiclass,
    "taiwan-random-forest-multiclass-strings": taiwan_random_forest_multiclass_strings,
    "taiwan-lightgbm-regressor": taiwan_lightgbm_regressor,
    "ulb-lightgbm": ulb_lightgbm,
    "bench-lightgbm-300": bench_lightgbm,
    "bench-xgboost-300": bench_xgboost,
    f"bench-random-forest-{BENCH_FOREST_TREES}": bench_random_forest,
}


# ---------------------------------------------------------------------------------------------
# onnxruntime: golden outputs and speed.


def session(model_bytes: bytes) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    return ort.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])


def zipmap_classes(model: onnx.ModelProto) -> dict[str, list]:
    """Each ZipMap output's class labels, in the ZipMap's order."""
    out = {}
    for node in model.graph.node:
        if node.op_type == "ZipMap":
            attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
            labels = attrs.get("classlabels_int64s") or [s.decode() for s in attrs["classlabels_strings"]]
            out[node.output[0]] = list(labels)
    return out


TYPE_NAMES = {np.dtype(np.float32): "float", np.dtype(np.float64): "double",
              np.dtype(np.int64): "int64", np.dtype(object): "string"}


def plain(values: np.ndarray) -> list:
    """A flat list of JSON values: floats exact (Python floats print repr-exact), NaN as null."""
    flat = values.reshape(-1)
    if flat.dtype == object:
        return [v.decode() if isinstance(v, bytes) else str(v) for v in flat]
    if flat.dtype.kind == "f":
        return [None if math.isnan(v) else v for v in flat.astype(np.float64).tolist()]
    return [int(v) for v in flat]


def run_golden(export: Export) -> tuple[list[dict], np.ndarray, list]:
    """onnxruntime's outputs as the JSON's `outputs`, with the probability (or score) matrix and
    its class order."""
    sess = session(export.model.SerializeToString())
    names = [o.name for o in sess.get_outputs()]
    results = sess.run(names, export.feeds)
    classes_of = zipmap_classes(export.model)
    outputs, scores, score_classes = [], None, None
    for name, value in zip(names, results):
        if isinstance(value, list):
            classes = classes_of[name]
            matrix = np.array([[row[c] for c in classes] for row in value], dtype=np.float32)
            outputs.append({"name": name, "kind": "zipmap", "type": "float",
                            "key_type": "string" if isinstance(classes[0], str) else "int64",
                            "shape": list(matrix.shape), "classes": classes, "values": plain(matrix)})
            scores, score_classes = matrix, classes
        else:
            outputs.append({"name": name, "kind": "tensor", "type": TYPE_NAMES[value.dtype],
                            "shape": list(value.shape), "values": plain(value)})
            if scores is None and value.dtype.kind == "f":
                scores = value
    return outputs, scores, score_classes


def probability_field(export: Export, outputs: list[dict], score_classes: list | None) -> dict:
    """Which output holds P(positive) (or the regressor's score) and in which column."""
    zipmaps = [o for o in outputs if o["kind"] == "zipmap"]
    if zipmaps:
        out = zipmaps[0]
    else:
        floats = [o for o in outputs if o["kind"] == "tensor" and o["type"] in ("float", "double")]
        out = floats[0]
    if export.classes is None:
        return {"output": out["name"], "positive_column": 0, "kind": "score"}
    classes = score_classes or export.classes
    column = classes.index(export.positive) if export.positive is not None else None
    return {"output": out["name"], "positive_column": column,
            "kind": "probability" if column is not None else "class_probabilities"}


def library_gap(export: Export, scores: np.ndarray, score_classes: list | None) -> float:
    """Largest |onnxruntime - library| over the golden rows, every class's probability (or the
    regressor's prediction)."""
    if export.classes is None:
        return float(np.max(np.abs(scores.reshape(-1).astype(np.float64) - export.library_scores)))
    order = [export.classes.index(c) for c in (score_classes or export.classes)]
    return float(np.max(np.abs(scores.astype(np.float64) - export.library_scores[:, order])))


def speed(export: Export) -> dict:
    """Rows per second on one batch and the median time of one single-row call, single-threaded,
    each the median of TIMED_RUNS runs after a warm-up run."""
    sess = session(export.model.SerializeToString())
    name = export.model.graph.input[0].name
    rows = export.speed_rows
    outputs = [o.name for o in sess.get_outputs()]
    tensors = [o.name for o in sess.get_outputs() if o.type.startswith("tensor")]

    def batch_seconds(wanted: list[str]) -> float:
        sess.run(wanted, {name: rows})
        times = []
        for _ in range(TIMED_RUNS):
            start = time.perf_counter()
            sess.run(wanted, {name: rows})
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    singles = [rows[k:k + 1] for k in range(BENCH_SINGLE_ROWS)]
    for x in singles[:100]:
        sess.run(outputs, {name: x})
    per_row = []
    for _ in range(TIMED_RUNS):
        start = time.perf_counter()
        for x in singles:
            sess.run(outputs, {name: x})
        per_row.append((time.perf_counter() - start) / len(singles))
    return {
        "batch": len(rows),
        "rows_per_s": round(len(rows) / batch_seconds(outputs)),
        "rows_per_s_tensor_outputs_only": round(len(rows) / batch_seconds(tensors)),
        "single_row_us_median": round(statistics.median(per_row) * 1e6, 2),
        "method": f"onnxruntime {ort.__version__} CPUExecutionProvider, intra_op and inter_op "
                  f"threads 1; rows_per_s: the median of {TIMED_RUNS} timed runs of one "
                  f"{len(rows)}-row batch after a warm-up, all outputs fetched (ZipMap's Python "
                  f"dicts included); rows_per_s_tensor_outputs_only: the same fetching only "
                  f"tensor outputs; single_row_us_median: the median over {TIMED_RUNS} runs of "
                  f"the mean time of {BENCH_SINGLE_ROWS} one-row calls (Python call overhead "
                  "included)",
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


# ---------------------------------------------------------------------------------------------
# What a file contains.


def operators(model: onnx.ModelProto) -> list[str]:
    return sorted({f"{n.domain or 'ai.onnx'}:{n.op_type}" for n in model.graph.node})


def attribute_summary(value):
    """An attribute as JSON: scalars as they are, lists as their length and distinct values
    (all of them when short), tensors as their type and size."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, float) and not math.isfinite(value):
        # JSON has no NaN or infinity: Imputer's replaced_value_float is NaN, for one.
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, onnx.TensorProto):
        array = onnx.numpy_helper.to_array(value)
        summary = {"tensor": "string" if array.dtype == object else str(array.dtype),
                   "len": int(array.size)}
        if array.size <= 12:
            summary["values"] = plain(array)
        return summary
    if isinstance(value, list):
        items = [attribute_summary(v) for v in value]
        distinct = sorted(set(items), key=lambda v: (str(type(v)), v))
        summary = {"len": len(items)}
        if len(items) <= 12:
            summary["values"] = items
        elif len(distinct) <= 12:
            summary["distinct"] = distinct
        return summary
    return value


def ml_nodes(model: onnx.ModelProto) -> list[dict]:
    """Every ai.onnx.ml node with its attributes summarised (what a runtime must honour)."""
    out = []
    for node in model.graph.node:
        if node.domain != "ai.onnx.ml":
            continue
        entry = {"op_type": node.op_type}
        for a in sorted(node.attribute, key=lambda a: a.name):
            entry[a.name] = attribute_summary(helper.get_attribute_value(a))
        tree_ids = [helper.get_attribute_value(a) for a in node.attribute if a.name == "nodes_treeids"]
        if tree_ids:
            entry["n_trees"] = len(set(tree_ids[0]))
        out.append(entry)
    return out


def type_name(value_type: onnx.TypeProto) -> str:
    """An ONNX type as text: `float`, `seq(map(int64,float))`."""
    kind = value_type.WhichOneof("value")
    if kind == "tensor_type":
        return onnx.TensorProto.DataType.Name(value_type.tensor_type.elem_type).lower()
    if kind == "sequence_type":
        return f"seq({type_name(value_type.sequence_type.elem_type)})"
    if kind == "map_type":
        key = onnx.TensorProto.DataType.Name(value_type.map_type.key_type).lower()
        return f"map({key},{type_name(value_type.map_type.value_type)})"
    return str(kind)


def declared(value: onnx.ValueInfoProto) -> dict:
    """A graph input's or output's type and shape as the file declares them (a dimension as its
    size, its symbolic name, or null), which need not match what the graph computes."""
    out = {"name": value.name, "type": type_name(value.type)}
    tensor = value.type.tensor_type
    if value.type.WhichOneof("value") == "tensor_type" and tensor.HasField("shape"):
        out["shape"] = [d.dim_value if d.HasField("dim_value") else (d.dim_param or None)
                        for d in tensor.shape.dim]
    return out


def opset_imports(model: onnx.ModelProto) -> dict[str, int]:
    return {o.domain or "ai.onnx": o.version for o in model.opset_import}


def describe(export: Export, outputs: list[dict], probability: dict, gap: float,
             label_mismatches: int | None) -> dict:
    rows = len(next(iter(export.feeds.values())))
    return {
        "name": export.name,
        "about": export.about,
        "data": export.data,
        "library": export.library,
        "onnxruntime": f"onnxruntime {ort.__version__} CPUExecutionProvider, 1 thread",
        "target_opset": opset_imports(export.model),
        "converter_default_target_opset": {k or "ai.onnx": v for k, v in export.converter_opset.items()},
        "ir_version": export.model.ir_version,
        "operators": operators(export.model),
        "ml_nodes": ml_nodes(export.model),
        "graph_inputs": [declared(v) for v in export.model.graph.input],
        "graph_outputs": [declared(v) for v in export.model.graph.output],
        "rows": rows,
        "inputs": [{"name": name, "type": TYPE_NAMES[x.dtype], "shape": list(x.shape),
                    "values": plain(x)} for name, x in export.feeds.items()],
        "outputs": outputs,
        "probability": probability,
        "library_check": {
            "max_abs_diff": gap,
            "label_mismatches": label_mismatches,
            "about": "onnxruntime's probabilities (every class) or score against the library's "
                     "own predict_proba / predict on the same float32 rows",
        },
    }


def label_mismatches(export: Export, outputs: list[dict]) -> int | None:
    if export.classes is None:
        return None
    label = next(o for o in outputs if o["kind"] == "tensor" and o["type"] in ("int64", "string"))
    predicted = [export.classes[int(k)] for k in np.argmax(export.library_scores, axis=1)]
    return sum(str(a) != str(b) for a, b in zip(label["values"], predicted))


# ---------------------------------------------------------------------------------------------
# Writing.


def dumps(document: dict) -> str:
    """JSON with one key per line and each list of plain values (golden values, shapes, class
    labels) on a single line, so the files stay readable and their diffs small."""
    placeholders = {}

    def lift(node):
        if isinstance(node, dict):
            return {k: lift(v) for k, v in node.items()}
        if isinstance(node, list):
            if all(not isinstance(v, (dict, list)) for v in node):
                key = f"@@list{len(placeholders)}@@"
                placeholders[key] = json.dumps(node, ensure_ascii=False, allow_nan=False,
                                               separators=(",", ":"))
                return key
            return [lift(v) for v in node]
        return node

    text = json.dumps(lift(document), indent=1, ensure_ascii=False, allow_nan=False)
    for key, values in placeholders.items():
        text = text.replace(f'"{key}"', values, 1)
    return text + "\n"


def settle(model: onnx.ModelProto, name: str) -> None:
    """Makes a rerun write the same bytes, touching nothing a runtime reads: opset_import sorted
    by domain (skl2onnx lists the domains in the order of a set of strings, which changes with
    Python's hash seed) and onnxmltools' graph name, a fresh uuid4 on every call, set to `name`."""
    imports = sorted(((o.domain, o.version) for o in model.opset_import))
    del model.opset_import[:]
    for domain, version in imports:
        model.opset_import.add(domain=domain, version=version)
    if re.fullmatch(r"[0-9a-f]{32}", model.graph.name):
        model.graph.name = name


def write_export(export: Export, out: Path) -> dict:
    settle(export.model, export.name)
    model_bytes = export.model.SerializeToString()
    onnx.checker.check_model(export.model)
    outputs, scores, score_classes = run_golden(export)
    document = describe(export, outputs, probability_field(export, outputs, score_classes),
                        library_gap(export, scores, score_classes), label_mismatches(export, outputs))
    if export.speed_rows is not None:
        document["onnxruntime_speed"] = speed(export)
    (out / f"{export.name}.onnx").write_bytes(model_bytes)
    (out / f"{export.name}.json").write_text(dumps(document), encoding="utf-8")
    return document


README_HEAD = """# ONNX-ML conversion corpus

Default exports of the models practitioners bring, for testing RiskScope's own ONNX-ML operators
against onnxruntime. Each `<name>.onnx` is what the converter writes with its defaults (ZipMap
included where it adds one, its default target opset, its input names); each `<name>.json` holds
onnxruntime's outputs for held-out rows of the real data set (golden vectors).

Regenerate (deterministic: seeded, single-threaded; the data sets are fetched and verified as in
shared/DATA.md):

    cd models/pipeline && ../.venv/bin/python -m riskscope_train.corpus

`--only NAME ...` rewrites those files only (a full run writes this README). The ai.onnx.ml node
tests of the onnx package are in ../onnx-backend-ml (`--backend-tests`). The only changes made to
a converter's output: opset_import sorted by domain and onnxmltools' random graph name (a uuid4)
replaced by the file's name, so that a rerun writes the same bytes.

## The JSON

- `target_opset`: the file's opset_import, per domain (`ai.onnx` is the default domain). skl2onnx
  converts for its default maximum (`converter_default_target_opset`) and declares the lowest
  version its nodes need; onnxmltools converts for its default (15) likewise.
- `operators`: every `domain:op_type` in the graph; `ml_nodes`: each ai.onnx.ml node's attributes
  (lists as their length, and their values or distinct values when few).
- `graph_inputs`, `graph_outputs`: types and shapes as the file declares them (null: a symbolic
  dimension), which need not be what the graph computes (see below).
- `inputs[].values`, `outputs[].values`: flat, row-major; NaN as null; strings as strings. A
  `zipmap` output is written as the [R, C] probability matrix in the ZipMap's class order
  (`classes`).
- `probability`: the output with P(positive) and its column (`positive_column` null for the
  multi-class models; `kind: score` for the regressors, whose output is [R, 1]).
- `library_check`: how far onnxruntime is from the library's own predict_proba/predict.
- Bench files add `onnxruntime_speed` (a measurement on the machine that ran the script: it
  changes on every run).

## Worth knowing (skl2onnx 1.20.0, onnxmltools 1.16.0, onnxruntime 1.23.2)

- Binary tree classifiers (every converter) store ONE weight per leaf, `class_ids` all 0 with
  two class labels: the runtime must make both columns from that one score, as onnxruntime's
  binary case does (for these files: [1 - s, s] with post_transform NONE, [1 - sigmoid(s),
  sigmoid(s)] with LOGISTIC).
- XGBoost exports have no ZipMap (a [N, 2] float tensor), `BRANCH_LT` splits, no
  `nodes_hitrates`, and the base score as a margin in `base_values`; LightGBM and scikit-learn
  exports use `BRANCH_LEQ` (LightGBM categorical splits: `BRANCH_EQ` chains).
- onnxmltools' LightGBM exports declare the `label` output's shape as [1] though it is [N]
  (onnxruntime warns and returns [N]); their IR version is 4, with ai.onnx 8 or 9.
- skl2onnx 1.20.0 cannot convert a HistGradientBoosting model under protobuf 7 (a Python bool
  in an int list); german-hist-gradient-boosting is converted with that one value cast to int
  (`hist_gradient_boosting_fix` in corpus.py), otherwise as skl2onnx writes it.

## The files

| name | what it exercises | ai.onnx.ml operators | size | rows |
|---|---|---|---|---|
"""


def write_readme(out: Path, documents: list[dict]) -> None:
    lines = [README_HEAD.rstrip("\n")]
    for doc in documents:
        size = (out / f"{doc['name']}.onnx").stat().st_size
        ml_ops = ", ".join(o.split(":", 1)[1] for o in doc["operators"] if o.startswith("ai.onnx.ml:"))
        lines.append(f"| {doc['name']} | {doc['about']}; {doc['library']} | {ml_ops} | "
                     f"{size:,} B | {doc['rows']} |")
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def print_table(out: Path, documents: list[dict]) -> None:
    print(f"{'name':40} {'bytes':>9} {'rows':>5}  operators")
    for doc in documents:
        size = (out / f"{doc['name']}.onnx").stat().st_size
        print(f"{doc['name']:40} {size:9,} {doc['rows']:5}  {', '.join(doc['operators'])}")


# ---------------------------------------------------------------------------------------------
# The onnx package's own ai.onnx.ml node tests.


def tensor_json(tensor: onnx.TensorProto, name: str) -> dict:
    array = onnx.numpy_helper.to_array(tensor)
    dtype = "string" if array.dtype == object else str(array.dtype)
    return {"name": tensor.name or name, "dtype": dtype, "shape": list(array.shape),
            "values": plain(array)}


def copy_backend_tests(out: Path) -> list[str]:
    """Copies onnx's test_ai_onnx_ml_* node tests (model.onnx, test_data_set_*/*.pb) into `out`
    and writes a case.json per case with its tensors decoded by onnx.numpy_helper."""
    source = Path(onnx.__file__).parent / "backend" / "test" / "data" / "node"
    cases = sorted(p for p in source.glob("test_ai_onnx_ml_*") if p.is_dir())
    if out.exists():
        for old in out.glob("test_ai_onnx_ml_*"):
            shutil.rmtree(old)
    out.mkdir(parents=True, exist_ok=True)
    for case in cases:
        target = out / case.name
        shutil.copytree(case, target)
        model = onnx.load(str(target / "model.onnx"))
        data_sets = []
        for data_set in sorted(target.glob("test_data_set_*")):
            entry = {"name": data_set.name, "inputs": [], "outputs": []}
            for kind, graph_values in (("input", model.graph.input), ("output", model.graph.output)):
                for k, graph_value in enumerate(graph_values):
                    path = data_set / f"{kind}_{k}.pb"
                    if not path.exists():
                        continue
                    tensor = onnx.TensorProto()
                    tensor.ParseFromString(path.read_bytes())
                    entry[f"{kind}s"].append({"file": path.name, **tensor_json(tensor, graph_value.name)})
            data_sets.append(entry)
        (target / "case.json").write_text(dumps({
            "name": case.name,
            "onnx": metadata.version("onnx"),
            "opset_import": opset_imports(model),
            "operators": operators(model),
            "ml_nodes": ml_nodes(model),
            "data_sets": data_sets,
        }), encoding="utf-8")
    lines = [
        "# onnx's ai.onnx.ml backend node tests",
        "",
        f"Copied unchanged from the onnx {metadata.version('onnx')} Python package "
        "(onnx/backend/test/data/node/test_ai_onnx_ml_*: model.onnx and "
        "test_data_set_*/input_*.pb, output_*.pb). Each case.json adds the tensors decoded by "
        "onnx.numpy_helper (name, dtype, shape, flat row-major values; strings as strings, NaN as "
        "null) and the model's operators and ai.onnx.ml attributes, so a test needs no protobuf "
        "tensor parsing.",
        "",
        "Regenerate: `cd models/pipeline && ../.venv/bin/python -m riskscope_train.corpus "
        "--backend-tests` (from the onnx version pinned in models/pipeline/requirements.txt).",
        "",
        "| case | operators | opset_import |",
        "|---|---|---|",
    ]
    for case in cases:
        model = onnx.load(str(out / case.name / "model.onnx"))
        lines.append(f"| {case.name} | {', '.join(operators(model))} | "
                     f"{', '.join(f'{k} {v}' for k, v in opset_imports(model).items())} |")
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [c.name for c in cases]


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m riskscope_train.corpus", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the corpus is written")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="write these models only")
    parser.add_argument("--backend-tests", nargs="?", type=Path, const=BACKEND_OUT, metavar="DIR",
                        help="copy onnx's ai.onnx.ml node tests (default: tests/fixtures/onnx-backend-ml) "
                             "instead of writing the corpus")
    args = parser.parse_args(argv)
    if args.backend_tests is not None:
        names = copy_backend_tests(args.backend_tests)
        print(f"copied {len(names)} cases into {args.backend_tests}: {', '.join(names)}")
        return
    args.out.mkdir(parents=True, exist_ok=True)
    unknown = sorted(set(args.only or []) - set(RECIPES))
    if unknown:
        parser.error(f"no such corpus model: {', '.join(unknown)}")
    datasets = Datasets()
    documents = []
    for name, recipe in RECIPES.items():
        if args.only and name not in args.only:
            continue
        print(f"writing {name}", file=sys.stderr)
        documents.append(write_export(recipe(datasets, name), args.out))
    if not args.only:
        write_readme(args.out, documents)
    print_table(args.out, documents)


if __name__ == "__main__":
    main()
