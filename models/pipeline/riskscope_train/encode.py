"""The reference encoder: raw attribute strings -> the model's input tensor, read from a manifest.

RiskScope's Rust core implements the same rules (src/encoding.rs); the golden vectors are made
through this function, so the two are checked against each other on every test run.
"""

from __future__ import annotations

import numpy as np


def encoding_blocks(features: list[dict]) -> list[dict]:
    """One block per feature, in manifest order: categories one-hot, numbers as they are."""
    return [
        {"feature": f["name"], "kind": "one_hot" if f["kind"] == "category" else "numeric"}
        for f in features
    ]


def input_width(manifest: dict) -> int:
    by_name = {f["name"]: f for f in manifest["features"]}
    width = 0
    for block in manifest["encoding"]:
        feature = by_name[block["feature"]]
        width += len(feature["categories"]) if block["kind"] == "one_hot" else 1
    return width


def encode_row(manifest: dict, raw: dict[str, str]) -> np.ndarray:
    by_name = {f["name"]: f for f in manifest["features"]}
    out: list[float] = []
    for block in manifest["encoding"]:
        feature = by_name[block["feature"]]
        text = raw[feature["name"]].strip()
        if block["kind"] == "one_hot":
            hits = [i for i, c in enumerate(feature["categories"]) if text in (c["value"], c["code"])]
            if len(hits) != 1:
                raise ValueError(f"{feature['name']}: {text!r} is not one of its categories")
            out.extend(1.0 if i == hits[0] else 0.0 for i in range(len(feature["categories"])))
        else:
            out.append(float(text))
    return np.asarray(out, dtype=np.float32)


def encode_rows(manifest: dict, rows: list[dict[str, str]]) -> np.ndarray:
    if not rows:
        return np.zeros((0, input_width(manifest)), dtype=np.float32)
    return np.stack([encode_row(manifest, r) for r in rows])
