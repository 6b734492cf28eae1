//! A model's reference sample: training rows for the baseline and Shapley background, and
//! held-out scores with labels for cut-off and cost curves.
//!
//! Written by the training pipeline beside the manifest (`reference.json`), named and hashed in
//! the manifest's `explain` section. [`Reference::parse`] checks every row against the manifest,
//! so everything downstream holds parsed [`Applicant`]s and consistent columns.

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

use crate::applicant::{Applicant, FieldError, InputErrors, Note, Problem, RawApplicant, Value};
use crate::hash::sha256_hex;
use crate::i18n::{Localized, Message};
use crate::manifest::{FeatureKind, Manifest, OutputKind};

/// The only reference format this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// Why a reference file was refused. Its texts are messages of the `manifest` area
/// (`crates/core/locales/<lang>/manifest.ftl`, ids `manifest-reference-…`), so the page writes them in
/// its language ([`ReferenceError::message`]); `Display` is English.
#[derive(Debug, Error, PartialEq)]
pub enum ReferenceError {
    #[error("the model \"{model_id}\" names no reference sample in its manifest")]
    NotInManifest { model_id: String },
    #[error(
        "the reference file's SHA-256 is {actual}, but the manifest expects {expected}: it is not the file the manifest describes"
    )]
    HashMismatch { expected: String, actual: String },
    /// The JSON reader's own words (English).
    #[error("reference file is not valid JSON for this format: {0}")]
    Json(String),
    #[error("reference file {at}: {problem}")]
    Invalid { at: Message, problem: Message },
}

impl Localized for ReferenceError {
    fn message(&self) -> Message {
        match self {
            ReferenceError::NotInManifest { model_id } => {
                Message::new("manifest-reference-not-in-manifest").arg("model", model_id)
            }
            ReferenceError::HashMismatch { expected, actual } => {
                Message::new("manifest-reference-hash-mismatch")
                    .arg("actual", actual)
                    .arg("expected", expected)
            }
            ReferenceError::Json(e) => {
                Message::new("manifest-reference-json").arg("error", e.as_str())
            }
            ReferenceError::Invalid { at, problem } => Message::new("manifest-reference-invalid")
                .arg("at", at)
                .arg("problem", problem),
        }
    }
}

fn invalid(at: Message, problem: Message) -> ReferenceError {
    ReferenceError::Invalid { at, problem }
}

/// Where: a field of the file, named as in its JSON.
fn field(name: &str) -> Message {
    Message::new("manifest-at-field").arg("field", name)
}

/// A background row's problems, worded as [`InputErrors`]' `Display` words them in English:
/// each field's, separated by semicolons.
fn row_problems(errors: &InputErrors) -> Message {
    let mut fields = errors.0.iter().map(|e| {
        Message::new("manifest-reference-field")
            .arg("feature", e.feature.as_str())
            .arg("problem", value_problem(&e.problem))
    });
    let first = fields
        .next()
        .unwrap_or_else(|| Message::new("manifest-reference-no-field"));
    fields.fold(first, |list, next| {
        Message::new("manifest-reference-fields")
            .arg("first", list)
            .arg("next", next)
    })
}

/// A field's problem, worded as [`Problem`]'s `Display` words it in English.
fn value_problem(problem: &Problem) -> Message {
    match problem {
        Problem::Missing => Message::new("manifest-reference-value-missing"),
        Problem::NotANumber { text } => {
            Message::new("manifest-reference-value-not-a-number").arg("text", text)
        }
        Problem::NotAWholeNumber { value } => {
            Message::new("manifest-reference-value-not-whole").arg("value", value.to_string())
        }
        Problem::OutOfRange { value, min, max } => {
            Message::new("manifest-reference-value-out-of-range")
                .arg("value", value.to_string())
                .arg("min", min.to_string())
                .arg("max", max.to_string())
        }
        Problem::UnknownCategory { text } => {
            Message::new("manifest-reference-value-unknown-category").arg("text", text)
        }
    }
}

#[derive(Deserialize)]
struct File {
    format_version: u32,
    model: String,
    background: BackgroundFile,
    evaluation: Evaluation,
}

#[derive(Deserialize)]
struct BackgroundFile {
    source: String,
    rows: Vec<BTreeMap<String, String>>,
}

/// Held-out rows as the model scored them: one score, label and weight each.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Evaluation {
    /// Which rows these are and how they were scored, in words.
    pub source: String,
    pub score: Vec<f64>,
    /// 1 for the positive class (default, fraud), 0 otherwise.
    pub label: Vec<u8>,
    /// How many population rows each row stands for.
    pub weight: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Which rows the background is, in words.
    pub background_source: String,
    /// Rows of the training data: the "average applicant" every attribution starts from.
    pub background: Vec<Applicant>,
    pub evaluation: Evaluation,
}

impl Reference {
    /// Checks `bytes` against the manifest's hash and parses every row with its manifest.
    pub fn parse(manifest: &Manifest, bytes: &[u8]) -> Result<Reference, ReferenceError> {
        let explain = manifest
            .explain
            .as_ref()
            .ok_or_else(|| ReferenceError::NotInManifest {
                model_id: manifest.id.clone(),
            })?;
        let actual = sha256_hex(bytes);
        if actual != explain.reference_sha256 {
            return Err(ReferenceError::HashMismatch {
                expected: explain.reference_sha256.clone(),
                actual,
            });
        }
        let file: File =
            serde_json::from_slice(bytes).map_err(|e| ReferenceError::Json(e.to_string()))?;
        if file.format_version != FORMAT_VERSION {
            return Err(invalid(
                field("format_version"),
                Message::new("manifest-format-version")
                    .arg("version", file.format_version.to_string())
                    .arg("reads", FORMAT_VERSION.to_string()),
            ));
        }
        if file.model != manifest.id {
            return Err(invalid(
                field("model"),
                Message::new("manifest-reference-other-model")
                    .arg("model", file.model.as_str())
                    .arg("manifest", manifest.id.as_str()),
            ));
        }
        if file.background.rows.is_empty() {
            return Err(invalid(
                field("background"),
                Message::new("manifest-reference-no-rows"),
            ));
        }
        let background = file
            .background
            .rows
            .into_iter()
            .enumerate()
            .map(|(row_idx, row)| {
                let raw: RawApplicant = row.into_iter().collect();
                // The sample is what the model learnt from: every value present, none imputed.
                let parsed = Applicant::parse(manifest, &raw).and_then(|a| {
                    match a.notes().iter().find(|n| n.note == Note::Imputed) {
                        Some(n) => Err(InputErrors(vec![FieldError {
                            feature: manifest.features[n.feature_idx].name.clone(),
                            feature_idx: n.feature_idx,
                            problem: Problem::Missing,
                        }])),
                        None => Ok(a),
                    }
                });
                parsed.map_err(|e| {
                    invalid(
                        Message::new("manifest-reference-at-background-row")
                            .arg("row", (row_idx + 1).to_string()),
                        row_problems(&e),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        check_evaluation(&file.evaluation, manifest.model.output.kind)?;
        Ok(Reference {
            background_source: file.background.source,
            background,
            evaluation: file.evaluation,
        })
    }

    /// The median of a number feature over the background; `None` for a category feature.
    pub fn median(&self, manifest: &Manifest, feature_idx: usize) -> Option<f64> {
        let feature = manifest.features.get(feature_idx)?;
        if matches!(feature.kind, FeatureKind::Category(_)) {
            return None;
        }
        let mut values: Vec<f64> = self
            .background
            .iter()
            .filter_map(|a| match a.values().get(feature_idx) {
                Some(Value::Number(x)) => Some(*x),
                _ => None,
            })
            .collect();
        values.sort_by(f64::total_cmp);
        let n = values.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(values[n / 2]),
            _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
        }
    }
}

fn check_evaluation(evaluation: &Evaluation, kind: OutputKind) -> Result<(), ReferenceError> {
    let n = evaluation.score.len();
    if n == 0 {
        return Err(invalid(
            field("evaluation"),
            Message::new("manifest-reference-no-rows"),
        ));
    }
    if evaluation.label.len() != n || evaluation.weight.len() != n {
        return Err(invalid(
            field("evaluation"),
            Message::new("manifest-reference-lengths")
                .arg("scores", n.to_string())
                .arg("labels", evaluation.label.len().to_string())
                .arg("weights", evaluation.weight.len().to_string()),
        ));
    }
    for row_idx in 0..n {
        let at = || {
            Message::new("manifest-reference-at-evaluation-row")
                .arg("row", (row_idx + 1).to_string())
        };
        let score = evaluation.score[row_idx];
        let score_ok = match kind {
            OutputKind::Probability => (0.0..=1.0).contains(&score),
            OutputKind::AnomalyScore => score.is_finite() && score >= 0.0,
        };
        if !score_ok {
            return Err(invalid(
                at(),
                Message::new("manifest-reference-score-range").arg("score", score.to_string()),
            ));
        }
        if evaluation.label[row_idx] > 1 {
            return Err(invalid(
                at(),
                Message::new("manifest-reference-label")
                    .arg("label", evaluation.label[row_idx].to_string()),
            ));
        }
        let weight = evaluation.weight[row_idx];
        if !(weight.is_finite() && weight > 0.0) {
            return Err(invalid(
                at(),
                Message::new("manifest-reference-weight").arg("weight", weight.to_string()),
            ));
        }
    }
    Ok(())
}
