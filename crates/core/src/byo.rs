//! Bring your own model: a manifest proposed from the ONNX file alone and completed by the user
//! (and from a data file, when one is given), and a reference sample written from the user's
//! labelled rows, so a user's model gets everything a catalog model has: the form, batch
//! scoring, evaluation, explanations, reasons, recourse and cut-off costs.
//!
//! The outputs are the same three files the training pipeline writes (manifest, ONNX,
//! reference), so the rest of the app cannot tell a user's model from a catalog one, and the
//! user can download the manifest and use it again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use thiserror::Error;

use crate::batch::columns::{Mapping, read_head};

mod data;
mod inputs;
use crate::catalog::{CatalogEntry, CatalogMetrics, Origin};
use crate::compat::Report;
use crate::evaluation::{Ranking, brier};
use crate::i18n::{Localized, Message};
use crate::manifest::{FORMAT_VERSION, LabelSpec, Manifest, ManifestError, OutputKind, Task};
use crate::scorer::{Scorer, sha256_hex};
pub use data::{DataFit, LabelFound};
pub use inputs::DraftTexts;

/// At most this many rows of a data file become the attribution background (as the catalog's
/// reference samples); at most `MAX_EVALUATION` are scored for the cut-off curves.
pub const BACKGROUND_ROWS: usize = 200;
pub const MAX_EVALUATION: usize = 50_000;

/// Why a draft cannot be proposed or completed. The reasons are messages of the `byo` area
/// (`crates/core/locales/<lang>/byo.ftl`); `Display` is English.
#[derive(Debug, Error, PartialEq)]
pub enum ByoError {
    #[error("{0}")]
    NoProposal(Message),
    #[error("the data file: {0}")]
    Data(Message),
    #[error(transparent)]
    Manifest(#[from] ManifestError),
}

/// A data file's reason without the "the data file: " of `Display` (the page's sentence
/// names the file).
impl Localized for ByoError {
    fn message(&self) -> Message {
        match self {
            ByoError::NoProposal(message) | ByoError::Data(message) => message.clone(),
            ByoError::Manifest(e) => e.message(),
        }
    }
}

/// A data file's text as UTF-8, in the encoding its content shows (a spreadsheet's
/// Windows-1252 or GBK export reads as it was meant).
fn utf8_text(data: &[u8]) -> String {
    crate::batch::text::decode_whole(data)
}

fn data_error(error: impl std::fmt::Display) -> ByoError {
    ByoError::Data(Message::quoted(error))
}

/// A manifest being completed: one number per input column (or, for a graph with one input per
/// column, a number or a category per input), and how to read the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub task: Task,
    /// The one input's name (empty when the columns name their own inputs).
    pub input_name: String,
    pub output_name: String,
    pub output_column: usize,
    pub output_kind: OutputKind,
    pub cutoff: f64,
    pub columns: Vec<DraftColumn>,
    /// The data file's label column, and the values that mark a positive and a negative row.
    #[serde(default)]
    pub label: Option<LabelSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftColumn {
    pub name: String,
    pub label: String,
    pub integer: bool,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    /// The smallest and largest value in the data file, when there was one.
    pub seen: Option<[f64; 2]>,
    /// The data file's median (a 0/1 column's commoner value), when there was one.
    #[serde(default)]
    pub median: Option<f64>,
    /// A yes/no attribute: its texts for no and yes, which the model reads as 0 and 1.
    #[serde(default)]
    pub categories: Option<[String; 2]>,
    /// The graph input this column feeds, when the graph has one input per column.
    #[serde(default)]
    pub input: Option<String>,
    /// A string input's categories, which the graph's own encoder reads.
    #[serde(default)]
    pub texts: Option<DraftTexts>,
    /// What the graph's own Imputer puts in place of a missing value of this column: the
    /// manifest imputes the same, so a missing number scores as the model's pipeline scores it.
    #[serde(default)]
    pub imputed: Option<f64>,
}

/// The label column names a data file may use, as the messages list them (the batch mapping's
/// list, `batch::columns`, in its spellings).
const LABEL_NAMES_SHOWN: &str = "defaulted, default, class, isFraud, target, label";
const LABEL_NAME_LAST: &str = "bad";

impl Draft {
    /// A draft for the file the check described: its one input's width, the likeliest
    /// probability output, generic column names and wide ranges for the user to complete.
    pub fn propose(report: &Report) -> Result<Draft, ByoError> {
        let per_input = match report.inputs.as_slice() {
            [] => return Err(ByoError::NoProposal(Message::new("byo-propose-inputs"))),
            [one] => one.elem == "string",
            _ => true,
        };
        if per_input {
            let columns = inputs::propose_columns(&report.inputs)?;
            return Draft::with_columns(report, String::new(), columns);
        }
        let [input] = report.inputs.as_slice() else {
            return Err(ByoError::NoProposal(Message::new("byo-propose-inputs")));
        };
        let width = input.last_fixed().filter(|w| *w > 0).ok_or_else(|| {
            ByoError::NoProposal(match input.shape {
                Some(_) => Message::new("byo-propose-width")
                    .arg("input", &input.name)
                    .arg("shape", input.shape_text()),
                None => Message::new("byo-propose-width-undeclared").arg("input", &input.name),
            })
        })?;
        if width > 10_000 {
            return Err(ByoError::NoProposal(
                Message::new("byo-propose-too-wide").arg("columns", width.to_string()),
            ));
        }
        let columns = (1..=width)
            .map(|i| DraftColumn::number(format!("x{i}"), format!("Input {i}"), None))
            .collect();
        Draft::with_columns(report, input.name.clone(), columns)
    }

    /// The draft for these columns: the likeliest probability output, generic texts.
    fn with_columns(
        report: &Report,
        input_name: String,
        columns: Vec<DraftColumn>,
    ) -> Result<Draft, ByoError> {
        let floats = report.outputs.iter().filter(|o| o.elem == "float");
        let output = floats
            .clone()
            .find(|o| o.name.to_lowercase().contains("prob"))
            .or_else(|| floats.clone().next())
            .ok_or_else(|| ByoError::NoProposal(Message::new("byo-propose-no-float")))?;
        let output_column = match output.last_fixed() {
            Some(2) => 1,
            _ => 0,
        };
        Ok(Draft {
            title: "My model".into(),
            task: Task::Credit,
            input_name,
            output_name: output.name.clone(),
            output_column,
            output_kind: OutputKind::Probability,
            cutoff: 0.5,
            columns,
            label: None,
        })
    }

    /// The manifest this draft describes, for the ONNX file with hash `sha256`, checked as
    /// every manifest is; `reference` names a reference file and its hash.
    pub fn manifest_json(&self, sha256: &str, reference: Option<&str>) -> Result<String, ByoError> {
        let id = format!("byo-{}", sha256.get(..12).unwrap_or(sha256));
        let features: Vec<_> = self.columns.iter().map(DraftColumn::feature_json).collect();
        let encoding: Vec<_> = self
            .columns
            .iter()
            .map(|c| {
                let kind = if c.texts.is_some() {
                    "text"
                } else if c.categories.is_some() {
                    "ordinal"
                } else {
                    "numeric"
                };
                json!({ "feature": c.name, "kind": kind })
            })
            .collect();
        let (at_or_above, below, bands) = match (self.task, self.output_kind) {
            (_, OutputKind::AnomalyScore) => (
                "Alert",
                "Pass",
                json!([
                    { "name": "usual", "label": "Usual", "upper": self.cutoff },
                    { "name": "unusual", "label": "Unusual" }
                ]),
            ),
            (Task::Credit, OutputKind::Probability) => {
                ("Decline", "Approve", probability_bands(self.cutoff))
            }
            (Task::Fraud, OutputKind::Probability) => {
                ("Alert", "Pass", probability_bands(self.cutoff))
            }
        };
        let mut manifest = json!({
            "format_version": FORMAT_VERSION,
            "id": id,
            "title": self.title,
            "task": self.task,
            "description": "A model brought by the user, with a manifest completed in RiskScope.",
            "features": features,
            "encoding": encoding,
            "model": {
                "file": "model.onnx",
                "sha256": sha256,
                "output": {
                    "name": self.output_name,
                    "column": self.output_column,
                    "kind": self.output_kind,
                },
                "positive_class": match self.task {
                    Task::Credit => "default",
                    Task::Fraud => "fraud",
                },
            },
            "decision": {
                "cutoff": self.cutoff,
                "at_or_above": at_or_above,
                "below": below,
                "rule": "Chosen by the user when the model was brought in.",
            },
            "risk_bands": bands,
        });
        if self.columns.iter().any(|c| c.input.is_some()) {
            manifest["model"]["inputs"] = inputs::graph_inputs(&self.columns);
        } else {
            manifest["model"]["input"] =
                json!({ "name": self.input_name, "columns": self.columns.len() });
        }
        if let Some(label) = &self.label {
            manifest["label"] = json!(label);
        }
        if let Some(reference_sha256) = reference {
            manifest["explain"] = json!({
                "reference": "reference.json",
                "reference_sha256": reference_sha256,
                "additive": false,
            });
        }
        let text = serde_json::to_string_pretty(&manifest).map_err(data_error)?;
        Manifest::parse(&text)?;
        Ok(text)
    }
}

impl DraftColumn {
    /// A number column with wide bounds, for the user (or a data file) to complete.
    fn number(name: String, label: String, input: Option<String>) -> DraftColumn {
        DraftColumn {
            name,
            label,
            integer: false,
            min: -1e6,
            max: 1e6,
            default: 0.0,
            seen: None,
            median: None,
            categories: None,
            input,
            texts: None,
            imputed: None,
        }
    }

    /// The manifest's feature for this column: a number, or a yes/no category the model reads
    /// as 0/1; with a data file, its value policy and reason texts.
    fn feature_json(&self) -> serde_json::Value {
        let c = self;
        let mut feature = json!({
            "name": c.name,
            "label": c.label,
            "description": format!("Input column \"{}\" of the model.", c.name),
        });
        // Imputed with what the data file showed most (median or commoner value), or with the
        // default the user declared instead.
        let from_data = c.median == Some(c.default);
        if let Some(texts) = &c.texts {
            inputs::text_feature(c, texts, &mut feature);
            return feature;
        }
        if let Some([no, yes]) = &c.categories {
            let default = if c.default >= 0.5 { yes } else { no };
            feature["kind"] = json!("category");
            feature["categories"] = json!([
                { "value": no, "label": no },
                { "value": yes, "label": yes },
            ]);
            feature["default"] = json!(default);
            let from = if from_data { "mode" } else { "declared" };
            feature["policy"] =
                json!({ "missing": { "impute": { "value": default, "from": from } } });
            feature["reason"] = json!(format!("{}: {{category}}", c.label));
            return feature;
        }
        feature["kind"] = json!(if c.integer { "integer" } else { "number" });
        // The model's own imputed value is one the feature takes.
        let imputed = c.imputed.filter(|v| v.is_finite());
        feature["min"] = json!(imputed.map_or(c.min, |v| c.min.min(v)));
        feature["max"] = json!(imputed.map_or(c.max, |v| c.max.max(v)));
        feature["default"] = json!(c.default);
        let from = if from_data { "median" } else { "declared" };
        let missing = match imputed {
            Some(v) => json!({ "impute": { "value": v, "from": "model" } }),
            None => json!({ "impute": { "value": c.default, "from": from } }),
        };
        if c.seen.is_none() && imputed.is_some() {
            feature["policy"] = json!({ "missing": missing });
        }
        if let Some(seen) = c.seen {
            feature["training_range"] = json!(seen);
            // Ranges read off the user's data are no natural bounds: every number is scored
            // and noted when outside them; a missing one gets the model's imputed value, else
            // the default.
            feature["policy"] = json!({ "outside": "flag", "missing": missing });
            feature["reason"] = json!({
                "high": format!("{} is high: {{value}} (typical {{typical}})", c.label),
                "low": format!("{} is low: {{value}} (typical {{typical}})", c.label),
            });
        }
        feature
    }
}

fn probability_bands(cutoff: f64) -> serde_json::Value {
    let low = (cutoff / 2.0).max(f64::MIN_POSITIVE);
    json!([
        { "name": "low", "label": "Low risk", "upper": low },
        { "name": "medium", "label": "Medium risk", "upper": cutoff },
        { "name": "high", "label": "High risk", "upper": 1.0 }
    ])
}

/// The records after the header, each a list of fields; a malformed record is an error naming
/// its row.
fn records(data: &[u8], separator: u8) -> impl Iterator<Item = Result<Vec<String>, ByoError>> + '_ {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_reader(data)
        .into_records()
        .enumerate()
        .map(|(i, r)| {
            r.map(|r| r.iter().map(str::to_owned).collect())
                .map_err(|e| {
                    ByoError::Data(
                        Message::new("byo-data-row")
                            .arg("row", (i + 1).to_string())
                            .arg("error", e.to_string()),
                    )
                })
        })
}

#[derive(Serialize)]
struct ReferenceFile {
    format_version: u32,
    model: String,
    background: Background,
    evaluation: Evaluation,
}

#[derive(Serialize)]
struct Background {
    source: String,
    rows: Vec<BTreeMap<String, String>>,
}

#[derive(Serialize)]
struct Evaluation {
    source: String,
    score: Vec<f64>,
    label: Vec<u8>,
    weight: Vec<f64>,
}

/// What a reference written from a data file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceFit {
    pub bytes: Vec<u8>,
    pub background: usize,
    pub evaluation: usize,
    /// Rows left out: a field that does not parse, or a label that is neither value.
    pub skipped: usize,
}

/// A reference sample (the catalog's `reference.json` format) from a labelled data file, for
/// the model `scorer` loaded without one: the first [`BACKGROUND_ROWS`] valid rows as the
/// background, and up to [`MAX_EVALUATION`] valid rows scored by the model with their labels.
pub fn reference_from_data(scorer: &Scorer, data: &[u8]) -> Result<ReferenceFit, ByoError> {
    let manifest = scorer.manifest();
    let data = utf8_text(data);
    let data = data.as_bytes();
    let head = read_head(data).map_err(data_error)?;
    let mapping = Mapping::propose(manifest, &head);
    if let Some(missing) = mapping.unmatched(manifest).first() {
        return Err(ByoError::Data(
            Message::new("byo-data-missing-column").arg("column", missing.to_string()),
        ));
    }
    let Some(label) = mapping.label.clone() else {
        return Err(ByoError::Data(
            Message::new("byo-data-no-label")
                .arg("names", LABEL_NAMES_SHOWN)
                .arg("last", LABEL_NAME_LAST),
        ));
    };
    let mut background = Vec::new();
    let mut applicants = Vec::new();
    let mut labels = Vec::new();
    let mut skipped = 0;
    for record in records(data, head.separator) {
        if applicants.len() >= MAX_EVALUATION {
            break;
        }
        let record = record?;
        let field = |c: usize| record.get(c).map(String::as_str);
        let outcome = match field(label.column).map(str::trim) {
            Some(t) if t == label.positive => Some(1u8),
            Some(t) if t == label.negative => Some(0u8),
            _ => None,
        };
        let (Ok(applicant), Some(outcome)) = (mapping.applicant(manifest, field), outcome) else {
            skipped += 1;
            continue;
        };
        if background.len() < BACKGROUND_ROWS {
            let row: BTreeMap<String, String> = manifest
                .features
                .iter()
                .zip(&mapping.features)
                .filter_map(|(f, c)| Some((f.name.clone(), field((*c)?)?.trim().to_owned())))
                .collect();
            background.push(row);
        }
        applicants.push(applicant);
        labels.push(outcome);
    }
    if applicants.is_empty() {
        return Err(ByoError::Data(Message::new("byo-data-no-rows")));
    }
    let mut score = Vec::with_capacity(applicants.len());
    for chunk in applicants.chunks(4096) {
        let scores = scorer.predict(chunk).map_err(data_error)?;
        score.extend(scores.iter().map(|&s| f64::from(s)));
    }
    let n = score.len();
    let file = ReferenceFile {
        format_version: crate::reference::FORMAT_VERSION,
        model: manifest.id.clone(),
        background: Background {
            source: format!(
                "the first {} valid rows of the user's data file",
                background.len()
            ),
            rows: background,
        },
        evaluation: Evaluation {
            source: format!("{n} rows of the user's data file, scored in the browser"),
            score,
            label: labels,
            weight: vec![1.0; n],
        },
    };
    let bytes = serde_json::to_vec(&file).map_err(data_error)?;
    Ok(ReferenceFit {
        background: file.background.rows.len(),
        evaluation: n,
        skipped,
        bytes,
    })
}

/// A user's model's files, completed: the manifest, and the reference written from a labelled
/// data file (named in the manifest) when one was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Completed {
    pub manifest: String,
    pub reference: Option<ReferenceFit>,
}

/// Completes `draft` for `onnx`: the manifest, and with a labelled `data` file the reference.
pub fn complete(draft: &Draft, onnx: &[u8], data: Option<&[u8]>) -> Result<Completed, ByoError> {
    let sha = sha256_hex(onnx);
    let plain = draft.manifest_json(&sha, None)?;
    let Some(data) = data else {
        return Ok(Completed {
            manifest: plain,
            reference: None,
        });
    };
    let scorer = Scorer::load(&plain, onnx).map_err(data_error)?;
    let fit = reference_from_data(&scorer, data)?;
    Ok(Completed {
        manifest: draft.manifest_json(&sha, Some(&sha256_hex(&fit.bytes)))?,
        reference: Some(fit),
    })
}

/// A catalog entry for a user's model, with metrics measured on its reference rows (the
/// user's labelled data) when it has them; NaN when it has none.
pub fn catalog_entry(scorer: &Scorer, sha256: &str) -> CatalogEntry {
    let manifest = scorer.manifest();
    let mut metrics = CatalogMetrics {
        auc: f64::NAN,
        average_precision: f64::NAN,
        ks: f64::NAN,
        brier: None,
        cost_per_applicant: None,
        approval_rate: None,
    };
    if let Some(reference) = scorer.reference() {
        // The user's rows are unweighted (weight 1 each, as reference_from_data writes).
        let e = &reference.evaluation;
        let scores: Vec<f32> = e.score.iter().map(|&s| s as f32).collect();
        let labels: Vec<bool> = e.label.iter().map(|&l| l == 1).collect();
        let ranking = Ranking::new(&scores, &labels);
        metrics.auc = ranking.auc().unwrap_or(f64::NAN);
        metrics.average_precision = ranking.average_precision().unwrap_or(f64::NAN);
        metrics.ks = ranking.ks().map_or(f64::NAN, |(ks, _)| ks);
        if manifest.model.output.kind == OutputKind::Probability {
            metrics.brier = brier(&scores, &labels);
        }
    }
    CatalogEntry {
        id: manifest.id.clone(),
        title: manifest.title.clone(),
        task: manifest.task,
        manifest: String::new(),
        onnx: String::new(),
        sha256: sha256.to_owned(),
        card: String::new(),
        output: manifest.model.output.kind,
        metrics,
        intervals: None,
        interval_method: None,
        sample: None,
        translations: Default::default(),
        origin: Origin::User,
    }
}
