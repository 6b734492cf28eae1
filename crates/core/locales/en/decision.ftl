# en: decision
# The assessment panel (the score, the decision at the cut-off, the risk band) and a
# scorecard's points table.

## The assessment panel

decision-title = Assessment
decision-placeholder = Fill in the applicant: the score follows every change.
# The score could not be computed; $error is the model's own message (English).
decision-score-failed = { $error }
# A probability in percent; $value is already formatted ("12.3"). Note the space before %.
decision-percent = { $value } %
# Under a probability; $positive is the model's positive class ("bad credit risk (default)").
decision-probability-of = probability of { $positive }
decision-anomaly-score = anomaly score: mean squared reconstruction error
# Followed by the decision's name in bold ("Decline"); keep the space at the end.
decision-decision = Decision:{ " " }
# Followed by the band's name in bold ("C"), then decision-band-label.
decision-band = Risk band{ " " }
# After the band's name; $label describes the band ("high risk").
decision-band-label = : { $label }
# $cutoff: the cut-off as the score is shown; $rule: why the model's cut-off is where it is.
decision-cutoff = Cut-off { $cutoff }: { $rule }.
# The user moved the cut-off; $own is the model's own cut-off.
decision-cutoff-chosen = Cut-off { $cutoff }, chosen below (the model's own is { $own }).
decision-stale = Some fields above are not valid: this is the score of the last valid applicant.
# An anomaly score's largest per-input errors, listed below this title.
decision-feature-errors = Inputs the autoencoder could not reproduce (squared error, share of the total):
# $error: the input's squared reconstruction error; $share: its percentage of the total.
decision-feature-error = { $error } · { $share } %

## A scorecard's points

# $points: the applicant's total score, rounded.
decision-points-summary = Scorecard: { $points } points
decision-points-caption = Points by attribute (higher is safer)
decision-points-attribute = Attribute
decision-points-bin = Bin
decision-points-points = Points
decision-points-base = Base points
decision-points-total = Total
# A numeric bin of an attribute: below $upper, from $lower to under $upper, $lower or more.
decision-bin-below = below { $upper }
decision-bin-between = { $lower } to under { $upper }
decision-bin-from = { $lower } or more
decision-bin-any = any value
# Between the categories of a category bin ("none, existing paid").
decision-bin-separator = ,{ " " }
