"""Gradient-boosted trees for the zoo: LightGBM fitted deterministically, its number of trees
chosen by early stopping on a validation part the caller names, exported with onnxmltools'
defaults (TreeEnsembleClassifier, ZipMap and all), as a practitioner's own file would be.

The zoo's trees are the default export on purpose: the app runs the file onnxmltools writes,
not a graph trimmed for it, so the catalog proves the path a user's own LightGBM model takes.
"""

from __future__ import annotations

from dataclasses import dataclass

import lightgbm
import numpy as np
import onnxmltools
from onnxmltools.convert.common.data_types import FloatTensorType

from . import encode

# Early stopping: stop when the validation metric has not improved for this many trees, and
# never grow more than MAX_TREES.
PATIENCE = 50
MAX_TREES = 1000


@dataclass(frozen=True)
class Settings:
    """What a recipe fixes before seeing any result."""

    learning_rate: float
    num_leaves: int
    max_depth: int
    min_child_samples: int
    # Row and column subsampling: a seed enters the fit, so the seed spread is measured.
    subsample: float = 0.8
    colsample_bytree: float = 0.8
    reg_lambda: float = 1.0
    # Per encoded column: +1 the score may only rise with the value, -1 only fall, 0 free.
    monotone: tuple[int, ...] = ()
    # LightGBM's name of the metric early stopping watches.
    metric: str = "auc"

    def about(self) -> str:
        return (f"learning rate {self.learning_rate:g}, at most {self.num_leaves} leaves and depth "
                f"{self.max_depth} per tree, at least {self.min_child_samples} rows per leaf, "
                f"{self.subsample:.0%} of rows and {self.colsample_bytree:.0%} of columns per "
                f"tree, L2 {self.reg_lambda:g}")


def classifier(settings: Settings, seed: int, n_estimators: int = MAX_TREES) -> lightgbm.LGBMClassifier:
    """Seeded, single-threaded, row-wise histograms: a rerun gives the same trees."""
    monotone = {"monotone_constraints": list(settings.monotone),
                "monotone_constraints_method": "advanced"} if any(settings.monotone) else {}
    return lightgbm.LGBMClassifier(
        n_estimators=n_estimators, learning_rate=settings.learning_rate,
        num_leaves=settings.num_leaves, max_depth=settings.max_depth,
        min_child_samples=settings.min_child_samples, subsample=settings.subsample,
        subsample_freq=1, colsample_bytree=settings.colsample_bytree,
        reg_lambda=settings.reg_lambda, metric=settings.metric, random_state=seed, n_jobs=1,
        deterministic=True, force_row_wise=True, verbose=-1, **monotone)


def fit(settings: Settings, seed: int, x_fit: np.ndarray, y_fit: np.ndarray,
        x_val: np.ndarray, y_val: np.ndarray) -> lightgbm.LGBMClassifier:
    """Grows trees on the fit part until the validation part's metric stops improving, then
    refits with that many trees (same seed, same data: the same first trees), so the exported
    file holds exactly the trees that predict."""
    probe = classifier(settings, seed).fit(
        x_fit, y_fit, eval_X=x_val, eval_y=y_val,
        callbacks=[lightgbm.early_stopping(PATIENCE, first_metric_only=True, verbose=False)])
    best = max(1, int(probe.best_iteration_ or MAX_TREES))
    return classifier(settings, seed, best).fit(x_fit, y_fit)


def export(model: lightgbm.LGBMClassifier, width: int, input_name: str, name: str) -> bytes:
    """onnxmltools' default export: outputs `label` and `probabilities` (a ZipMap). The graph is
    named (`name`): left unnamed, onnxmltools names it with a random UUID, and a rerun's file
    would differ in that alone."""
    onnx_model = onnxmltools.convert_lightgbm(
        model, name=name, initial_types=[(input_name, FloatTensorType([None, width]))])
    return onnx_model.SerializeToString()


def shape(model: lightgbm.LGBMClassifier) -> dict:
    """Trees, leaves and the deepest leaf, read off the booster."""
    trees = model.booster_.dump_model()["tree_info"]

    def walk(node: dict, depth: int) -> tuple[int, int]:
        if "leaf_value" in node:
            return 1, depth
        left = walk(node["left_child"], depth + 1)
        right = walk(node["right_child"], depth + 1)
        return left[0] + right[0], max(left[1], right[1])

    walked = [walk(t["tree_structure"], 0) for t in trees]
    return {"trees": len(trees), "leaves": sum(w[0] for w in walked),
            "depth": max((w[1] for w in walked), default=0)}


def monotone_columns(manifest: dict, directions: dict[str, int]) -> tuple[int, ...]:
    """The per-column constraint vector for the manifest's encoding: `directions` maps a
    numeric feature's name to +1 or -1; every other column (one-hot ones included) is free."""
    by_name = {f["name"]: f for f in manifest["features"]}
    out: list[int] = []
    for block in manifest["encoding"]:
        width = encode.block_width(block, by_name[block["feature"]])
        direction = directions.get(block["feature"], 0)
        if direction and block["kind"] != "numeric":
            raise ValueError(f"{block['feature']}: a monotone constraint needs a numeric column")
        out += [direction] * width
    return tuple(out)
