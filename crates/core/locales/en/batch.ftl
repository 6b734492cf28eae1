# Batch scoring: the file picker, the column mapping, the progress, the results, the evaluation
# against the file's labels, fairness across groups and drift; and the errors of a file's rows.
# Fluent syntax (https://projectfluent.org/fluent/guide/): `id = text`; { $name } is a value the
# page fills in. Keep every { $name } of the English text in a translation.

## The panel (src/web/batch/mod.rs)

batch-title = Score a file
batch-intro = A CSV with one row per applicant (or transaction), scored in a background worker inside this page: the file is read in pieces and never leaves the device.
batch-reading-header = Reading the file's header…
# A percentage written with a space before the sign; $value is the number (e.g. "42").
batch-percent = { $value } %
# The progress line. $phase is one of the batch-phase-* texts; $rows rows read so far;
# $rate rows per second; $speed megabytes per second; $seconds seconds since the start.
batch-rate = { $phase }: { $rows } rows, { $rate } rows/s, { $speed } MB/s, { $seconds } s
batch-cancel = Cancel
batch-cancelled = Cancelled after { $rows } rows ({ $seconds } s). Nothing was kept; pick the file again to start over.
# $error is one of the errors below, or a technical detail from the browser or the model.
batch-failed = The file could not be scored: { $error }
# Two errors in a row: the worker said why it stopped ($first), then the browser said it died ($next).
batch-failed-then = { $first }. Then { $next }

## Phases of the work (src/web/batch/hook.rs)

batch-phase-scoring = Scoring
batch-phase-reasons = Finding reasons for flagged rows: { $done } of { $total }
batch-phase-exporting = Writing the export

## Errors of the page's side of the worker (src/web/batch/hook.rs, state.rs)

# $error is the browser's technical detail.
batch-worker-not-started = the batch worker could not start: { $error }
batch-worker-not-running = the batch worker is not running
batch-worker-stopped = the batch worker stopped with an error; pick the file again to retry (a fresh worker will take it)
batch-export-no-file = the export came without its file
batch-export-cancelled = the export was cancelled

## Errors of the worker itself (src/web/batch/worker.rs)

# $message is the technical text of the panic (from the model runtime, tract).
batch-worker-panicked = tract panicked: { $message }
batch-worker-no-model = the worker has no model yet
batch-worker-no-file = no file came with the request
batch-worker-nothing-scored = nothing has been scored yet

## Choosing the file (src/web/batch/picker.rs)

# Followed by the file input.
batch-drop = Drop a CSV file here, or choose one:
batch-sample = Score the bundled sample ({ $rows } rows)
batch-sample-none = this model has no bundled sample
# $url is the sample's address; $status the HTTP status code.
batch-sample-status = { $url }: the server answered { $status }
batch-sample-hash = { $url }: not the file the catalog lists (SHA-256 differs)

## The file's header (src/batch/columns.rs)

batch-head-empty = the file is empty
# $why is batch-head-no-names or batch-head-not-utf8.
batch-head-not-a-header = the first line is not a header: { $why }
batch-head-no-names = it has no column names
batch-head-not-utf8 = it is not UTF-8 text

## The column mapping (src/web/batch/mapping_view.rs)

# $columns is the number of columns; $separator is batch-separator-tab or batch-separator-char;
# $size the file's size in megabytes.
batch-head = { $columns } columns separated by { $separator }, { $size } MB.
batch-separator-tab = tab
# A separator character, quoted.
batch-separator-char = "{ $char }"
batch-all-matched = Every attribute was found by name.
batch-some-unmatched = { $count } attribute(s) need a column: choose it below.
batch-mapping-summary = Columns used for each attribute
batch-mapping-attribute = Attribute
batch-mapping-column = Column in the file
batch-choose-column = — choose a column —
# Followed by a list of the file's columns.
batch-label = Label (the outcome, for evaluation):
batch-no-label = — no label —
# Between the label column and a box holding the text that marks a positive row ("1").
batch-label-positive = written for a default or fraud as
# Between the positive value and the value that marks a negative row ("0").
batch-label-negative = and otherwise as
# A value of the label column in a choice: $value as written, $rows how many rows of the file's start show it.
batch-label-value = { $value } ({ $rows } rows)
# $positive and $negative are the two accepted texts of the label column (e.g. 1 and 0).
batch-label-note = (any other value than { $positive } or { $negative } is a row error)
# $columns is a list of column numbers ("3, 7"); $name the name they share.
batch-duplicate = Columns { $columns } are all named "{ $name }": choose which one feeds the attribute.
# $features lists the attributes' names.
batch-unmatched = No column chosen for: { $features }.
# Between the items of a list of names or numbers (keep the quotes to keep a trailing space).
batch-list-separator = {", "}
batch-start = Score the file

## The results (src/web/batch/results_view.rs)

# $file is the export's file name (scored.csv, row-errors.csv); $percent how much is written.
batch-export-writing = Writing { $file }: { $percent } %
batch-export-saved = Saved { $file } ({ $rows } rows).
batch-export-failed = The export failed: { $error }
# The summary of a run. $decision is the model's decision at or above the cut-off (e.g. "Decline"),
# $flagged how many rows got it; $walks is batch-summary-walks or nothing.
batch-summary = { $rows } rows read: { $scored } scored, { $errors } with errors. { $flagged } { $decision } at the cut-off { $cutoff }. { $seconds } s in all ({ $scoring } s reading and scoring, { $rate } rows/s){ $walks }.
batch-summary-walks = ; reasons from { $walks } permutation walks per flagged row
batch-download = Download the scored file
batch-download-errors = Download the { $errors } rows with errors
batch-reasons-status = Finding reasons for the flagged rows: { $done } of { $total }…
batch-row-errors = Row errors ({ $errors })
batch-row-errors-first = Row errors ({ $errors }, the first { $shown } shown)
batch-histogram = Scores of the file's rows
batch-histogram-x = score
batch-histogram-y = rows
batch-cutoff-marker = cut-off
# Followed by a list of orders.
batch-order = Order:
batch-order-file = as in the file
batch-order-high = highest score first
batch-order-low = lowest score first

## The table of scored rows (src/web/batch/table_view.rs)

batch-table = Scored rows
batch-table-row = Row
batch-table-score = Score
batch-table-decision = Decision
batch-table-reason = Top reason
batch-table-label = Label

## Row errors (src/batch/job.rs), shown on the page and written into the exports' error column

# $row is the row's number (1 = the first row after the header); $problems what is wrong with it.
batch-row-error = row { $row }, { $problems }
# A row error without any detail.
batch-row-error-bare = row { $row }
# One more problem of the row: $problems are the ones so far, $problem the next.
batch-row-problems-more = { $list }, { $item }
# $found and $expected are numbers of fields.
batch-problem-field-count = { $found } fields where the header has { $expected }
# $column is the column's name; $problem one of the batch-value-* texts.
batch-problem-field = column "{ $column }": { $problem }
batch-problem-label = column "{ $column }": label "{ $text }" is neither { $positive } (positive) nor { $negative }
batch-problem-not-utf8 = column "{ $column }": not UTF-8 text
# $limit is a number of bytes.
batch-problem-too-long = the row is longer than { $limit } bytes

## Errors of the whole job (src/batch/job.rs)

batch-job-mapping = the mapping does not fit this model: { $problem }
batch-job-unmatched = no column for { $features }
batch-job-past-header = a column index is past the header
# $first and $last are row numbers; $error is the model runtime's technical text.
batch-job-model = the model failed on rows { $first } to { $last }: { $error }

## Evaluation against the file's labels (src/web/batch/evaluation_view.rs)

batch-eval-title = Evaluation against the file's labels
# $positives of $rows labelled rows are positive; $share is their percentage.
batch-eval-note = { $rows } labelled rows, { $positives } positive ({ $share } %).
batch-eval-auc = ROC AUC
batch-eval-ap = Average precision
batch-eval-ks = KS
batch-eval-gini = Gini
batch-eval-brier = Brier score
batch-roc-title = ROC curve
batch-roc-x = false-positive rate
batch-roc-y = true-positive rate
# Series names in the charts' legends.
batch-series-model = model
batch-series-chance = chance
batch-series-base-rate = base rate
batch-series-random = random
batch-series-perfect = perfect
batch-pr-title = Precision–recall curve
batch-pr-x = recall
batch-pr-y = precision
# $ks is batch-ks-at, or a dash when there is none.
batch-ks-title = KS: the widest gap between the two cumulative distributions ({ $ks })
batch-ks-at = { $ks } at score { $score }
batch-ks-x = score (flagged at or above)
batch-ks-y = share flagged
batch-ks-positives = positives (TPR)
batch-ks-negatives = negatives (FPR)
batch-cap-title = Cumulative accuracy profile (lift)
batch-cap-x = share of rows flagged
batch-cap-y = share of positives caught
# $brier is the Brier score, or a dash.
batch-calibration-title = Calibration (reliability), Brier { $brier }
batch-calibration-x = mean predicted probability
batch-calibration-y = observed rate
# The tooltip of a point of the calibration chart.
batch-calibration-tip = predicted { $predicted }, observed { $observed }
batch-lift-caption = Lift by tenth of the file, highest scores first
# Heads the row of shares of the file ("10 %", "20 %"…), highest scores first.
batch-lift-top = Top
batch-lift = Lift
# $precision, $recall and $rate are percentages; $decision is the model's decision below the
# cut-off (e.g. "approve"), in lower case.
batch-confusion-caption = At the cut-off { $cutoff }: precision { $precision }, recall { $recall }, { $decision } rate { $rate }
batch-confusion-positive = Positive (label 1)
batch-confusion-negative = Negative (label 0)
# "Precision among the top [100] alerts: 12.0 %": the text before and after the number box.
batch-top-k-before = Precision among the top
batch-top-k-after = alerts:

## Fairness across groups and drift (src/web/batch/population_view.rs)

batch-fairness = Fairness
# $max is the most distinct values a group column may have.
batch-fairness-none = No column of this file has few enough distinct values (at most { $max }) to form groups.
batch-fairness-title = Fairness across groups
# Followed by a list of the file's columns.
batch-group-by = Group by:
batch-fairness-caption = At the cut-off { $cutoff }
batch-fairness-group = Group
batch-fairness-rows = Rows
# $decision is the model's decision below the cut-off (e.g. "approve"), in lower case.
batch-fairness-rate = { $decision } rate
batch-fairness-positives = Positives
batch-fairness-tpr = True-positive rate
# $ratio is a number, or a dash.
batch-air = Adverse-impact ratio (lowest { $decision } rate over the highest): { $ratio }
# $threshold is 0.8.
batch-air-flag = — below { $threshold }: the four-fifths rule flags this cut-off.
# $gap is a percentage.
batch-tpr-gap = Equal opportunity: the true-positive rates differ by up to { $gap } between groups.
batch-drift-score = The score
batch-drift-title = Drift against the training reference
batch-drift-note = Population stability index of each column against the model's reference sample (deciles of its { $rows } rows; one bin per category): below 0.10 stable, 0.10 to 0.25 investigate, above 0.25 shifted.
batch-drift-column = Column
batch-drift-psi = PSI
batch-drift-verdict = Verdict
batch-drift-stable = stable
batch-drift-investigate = investigate
batch-drift-shifted = shifted

## The file's text encoding (crates/core/src/batch/text.rs)

# $encoding: the encoding's name (UTF-8, windows-1252, GBK, ...); $how: one of batch-encoding-bom, -valid, -guessed, -chosen
batch-encoding = Read as { $encoding } ({ $how }).
batch-encoding-bom = the file starts with its byte-order mark
batch-encoding-valid = the file's start is valid UTF-8
batch-encoding-guessed = guessed from the file's start
batch-encoding-chosen = as you chose
batch-encoding-choose = Read it as:
# $count: byte sequences that are not text in $encoding; each was written as �
batch-encoding-replaced = { $count } byte sequences are not { $encoding } text: each was replaced by � (in the export too). If the file's text looks wrong, choose another encoding.

## Rows scored with values not as given (src/batch/noted_view.rs)

# $rows: scored rows with at least one value imputed, outside the training range, or clamped.
batch-noted = { $rows } scored rows have values the model did not score as given. The downloaded file's value_notes column says which, row by row.
batch-noted-count = { $kind ->
    [imputed] { $count } missing, imputed
    [clamped] { $count } outside what the model learnt from, scored at its edge
    [unseen] { $count } a category the model has not seen, scored as its encoder scores any
   *[outside] { $count } outside what the model learnt from
}
batch-noted-separator = {", "}
batch-noted-feature = { $feature }: { $counts }
batch-noted-leave-out = Leave these rows out of the evaluation and fairness figures
batch-noted-left-out = The evaluation and fairness figures below are over the { $kept } rows scored from their values as given.
