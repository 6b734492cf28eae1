# en: byo
# "Bring your own model": the panel where a person drops their own .onnx file (src/web/byo.rs),
# and the reasons a manifest cannot be proposed or completed from it (src/byo.rs).
# File names, column names and field names come in arguments and stay as they are.

## The panel

byo-summary = Bring your own model
byo-hint = Pick a .onnx file, with its manifest (.json) if you have one, and a data file (.csv, with a label column) to complete the manifest and measure the model. Everything stays in this page; the file is checked in a separate worker before the page loads it. The manifest format and a worked example: docs/manifest.md.
# Followed by the file picker.
byo-drop = Drop the files here, or choose them:{ " " }
# The files picked, joined by byo-files-separator. $name: a file name; $bytes: its size
byo-file-model = model { $name } ({ $bytes } bytes)
byo-file-manifest = manifest { $name }
byo-file-reference = reference { $name }
byo-file-data = data { $name }
byo-file-ignored = { $name } (not .onnx, .json or .csv: ignored)
byo-files-separator = {"; "}
# $list: the blockers so far; $item: the next one (byo-blocked)
byo-files-list = { $list }{ byo-files-separator }{ $item }
byo-checking = Checking the model in a separate worker…
byo-writing = Writing the manifest and checking the model against it…
# $reason: why (a byo-… reason, or another part's English text)
byo-no-draft = No manifest can be proposed: { $reason }
# $rows, $skipped: row counts; $label: the label column's name, or byo-fit-no-label
byo-fit = The data file gave { $rows } rows ({ $skipped } left out of the ranges for a missing or non-numeric value); label column: { $label }.
byo-fit-no-label = none (explanations and cut-off costs need one)
# $column: the column taken as the label; its positive value is chosen beside it
byo-label-guessed = No column has a label's usual name, so "{ $column }" was taken as the label (the one column besides the model's inputs): check it, and which value marks a default or fraud.
# After the label picker: $positive and $negative are the label's two values
byo-label-note = (rows with any other value than { $positive } or { $negative } are left out of the evaluation)
# $columns: the names of the columns written yes/no (y/n, true/false)
byo-converted = Written yes/no and given to the model as 1 and 0: { $columns }. They are choices of yes or no in the form and read as such in a batch file.
byo-fit-failed = The data file could not complete the manifest: { $reason }
byo-use = Use this model
byo-loaded = Loaded: it is now in the model list under "Your models" and selected.
byo-save-manifest = Download its manifest

## Why the model could not be used

# $reason: the browser's message, or byo-worker-silent / byo-worker-timeout
byo-worker-stopped = The model stopped the checking worker ({ $reason }). The page is unaffected; the file cannot be used as it is.
byo-worker-not-started = the checking worker could not start: { $error }
byo-worker-silent = it stopped without a message
byo-worker-timeout = it did not answer within a minute
# tract panicked in the worker. $what: the finding (compat-load-failed); $fix: its fix
byo-worker-panicked = The model stopped the checking worker: { $what }. The page is unaffected. Fix: { $fix }
byo-out-of-turn = the worker answered out of turn
byo-not-checked = check the model first
byo-no-manifest = there is no manifest to load the model with
# $blockers: the blockers' texts, joined by byo-files-separator
byo-blocked = The model cannot be used with this manifest: { $blockers }.
# $file: the reference file's name, as the manifest gives it
byo-missing-reference = the manifest names the reference sample "{ $file }": add that file too

## The check's report

byo-verdict-ok = No blocker found.
byo-verdict-blocked = This file cannot be used as it is:
byo-sha256 = SHA-256
byo-size = Size
# $bytes: the file's size; $parameters: the weights' count
byo-size-value = { $bytes } bytes, { $parameters } parameters
byo-made-by = Made by
# After the exporting tool and version (skl2onnx 1.17), or byo-producer-unknown; $opset: a number.
byo-opset = { " " }(opset { $opset })
byo-producer-unknown = unknown
byo-inputs = Inputs
byo-outputs = Outputs
byo-operators = Operators
# An input or output: $name, $type (float, int64, …), $shape ([N, 30] or byo-shape-undeclared)
byo-tensor = { $name } ({ $type } { $shape })
byo-tensor-sequence = { $name } (a sequence or map, not a tensor)
byo-shape-undeclared = shape not declared
byo-probe = Probe rows
# $rows: how many; $min, $max: the lowest and highest score
byo-probe-value = { $rows } rows scored from { $min } to { $max }
# $ms: milliseconds per row; follows byo-probe-value
byo-probe-speed = , { $ms } ms per row
byo-blocker = Blocker:{ " " }
byo-warning = Warning:{ " " }
byo-note = Note:{ " " }
byo-fix = Fix: { $fix }

## The proposed manifest, for the person to complete

byo-draft = Proposed manifest: complete it
byo-title = Title
byo-task = Task
byo-task-credit = Credit: probability of default
byo-task-fraud = Fraud: probability of fraud
byo-output = Output
byo-column = Column of the positive class
byo-kind = The output is
byo-kind-probability = a probability
byo-kind-anomaly = an anomaly score (0 and up)
byo-cutoff = Cut-off
byo-columns = Input columns, in the model's order
byo-col-number = #
byo-col-name = Name
byo-col-label = Label
byo-col-integer = Whole numbers
byo-col-min = Min
byo-col-max = Max
byo-col-default = Default
# A yes/no column's values and the numbers the model reads ($no, $yes as written)
byo-col-yes-no = { $no } = 0, { $yes } = 1
# $n: the column's number (1, 2, …)
byo-name-of = Name of column { $n }
byo-label-of = Label of column { $n }
byo-integer-of = Column { $n } holds whole numbers
byo-min-of = Minimum of column { $n }
byo-max-of = Maximum of column { $n }
byo-default-of = Default of column { $n }

## Why no manifest can be proposed or completed (src/byo.rs)

byo-propose-inputs = the model has no input to propose a manifest for
# $input: the input's name; $shape: its declared shape, as [N, ?]
byo-propose-width = the input "{ $input }" does not declare its number of columns ({ $shape }); write the manifest by hand
byo-propose-width-undeclared = the input "{ $input }" does not declare its number of columns (shape not declared); write the manifest by hand
byo-propose-too-wide = the input has { $columns } columns; a form cannot show them all: write the manifest by hand
byo-propose-no-float = no output is a float tensor
# $columns: the data file's; $width: the model's
byo-data-columns = it has { $columns } columns besides the label, the model takes { $width }
byo-data-columns-no-label = it has { $columns } columns and none has a label's usual name ({ $names } or { $last }); the model takes { $width } besides one label column: remove the columns it does not take
byo-data-no-numbers = no row has a number in every input column
# $row: the row's number; $error: the CSV reader's message (English)
byo-data-row = row { $row }: { $error }
byo-data-missing-column = no column is named "{ $column }"
# $names, $last: the column names taken as a label
byo-data-no-label = it has no label column ({ $names } or { $last }), so the model's cut-off costs cannot be measured on it
byo-data-no-rows = no row could be read with its label

## Models kept on this device
byo-kept = It is kept on this device, in the browser's private storage for this page, and listed under "Your models" when the page opens again, until you remove it below. It is never sent anywhere.
# $reason: the browser's words, or byo-kept-unsupported
byo-kept-failed = It could not be kept on this device ({ $reason }): it is here until the page is closed.
byo-kept-unsupported = this browser gives pages no private file storage
# $file: a file name of the kept model's folder
byo-kept-missing = its file { $file } is missing
byo-kept-title = Your models on this device
byo-kept-remove = Remove
# $title: the model's title
byo-kept-remove-label = Remove { $title } from this device
# $id: the kept model's folder name; $reason: why it could not be read
byo-kept-unreadable = A kept model ({ $id }) could not be read back: { $reason }
byo-propose-texts-unread = the string input "{ $input }" is not read by one ONNX-ML encoder that lists its categories; write its categories into the manifest by hand
byo-propose-input-type = the input "{ $input }" holds { $type }; RiskScope feeds float32 numbers and strings
byo-col-texts = { $count } categories, as the model's encoder knows them{ $unseen ->
    [true] ; any other text is scored as the encoder scores an unseen one
   *[false] ; any other text is an error
}
