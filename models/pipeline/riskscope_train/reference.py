"""A model's reference sample (reference.json) for decision support: a background of rows the
model was fitted on (the Shapley baseline and the "average prediction"), and held-out rows with
their score, label and weight (expected cost, approval rate and alerts across cut-offs).

The manifest's `explain` names the file and its SHA-256, so the app can verify what it loads.
Background rows are raw text in exactly the format of golden.json's `raw` objects.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

FILE = "reference.json"
SEED = 0
BACKGROUND_ROWS = 200


def draw(n: int, k: int = BACKGROUND_ROWS, seed: int = SEED) -> np.ndarray:
    """k of the row positions 0..n-1, drawn at random without replacement, in ascending order."""
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))


def relative_gap(a: np.ndarray, b: np.ndarray) -> float:
    """Largest |a - b|, relative above 1 (anomaly scores run into the hundreds)."""
    return float(np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b)), initial=0.0))


def significant(value: float, digits: int) -> float:
    return float(f"{float(value):.{digits}g}")


def evaluation(source: str, score, label, weight=None) -> dict:
    """Scores rounded to 7 significant digits, weights to 6 (1.0 for every row when not given)."""
    label = [int(v) for v in label]
    weight = [1.0] * len(label) if weight is None else [significant(w, 6) for w in weight]
    score = [significant(s, 7) for s in score]
    if not len(score) == len(label) == len(weight):
        raise ValueError(f"evaluation: {len(score)} scores, {len(label)} labels, {len(weight)} weights")
    return {"source": source, "score": score, "label": label, "weight": weight}


def dumps(reference: dict) -> str:
    """One background row per line and each evaluation array on one line: small, yet a change
    to a row shows as a one-line diff."""
    def compact(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    background, scored = reference["background"], reference["evaluation"]
    rows = ",\n".join("   " + compact(row) for row in background["rows"])
    arrays = ",\n".join(f"  {json.dumps(k)}: {compact(scored[k])}" for k in ("score", "label", "weight"))
    return (
        "{\n"
        f' "format_version": {reference["format_version"]},\n'
        f' "model": {json.dumps(reference["model"])},\n'
        ' "background": {\n'
        f'  "source": {json.dumps(background["source"], ensure_ascii=False)},\n'
        f'  "rows": [\n{rows}\n  ]\n'
        " },\n"
        ' "evaluation": {\n'
        f'  "source": {json.dumps(scored["source"], ensure_ascii=False)},\n'
        f"{arrays}\n"
        " }\n"
        "}\n"
    )


def write(out_dir: Path, manifest: dict, background_rows: list[dict[str, str]],
          background_source: str, scored: dict, additive: bool) -> None:
    """Writes reference.json and records it, with its SHA-256, in the manifest's `explain`."""
    names = [f["name"] for f in manifest["features"]]
    for i, row in enumerate(background_rows):
        if list(row) != names:
            raise ValueError(f"{manifest['id']}: background row {i} has keys {list(row)}, "
                             f"expected the manifest's features {names}")
    reference = {
        "format_version": 1,
        "model": manifest["id"],
        "background": {"source": background_source, "rows": background_rows},
        "evaluation": scored,
    }
    text = dumps(reference).encode("utf-8")
    json.loads(text)  # The hand-laid layout must still be JSON.
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / FILE).write_bytes(text)
    manifest["explain"] = {"reference": FILE, "reference_sha256": hashlib.sha256(text).hexdigest(),
                           "additive": additive}


def compare(committed_dir: Path, fresh_dir: Path, tolerance: float) -> tuple[str, bool, bool]:
    """A one-line verdict on a fresh reference.json against the committed one, whether the
    rerun is identical (scores within `tolerance`, relative above 1, as anomaly scores run into
    the hundreds), and whether what does not depend on the rerun's arithmetic holds: background
    rows, labels and weights identical, and the committed manifest's SHA-256 matching the
    committed file."""
    committed_path = committed_dir / FILE
    if not committed_path.exists():
        return f"no committed {FILE}", False, False
    committed_bytes = committed_path.read_bytes()
    old = json.loads(committed_bytes)
    new = json.loads((fresh_dir / FILE).read_bytes())
    manifest = json.loads((committed_dir / "manifest.json").read_text(encoding="utf-8"))
    sha_ok = (manifest.get("explain", {}).get("reference_sha256")
              == hashlib.sha256(committed_bytes).hexdigest())
    same_background = old["background"] == new["background"]
    old_eval, new_eval = old["evaluation"], new["evaluation"]
    same_rows = all(old_eval[k] == new_eval[k] for k in ("source", "label", "weight"))
    if same_rows:
        s_old, s_new = np.array(old_eval["score"]), np.array(new_eval["score"])
        gap = relative_gap(s_old, s_new)
    else:
        gap = float("inf")
    invariant = sha_ok and same_background and same_rows
    line = (f"{FILE}: SHA-256 in manifest matches: {sha_ok}; background rows identical: "
            f"{same_background}; labels and weights identical: {same_rows}; "
            f"max |score_committed - score_rerun| = {gap:.2e} over {len(new_eval['score'])} "
            "evaluation rows")
    return line, invariant and gap <= tolerance, invariant
