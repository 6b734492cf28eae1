//! The compatibility check a user's own ONNX file goes through before anything loads it.
//!
//! It reads the file's protobuf itself (never tract's loader first), so the common reasons an
//! export does not run here are explained in words a data scientist acts on: text encoders the
//! runtime lacks, double inputs, string inputs no encoder in the file reads, an input
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
use crate::i18n::{Localized, Message};
use crate::manifest::{FeatureKind, Manifest, ManifestError, OutputKind};
use crate::model::{Model, ModelError};
use crate::scorer::sha256_hex;

mod file;
mod interface;
mod operators;
mod probe;

use file::{check_tensors, check_wiring, decode, describe};
use interface::{check_input, check_output};
use operators::{check_operators, own_operators};
use probe::probe;

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
    /// A string input read by one ONNX-ML encoder: the categories it knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Categories>,
    /// A one-column float input whose missing value (NaN) the graph's own Imputer replaces:
    /// the value it puts in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imputed: Option<f32>,
}

/// The categories a string input's encoder knows, as the graph stores them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Categories {
    /// The encoder's operator (`OneHotEncoder`, `LabelEncoder`, `CategoryMapper`).
    pub encoder: String,
    /// In the encoder's order.
    pub values: Vec<String>,
    /// The encoder scores a text it does not know (a OneHotEncoder with `zeros`: all its
    /// columns 0; a LabelEncoder or CategoryMapper: its default), rather than failing.
    pub unseen: bool,
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

/// [`check`], timing the probe batch with `clock` (milliseconds), for the per-row figure the
/// report shows.
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
    own_operators(&mut report);
    report
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
