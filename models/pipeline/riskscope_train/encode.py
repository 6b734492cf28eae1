"""The reference encoder: raw attribute strings -> the model's input tensor, read from a manifest.

RiskScope's Rust core implements the same rules (src/encoding.rs); the golden vectors are made
through this function, so the two are checked against each other on every test run.

Block kinds: `one_hot` (one column per category, manifest order), `numeric` (the number as it
is) and `woe` (one column: the weight of evidence of the bin the value falls in; numeric bins
are half-open `[previous upper, upper)`, the last has no upper; category bins list values).
"""

from __future__ import annotations

import numpy as np

from . import policy, reasons


def one_hot_and_numeric(features: list[dict]) -> list[dict]:
    """One block per feature, in manifest order: categories one-hot, numbers as they are."""
    return [
        {"feature": f["name"], "kind": "one_hot" if f["kind"] == "category" else "numeric"}
        for f in features
    ]


def manifest_features(specs: list[dict], raw, immutable: set[str],
                      recourse: dict[str, dict] | None = None) -> list[dict]:
    """The manifest's features from their specs and the training rows `raw` (a DataFrame of
    strings): each gets its default (the most common category, or the median) and, for numbers,
    the training range, and its value policy (policy.propose); `immutable` names the attributes
    recourse must leave alone and `recourse` what it may suggest for others by default (a
    default lock, allowed category moves). Each spec's
    adverse-action `reason` template is checked against its kind (reasons.check)."""
    features = []
    for spec in specs:
        feature = dict(spec)
        column = raw[spec["name"]]
        if spec["kind"] == "category":
            feature["default"] = column.value_counts().idxmax()
        else:
            values = column.astype(float)
            median = float(np.median(values))
            feature["default"] = round(median) if spec["kind"] == "integer" else median
            feature["training_range"] = [float(values.min()), float(values.max())]
        feature["immutable"] = spec["name"] in immutable
        if recourse and spec["name"] in recourse:
            feature["recourse"] = recourse[spec["name"]]
        reasons.check(feature)
        features.append(policy.propose(feature))
    return features


def block_width(block: dict, feature: dict) -> int:
    return len(feature["categories"]) if block["kind"] == "one_hot" else 1


def input_width(manifest: dict) -> int:
    by_name = {f["name"]: f for f in manifest["features"]}
    return sum(block_width(b, by_name[b["feature"]]) for b in manifest["encoding"])


def parse_category(feature: dict, text: str) -> int:
    hits = [i for i, c in enumerate(feature["categories"]) if text in (c["value"], c.get("code"))]
    if len(hits) != 1:
        raise ValueError(f"{feature['name']}: {text!r} is not one of its categories")
    return hits[0]


def woe_bin(block: dict, feature: dict, text: str) -> int:
    """The index of the bin `text` falls in."""
    if feature["kind"] == "category":
        value = feature["categories"][parse_category(feature, text)]["value"]
        return next(i for i, b in enumerate(block["bins"]) if value in b["categories"])
    x = float(text)
    return next(i for i, b in enumerate(block["bins"]) if b["upper"] is None or x < b["upper"])


def encode_row(manifest: dict, raw: dict[str, str]) -> np.ndarray:
    by_name = {f["name"]: f for f in manifest["features"]}
    out: list[float] = []
    for block in manifest["encoding"]:
        feature = by_name[block["feature"]]
        text = raw[feature["name"]].strip()
        if block["kind"] == "one_hot":
            hit = parse_category(feature, text)
            out.extend(1.0 if i == hit else 0.0 for i in range(len(feature["categories"])))
        elif block["kind"] == "woe":
            out.append(block["bins"][woe_bin(block, feature, text)]["woe"])
        else:
            out.append(float(text))
    return np.asarray(out, dtype=np.float32)


def encode_rows(manifest: dict, rows: list[dict[str, str]]) -> np.ndarray:
    if not rows:
        return np.zeros((0, input_width(manifest)), dtype=np.float32)
    return np.stack([encode_row(manifest, r) for r in rows])
