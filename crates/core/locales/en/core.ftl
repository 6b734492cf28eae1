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
