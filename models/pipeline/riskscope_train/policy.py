"""Value policies: what the page does with a value outside the training range, and with no value.

The Rust core reads them (crates/core/src/manifest/policy.rs). The pipeline proposes:

- missing: imputed with the training default (the median of a number, rounded for a count; the
  most common category), and noted beside the score. Attributes about the person (the ones
  recourse leaves alone: age, sex, nationality) are never guessed: a missing one is refused.
- outside: `flag` where `min`/`max` are only the training range widened (the ULB components,
  which have no natural bounds): any number is scored as given and noted. Elsewhere the default,
  `refuse`: `min`/`max` are what a value can be (a duration of 1 to 120 months), a value outside
  them is a row error, and one inside them but outside the training range is scored and noted.
  `clamp` (score at the training range's edge) is left to a model's owner; the pipeline's
  reference encoder does not implement it, so no catalog model uses it.
"""

from __future__ import annotations


def propose(feature: dict, outside: str = "refuse") -> dict:
    """The feature with its `policy` (absent when it is the strict default)."""
    policy = {}
    if feature["kind"] != "category" and outside != "refuse":
        policy["outside"] = outside
    if not feature.get("immutable", False):
        source = "mode" if feature["kind"] == "category" else "median"
        policy["missing"] = {"impute": {"value": feature["default"], "from": source}}
    out = dict(feature)
    if policy:
        out["policy"] = policy
    return out


def card_section(manifest: dict) -> str:
    """The model card's paragraph on value policies, from the manifest."""
    features = manifest["features"]
    imputed = [f for f in features if "missing" in f.get("policy", {})]
    refused = [f["label"] for f in features if "missing" not in f.get("policy", {})]
    flagged = [f for f in features if f.get("policy", {}).get("outside") == "flag"]
    lines = []
    if imputed:
        which = ("any attribute" if not refused else
                 "any attribute but " + _names(refused, "and"))
        lines.append(
            f"A missing value of {which} is scored as the training data's median (numbers, "
            "rounded to a whole number for counts) or most common category, and the page, the "
            "notice and the exported file say so beside the score.")
    if refused:
        lines.append(
            "A missing value of " + _names(refused, "or") + " is refused: these describe the person, "
            "and the model does not guess them.")
    if flagged:
        lines.append(
            "Every number is scored as given, however extreme: an unusual transaction is the one "
            "to look at. A value outside the range the model learnt from is noted beside the "
            "score (the model extrapolates there).")
    else:
        lines.append(
            "A number outside what it can be (the form's range) is refused; one inside it but "
            "outside the range the model learnt from is scored as given and noted beside the "
            "score (the model extrapolates there).")
    return "## Missing and unusual values\n\n" + "\n\n".join(lines) + "\n"


def _names(labels: list[str], conjunction: str) -> str:
    return ", ".join(labels[:-1]) + f" {conjunction} " + labels[-1] if len(labels) > 1 else labels[0]


def recourse_section(manifest: dict) -> str:
    """The model card's paragraph on what recourse suggests by default, from the manifest;
    empty when it may change anything."""
    features = manifest["features"]
    labels = lambda test: [f["label"] for f in features if test(f)]  # noqa: E731
    fixed = labels(lambda f: f.get("recourse", {}).get("lock") == "fixed")
    up = labels(lambda f: f.get("recourse", {}).get("lock") == "up_only")
    moves = labels(lambda f: "moves" in f.get("recourse", {}))
    immutable = labels(lambda f: f.get("immutable"))
    if not (fixed or up or moves or immutable):
        return ""
    lines = []
    history = {name for series in manifest.get("sequence", {}).get("series", [])
               for name in series["features"]}
    series = [s["label"] for s in manifest.get("sequence", {}).get("series", [])]
    in_history = [f["label"] for f in features if f["name"] in history and f["label"] in fixed]
    others = [label for label in fixed if label not in in_history]
    if fixed:
        kept = ([f"the monthly history ({_names(series, 'and')}, every month)"] if in_history else []) + others
        why = "the past cannot be rewritten" + (", and the loan is applied for as it is" if others else "")
        lines.append(f"By default, suggestions leave {_names(kept, 'and')} as they are: {why}. "
                     "A user may free them in the page to explore.")
    if up:
        lines.append(f"{_names(up, 'and')} can only grow.")
    if moves:
        lines.append(f"{_names(moves, 'and')} only make the moves a person can make: balances, "
                     "savings and years employed grow, and closing an account is never "
                     "suggested (opening one with a balance may be).")
    if immutable:
        lines.append(f"{_names(immutable, 'and')} are never changed.")
    return "## What recourse suggests\n\n" + "\n\n".join(lines) + "\n"
