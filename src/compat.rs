//! The compatibility check a user's own ONNX file goes through before anything loads it.
//!
//! It reads the file's protobuf itself (never tract's loader first), so the common reasons an
//! export does not run here are explained in words a data scientist acts on: a ZipMap, an
//! ai.onnx.ml Scaler or OneHotEncoder, string or double inputs, slow tree ensembles, an input
//! or output that does not match the manifest, tensors whose stated size their data does not
//! have. Only a file with no blocker is handed to tract; with a manifest, the model is then
//! loaded and run on probe rows spanning every attribute's range, to see that it returns what
//! the manifest says (probabilities in [0, 1], or a non-negative anomaly score).
//!
//! On the page this runs in a throw-away worker: if tract still panics or traps on some file,
//! the worker dies, not the page.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tract_onnx::pb;
use tract_onnx::prelude::Framework;

use crate::applicant::{Applicant, Value};
use crate::encoding;
use crate::manifest::{FeatureKind, Manifest, OutputKind};
use crate::model::{Model, ModelError};
use crate::scorer::sha256_hex;

/// Tensors larger than this many values are refused (1 GiB of f32): a model for scoring rows
/// has kilobytes to megabytes of weights; a larger claim is a broken or hostile file.
pub const MAX_TENSOR_VALUES: u64 = 1 << 28;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// Worth knowing; nothing to fix.
    Note,
    /// The model runs, but something will disappoint (speed, a guessed batch size).
    Warning,
    /// The model cannot be used as it is.
    Blocker,
}

/// One thing the check found: what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub what: String,
    /// What to do about it; empty for notes.
    pub fix: String,
}

/// A dimension of a declared input or output shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Dim {
    Fixed(i64),
    Named(String),
    Unknown,
}

/// A graph input or output as the file declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TensorInfo {
    pub name: String,
    /// "float", "double", "int64", "string", …, or "not a tensor" (a sequence or map).
    pub elem: String,
    /// `None` when the file declares no shape.
    pub shape: Option<Vec<Dim>>,
}

impl TensorInfo {
    /// The fixed size of the last dimension, if declared.
    pub fn last_fixed(&self) -> Option<usize> {
        match self.shape.as_ref()?.last()? {
            Dim::Fixed(n) => usize::try_from(*n).ok(),
            _ => None,
        }
    }

    /// "[N, 30]"-style text of the declared shape.
    pub fn shape_text(&self) -> String {
        match &self.shape {
            None => "shape not declared".into(),
            Some(dims) => {
                let dims: Vec<String> = dims
                    .iter()
                    .map(|d| match d {
                        Dim::Fixed(n) => n.to_string(),
                        Dim::Named(s) => s.clone(),
                        Dim::Unknown => "?".into(),
                    })
                    .collect();
                format!("[{}]", dims.join(", "))
            }
        }
    }
}

/// What the check found out about a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub sha256: String,
    pub bytes: usize,
    /// "skl2onnx 1.20", "pytorch 2.5", … as the file says.
    pub producer: String,
    /// The default-domain opset the file imports.
    pub opset: i64,
    pub inputs: Vec<TensorInfo>,
    pub outputs: Vec<TensorInfo>,
    /// Operator type -> how many nodes use it (subgraphs included).
    pub operators: BTreeMap<String, usize>,
    /// Values held by initializers and constants.
    pub parameters: u64,
    pub findings: Vec<Finding>,
    /// Set when a manifest was given and tract loaded and ran the model.
    pub probe: Option<Probe>,
}

/// The model run on probe rows, when it loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Probe {
    pub rows: usize,
    pub min_score: f32,
    pub max_score: f32,
    /// Milliseconds per row over one batch of the probe rows, when a clock was given.
    pub ms_per_row: Option<f64>,
}

impl Report {
    /// No blocker found (and, when a manifest was given, the model loaded and ran).
    pub fn is_loadable(&self) -> bool {
        !self
            .findings
            .iter()
            .any(|f| f.severity == Severity::Blocker)
    }

    pub fn blockers(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Blocker)
    }

    fn add(&mut self, severity: Severity, what: impl Into<String>, fix: impl Into<String>) {
        self.findings.push(Finding {
            severity,
            what: what.into(),
            fix: fix.into(),
        });
    }
}

/// Checks `onnx` (and, when given, that it is the model `manifest` describes, by loading it and
/// running probe rows). Never panics on any input.
pub fn check(onnx: &[u8], manifest: Option<&Manifest>) -> Report {
    check_with_clock(onnx, manifest, None)
}

/// [`check`], timing the probe batch with `clock` (milliseconds), for the per-row figure a
/// tree ensemble's warning quotes.
pub fn check_with_clock(
    onnx: &[u8],
    manifest: Option<&Manifest>,
    clock: Option<&dyn Fn() -> f64>,
) -> Report {
    let mut report = Report {
        sha256: sha256_hex(onnx),
        bytes: onnx.len(),
        producer: String::new(),
        opset: 0,
        inputs: Vec::new(),
        outputs: Vec::new(),
        operators: BTreeMap::new(),
        parameters: 0,
        findings: Vec::new(),
        probe: None,
    };
    let Some(proto) = decode(onnx, &mut report) else {
        return report;
    };
    describe(&proto, &mut report);
    let Some(graph) = proto.graph.as_ref() else {
        report.add(
            Severity::Blocker,
            "the file is an ONNX model with no graph",
            "Export the model again; the file may have been cut short.",
        );
        return report;
    };
    check_tensors(graph, &mut report);
    check_wiring(graph, &mut report);
    check_operators(&report.operators.clone(), &mut report);
    check_input(&mut report, manifest);
    check_output(&mut report, manifest);
    if let Some(manifest) = manifest {
        if manifest.model.sha256 != report.sha256 {
            report.add(
                Severity::Blocker,
                format!(
                    "the manifest names a model file with SHA-256 {}, but this file's is {}",
                    manifest.model.sha256, report.sha256
                ),
                "Pair the manifest with the file it was written for, or set model.sha256 to this file's hash if you changed the file on purpose.",
            );
        }
        if report.is_loadable() {
            probe(onnx, manifest, clock, &mut report);
        }
    }
    tree_speed(&mut report);
    report
}

/// The ONNX protobuf, or a blocker saying what the bytes look like instead.
fn decode(onnx: &[u8], report: &mut Report) -> Option<pb::ModelProto> {
    if onnx.is_empty() {
        report.add(
            Severity::Blocker,
            "the file is empty",
            "Pick the .onnx file itself.",
        );
        return None;
    }
    let looks_like = if onnx.starts_with(b"PK\x03\x04") {
        Some(
            "a zip archive, as PyTorch's torch.save writes: export with torch.onnx.export(model, example, \"model.onnx\") instead",
        )
    } else if onnx.starts_with(b"\x89HDF") {
        Some(
            "a Keras HDF5 file: convert it with tf2onnx (python -m tf2onnx.convert --keras model.h5 --output model.onnx)",
        )
    } else if onnx.starts_with(b"\x80") && onnx.get(1).is_some_and(|v| (2..=5).contains(v)) {
        Some(
            "a Python pickle (joblib/pickle of a scikit-learn model): convert it with skl2onnx's to_onnx(model, X[:1].astype(numpy.float32))",
        )
    } else if onnx
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[')
    {
        Some("JSON (a manifest?): drop it as the manifest, and pick the .onnx file as the model")
    } else {
        None
    };
    if let Some(kind) = looks_like {
        report.add(
            Severity::Blocker,
            "the file is not an ONNX model",
            format!("It looks like {kind}."),
        );
        return None;
    }
    match tract_onnx::onnx().proto_model_for_read(&mut std::io::Cursor::new(onnx)) {
        Ok(proto) => Some(proto),
        Err(e) => {
            report.add(
                Severity::Blocker,
                format!("the file is not a readable ONNX model ({e:#})"),
                "Pick the .onnx file that onnx.save, torch.onnx.export or skl2onnx wrote; the file may be truncated or another format.",
            );
            None
        }
    }
}

const ELEM_TYPES: [&str; 17] = [
    "undefined",
    "float",
    "uint8",
    "int8",
    "uint16",
    "int16",
    "int32",
    "int64",
    "string",
    "bool",
    "float16",
    "double",
    "uint32",
    "uint64",
    "complex64",
    "complex128",
    "bfloat16",
];

fn elem_name(elem: i32) -> String {
    usize::try_from(elem)
        .ok()
        .and_then(|i| ELEM_TYPES.get(i))
        .map_or_else(|| format!("type {elem}"), |s| (*s).to_owned())
}

/// Bytes per value of an element type, for the ones a model's weights use.
fn elem_bytes(elem: i32) -> Option<u64> {
    match elem {
        2 | 3 | 9 => Some(1),
        4 | 5 | 10 | 16 => Some(2),
        1 | 6 | 12 => Some(4),
        7 | 11 | 13 | 14 => Some(8),
        15 => Some(16),
        _ => None,
    }
}

fn tensor_info(value: &pb::ValueInfoProto) -> TensorInfo {
    use pb::type_proto::Value as T;
    let (elem, shape) = match value.r#type.as_ref().and_then(|t| t.value.as_ref()) {
        Some(T::TensorType(t)) => {
            let shape = t.shape.as_ref().map(|s| {
                s.dim
                    .iter()
                    .map(|d| match &d.value {
                        Some(pb::tensor_shape_proto::dimension::Value::DimValue(n)) => {
                            Dim::Fixed(*n)
                        }
                        Some(pb::tensor_shape_proto::dimension::Value::DimParam(p)) => {
                            Dim::Named(p.clone())
                        }
                        None => Dim::Unknown,
                    })
                    .collect()
            });
            (elem_name(t.elem_type), shape)
        }
        // Sequences and maps (ZipMap's output) are not in tract's protobuf schema.
        None => ("not a tensor".into(), None),
    };
    TensorInfo {
        name: value.name.clone(),
        elem,
        shape,
    }
}

/// Producer, opset, inputs (initializers excluded), outputs, and the operator histogram.
fn describe(proto: &pb::ModelProto, report: &mut Report) {
    report.producer = format!("{} {}", proto.producer_name, proto.producer_version)
        .trim()
        .to_owned();
    report.opset = proto
        .opset_import
        .iter()
        .find(|o| o.domain.is_empty() || o.domain == "ai.onnx")
        .map_or(0, |o| o.version);
    let Some(graph) = proto.graph.as_ref() else {
        return;
    };
    let initializers: Vec<&str> = graph.initializer.iter().map(|t| t.name.as_str()).collect();
    report.inputs = graph
        .input
        .iter()
        .filter(|i| !initializers.contains(&i.name.as_str()))
        .map(tensor_info)
        .collect();
    report.outputs = graph.output.iter().map(tensor_info).collect();
    let mut operators = BTreeMap::new();
    count_operators(graph, &mut operators, 0);
    report.operators = operators;
}

/// Subgraphs nest (If, Loop, Scan); a hostile file could nest them without end.
const MAX_DEPTH: usize = 16;

fn count_operators(graph: &pb::GraphProto, operators: &mut BTreeMap<String, usize>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for node in &graph.node {
        let name = if node.domain.is_empty() || node.domain == "ai.onnx" {
            node.op_type.clone()
        } else {
            format!("{}:{}", node.domain, node.op_type)
        };
        *operators.entry(name).or_default() += 1;
        for attribute in &node.attribute {
            for sub in attribute.g.iter().chain(&attribute.graphs) {
                count_operators(sub, operators, depth + 1);
            }
        }
    }
}

/// Every initializer and constant: its stated size must be sane and its data must have it.
fn check_tensors(graph: &pb::GraphProto, report: &mut Report) {
    let mut tensors: Vec<&pb::TensorProto> = Vec::new();
    collect_tensors(graph, &mut tensors, 0);
    for tensor in tensors {
        let name = if tensor.name.is_empty() {
            "a constant".to_owned()
        } else {
            format!("tensor \"{}\"", tensor.name)
        };
        if tensor.data_location == Some(1) || !tensor.external_data.is_empty() {
            report.add(
                Severity::Blocker,
                format!("{name} keeps its values in a separate file (ONNX external data)"),
                "Save the model as one file: onnx.save_model(model, \"model.onnx\", save_as_external_data=False).",
            );
            continue;
        }
        let mut values: u64 = 1;
        let mut bad_dim = None;
        for &d in &tensor.dims {
            match u64::try_from(d) {
                Ok(d) => values = values.saturating_mul(d),
                Err(_) => bad_dim = Some(d),
            }
        }
        if let Some(d) = bad_dim {
            report.add(
                Severity::Blocker,
                format!("{name} has a negative dimension ({d})"),
                "The file is damaged; export the model again.",
            );
            continue;
        }
        if values > MAX_TENSOR_VALUES {
            let gb = values as f64 * elem_bytes(tensor.data_type).unwrap_or(4) as f64 / 1e9;
            report.add(
                Severity::Blocker,
                format!(
                    "{name} claims {values} values (about {gb:.1} GB), far more than a scoring model holds"
                ),
                "The file is damaged or is not a scoring model; export the model again.",
            );
            continue;
        }
        let held = if !tensor.raw_data.is_empty() {
            elem_bytes(tensor.data_type).map(|size| tensor.raw_data.len() as u64 / size.max(1))
        } else {
            let typed = [
                tensor.float_data.len(),
                tensor.int32_data.len(),
                tensor.int64_data.len(),
                tensor.double_data.len(),
                tensor.uint64_data.len(),
                tensor.string_data.len(),
            ];
            Some(typed.iter().map(|&n| n as u64).max().unwrap_or(0))
        };
        let whole = tensor.raw_data.is_empty()
            || elem_bytes(tensor.data_type)
                .is_none_or(|size| (tensor.raw_data.len() as u64).is_multiple_of(size));
        if held != Some(values) || !whole {
            report.add(
                Severity::Blocker,
                format!(
                    "{name} states {} dimensions {:?} ({values} values) but carries {} of data",
                    elem_name(tensor.data_type),
                    tensor.dims,
                    match held {
                        Some(n) if whole => format!("{n} values"),
                        _ => format!("{} bytes", tensor.raw_data.len()),
                    }
                ),
                "The file is damaged or was cut short; export the model again.",
            );
        }
        report.parameters = report.parameters.saturating_add(values);
    }
}

fn collect_tensors<'g>(
    graph: &'g pb::GraphProto,
    out: &mut Vec<&'g pb::TensorProto>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    out.extend(&graph.initializer);
    for node in &graph.node {
        for attribute in &node.attribute {
            out.extend(attribute.t.iter().chain(&attribute.tensors));
            for sub in attribute.g.iter().chain(&attribute.graphs) {
                collect_tensors(sub, out, depth + 1);
            }
        }
    }
}

/// Every value a node reads and every graph output must be produced by something: tract
/// panics on a graph output no node computes (tests/fuzz-regressions/model-known-tract/).
fn check_wiring(graph: &pb::GraphProto, report: &mut Report) {
    let produced: std::collections::HashSet<&str> = graph
        .input
        .iter()
        .map(|i| i.name.as_str())
        .chain(graph.initializer.iter().map(|t| t.name.as_str()))
        .chain(
            graph
                .node
                .iter()
                .flat_map(|n| n.output.iter().map(String::as_str)),
        )
        .collect();
    let fix = "The file is inconsistent (onnx.checker.check_model reports this): export the model again, and if the graph was edited by hand, make every name match the value it refers to.";
    for output in &graph.output {
        if !produced.contains(output.name.as_str()) {
            report.add(
                Severity::Blocker,
                format!(
                    "the graph's output \"{}\" is computed by no node",
                    output.name
                ),
                fix,
            );
        }
    }
    let mut missing: Vec<(&str, &str)> = graph
        .node
        .iter()
        .flat_map(|n| {
            n.input
                .iter()
                .filter(|i| !i.is_empty() && !produced.contains(i.as_str()))
                .map(move |i| (n.op_type.as_str(), i.as_str()))
        })
        .collect();
    missing.dedup();
    if let Some((op, name)) = missing.first() {
        report.add(
            Severity::Blocker,
            format!(
                "a {op} node reads \"{name}\", which nothing in the graph produces{}",
                match missing.len() {
                    1 => String::new(),
                    n => format!(" ({} such reads in all)", n),
                }
            ),
            fix,
        );
    }
}

/// Encoders RiskScope does itself, from the manifest: their presence in the graph is a blocker
/// with one fix.
const ENCODERS: [&str; 9] = [
    "OneHotEncoder",
    "LabelEncoder",
    "DictVectorizer",
    "StringNormalizer",
    "Tokenizer",
    "TfIdfVectorizer",
    "Imputer",
    "Binarizer",
    "FeatureVectorizer",
];

fn check_operators(operators: &BTreeMap<String, usize>, report: &mut Report) {
    let known = tract_onnx::onnx().op_register;
    for (op, count) in operators {
        let (domain, name) = op.split_once(':').unwrap_or(("", op));
        let what_nodes = if *count == 1 {
            "1 node".to_owned()
        } else {
            format!("{count} nodes")
        };
        match name {
            "ZipMap" => report.add(
                Severity::Blocker,
                "the outputs pass through ZipMap, which turns probabilities into a list of dictionaries tract does not run",
                "Re-export without it: skl2onnx's to_onnx(model, X, options={id(model): {\"zipmap\": False}}) gives a plain [N, 2] probability tensor.",
            ),
            "Scaler" => report.add(
                Severity::Blocker,
                "the graph uses ai.onnx.ml's Scaler (a StandardScaler), which tract does not implement",
                "Re-export the scaler as standard operators (skl2onnx option {id(scaler): {\"div\": \"div\"}} emits Sub and Div), or fold the scaling into the first layer; the manifest passes numbers as they are.",
            ),
            _ if ENCODERS.contains(&name) => report.add(
                Severity::Blocker,
                format!("the graph encodes its inputs with {name} ({what_nodes}), which tract does not run"),
                "Move the encoding into the manifest: declare the attribute as a category with a one_hot encoding block (RiskScope writes the 0/1 columns itself), and export the model from the encoded numbers onwards.",
            ),
            "TreeEnsembleRegressor" => report.add(
                Severity::Blocker,
                "the graph is a TreeEnsembleRegressor, which tract does not implement",
                "Convert the trees to tensor operations (hummingbird-ml's convert(model, \"onnx\")), or train a logistic or MLP model.",
            ),
            _ if !domain.is_empty() && domain != "ai.onnx.ml" => report.add(
                Severity::Blocker,
                format!("the graph uses {name} from the custom domain {domain} ({what_nodes})"),
                "Custom-domain operators usually come from onnxruntime's graph optimisations: save the model before optimising it (or with SessionOptions.graph_optimization_level = ORT_DISABLE_ALL), using standard ONNX operators only.",
            ),
            _ if !known.0.contains_key(name) => report.add(
                Severity::Blocker,
                format!("tract does not implement the operator {name} ({what_nodes})"),
                "Re-export with standard ONNX operators (opset 13 to 17 are safe), or replace the layer that produces it.",
            ),
            _ => {}
        }
    }
}

/// Exactly one float input of shape [N, k], matching the manifest's name and width.
fn check_input(report: &mut Report, manifest: Option<&Manifest>) {
    let expected = manifest.map(|m| m.model.input.columns);
    let inputs = report.inputs.clone();
    let [input] = inputs.as_slice() else {
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        report.add(
            Severity::Blocker,
            format!(
                "the model has {} inputs ({}); RiskScope feeds one [rows, columns] float tensor",
                inputs.len(),
                names.join(", ")
            ),
            "Export with a single input: concatenate the columns before the model (in PyTorch, take one tensor and slice it inside forward; in skl2onnx, one FloatTensorType([None, k])).",
        );
        return;
    };
    match input.elem.as_str() {
        "float" => {}
        "string" => report.add(
            Severity::Blocker,
            format!("the input \"{}\" holds strings", input.name),
            "Move the encoding into the manifest: declare each text attribute as a category with a one_hot encoding block, and export the model taking the encoded float columns.",
        ),
        "double" => report.add(
            Severity::Blocker,
            format!("the input \"{}\" is double precision", input.name),
            "Export with float32 inputs (skl2onnx: FloatTensorType; PyTorch: model.float() and a float32 example).",
        ),
        other => report.add(
            Severity::Blocker,
            format!(
                "the input \"{}\" is {other}; RiskScope feeds float32",
                input.name
            ),
            "Export with one float32 input of shape [rows, columns].",
        ),
    }
    if let Some(dims) = &input.shape {
        match dims.as_slice() {
            [batch, width] => {
                match batch {
                    Dim::Fixed(1) => report.add(
                        Severity::Warning,
                        format!("the input \"{}\" declares a batch of exactly 1 row", input.name),
                        "RiskScope asks for any number of rows; if loading fails, export with a dynamic batch (torch.onnx.export(..., dynamic_axes={\"input\": {0: \"batch\"}}); skl2onnx: [None, k]).",
                    ),
                    Dim::Fixed(n) => report.add(
                        Severity::Blocker,
                        format!("the input \"{}\" declares a fixed batch of {n} rows", input.name),
                        "Export with a dynamic batch dimension (torch.onnx.export(..., dynamic_axes={\"input\": {0: \"batch\"}}); skl2onnx: [None, k]).",
                    ),
                    _ => {}
                }
                if let (Dim::Fixed(k), Some(columns)) = (width, expected)
                    && usize::try_from(*k).ok() != Some(columns)
                {
                    report.add(
                        Severity::Blocker,
                        format!(
                            "the input \"{}\" has {k} columns, but the manifest's encoding makes {columns}",
                            input.name
                        ),
                        "Make the manifest's features and encoding blocks produce exactly the columns the model was trained on, in the same order (model.input.columns must equal it).",
                    );
                }
            }
            _ => report.add(
                Severity::Blocker,
                format!(
                    "the input \"{}\" has shape {}; RiskScope feeds [rows, columns]",
                    input.name,
                    input.shape_text()
                ),
                "Take a flat [rows, columns] input and reshape inside the graph (a sequence model: Reshape to [rows, steps, features] first, as the catalog's Taiwan LSTM does).",
            ),
        }
    }
    if let Some(manifest) = manifest
        && manifest.model.input.name != input.name
    {
        report.add(
            Severity::Blocker,
            format!(
                "the model's input is named \"{}\", the manifest says \"{}\"",
                input.name, manifest.model.input.name
            ),
            format!(
                "Set model.input.name to \"{}\" in the manifest.",
                input.name
            ),
        );
    }
}

/// The manifest's output exists, is float, and has the column it reads.
fn check_output(report: &mut Report, manifest: Option<&Manifest>) {
    let Some(manifest) = manifest else {
        if !report.outputs.iter().any(|o| o.elem == "float") {
            report.add(
                Severity::Blocker,
                "no output is a float tensor, so none can be a probability or a score",
                "Export the probabilities as a float32 [rows, classes] output (skl2onnx: zipmap False; PyTorch: end with torch.sigmoid or softmax).",
            );
        }
        return;
    };
    let spec = &manifest.model.output;
    let names: Vec<&str> = report.outputs.iter().map(|o| o.name.as_str()).collect();
    let listed = names.join(", ");
    for (name, role) in std::iter::once((&spec.name, "score"))
        .chain(spec.feature_errors.iter().map(|n| (n, "per-feature error")))
    {
        let Some(output) = report.outputs.iter().find(|o| &o.name == name).cloned() else {
            report.add(
                Severity::Blocker,
                format!("the manifest reads the {role} from an output \"{name}\", which the model does not have (it has: {listed})"),
                "Set model.output.name in the manifest to the output that holds the probabilities (skl2onnx calls it \"probabilities\"; a PyTorch export names it as output_names says).",
            );
            continue;
        };
        if output.elem != "float" {
            let hint = if output.elem == "int64" {
                "it looks like the predicted class label; read the probabilities output instead"
            } else {
                "export it as float32"
            };
            report.add(
                Severity::Blocker,
                format!(
                    "the output \"{name}\" is {}, not float: {hint}",
                    output.elem
                ),
                format!("Set model.output.name to the probabilities output (outputs: {listed})."),
            );
            continue;
        }
        if role == "score"
            && let Some(k) = output.last_fixed()
            && output.shape.as_ref().is_some_and(|s| s.len() == 2)
            && spec.column >= k
        {
            report.add(
                Severity::Blocker,
                format!(
                    "the manifest reads column {} of \"{name}\", which has {k} column(s) ({})",
                    spec.column,
                    output.shape_text()
                ),
                "For a two-class probability output [rows, 2], the positive class is usually column 1; for a single [rows, 1] score, column 0.",
            );
        }
    }
}

/// Rows spanning the manifest's ranges: the defaults, every attribute at its minimum, every
/// attribute at its maximum, and each category in turn.
fn probe_rows(manifest: &Manifest) -> Vec<Applicant> {
    let defaults = Applicant::defaults(manifest);
    let mut rows = vec![defaults.clone()];
    for pick in [0usize, 1] {
        let mut row = defaults.clone();
        for (idx, feature) in manifest.features.iter().enumerate() {
            let value = match &feature.kind {
                FeatureKind::Number(n) | FeatureKind::Integer(n) => {
                    let (lo, hi) = n.training_range.map_or((n.min, n.max), |r| (r[0], r[1]));
                    Value::Number(if pick == 0 { lo } else { hi })
                }
                FeatureKind::Category(c) => Value::Category(if pick == 0 {
                    0
                } else {
                    c.categories.len().saturating_sub(1)
                }),
            };
            if let Ok(next) = row.with_value(manifest, idx, value) {
                row = next;
            }
        }
        rows.push(row);
    }
    let most = manifest
        .features
        .iter()
        .map(|f| match &f.kind {
            FeatureKind::Category(c) => c.categories.len(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    for k in 0..most.min(16) {
        let mut row = defaults.clone();
        for (idx, feature) in manifest.features.iter().enumerate() {
            if let FeatureKind::Category(c) = &feature.kind
                && k < c.categories.len()
                && let Ok(next) = row.with_value(manifest, idx, Value::Category(k))
            {
                row = next;
            }
        }
        rows.push(row);
    }
    rows
}

/// Loads the model with tract and runs the probe rows.
fn probe(onnx: &[u8], manifest: &Manifest, clock: Option<&dyn Fn() -> f64>, report: &mut Report) {
    let model = match Model::load(onnx, &manifest.model) {
        Ok(model) => model,
        Err(e) => {
            let finding = load_failure(&e.to_string());
            report.findings.push(finding);
            return;
        }
    };
    let applicants = probe_rows(manifest);
    let rows = match encoding::encode(manifest, &applicants) {
        Ok(rows) => rows,
        Err(e) => {
            report.add(
                Severity::Blocker,
                format!("the probe rows could not be encoded: {e}"),
                "",
            );
            return;
        }
    };
    let start = clock.map(|c| c());
    let scores = match model.run(&rows) {
        Ok(scores) => scores.scores,
        Err(ModelError::OutOfRange { row_idx, value, .. }) => {
            let (what, fix) = match manifest.model.output.kind {
                OutputKind::Probability => (
                    format!(
                        "the output is not a probability: it returned {value} for {}",
                        probe_name(row_idx)
                    ),
                    "End the graph with Sigmoid (one logit) or Softmax (two classes) and read the positive class's column; if it is an anomaly score, set model.output.kind to \"anomaly_score\".",
                ),
                OutputKind::AnomalyScore => (
                    format!(
                        "the anomaly score is not a non-negative number: it returned {value} for {}",
                        probe_name(row_idx)
                    ),
                    "An anomaly score must be finite and at least 0 (a reconstruction error); check the output the manifest names.",
                ),
            };
            report.add(Severity::Blocker, what, fix);
            return;
        }
        Err(e) => {
            report.add(
                Severity::Blocker,
                format!("the model loaded but failed on probe rows: {e}"),
                "Check the manifest's output name and column against the model's outputs.",
            );
            return;
        }
    };
    let ms_per_row = match (clock, start) {
        (Some(clock), Some(start)) => Some((clock() - start) / scores.len().max(1) as f64),
        _ => None,
    };
    let min_score = scores.iter().copied().fold(f32::INFINITY, f32::min);
    let max_score = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if scores.len() > 1 && min_score == max_score {
        report.add(
            Severity::Warning,
            format!(
                "the score was {min_score} for all {} probe rows, from every attribute at its minimum to every one at its maximum",
                scores.len()
            ),
            "Check that the manifest's columns are the model's inputs in the right order, and that any scaling the model expects is inside the graph.",
        );
    }
    report.probe = Some(Probe {
        rows: scores.len(),
        min_score,
        max_score,
        ms_per_row,
    });
}

/// What tract's failure (or panic) to load a model means, and how to fix it.
pub fn load_failure(message: &str) -> Finding {
    let fix = if message.contains("UndeterminedSymbol") {
        "A recurrent layer (LSTM, GRU) without initial state cannot size itself for a variable batch: give it initial_h/initial_c built from the input's shape (ConstantOfShape(Shape(x))), as the catalog's Taiwan LSTM does."
    } else {
        "Check the export's opset (13 to 17 are safe) and that every shape follows from a [rows, columns] float input."
    };
    Finding {
        severity: Severity::Blocker,
        what: format!("tract could not load the model: {message}"),
        fix: fix.into(),
    }
}

fn probe_name(row_idx: usize) -> String {
    match row_idx {
        0 => "the default row".into(),
        1 => "every attribute at its minimum".into(),
        2 => "every attribute at its maximum".into(),
        k => format!("probe row {} (category {} of each attribute)", k + 1, k - 2),
    }
}

/// tract's tree op walks leaves one by one: warn, with the measured time when there is one.
fn tree_speed(report: &mut Report) {
    if !report.operators.contains_key("TreeEnsembleClassifier")
        && !report
            .operators
            .contains_key("ai.onnx.ml:TreeEnsembleClassifier")
    {
        return;
    }
    let measured = match report.probe.as_ref().and_then(|p| p.ms_per_row) {
        Some(ms) => format!("measured here: {ms:.2} ms per row"),
        None => "expect milliseconds per row, against microseconds for an MLP".into(),
    };
    report.add(
        Severity::Warning,
        format!("the model is a tree ensemble; tract runs its TreeEnsembleClassifier slowly ({measured})"),
        "It works; for whole files, convert the trees to tensor operations (hummingbird-ml's convert(model, \"onnx\") with the GEMM strategy), which runs as fast as an MLP.",
    );
}
