# en: the compatibility check of a brought model (src/compat.rs)
# Each finding is a `what` (lower-case, no full stop: the page writes "Blocker: " before it)
# and, with the same id plus `-fix`, what to do about it. Code, file names, option names and
# operator names (torch.onnx.export, skl2onnx, ZipMap, model.output.name, …) stay as they are.
# Numbers in these messages arrive already written out (as text). Code, commands, option and
# field names come in arguments ({ $call }, { $field }, { $option }, { $op }, …), inserted as they are.

## Reading the file

compat-no-graph = the file is an ONNX model with no graph
compat-no-graph-fix = Export the model again; the file may have been cut short.
# $expected: the SHA-256 the manifest names; $actual: the file's
compat-hash-mismatch = the manifest names a model file with SHA-256 { $expected }, but this file's is { $actual }
compat-hash-mismatch-fix = Pair the manifest with the file it was written for, or set { $field } to this file's hash if you changed the file on purpose.
compat-empty = the file is empty
compat-empty-fix = Pick the .onnx file itself.
compat-not-onnx = the file is not an ONNX model
# The fix of compat-not-onnx, by what the file looks like instead.
compat-looks-like-zip = It looks like a zip archive, as PyTorch's { $save } writes: export with { $export } instead.
compat-looks-like-keras = It looks like a { $format } file: convert it with tf2onnx ({ $command }).
compat-looks-like-pickle = It looks like a { $format } ({ $tools } of a scikit-learn model): convert it with skl2onnx's { $call }.
compat-looks-like-json = It looks like JSON (a manifest?): drop it as the manifest, and pick the .onnx file as the model.
# $error: the protobuf reader's message (English)
compat-unreadable = the file is not a readable ONNX model ({ $error })
compat-unreadable-fix = Pick the .onnx file that { $save }, { $export } or skl2onnx wrote; the file may be truncated or another format.
# $error: the manifest's problem (English)
compat-manifest-unreadable = the manifest cannot be read: { $error }
compat-manifest-unreadable-fix = Correct the manifest (its format is in docs/manifest.md), or leave it out and complete the proposed one.

## The weights (tensors). $kind is "named" (the tensor $tensor) or "constant" (an unnamed one).

compat-external-data =
    { $kind ->
        [constant] a constant
       *[named] tensor "{ $tensor }"
    } keeps its values in a separate file (ONNX external data)
compat-external-data-fix = Save the model as one file: { $call }.
compat-negative-dim =
    { $kind ->
        [constant] a constant
       *[named] tensor "{ $tensor }"
    } has a negative dimension ({ $dim })
compat-damaged-fix = The file is damaged; export the model again.
# $gb: the size in gigabytes, with one decimal
compat-huge-tensor =
    { $kind ->
        [constant] a constant
       *[named] tensor "{ $tensor }"
    } claims { $values } values (about { $gb } GB), far more than a scoring model holds
compat-huge-tensor-fix = The file is damaged or is not a scoring model; export the model again.
# $type: the element type (float, int64, …); $dims: the dimensions as [2, 3];
# $held: how much data there is, in values or in bytes ($unit)
compat-short-tensor =
    { $kind ->
        [constant] a constant
       *[named] tensor "{ $tensor }"
    } states { $type } dimensions { $dims } ({ $values } values) but carries { $unit ->
        [values] { $held } values
       *[bytes] { $held } bytes
    } of data
compat-short-tensor-fix = The file is damaged or was cut short; export the model again.

## The graph's wiring

compat-wiring-fix = The file is inconsistent ({ $checker } reports this): export the model again, and if the graph was edited by hand, make every name match the value it refers to.
compat-output-unproduced = the graph's output "{ $output }" is computed by no node
# $op: an operator (MatMul); $name: the value it reads
compat-read-unproduced = a { $op } node reads "{ $name }", which nothing in the graph produces
compat-reads-unproduced = a { $op } node reads "{ $name }", which nothing in the graph produces ({ $count } such reads in all)

## Operators. $op: the operator; $count selects "node"/"nodes", $nodes is the count as written.

compat-encoder =
    the graph encodes its inputs with { $op } ({ $count ->
        [one] { $nodes } node
       *[other] { $nodes } nodes
    }), which tract does not run
compat-encoder-fix = Move the encoding into the manifest: declare the attribute as a category with a one_hot encoding block (RiskScope writes the 0/1 columns itself), and export the model from the encoded numbers onwards.
# $domain: the operator's ONNX domain (com.microsoft)
compat-custom-domain =
    the graph uses { $op } from the custom domain { $domain } ({ $count ->
        [one] { $nodes } node
       *[other] { $nodes } nodes
    })
compat-custom-domain-fix = Custom-domain operators usually come from onnxruntime's graph optimisations: save the model before optimising it (or with { $setting }), using standard ONNX operators only.
compat-unknown-op =
    tract does not implement the operator { $op } ({ $count ->
        [one] { $nodes } node
       *[other] { $nodes } nodes
    })
compat-unknown-op-fix = Re-export with standard ONNX operators (opset 13 to 17 are safe), or replace the layer that produces it.

## The model's input. $input: the input's name.

# $names: the inputs' names, comma-separated
compat-input-count = the model has { $count } inputs ({ $names }); RiskScope feeds one [rows, columns] float tensor
compat-input-count-fix = Export with a single input: concatenate the columns before the model (in PyTorch, take one tensor and slice it inside { $method }; in skl2onnx, one { $type }).
compat-input-strings = the input "{ $input }" holds strings of shape { $shape }; a string input is one column, [rows, 1]
compat-input-strings-fix = Export one string input per text column (skl2onnx does so for a DataFrame, with { $type }), or move the encoding into the manifest: declare each text attribute as a category with a one_hot encoding block, and export the model taking the encoded float columns.
compat-input-double = the input "{ $input }" is double precision
compat-input-double-fix = Export with float32 inputs (skl2onnx: { $type }; PyTorch: { $call } and a float32 example).
# $type: the element type (int64, bool, …)
compat-input-type = the input "{ $input }" is { $type }; RiskScope feeds float32
compat-input-type-fix = Export with one float32 input of shape [rows, columns].
compat-batch-one = the input "{ $input }" declares a batch of exactly 1 row
compat-batch-one-fix = RiskScope asks for any number of rows; if loading fails, export with a dynamic batch ({ $export }; skl2onnx: { $shape }).
compat-fixed-batch = the input "{ $input }" declares a fixed batch of { $rows } rows
compat-fixed-batch-fix = Export with a dynamic batch dimension ({ $export }; skl2onnx: { $shape }).
# $width: the model's columns; $columns: the manifest's
compat-input-width = the input "{ $input }" has { $width } columns, but the manifest's encoding makes { $columns }
compat-input-width-fix = Make the manifest's features and encoding blocks produce exactly the columns the model was trained on, in the same order ({ $field } must equal it).
# $shape: the declared shape, as [N, 5, 6]
compat-input-shape = the input "{ $input }" has shape { $shape }; RiskScope feeds [rows, columns]
compat-input-shape-fix = Take a flat [rows, columns] input and reshape inside the graph (a sequence model: { $op } to [rows, steps, features] first, as the catalog's Taiwan LSTM does).
# $expected: the name the manifest gives
compat-input-name = the model's input is named "{ $input }", the manifest says "{ $expected }"
compat-input-name-fix = Set { $field } to "{ $input }" in the manifest.

## The model's outputs. $output: an output's name; $outputs: all of them, comma-separated.

compat-no-float-output = no output is a float tensor, so none can be a probability or a score
compat-no-float-output-fix = Export the probabilities as a float32 [rows, classes] output (skl2onnx: { $option }; PyTorch: end with { $sigmoid } or { $softmax }).
# $role: "score", or "errors" for the per-feature reconstruction errors
compat-output-missing =
    the manifest reads the { $role ->
        [score] score
       *[errors] per-feature error
    } from an output "{ $output }", which the model does not have (it has: { $outputs })
compat-output-missing-fix = Set { $field } in the manifest to the output that holds the probabilities (skl2onnx calls it "{ $name }"; a PyTorch export names it as { $option } says).
# $type: the output's element type
compat-output-label = the output "{ $output }" is { $type }, not float: it looks like the predicted class label; read the probabilities output instead
compat-output-not-float = the output "{ $output }" is { $type }, not float: export it as float32
compat-output-not-float-fix = Set { $field } to the probabilities output (outputs: { $outputs }).
# $width: the output's columns; $shape: its declared shape, as [N, 2]
compat-output-column = the manifest reads column { $column } of "{ $output }", which has { $width } column(s) ({ $shape })
compat-output-column-fix = For a two-class probability output [rows, 2], the positive class is usually column 1; for a single [rows, 1] score, column 0.

## Loading and running the model on probe rows

# $error: tract's own message (English)
compat-load-failed = tract could not load the model: { $error }
compat-load-failed-state-fix = A recurrent layer (LSTM, GRU) without initial state cannot size itself for a variable batch: give it initial_h/initial_c built from the input's shape ({ $call }), as the catalog's Taiwan LSTM does.
compat-load-failed-fix = Check the export's opset (13 to 17 are safe) and that every shape follows from a [rows, columns] float input.
compat-probe-encode = the probe rows could not be encoded: { $error }
# $value: what the model returned; $probe names the row: "default", "min" (every attribute at
# its minimum), "max", or "category" (probe row $row, each attribute's category number $category)
compat-not-probability =
    the output is not a probability: it returned { $value } for { $probe ->
        [default] the default row
        [min] every attribute at its minimum
        [max] every attribute at its maximum
       *[category] probe row { $row } (category { $category } of each attribute)
    }
compat-not-probability-fix = End the graph with Sigmoid (one logit) or Softmax (two classes) and read the positive class's column; if it is an anomaly score, set { $field } to "anomaly_score".
compat-bad-anomaly =
    the anomaly score is not a non-negative number: it returned { $value } for { $probe ->
        [default] the default row
        [min] every attribute at its minimum
        [max] every attribute at its maximum
       *[category] probe row { $row } (category { $category } of each attribute)
    }
compat-bad-anomaly-fix = An anomaly score must be finite and at least 0 (a reconstruction error); check the output the manifest names.
compat-probe-failed = the model loaded but failed on probe rows: { $error }
compat-probe-failed-fix = Check the manifest's output name and column against the model's outputs.
# $score: the one score every probe row got
compat-constant-score = the score was { $score } for all { $rows } probe rows, from every attribute at its minimum to every one at its maximum
compat-constant-score-fix = Check that the manifest's columns are the model's inputs in the right order, and that any scaling the model expects is inside the graph.
# $ms: milliseconds per row, with two decimals
# $ops: ONNX-ML operator names, comma-separated
compat-ml-own = RiskScope runs this file's { $ops } with its own implementations of the ONNX-ML operators (checked against onnxruntime)
# $output: the operator name ZipMap
compat-ml-own-fix = Nothing to change. A { $output } is read as the probability tensor it wraps, so the manifest names its output and a class's column.
compat-inputs-per-column = the model takes { $count } inputs, one per column or group of columns ({ $names }); the manifest lists them in { $field }, in the order their columns come
compat-input-strings-unread = the string input "{ $input }" is not read by one ONNX-ML encoder whose categories the file lists
compat-input-strings-unread-fix = Give a data file with the model: its column of that name lists the categories. Or write the categories into the manifest's feature.
compat-input-not-fed = the model's input "{ $input }" is not among the inputs the manifest feeds
compat-input-not-fed-fix = List every input of the model in { $field }, with its columns and type, in the order their columns come in the encoding.
compat-input-absent = the manifest feeds an input "{ $input }" the model does not have (it has: { $inputs })
compat-input-elem-mismatch = the model's input "{ $input }" holds { $type }, which the manifest does not say
compat-input-elem-mismatch-fix = Declare its type in { $field } as "{ $type }" (a string input is fed by a text encoding block).
