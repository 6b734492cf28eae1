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

use riskscope_runtime::graph::{self, Graph, ModelFile};
use serde::{Deserialize, Serialize};

use crate::applicant::{Applicant, Value};
use crate::encoding;
use crate::i18n::Message;
use crate::manifest::{FeatureKind, Manifest, ManifestError, OutputKind};
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

/// One thing the check found: what is wrong and how to fix it, as messages of the `compat`
/// area (`crates/core/locales/<lang>/compat.ftl`) the page writes in its language; their `Display` is
/// English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub what: Message,
    /// What to do about it; `None` for notes.
    pub fix: Option<Message>,
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

    fn add(&mut self, severity: Severity, what: Message, fix: Message) {
        self.findings.push(Finding {
            severity,
            what,
            fix: Some(fix),
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
            Message::new("compat-no-graph"),
            Message::new("compat-no-graph-fix"),
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
                Message::new("compat-hash-mismatch")
                    .arg("expected", &manifest.model.sha256)
                    .arg("actual", &report.sha256),
                Message::new("compat-hash-mismatch-fix").arg("field", "model.sha256"),
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
fn decode(onnx: &[u8], report: &mut Report) -> Option<ModelFile> {
    if onnx.is_empty() {
        report.add(
            Severity::Blocker,
            Message::new("compat-empty"),
            Message::new("compat-empty-fix"),
        );
        return None;
    }
    let looks_like = if onnx.starts_with(b"PK\x03\x04") {
        Some(
            Message::new("compat-looks-like-zip")
                .arg("save", "torch.save")
                .arg(
                    "export",
                    "torch.onnx.export(model, example, \"model.onnx\")",
                ),
        )
    } else if onnx.starts_with(b"\x89HDF") {
        Some(
            Message::new("compat-looks-like-keras")
                .arg("format", "Keras HDF5")
                .arg(
                    "command",
                    "python -m tf2onnx.convert --keras model.h5 --output model.onnx",
                ),
        )
    } else if onnx.starts_with(b"\x80") && onnx.get(1).is_some_and(|v| (2..=5).contains(v)) {
        Some(
            Message::new("compat-looks-like-pickle")
                .arg("format", "Python pickle")
                .arg("tools", "joblib/pickle")
                .arg("call", "to_onnx(model, X[:1].astype(numpy.float32))"),
        )
    } else if onnx
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[')
    {
        Some(Message::new("compat-looks-like-json"))
    } else {
        None
    };
    if let Some(kind) = looks_like {
        report.add(Severity::Blocker, Message::new("compat-not-onnx"), kind);
        return None;
    }
    match graph::read(onnx) {
        Ok(file) => Some(file),
        Err(e) => {
            report.add(
                Severity::Blocker,
                Message::new("compat-unreadable").arg("error", e),
                Message::new("compat-unreadable-fix")
                    .arg("save", "onnx.save")
                    .arg("export", "torch.onnx.export"),
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

fn tensor_info(value: &graph::Value) -> TensorInfo {
    let (elem, shape) = match &value.tensor {
        Some(t) => {
            let shape = t.shape.as_ref().map(|dims| {
                dims.iter()
                    .map(|d| match d {
                        graph::Dim::Fixed(n) => Dim::Fixed(*n),
                        graph::Dim::Named(p) => Dim::Named(p.clone()),
                        graph::Dim::Unknown => Dim::Unknown,
                    })
                    .collect()
            });
            (elem_name(t.elem_type), shape)
        }
        // Sequences and maps (ZipMap's output).
        None => ("not a tensor".into(), None),
    };
    TensorInfo {
        name: value.name.clone(),
        elem,
        shape,
    }
}

/// Producer, opset, inputs (initializers excluded), outputs, and the operator histogram.
fn describe(proto: &ModelFile, report: &mut Report) {
    report.producer = proto.producer();
    report.opset = proto.default_opset();
    let Some(graph) = proto.graph.as_ref() else {
        return;
    };
    let initializers: Vec<&str> = graph.initializers.iter().map(|t| t.name.as_str()).collect();
    report.inputs = graph
        .inputs
        .iter()
        .filter(|i| !initializers.contains(&i.name.as_str()))
        .map(tensor_info)
        .collect();
    report.outputs = graph.outputs.iter().map(tensor_info).collect();
    let mut operators = BTreeMap::new();
    count_operators(graph, &mut operators, 0);
    report.operators = operators;
}

/// Subgraphs nest (If, Loop, Scan); a hostile file could nest them without end.
const MAX_DEPTH: usize = 16;

fn count_operators(graph: &Graph, operators: &mut BTreeMap<String, usize>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for node in &graph.nodes {
        let name = if graph::is_default_domain(&node.domain) {
            node.op_type.clone()
        } else {
            format!("{}:{}", node.domain, node.op_type)
        };
        *operators.entry(name).or_default() += 1;
        for attribute in &node.attributes {
            for sub in &attribute.graphs {
                count_operators(sub, operators, depth + 1);
            }
        }
    }
}

/// Every initializer and constant: its stated size must be sane and its data must have it.
fn check_tensors(graph: &Graph, report: &mut Report) {
    let mut tensors: Vec<&graph::Tensor> = Vec::new();
    collect_tensors(graph, &mut tensors, 0);
    for tensor in tensors {
        // The messages name the tensor, or say "a constant" for an unnamed one.
        let about = |message: Message| {
            message
                .arg(
                    "kind",
                    if tensor.name.is_empty() {
                        "constant"
                    } else {
                        "named"
                    },
                )
                .arg("tensor", &tensor.name)
        };
        if tensor.external {
            report.add(
                Severity::Blocker,
                about(Message::new("compat-external-data")),
                Message::new("compat-external-data-fix").arg(
                    "call",
                    "onnx.save_model(model, \"model.onnx\", save_as_external_data=False)",
                ),
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
                about(Message::new("compat-negative-dim")).arg("dim", d.to_string()),
                Message::new("compat-damaged-fix"),
            );
            continue;
        }
        if values > MAX_TENSOR_VALUES {
            let gb = values as f64 * elem_bytes(tensor.elem_type).unwrap_or(4) as f64 / 1e9;
            report.add(
                Severity::Blocker,
                about(Message::new("compat-huge-tensor"))
                    .arg("values", values.to_string())
                    .arg("gb", format!("{gb:.1}")),
                Message::new("compat-huge-tensor-fix"),
            );
            continue;
        }
        let raw = tensor.raw_bytes as u64;
        let held = if raw > 0 {
            elem_bytes(tensor.elem_type).map(|size| raw / size.max(1))
        } else {
            Some(tensor.typed_values as u64)
        };
        let whole =
            raw == 0 || elem_bytes(tensor.elem_type).is_none_or(|size| raw.is_multiple_of(size));
        if held != Some(values) || !whole {
            report.add(
                Severity::Blocker,
                {
                    let (unit, held) = match held {
                        Some(n) if whole => ("values", n),
                        _ => ("bytes", raw),
                    };
                    about(Message::new("compat-short-tensor"))
                        .arg("type", elem_name(tensor.elem_type))
                        .arg("dims", format!("{:?}", tensor.dims))
                        .arg("values", values.to_string())
                        .arg("unit", unit)
                        .arg("held", held.to_string())
                },
                Message::new("compat-short-tensor-fix"),
            );
        }
        report.parameters = report.parameters.saturating_add(values);
    }
}

fn collect_tensors<'g>(graph: &'g Graph, out: &mut Vec<&'g graph::Tensor>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    out.extend(&graph.initializers);
    for node in &graph.nodes {
        for attribute in &node.attributes {
            out.extend(&attribute.tensors);
            for sub in &attribute.graphs {
                collect_tensors(sub, out, depth + 1);
            }
        }
    }
}

/// Every value a node reads and every graph output must be produced by something: tract
/// panics on a graph output no node computes (tests/fuzz-regressions/model-known-tract/).
fn check_wiring(graph: &Graph, report: &mut Report) {
    let produced: std::collections::HashSet<&str> = graph
        .inputs
        .iter()
        .map(|i| i.name.as_str())
        .chain(graph.initializers.iter().map(|t| t.name.as_str()))
        .chain(
            graph
                .nodes
                .iter()
                .flat_map(|n| n.outputs.iter().map(String::as_str)),
        )
        .collect();
    let fix = Message::new("compat-wiring-fix").arg("checker", "onnx.checker.check_model");
    for output in &graph.outputs {
        if !produced.contains(output.name.as_str()) {
            report.add(
                Severity::Blocker,
                Message::new("compat-output-unproduced").arg("output", &output.name),
                fix.clone(),
            );
        }
    }
    let mut missing: Vec<(&str, &str)> = graph
        .nodes
        .iter()
        .flat_map(|n| {
            n.inputs
                .iter()
                .filter(|i| !i.is_empty() && !produced.contains(i.as_str()))
                .map(move |i| (n.op_type.as_str(), i.as_str()))
        })
        .collect();
    missing.dedup();
    if let Some((op, name)) = missing.first() {
        report.add(
            Severity::Blocker,
            match missing.len() {
                1 => Message::new("compat-read-unproduced"),
                n => Message::new("compat-reads-unproduced").arg("count", n.to_string()),
            }
            .arg("op", *op)
            .arg("name", *name),
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
    let known = graph::known_operators();
    for (op, count) in operators {
        let (domain, name) = op.split_once(':').unwrap_or(("", op));
        // "1 node" / "3 nodes": the count selects the form, the text is shown.
        let nodes = |message: Message| {
            message
                .arg("op", name)
                .arg("count", *count)
                .arg("nodes", count.to_string())
        };
        match name {
            "ZipMap" => report.add(
                Severity::Blocker,
                Message::new("compat-zipmap"),
                Message::new("compat-zipmap-fix").arg(
                    "call",
                    "to_onnx(model, X, options={id(model): {\"zipmap\": False}})",
                ),
            ),
            "Scaler" => report.add(
                Severity::Blocker,
                Message::new("compat-scaler")
                    .arg("domain", "ai.onnx.ml")
                    .arg("op", "Scaler")
                    .arg("class", "StandardScaler"),
                Message::new("compat-scaler-fix")
                    .arg("option", "{id(scaler): {\"div\": \"div\"}}")
                    .arg("sub", "Sub")
                    .arg("div", "Div"),
            ),
            _ if ENCODERS.contains(&name) => report.add(
                Severity::Blocker,
                nodes(Message::new("compat-encoder")),
                Message::new("compat-encoder-fix"),
            ),
            "TreeEnsembleRegressor" => report.add(
                Severity::Blocker,
                Message::new("compat-tree-regressor").arg("op", "TreeEnsembleRegressor"),
                Message::new("compat-tree-regressor-fix")
                    .arg("library", "hummingbird-ml")
                    .arg("call", "convert(model, \"onnx\")"),
            ),
            _ if !domain.is_empty() && domain != "ai.onnx.ml" => report.add(
                Severity::Blocker,
                nodes(Message::new("compat-custom-domain")).arg("domain", domain),
                Message::new("compat-custom-domain-fix").arg(
                    "setting",
                    "SessionOptions.graph_optimization_level = ORT_DISABLE_ALL",
                ),
            ),
            _ if !known.contains(name) => report.add(
                Severity::Blocker,
                nodes(Message::new("compat-unknown-op")),
                Message::new("compat-unknown-op-fix"),
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
            Message::new("compat-input-count")
                .arg("count", inputs.len().to_string())
                .arg("names", names.join(", ")),
            Message::new("compat-input-count-fix")
                .arg("method", "forward")
                .arg("type", "FloatTensorType([None, k])"),
        );
        return;
    };
    match input.elem.as_str() {
        "float" => {}
        "string" => report.add(
            Severity::Blocker,
            Message::new("compat-input-strings").arg("input", &input.name),
            Message::new("compat-input-strings-fix"),
        ),
        "double" => report.add(
            Severity::Blocker,
            Message::new("compat-input-double").arg("input", &input.name),
            Message::new("compat-input-double-fix")
                .arg("type", "FloatTensorType")
                .arg("call", "model.float()"),
        ),
        other => report.add(
            Severity::Blocker,
            Message::new("compat-input-type")
                .arg("input", &input.name)
                .arg("type", other),
            Message::new("compat-input-type-fix"),
        ),
    }
    if let Some(dims) = &input.shape {
        match dims.as_slice() {
            [batch, width] => {
                match batch {
                    Dim::Fixed(1) => report.add(
                        Severity::Warning,
                        Message::new("compat-batch-one").arg("input", &input.name),
                        dynamic_batch(Message::new("compat-batch-one-fix")),
                    ),
                    Dim::Fixed(n) => report.add(
                        Severity::Blocker,
                        Message::new("compat-fixed-batch")
                            .arg("input", &input.name)
                            .arg("rows", n.to_string()),
                        dynamic_batch(Message::new("compat-fixed-batch-fix")),
                    ),
                    _ => {}
                }
                if let (Dim::Fixed(k), Some(columns)) = (width, expected)
                    && usize::try_from(*k).ok() != Some(columns)
                {
                    report.add(
                        Severity::Blocker,
                        Message::new("compat-input-width")
                            .arg("input", &input.name)
                            .arg("width", k.to_string())
                            .arg("columns", columns.to_string()),
                        Message::new("compat-input-width-fix").arg("field", "model.input.columns"),
                    );
                }
            }
            _ => report.add(
                Severity::Blocker,
                Message::new("compat-input-shape")
                    .arg("input", &input.name)
                    .arg("shape", input.shape_text()),
                Message::new("compat-input-shape-fix").arg("op", "Reshape"),
            ),
        }
    }
    if let Some(manifest) = manifest
        && manifest.model.input.name != input.name
    {
        report.add(
            Severity::Blocker,
            Message::new("compat-input-name")
                .arg("input", &input.name)
                .arg("expected", &manifest.model.input.name),
            Message::new("compat-input-name-fix")
                .arg("field", "model.input.name")
                .arg("input", &input.name),
        );
    }
}

/// The manifest's output exists, is float, and has the column it reads.
fn check_output(report: &mut Report, manifest: Option<&Manifest>) {
    let Some(manifest) = manifest else {
        if !report.outputs.iter().any(|o| o.elem == "float") {
            report.add(
                Severity::Blocker,
                Message::new("compat-no-float-output"),
                Message::new("compat-no-float-output-fix")
                    .arg("option", "zipmap False")
                    .arg("sigmoid", "torch.sigmoid")
                    .arg("softmax", "softmax"),
            );
        }
        return;
    };
    let spec = &manifest.model.output;
    let names: Vec<&str> = report.outputs.iter().map(|o| o.name.as_str()).collect();
    let listed = names.join(", ");
    for (name, role) in std::iter::once((&spec.name, "score"))
        .chain(spec.feature_errors.iter().map(|n| (n, "errors")))
    {
        let Some(output) = report.outputs.iter().find(|o| &o.name == name).cloned() else {
            report.add(
                Severity::Blocker,
                Message::new("compat-output-missing")
                    .arg("role", role)
                    .arg("output", name)
                    .arg("outputs", &listed),
                Message::new("compat-output-missing-fix")
                    .arg("field", "model.output.name")
                    .arg("name", "probabilities")
                    .arg("option", "output_names"),
            );
            continue;
        };
        if output.elem != "float" {
            let what = if output.elem == "int64" {
                Message::new("compat-output-label")
            } else {
                Message::new("compat-output-not-float")
            };
            report.add(
                Severity::Blocker,
                what.arg("output", name).arg("type", &output.elem),
                Message::new("compat-output-not-float-fix")
                    .arg("field", "model.output.name")
                    .arg("outputs", &listed),
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
                Message::new("compat-output-column")
                    .arg("column", spec.column.to_string())
                    .arg("output", name)
                    .arg("width", k.to_string())
                    .arg("shape", output.shape_text()),
                Message::new("compat-output-column-fix"),
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
            report.findings.push(Finding {
                severity: Severity::Blocker,
                what: Message::new("compat-probe-encode").arg("error", e.to_string()),
                fix: None,
            });
            return;
        }
    };
    let start = clock.map(|c| c());
    let scores = match model.run(&rows) {
        Ok(scores) => scores.scores,
        Err(ModelError::OutOfRange { row_idx, value, .. }) => {
            let (what, fix) = match manifest.model.output.kind {
                OutputKind::Probability => (
                    Message::new("compat-not-probability"),
                    Message::new("compat-not-probability-fix").arg("field", "model.output.kind"),
                ),
                OutputKind::AnomalyScore => (
                    Message::new("compat-bad-anomaly"),
                    Message::new("compat-bad-anomaly-fix"),
                ),
            };
            let what = probe_row(what, row_idx).arg("value", value.to_string());
            report.add(Severity::Blocker, what, fix);
            return;
        }
        Err(e) => {
            report.add(
                Severity::Blocker,
                Message::new("compat-probe-failed").arg("error", e.to_string()),
                Message::new("compat-probe-failed-fix"),
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
            Message::new("compat-constant-score")
                .arg("score", min_score.to_string())
                .arg("rows", scores.len().to_string()),
            Message::new("compat-constant-score-fix"),
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
/// `message` is tract's own text (quoted as it is, in English).
pub fn load_failure(message: &str) -> Finding {
    let fix = if message.contains("UndeterminedSymbol") {
        Message::new("compat-load-failed-state-fix").arg("call", "ConstantOfShape(Shape(x))")
    } else {
        Message::new("compat-load-failed-fix")
    };
    Finding {
        severity: Severity::Blocker,
        what: Message::new("compat-load-failed").arg("error", message),
        fix: Some(fix),
    }
}

/// The blocker for a manifest given with the model that does not parse.
pub fn unreadable_manifest(error: &ManifestError) -> Finding {
    Finding {
        severity: Severity::Blocker,
        what: Message::new("compat-manifest-unreadable").arg("error", error.message()),
        fix: Some(Message::new("compat-manifest-unreadable-fix")),
    }
}

/// The fix's way to a dynamic batch, in PyTorch and in skl2onnx.
fn dynamic_batch(fix: Message) -> Message {
    fix.arg(
        "export",
        "torch.onnx.export(..., dynamic_axes={\"input\": {0: \"batch\"}})",
    )
    .arg("shape", "[None, k]")
}

/// `message` naming the probe row `row_idx` (see [`probe_rows`]): `probe` selects the
/// default row, every attribute at its minimum or maximum, or a row of categories.
fn probe_row(message: Message, row_idx: usize) -> Message {
    match row_idx {
        0 => message.arg("probe", "default"),
        1 => message.arg("probe", "min"),
        2 => message.arg("probe", "max"),
        k => message
            .arg("probe", "category")
            .arg("row", (k + 1).to_string())
            .arg("category", (k - 2).to_string()),
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
    let what = match report.probe.as_ref().and_then(|p| p.ms_per_row) {
        Some(ms) => Message::new("compat-tree-slow-measured").arg("ms", format!("{ms:.2}")),
        None => Message::new("compat-tree-slow"),
    };
    report.add(
        Severity::Warning,
        what.arg("op", "TreeEnsembleClassifier"),
        Message::new("compat-tree-slow-fix")
            .arg("library", "hummingbird-ml")
            .arg("call", "convert(model, \"onnx\")"),
    );
}
