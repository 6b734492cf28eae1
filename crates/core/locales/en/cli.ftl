# The command line (crates/cli): its errors and the summary it writes on standard error.

# $path: a file; $error: the system's reason
cli-read-failed = cannot read { $path }: { $error }
# $bytes: how much of the text was read before the error (a truncated gzip stream)
cli-read-broken = { $path } could not be read past { $bytes } bytes: { $error }
# $model: what was given; $catalog: the catalog file looked in
cli-model-not-found = no model directory and no catalog model is named "{ $model }" (catalog: { $catalog })
# A message about one file
cli-at-file = { $path }: { $message }
# $features: the model's attributes no column feeds; $columns: the file's columns; $option: --map
cli-unmatched = no column feeds { $features }; the file's columns are { $columns } (choose with { $option } FEATURE=COLUMN)
cli-map-invalid = { $option } { $map }: write FEATURE=COLUMN, a feature of the model and a column of the file (by name or number from 1)
# score given one argument without --onnx, or two with it
cli-score-arguments = give the model and the input (MODEL INPUT), or only the input with { $onnx } FILE { $manifest } FILE
cli-write-failed = cannot write the export: { $error }
# $decision: the model's word for a flagged row (Decline, Alert)
cli-summary = { $file }: { $rows } rows read, { $scored } scored, { $errors } could not be scored, { $flagged } flagged ({ $decision })
cli-more-errors = … and { $count } more (the export lists every one)
# evaluate: a column named by --label that the file does not have
cli-no-column = no column "{ $column }" in the file; its columns are { $columns }
# $option: --label COLUMN
cli-no-label = no label column found by its name or values; name it with { $option }
cli-cutoff = the cut-off { $cutoff } is not a number
# $columns: the columns that can be groups; $max: the most distinct values a group column has
cli-no-group = "{ $column }" is not a group column of this file (one with at most { $max } distinct values): { $columns }
cli-evaluate-summary = { $file } scored by { $model }: { $rows } rows read, { $scored } scored, { $errors } could not be scored
# explain: the applicant file is JSON but not an object of attribute names and values
cli-applicant-object = { $path }: the applicant must be a JSON object of attribute names and values
cli-applicant-unknown = { $path }: "{ $feature }" is not an attribute of this model (its attributes: { $features })
