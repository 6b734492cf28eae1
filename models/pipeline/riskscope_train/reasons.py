"""Adverse-action reason templates (Regulation B style: the factor actually scored, in plain
words) that the manifest gives each feature and the app fills in.

A category feature's reason is one string with `{category}` (the category's label). A number's
is `{"high": ..., "low": ...}`: the app takes `high` when the applicant's value is at or above
the median of the reference background, `low` otherwise, and fills `{value}` and `{typical}`
(that median), both with the feature's unit. No other placeholders exist.
"""

from __future__ import annotations

import string

PLACEHOLDERS = {"category", "value", "typical"}


def level(subject: str, high: str = "high", low: str = "low") -> dict:
    """`Subject is high: {value} (typical {typical})`, for a quantity."""
    return {"high": f"{subject} is {high}: {{value}} (typical {{typical}})",
            "low": f"{subject} is {low}: {{value}} (typical {{typical}})"}


def coded(subject: str, top: int | None = None) -> dict:
    """For a small integer code that many applicants share with the median: "at or above" stays
    true on a tie, where "high" would not. `top` names the largest class of a 1..top code."""
    value, typical = ((f"class {{value}} of {top}", "the typical class {typical}") if top
                      else ("{value}", "the typical {typical}"))
    return {"high": f"{subject}: {value}, at or above {typical}",
            "low": f"{subject}: {value}, below {typical}"}


def check(feature: dict) -> None:
    """A reason has the shape its feature's kind calls for and only the known placeholders."""
    reason = feature.get("reason")
    if feature["kind"] == "category":
        texts = [reason] if isinstance(reason, str) else None
        if texts and "{category}" not in reason:
            raise ValueError(f"{feature['name']}: a category reason must contain {{category}}")
    else:
        texts = ([reason["high"], reason["low"]]
                 if isinstance(reason, dict) and set(reason) == {"high", "low"} else None)
    if texts is None:
        raise ValueError(f"{feature['name']}: reason {reason!r} does not fit a {feature['kind']} feature")
    for text in texts:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        if not names <= PLACEHOLDERS - ({"value", "typical"} if feature["kind"] == "category"
                                        else {"category"}):
            raise ValueError(f"{feature['name']}: reason {text!r} has placeholders {sorted(names)}")
