"""Held-out metrics of a binary risk model: AUC, KS, Brier score and expected cost at a cut-off,
and bootstrap intervals of those measured on a single hold-out."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score, roc_curve

BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20261122
BOOTSTRAP_METHOD = ("95 % intervals (ci95): stratified percentile bootstrap of the held-out rows "
                    "(positives and negatives each resampled with replacement at their own count), "
                    f"{BOOTSTRAP_RESAMPLES} resamples, seed {BOOTSTRAP_SEED}, 2.5th and 97.5th "
                    "percentiles; the sampling error of this hold-out only, not of training")
# Resamples scored at a time: the count matrix is this many rows by the hold-out's size.
BOOTSTRAP_CHUNK = 100


def ks_statistic(y: np.ndarray, p: np.ndarray) -> float:
    """Kolmogorov-Smirnov: the largest gap between the score distributions of bads and goods."""
    fpr, tpr, _ = roc_curve(y, p)
    return float(np.max(tpr - fpr))


def cost_per_applicant(y: np.ndarray, p: np.ndarray, cutoff: float,
                       cost_bad_approved: float, cost_good_declined: float) -> float:
    """Expected cost of deciding by `p >= cutoff -> decline`, averaged over applicants."""
    declined = p >= cutoff
    bad_approved = np.sum((y == 1) & ~declined)
    good_declined = np.sum((y == 0) & declined)
    return float((cost_bad_approved * bad_approved + cost_good_declined * good_declined) / len(y))


def ranking_metrics(y: np.ndarray, score: np.ndarray) -> dict:
    """The measures that need only an ordering of the rows (any score, not just probabilities)."""
    return {
        "auc": float(roc_auc_score(y, score)),
        "average_precision": float(average_precision_score(y, score)),
        "ks": ks_statistic(y, score),
    }


def binary_metrics(y: np.ndarray, p: np.ndarray, cutoff: float,
                   cost_bad_approved: float, cost_good_declined: float) -> dict:
    declined = p >= cutoff
    return {
        **ranking_metrics(y, p),
        "brier": float(brier_score_loss(y, p)),
        "cost_per_applicant": cost_per_applicant(y, p, cutoff, cost_bad_approved, cost_good_declined),
        "approval_rate": float(np.mean(~declined)),
    }


def summarise(per_fold: list[dict]) -> dict:
    """Mean and standard deviation of each metric over the folds."""
    keys = per_fold[0].keys()
    return {
        k: {"mean": float(np.mean([m[k] for m in per_fold])),
            "std": float(np.std([m[k] for m in per_fold], ddof=1))}
        for k in keys
    }


def resample_indices(y: np.ndarray, rng: np.random.Generator, n_resamples: int) -> np.ndarray:
    """Row indices of `n_resamples` stratified resamples, one per row of the result: the
    positives drawn with replacement as many times as there are positives, then the negatives
    likewise, so every resample keeps the hold-out's class counts."""
    positives, negatives = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    return np.concatenate([
        positives[rng.integers(0, len(positives), (n_resamples, len(positives)))],
        negatives[rng.integers(0, len(negatives), (n_resamples, len(negatives)))]], axis=1)


def resample_counts(indices: np.ndarray, n_rows: int) -> np.ndarray:
    """How many times each row occurs in each resample (one resample per row of `indices`)."""
    k = len(indices)
    offsets = (np.arange(k) * n_rows)[:, None]
    return np.bincount((indices + offsets).ravel(), minlength=k * n_rows).reshape(k, n_rows)


def brier_terms(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Each row's term of the Brier score, as scikit-learn's brier_score_loss computes it (both
    classes' squared errors, halved, with 1 - p in p's own precision: float32 for the ONNX
    outputs), so that resampled Brier scores match it to rounding, not to 1e-10."""
    labels = (y == 1).astype(int)
    return 0.5 * np.sum((np.column_stack((1 - labels, labels))
                         - np.column_stack((1 - p, p))) ** 2, axis=1)


def weighted_metrics(y: np.ndarray, score: np.ndarray, counts: np.ndarray,
                     cutoff: float | None) -> dict[str, np.ndarray]:
    """The held-out measures of each resample, given as row counts (one resample per row of
    `counts`), with scikit-learn's conventions: rows of equal score form one ROC or PR point,
    AUC counts a tie as half, average precision is the step sum over distinct scores, KS the
    largest TPR - FPR. Equal to scikit-learn on the expanded rows (checked by `self_check`).
    With a cut-off, also the Brier score, the flag (alert) rate, its complement (approval rate)
    and precision and recall among rows scored at or above it (precision 0 with no flag)."""
    order = np.argsort(-score, kind="stable")
    s, positive = score[order], y[order] == 1
    # Distinct scores, highest first: each group of ties is one threshold.
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    w = counts[:, order].astype(np.float64)
    tp = np.add.reduceat(np.where(positive, w, 0.0), starts, axis=1)
    fp = np.add.reduceat(np.where(positive, 0.0, w), starts, axis=1)
    n_pos, n_neg = tp.sum(axis=1), fp.sum(axis=1)
    cum_tp, cum_fp = np.cumsum(tp, axis=1), np.cumsum(fp, axis=1)
    # A positive outranks the negatives below its group and ties with half of its own group's.
    auc = np.sum(tp * (n_neg[:, None] - cum_fp + 0.5 * fp), axis=1) / (n_pos * n_neg)
    flagged = cum_tp + cum_fp
    precision = np.divide(cum_tp, flagged, out=np.ones_like(cum_tp), where=flagged > 0)
    out = {
        "auc": auc,
        "average_precision": np.sum(tp * precision, axis=1) / n_pos,
        "ks": np.maximum(0.0, np.max(cum_tp / n_pos[:, None] - cum_fp / n_neg[:, None], axis=1)),
    }
    if cutoff is not None:
        n = counts.sum(axis=1)
        alerts = score >= cutoff
        alerted = counts[:, alerts].sum(axis=1)
        caught = counts[:, alerts & (y == 1)].sum(axis=1)
        out["brier"] = counts @ brier_terms(y, score) / n
        out["alert_rate"] = alerted / n
        out["approval_rate"] = 1.0 - alerted / n
        out["precision_at_cutoff"] = np.divide(caught, alerted, out=np.zeros(len(counts)),
                                               where=alerted > 0)
        out["recall_at_cutoff"] = caught / n_pos
    return out


def bootstrap_intervals(y: np.ndarray, score: np.ndarray, cutoff: float | None,
                        keys, n_resamples: int = BOOTSTRAP_RESAMPLES,
                        seed: int = BOOTSTRAP_SEED) -> dict[str, list[float]]:
    """Percentile bootstrap 95 % interval of each measure in `keys` (BOOTSTRAP_METHOD)."""
    rng = np.random.default_rng(seed)
    values: dict[str, list[np.ndarray]] = {k: [] for k in keys}
    for start in range(0, n_resamples, BOOTSTRAP_CHUNK):
        size = min(BOOTSTRAP_CHUNK, n_resamples - start)
        counts = resample_counts(resample_indices(y, rng, size), len(y))
        measured = weighted_metrics(y, score, counts, cutoff)
        for k in keys:
            values[k].append(measured[k])
    return {k: [float(v) for v in np.percentile(np.concatenate(values[k]), [2.5, 97.5])]
            for k in keys}


def with_intervals(y: np.ndarray, score: np.ndarray, cutoff: float | None, point: dict) -> dict:
    """metrics.json's `held_out` for a single hold-out: each measure's value as `mean` (std 0:
    one split), and its bootstrap interval as `ci95`. The fast formulas must reproduce the
    point values on the hold-out itself (every row counted once) before any interval is trusted."""
    once = weighted_metrics(y, score, np.ones((1, len(y)), dtype=np.int64), cutoff)
    gap = max(abs(float(once[k][0]) - v) for k, v in point.items())
    if gap > 1e-12:
        raise AssertionError(f"bootstrap formulas differ from the point metrics by {gap}")
    ci = bootstrap_intervals(y, score, cutoff, list(point))
    return {k: {"mean": v, "std": 0.0, "ci95": ci[k]} for k, v in point.items()}


def paired_difference(y: np.ndarray, a: np.ndarray, b: np.ndarray, keys=("auc", "average_precision", "ks"),
                      n_resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> dict:
    """Two models scored on the same held-out rows: each measure of `a` less that of `b`, with
    the percentile interval of that difference over the same stratified resamples for both
    (BOOTSTRAP_METHOD), which is narrower than either model's own interval when their errors
    go together."""
    rng = np.random.default_rng(seed)
    values: dict[str, list[np.ndarray]] = {k: [] for k in keys}
    for start in range(0, n_resamples, BOOTSTRAP_CHUNK):
        size = min(BOOTSTRAP_CHUNK, n_resamples - start)
        counts = resample_counts(resample_indices(y, rng, size), len(y))
        ma, mb = weighted_metrics(y, a, counts, None), weighted_metrics(y, b, counts, None)
        for k in keys:
            values[k].append(ma[k] - mb[k])
    once = np.ones((1, len(y)), dtype=np.int64)
    pa, pb = weighted_metrics(y, a, once, None), weighted_metrics(y, b, once, None)
    return {k: {"difference": float(pa[k][0] - pb[k][0]),
                "ci95": [float(v) for v in np.percentile(np.concatenate(values[k]), [2.5, 97.5])]}
            for k in keys}


# Repeated k-fold cross-validation (German Credit): 10 repeats of 5 folds, each fold holding out
# a fifth of the rows.
CV_FOLDS = 50
CV_TEST_SHARE = 1 / 5


def corrected_cv_interval(mean: float, std: float, folds: int = CV_FOLDS,
                          test_share: float = CV_TEST_SHARE) -> list[float]:
    """95 % interval of a repeated cross-validation's mean with the corrected resampled t
    (Nadeau & Bengio, 2003; Bouckaert & Frank, 2004): the folds share training rows, so their
    variance is inflated by n_test / n_train on top of 1 / folds before the t quantile."""
    from scipy.stats import t

    se = std * np.sqrt(1 / folds + test_share / (1 - test_share))
    half = float(t.ppf(0.975, folds - 1)) * se
    return [float(mean - half), float(mean + half)]


def catalog_intervals(held_out: dict) -> dict:
    """The catalog's `intervals` (each figure's 95 % interval, as the page shows it) and
    `interval_method`: the bootstrap of a single hold-out where metrics.json has one (ci95),
    else the corrected resampled t of a repeated cross-validation."""
    if all("ci95" in v for v in held_out.values()):
        return {"intervals": {k: [round(b, 4) for b in v["ci95"]] for k, v in held_out.items()},
                "interval_method": "bootstrap"}
    return {"intervals": {k: [round(b, 4) for b in corrected_cv_interval(v["mean"], v["std"])]
                          for k, v in held_out.items()},
            "interval_method": "corrected_cv"}


def largest_gap(fresh: dict, recorded: dict) -> float:
    """Largest difference between two `held_out` dicts, over every value and interval bound."""
    gaps = [abs(fresh[k]["mean"] - recorded[k]["mean"]) for k in fresh]
    gaps += [abs(a - b) for k in fresh
             for a, b in zip(fresh[k]["ci95"], recorded[k].get("ci95", [np.inf, np.inf]))]
    return max(gaps)


def self_check() -> list[str]:
    """Oracle checks of the bootstrap (run by `models/train --check`; the pipeline has no other
    test harness): the fast weighted formulas against scikit-learn on explicitly resampled rows,
    and the exact interval of a perfectly separating score. Returns the failures."""
    failures = []
    rng = np.random.default_rng(7)
    n = 20000
    y = (rng.random(n) < 0.01).astype(int)
    # Rounded scores: many ties, within and across classes; float32, as ONNX models give them.
    score = np.round(np.clip(rng.normal(0.2 + 0.3 * y, 0.15), 0, 1), 2).astype(np.float32)
    cutoff = 0.5
    indices = resample_indices(y, np.random.default_rng(BOOTSTRAP_SEED), 25)
    fast = weighted_metrics(y, score, resample_counts(indices, n), cutoff)
    worst = 0.0
    for b, idx in enumerate(indices):
        yb, sb = y[idx], score[idx]
        alerts = sb >= cutoff
        oracle = {**ranking_metrics(yb, sb), "brier": float(brier_score_loss(yb, sb)),
                  "alert_rate": float(np.mean(alerts)), "approval_rate": float(np.mean(~alerts)),
                  "precision_at_cutoff": float(yb[alerts].mean()) if alerts.any() else 0.0,
                  "recall_at_cutoff": float(np.mean(alerts[yb == 1]))}
        if int(yb.sum()) != int(y.sum()):
            failures.append(f"resample {b} has {int(yb.sum())} positives, not {int(y.sum())}")
        worst = max(worst, max(abs(float(fast[k][b]) - v) for k, v in oracle.items()))
    if worst > 1e-12:
        failures.append(f"fast resampled metrics differ from scikit-learn's by {worst:.2e}")
    separating = y + rng.random(n) * 0.5
    ci = bootstrap_intervals(y, separating, None, ["auc", "average_precision", "ks"],
                             n_resamples=200)
    if any(v != [1.0, 1.0] for v in ci.values()):
        failures.append(f"a perfectly separating score's intervals are {ci}, not [1, 1]")
    return failures
