# en: core
# Why a model could not be loaded or run (src/scorer.rs LoadError, src/model.rs ModelError), as
# the page shows them. $error is tract's own words (English), quoted as they are.

## The model file

# $model: the model's id; $expected, $actual: SHA-256 hashes
core-hash-mismatch = the ONNX file's SHA-256 is { $actual }, but the manifest of "{ $model }" expects { $expected }: the file is not the one the manifest describes
core-model-load = the ONNX model could not be loaded: { $error }
core-model-run = the ONNX model failed while scoring: { $error }
# $got: how many values; $width: the values of one row
core-model-ragged = { $got } input values is not a whole number of rows of { $width }
# $output: the output's name; $shape: its shape, as [100, 3]
core-model-output-shape = the model's output "{ $output }" has shape { $shape }; the manifest reads column { $column } of [rows, k]
core-model-errors-shape = the model's output "{ $output }" has shape { $shape }, not [{ $rows }, { $width }] (one error per input)
# $row: the row's index (from 0); $value: what the model returned
core-model-not-probability = row { $row }: the model returned { $value }, which is not a probability
core-model-bad-anomaly = row { $row }: the model returned { $value }, which is not a finite, non-negative anomaly score

## Quoted words

# $text: another part's own words (tract's, a CSV or JSON reader's, the browser's), as they are
core-quoted = { $text }

## An applicant's values

# $feature: the attribute's name; $problem: form-problem-*
core-input-field = field "{ $feature }": { $problem }
# a list of core-input-field, one added at a time
core-input-more = { $list }; { $item }
# $model: the model the applicant was read for
core-foreign-applicant = the applicant does not fit model "{ $model }": parse it with that model's manifest

## Explaining a score

core-explain-no-background = the reference sample has no background rows to explain against
core-explain-unknown-feature = player { $player } names feature { $feature }, which the model does not have
core-explain-too-many-players = { $players } players are too many to enumerate every coalition (at most 20)
core-explain-row-width = the applicant's row has { $got } values, the model reads { $width }
core-explain-value-width = a value of feature { $feature } has { $got } encoded columns, the feature has { $width }

## The catalog

# $error: the JSON reader's words, or core-catalog-empty
core-catalog-invalid = model catalog is not valid: { $error }
core-catalog-empty = it lists no model
