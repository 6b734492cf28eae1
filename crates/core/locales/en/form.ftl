# en: form
# The model picker, what the model is and how well it does, the applicant form with its fields
# and their errors, and the messages of loading a model.

## The model picker

form-picker-label = Model
form-picker-credit = Credit: probability of default
form-picker-fraud = Fraud: probability of fraud
# The group of models the user brought (checked in "Bring your own model").
form-picker-yours = Your models
# One catalog model: $title is its title, $auc its held-out AUC (0 to 1, three decimals).
form-picker-model = { $title } (AUC { $auc })

## What the model is and how well it does

form-metrics-unmeasured = Not measured: bring a labelled data file with the model to measure it (or score one below).
# A model the user brought, measured on the user's labelled file. $brier is form-metrics-brier
# or nothing.
form-metrics-yours = On your data file: AUC { $auc }, average precision { $ap }, KS { $ks }{ $brier }.
# A catalog model, measured on data held out from its training. $brier is form-metrics-brier or
# nothing; $cost is form-metrics-cost or nothing.
form-metrics-held-out = Held out: AUC { $auc }, average precision { $ap }, KS { $ks }{ $brier }{ $cost }.
# Appended to the metrics above (note the leading comma).
form-metrics-brier = , Brier { $brier }
# Appended to the metrics above: the expected cost of the decisions per applicant, in the
# cost matrix's units.
form-metrics-cost = , cost per applicant { $cost }
# A held-out figure and its 95 % interval.
form-metric-interval = { $value } ({ $low }–{ $high })
# Under the held-out figures: what the intervals in brackets are.
form-metrics-intervals-bootstrap = In brackets: 95 % intervals, from resampling the held-out rows. They show this one hold-out's sampling error; retraining moves the figures too.
form-metrics-intervals-corrected-cv = In brackets: 95 % intervals of the cross-validation's means (corrected resampled t, which allows for folds sharing training rows).

## The applicant form

form-title = Applicant
# The grid of a sequence model's monthly inputs.
form-history = History, month by month
form-score = Score
# Below the Score button. $count selects the plural; $fields is the same number, formatted.
form-errors = { $count ->
    [one] { $fields } field needs attention.
   *[other] { $fields } fields need attention.
}
# Beside a number field: $description is the feature's description, $range form-range or
# form-range-unit.
form-hint = { $description } ({ $range })
form-range = { $min } to { $max }
# $unit: the feature's unit ("months", "DM").
form-range-unit = { $unit }, { $min } to { $max }
# After a field's hint when its policy imputes a missing value: $value is what is scored.
form-unknown-allowed = { $kind ->
    [category] If unknown, choose “Unknown”: it is scored as { $value } and noted.
   *[number] If unknown, leave it empty: it is scored as { $value } and noted.
}
form-unknown-option = Unknown
# The label of the slider beside a number field; $label is the feature's label.
form-slider = { $label } (slider over the training range)

## What is wrong with a field (shown beside it)

form-problem-missing = no value given
# $text: what the user typed.
form-problem-not-a-number = "{ $text }" is not a number
form-problem-not-whole = { $value } is not a whole number
form-problem-out-of-range = { $value } is outside the allowed range { $min } to { $max }
form-problem-unknown-category = "{ $text }" is not one of the categories

## Why a score has no attribution

form-attribution-no-reference = this model ships no reference sample, so its score cannot be attributed
# $error: the explainer's own message (English).
form-attribution-failed = { $error }

## Loading the catalog and a model (shown after "The model could not be loaded.")

# $url: the file's address; $error: the browser's words.
form-load-network = { $url }: { $error }
# $status: the HTTP status code (404); $status_text its words ("Not Found").
form-load-status = { $url }: the server answered { $status } { $status_text }
form-load-not-utf8 = { $url }: not UTF-8 text ({ $error })
# $actual, $expected: SHA-256 hashes (hex); $file: the ONNX file's path.
form-load-hash-mismatch = { $file }: SHA-256 { $actual } is not the { $expected } the catalog lists; refusing a changed model file
# The model's reference sample could not be attached; $error is the core's message (English).
form-load-at = { $url }: { $error }
# $model: the model's id.
form-load-no-model = the catalog has no model "{ $model }"
