"""Held-out metrics of a binary risk model: AUC, KS, Brier score and expected cost at a cut-off."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score, roc_curve


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
