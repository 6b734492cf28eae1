"""A model's labelled sample (sample.csv), a file a user can batch-score in the app, and the
pipeline's own figures on it (sample.expected.json): the oracle the app's batch metrics (AUC,
average precision, KS, Brier, PSI, approval and true-positive rates by group) are tested against.

sample.csv holds the raw columns a user of the data set has, named as the manifest's features
and written as the manifest accepts them (categories as their `value` text, whole numbers
without ".0"), plus group columns and the label (1 = the positive class). The scores behind
sample.expected.json are onnxruntime's on the rows encoded exactly as the golden vectors are
(encode.encode_rows on the cells' text); the reference of the PSI is reference.json's
background. Nothing is rounded: floats are written at full precision.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import brier_score_loss

from . import artefacts, encode, metrics, reference

CSV_FILE = "sample.csv"
EXPECTED_FILE = "sample.expected.json"
AGE_BAND = "age_band"
# (first age past the band, band); the last band has no end.
AGE_BANDS = [(25, "under 25"), (35, "25 to 34"), (50, "35 to 49"), (None, "50 and over")]
PSI_BINS = 10
PSI_FLOOR = 1e-4
QUANTILES = (0.1, 0.5, 0.9)
FIRST_SCORES = 20


@dataclass(frozen=True)
class Sample:
    """The rows of sample.csv as cell texts, in column order, and what the columns mean."""

    columns: list[str]
    rows: list[list[str]]
    label: str
    groups: list[str]
    note: str

    def column(self, name: str) -> list[str]:
        k = self.columns.index(name)
        return [row[k] for row in self.rows]

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def age_band(age: float) -> str:
    return next(band for end, band in AGE_BANDS if end is None or age < end)


def number_text(value: float) -> str:
    """Whole numbers without ".0", others as the shortest text that reads back to the same float."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def feature_cells(manifest: dict, raw: dict[str, str]) -> list[str]:
    """A raw row's features, in manifest order, as the manifest accepts them: a category as its
    `value` (a UCI code becomes its value text), a number as number_text."""
    cells = []
    for f in manifest["features"]:
        text = raw[f["name"]].strip()
        if f["kind"] == "category":
            cells.append(f["categories"][encode.parse_category(f, text)]["value"])
        else:
            cells.append(number_text(float(text)))
    return cells


def csv_text(sample: Sample) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(sample.columns)
    writer.writerows(sample.rows)
    return out.getvalue()


def read_csv(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:]


def manifest_problems(manifest: dict, sample: Sample) -> list[str]:
    """Every cell the app would refuse by the manifest's rules (category, range, whole number)."""
    problems = []
    for i, row in enumerate(sample.records(), start=1):
        for f in manifest["features"]:
            text = row[f["name"]].strip()
            if f["kind"] == "category":
                if text not in [c["value"] for c in f["categories"]]:
                    problems.append(f"row {i}, column {f['name']!r}: {text!r} is not a category")
                continue
            x = float(text)
            if not (math.isfinite(x) and f["min"] <= x <= f["max"]):
                problems.append(f"row {i}, column {f['name']!r}: {text} is outside "
                                f"{f['min']} to {f['max']}")
            elif f["kind"] == "integer" and not x.is_integer():
                problems.append(f"row {i}, column {f['name']!r}: {text} is not a whole number")
    return problems


def scores(manifest: dict, onnx_bytes: bytes, rows: list[dict[str, str]]) -> np.ndarray:
    """onnxruntime's score of each raw row (P(positive), or the anomaly score), as float64."""
    x = encode.encode_rows(manifest, rows)
    return np.asarray(artefacts.run_onnx(onnx_bytes, manifest, x), dtype=np.float64)


def decile_edges(values) -> list[float]:
    """R sorted ascending (n values): e_k = R[floor(k n / 10)] for k = 1..9, duplicates removed."""
    ordered = sorted(float(v) for v in values)
    n = len(ordered)
    return sorted({ordered[k * n // PSI_BINS] for k in range(1, PSI_BINS)})


def psi_of_bins(reference_bins: list[int], actual_bins: list[int], n_bins: int) -> float:
    """Sum over bins b = 0..n_bins-1, in that order, of (a_b - r_b) ln(a_b / r_b), where r_b and
    a_b are the shares of the reference and actual values in bin b, each floored at 1e-4."""
    r_counts, a_counts = [0] * n_bins, [0] * n_bins
    for b in reference_bins:
        r_counts[b] += 1
    for b in actual_bins:
        a_counts[b] += 1
    total = 0.0
    for r_count, a_count in zip(r_counts, a_counts):
        r = max(r_count / len(reference_bins), PSI_FLOOR)
        a = max(a_count / len(actual_bins), PSI_FLOOR)
        total += (a - r) * math.log(a / r)
    return total


def numeric_psi(reference_values, actual_values) -> float:
    """Population stability index of numbers (the Rust side implements the same definition).

    Reference values R (n of them) sorted ascending; edges e_k = R[floor(k n / 10)] for
    k = 1..9, duplicates removed, ascending. The bin of a value v is the number of edges e with
    e <= v (0..len(edges)). Shares r_b = count_R(b) / n and a_b = count_A(b) / len(A), each
    floored at 1e-4 (no renormalising); PSI = sum over bins in order of (a_b - r_b) ln(a_b / r_b).
    """
    edges = decile_edges(reference_values)

    def bins(values) -> list[int]:
        return [bisect.bisect_right(edges, float(v)) for v in values]

    return psi_of_bins(bins(reference_values), bins(actual_values), len(edges) + 1)


def category_psi(feature: dict, reference_texts, actual_texts) -> float:
    """The same index for a category: one bin per manifest category, in manifest order."""
    def bins(texts) -> list[int]:
        return [encode.parse_category(feature, t.strip()) for t in texts]

    return psi_of_bins(bins(reference_texts), bins(actual_texts), len(feature["categories"]))


def group_order(manifest: dict, column: str) -> list[str]:
    """The values a group column can take, in display order."""
    if column == AGE_BAND:
        return [band for _, band in AGE_BANDS]
    feature = next(f for f in manifest["features"] if f["name"] == column)
    return [c["value"] for c in feature["categories"]]


def group_figures(values: list[str], order: list[str], y: np.ndarray, flagged: np.ndarray) -> dict:
    """Per group value that occurs: rows, approved (score < cut-off), approval rate, positives
    and true-positive rate (share of the positives flagged; null without positives)."""
    values_array = np.array(values)
    out = {}
    for value in order:
        member = values_array == value
        n = int(member.sum())
        if n == 0:
            continue
        positives = int(y[member].sum())
        approved = int((member & ~flagged).sum())
        out[value] = {
            "rows": n,
            "approved": approved,
            "approval_rate": approved / n,
            "positives": positives,
            "tpr": int((member & flagged & (y == 1)).sum()) / positives if positives else None,
        }
    return out


def adverse_impact_ratio(by_group: dict) -> float | None:
    """Lowest approval rate over the highest, across groups with at least one row."""
    rates = [g["approval_rate"] for g in by_group.values()]
    return min(rates) / max(rates) if rates and max(rates) > 0 else None


def tpr_gap(by_group: dict) -> float | None:
    """Highest true-positive rate minus the lowest, across groups with at least one positive."""
    rates = [g["tpr"] for g in by_group.values() if g["tpr"] is not None]
    return max(rates) - min(rates) if rates else None


def expected(manifest: dict, onnx_bytes: bytes, background: list[dict[str, str]],
             sample: Sample) -> dict:
    """sample.expected.json: the pipeline's figures for the model on the sample's rows."""
    rows = sample.records()
    score = scores(manifest, onnx_bytes, rows)
    y = np.array([int(v) for v in sample.column(sample.label)])
    cutoff = manifest["decision"]["cutoff"]
    flagged = score >= cutoff
    ranking = metrics.ranking_metrics(y, score)
    probability = manifest["model"]["output"].get("kind", "probability") == "probability"
    feature_psi = {}
    for f in manifest["features"]:
        reference_texts = [r[f["name"]] for r in background]
        actual_texts = sample.column(f["name"])
        feature_psi[f["name"]] = (
            category_psi(f, reference_texts, actual_texts) if f["kind"] == "category" else
            numeric_psi([float(t) for t in reference_texts], [float(t) for t in actual_texts]))
    groups = {g: group_figures(sample.column(g), group_order(manifest, g), y, flagged)
              for g in sample.groups}
    return {
        "model": manifest["id"],
        "about": f"the pipeline's figures (scikit-learn, numpy) on {CSV_FILE}, from onnxruntime's "
                 "scores of this model.onnx; PSI against the scores and values of reference.json's "
                 "background rows; made by models/train",
        "note": sample.note,
        "rows": len(rows),
        "label": sample.label,
        "positives": int(y.sum()),
        "auc": ranking["auc"],
        "average_precision": ranking["average_precision"],
        "ks": ranking["ks"],
        "gini": 2 * ranking["auc"] - 1,
        "brier": float(brier_score_loss(y, score)) if probability else None,
        "cutoff": cutoff,
        "flagged": int(flagged.sum()),
        "confusion": {
            "tp": int((flagged & (y == 1)).sum()),
            "fp": int((flagged & (y == 0)).sum()),
            "tn": int((~flagged & (y == 0)).sum()),
            "fn": int((~flagged & (y == 1)).sum()),
        },
        "score_psi": numeric_psi(scores(manifest, onnx_bytes, background), score),
        "feature_psi": feature_psi,
        "groups": groups,
        "adverse_impact_ratio": {g: adverse_impact_ratio(v) for g, v in groups.items()},
        "tpr_gap": {g: tpr_gap(v) for g, v in groups.items()},
        "first_scores": [float(s) for s in score[:FIRST_SCORES]],
        "score_quantiles": {str(q): float(v) for q, v in zip(QUANTILES, np.quantile(score, QUANTILES))},
    }


def expected_text(value: dict) -> str:
    return json.dumps(value, indent=1, ensure_ascii=False) + "\n"


def background_rows(out_dir: Path) -> list[dict[str, str]]:
    return json.loads((out_dir / reference.FILE).read_text(encoding="utf-8"))["background"]["rows"]


def write(out_dir: Path, manifest: dict, onnx_bytes: bytes, sample: Sample) -> None:
    """Writes sample.csv and sample.expected.json; reference.json must already be written.
    Every row must pass the manifest's rules, so the app scores all of them."""
    problems = manifest_problems(manifest, sample)
    if problems:
        raise ValueError(f"{manifest['id']}: {len(problems)} cells of the sample break the "
                         f"manifest's rules, first: {problems[0]}")
    text = csv_text(sample)
    if read_csv(text) != (sample.columns, sample.rows):
        raise AssertionError(f"{manifest['id']}: {CSV_FILE} does not read back as written")
    (out_dir / CSV_FILE).write_bytes(text.encode("utf-8"))
    figures = expected(manifest, onnx_bytes, background_rows(out_dir), sample)
    (out_dir / EXPECTED_FILE).write_bytes(expected_text(figures).encode("utf-8"))


def catalog_entry(model_dir: Path, model_id: str) -> dict:
    """The catalog's `sample`: where the file is, its SHA-256, and what its rows are."""
    figures = json.loads((model_dir / EXPECTED_FILE).read_text(encoding="utf-8"))
    return {
        "path": f"{model_id}/{CSV_FILE}",
        "sha256": hashlib.sha256((model_dir / CSV_FILE).read_bytes()).hexdigest(),
        "rows": figures["rows"],
        "label": figures["label"],
        "groups": list(figures["groups"]),
        "note": figures["note"],
    }


def close(old, new, tolerance: float) -> bool:
    """Same structure, same integers, strings and nulls; floats within `tolerance` (relative above 1)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return list(old) == list(new) and all(close(old[k], new[k], tolerance) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(close(a, b, tolerance) for a, b in zip(old, new))
    if isinstance(old, float) and isinstance(new, float):
        return abs(old - new) / max(1.0, abs(new)) <= tolerance
    return type(old) is type(new) and old == new


def compare(committed_dir: Path, fresh_dir: Path, tolerance: float) -> tuple[str, bool, bool]:
    """A one-line verdict on a fresh sample against the committed one, whether the rerun is
    identical (its figures equal to the committed ones, floats within `tolerance`), and whether
    what does not depend on the rerun's arithmetic holds: sample.csv byte-identical, and the
    committed sample.expected.json byte-identical to the figures recomputed from the committed
    model.onnx, reference.json and sample.csv."""
    committed_csv, committed_json = committed_dir / CSV_FILE, committed_dir / EXPECTED_FILE
    if not (committed_csv.exists() and committed_json.exists()):
        return f"no committed {CSV_FILE} or {EXPECTED_FILE}", False, False
    same_csv = committed_csv.read_bytes() == (fresh_dir / CSV_FILE).read_bytes()
    committed_text = committed_json.read_text(encoding="utf-8")
    old = json.loads(committed_text)
    manifest = json.loads((committed_dir / "manifest.json").read_text(encoding="utf-8"))
    columns, rows = read_csv(committed_csv.read_text(encoding="utf-8"))
    sample = Sample(columns, rows, old["label"], list(old["groups"]), old["note"])
    recomputed = expected_text(expected(manifest, (committed_dir / "model.onnx").read_bytes(),
                                        background_rows(committed_dir), sample))
    reproduced = recomputed == committed_text
    fresh_text = (fresh_dir / EXPECTED_FILE).read_text(encoding="utf-8")
    same_figures = close(old, json.loads(fresh_text), tolerance)
    line = (f"{CSV_FILE}: identical bytes: {same_csv}; {EXPECTED_FILE} reproduced from the "
            f"committed files: {reproduced}; rerun's figures identical bytes: "
            f"{fresh_text == committed_text}, within {tolerance:g}: {same_figures}")
    return line, same_csv and reproduced and same_figures, same_csv and reproduced
