# en: support
# Decision support: why this score (attribution), the principal reasons and the notice, what
# would change the decision (recourse), cut-off and cost, the model as a whole, and the text of
# the charts. Fluent syntax (https://projectfluent.org/fluent/guide/): `id = text`; { $name } is
# a value the page fills in (numbers arrive already written out). Keep every { $name } of the
# English text in a translation. {" "} is a space that must not be trimmed.

## Shared

# A percentage; $number is already multiplied by 100 ("12.3").
support-percent = { $number } %
support-points = { $number } percentage points

## Charts (src/web/chart.rs)

# $title is the chart's title.
support-chart-too-few-points = { $title }: not enough points to draw.
support-chart-empty = { $title }: nothing to draw.
# Tooltip of a histogram bar: the range of scores and how many rows fall in it ($count selects
# the plural, $rows is the same number written out).
support-chart-bin = { $from } to { $to }: { $count ->
    [one] { $rows } row
   *[other] { $rows } rows
}
# Tooltip of a point on a curve: the curve's name, then the point's values ("0.123, 0.456").
support-chart-point = { $series }: { $values }

## Why this score (src/web/attribution_view.rs)

support-attribution-title = Why this score
support-attribution-baseline = Average applicant of the reference sample:{" "}
support-attribution-value = This applicant:{" "}
# A probability as a percentage ($percent, "12.3") and the same on the log-odds scale ("-1.96").
support-attribution-level = { $percent } % (log-odds { $logodds })
# The bar that gathers the attributes not drawn one by one.
support-attribution-others = { $count ->
    [one] { $n } other attribute
   *[other] { $n } other attributes
}
support-attribution-additive = Exact: this model's log-odds is a sum of one term per attribute.
support-attribution-exact = Exact Shapley values: every coalition of attributes enumerated.
support-attribution-trees = Exact Shapley values, computed from the model's trees against the whole reference sample (interventional TreeSHAP).
support-attribution-sampled = Shapley values estimated from { $walks } permutation walks over the reference sample; ± is the 95 % interval of the estimate.
support-attribution-scale-log-odds = Bars are in log-odds of the probability: +0.69 doubles the odds, −0.69 halves them.
support-attribution-scale-score = Bars are in units of the anomaly score.
support-attribution-time = Score and attribution computed in { $ms } ms on this device.
# Tables of a model with a monthly history (Taiwan credit).
support-attribution-by-month = By month (all series of the month)
support-attribution-not-monthly = Not monthly (limit, age, …)
support-attribution-by-series = By series (all months)

## Principal reasons (src/web/reasons_view.rs)

# $decision is what a flagged decision is called ("Decline", "Alert").
support-reasons-title = Principal reasons for “{ $decision }”
support-reasons-none = No attribute raised the score above the average applicant's.
support-reasons-print = Print notice
support-reasons-save = Save notice as a file
# $error is the browser's own description of the failure.
support-reasons-save-failed = The notice could not be saved: { $error }

## The notice to print or save (src/reasons.rs, plain text, one message a line)

support-notice-heading = STATEMENT OF PRINCIPAL REASONS FOR THE DECISION
# $title is the model's title, $id its identifier.
support-notice-model = Model: { $title } ({ $id })
support-notice-decision = Decision: { $decision }
# $rule is how the cut-off was chosen, in the model's words.
support-notice-score = Score: { $score } (cut-off { $cutoff }: { $rule })
support-notice-no-reasons = No attribute raised the score above the average applicant's.
support-notice-reasons = Principal reasons, most important first:
support-notice-basis = The reasons are the attributes that raised this applicant's score most above the average applicant's, as attributed by the model that made the decision. They were computed on this device; nothing was sent anywhere.

## What would change the decision (src/web/recourse_view.rs)

support-recourse-title = What would change the decision
support-recourse-locks-summary = Attributes the search may change
support-recourse-history-note = The monthly history is the past, so it is kept as it is; free a month's fields to ask what a different history would have done.
support-recourse-immutable = cannot change
support-recourse-lock-free = may change
support-recourse-lock-fixed = keep as is
support-recourse-lock-up = may only go up
support-recourse-lock-down = may only go down
support-recourse-find = Find changes
# $cleared is what a cleared decision is called ("Approve").
support-recourse-intro = Find the smallest changes that would turn this decision into “{ $cleared }”.
support-recourse-none = No change within the locks and the training ranges clears this decision (at most four attributes changed). Free more attributes and search again.
support-recourse-stale = The applicant or the cut-off changed since this search: search again.
support-recourse-time = Searched in { $ms } ms on this device.
# After the attribute's name: its value now and the suggested one.
support-recourse-change = : { $from } → { $to }
support-recourse-new-score = New score { $score }, { $margin } below the cut-off.
support-recourse-range-from = { $label }: the lowest value a suggestion may give
support-recourse-range-to = { $label }: the highest value a suggestion may give
support-recourse-range-from-short = from
support-recourse-range-to-short = to
support-recourse-moves = only some moves (as the model's manifest allows)
support-recourse-apply = Apply to the form
support-recourse-locks = { $locks } locks given for { $features } attributes

## Cut-off and cost (src/web/cost_view.rs)

support-cost-title = Cut-off and cost
support-cost-matrix-fraud = Cost of each outcome, per transaction
support-cost-matrix-credit = Cost of each outcome, per applicant
support-cost-fn-fraud = Missing a fraud:
support-cost-fn-credit = Approving an applicant who defaults:
support-cost-fp-fraud = Alerting on a legitimate transaction:
support-cost-fp-credit = Declining an applicant who repays:
support-cost-implied-preset = Costs the model's cut-off implies ({ $ratio } : 1)
support-cost-cutoff-probability = Cut-off (probability)
support-cost-cutoff-anomaly = Cut-off (anomaly score)
support-cost-use-cheapest = Use the cheapest cut-off
support-cost-model-cutoff = The model's cut-off
# $rows is the number of held-out rows the curve is computed on.
support-cost-chart-title-fraud = Expected cost per transaction across cut-offs ({ $rows } held-out rows)
support-cost-chart-title-credit = Expected cost per applicant across cut-offs ({ $rows } held-out rows)
support-cost-axis-cutoff = cut-off
support-cost-axis-cutoff-log = cut-off, log10 of the anomaly score
support-cost-axis-cost = expected cost
# Labels of the chart's markers.
support-cost-marker-chosen = chosen
support-cost-marker-cheapest = cheapest
# $precision and $recall are percentages written out ("12.3 %"); $cheapest is
# support-cost-cheapest or nothing.
support-cost-at-cutoff-fraud = At cut-off { $cutoff }: { $alerts } alerts per 10,000 transactions, precision { $precision }, recall { $recall }, expected cost { $cost } per transaction.{ $cheapest }
# $cleared is what a cleared decision is called ("Approve"); $rate is a percentage without its
# sign ("70.0").
support-cost-at-cutoff-credit = At cut-off { $cutoff }: { $cleared } rate { $rate } %, defaulters among the declined { $precision }, expected cost { $cost } per applicant.{ $cheapest }
# Follows the sentence above, hence the leading space.
support-cost-cheapest = {" "}The cheapest cut-off on this sample is { $cutoff }, at { $cost } per row.
support-cost-capacity = Investigations per day:
support-cost-volume = Transactions per day:
# $capacity is the investigations per day; $recall and $precision are percentages written out.
support-cost-at-capacity = Investigating the { $capacity } highest scores of each day catches { $recall } of fraud at { $precision } precision (cut-off { $cutoff }).
support-cost-no-capacity = Give a capacity and a positive daily volume.

## The model as a whole (src/web/global_view.rs)

support-global-title = The model as a whole
support-global-compute = Compute attribute importance
# $rows reference rows explained, in $ms milliseconds.
support-global-timing = Mean absolute attribution over { $rows } reference rows, computed in { $ms } ms.
support-global-pd-label = Partial dependence on{" "}
support-global-pd-table = Mean score over the reference sample with every row set to each category
# $feature is the attribute's label.
support-global-pd-chart = Mean score over the reference sample with every row's { $feature } set to each value
support-global-pd-axis = mean score
support-global-no-reference = this model ships no reference sample
support-global-empty-reference = the reference sample is empty

## Values scored other than as given (crates/core/src/notes.rs)

support-note-imputed = { $feature }: no value given; scored as { $value }, { $from ->
    [median] the training data's median
    [model] the value the model's own imputer gives a missing one
    [mode] the most common value in the training data
   *[declared] the value the model's manifest gives for a missing one
}
support-note-outside = { $feature }: { $value } is outside what the model learnt from ({ $low } to { $high }); scored as given
support-note-clamped = { $feature }: { $given } is outside what the model learnt from ({ $low } to { $high }); scored as { $value }, the nearest value it learnt from
support-note-unseen = { $feature }: a category the model did not see in training; scored as the model's own encoder scores any value it has not seen
support-note-short = { $note ->
    [imputed] no value given, imputed
    [clamped] outside what the model learnt from, scored at its edge
    [unseen] a category the model has not seen
   *[outside] outside what the model learnt from
}
support-reason-noted = { $reason } ({ $note })
support-notice-notes = Values the model did not score as given:
support-notes-title = Values not scored as given
