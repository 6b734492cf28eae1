//! A model's reference sample: training rows for the baseline and Shapley background, and
//! held-out scores with labels for cut-off and cost curves.
//!
//! Written by the training pipeline beside the manifest (`reference.json`), named and hashed in
//! the manifest's `explain` section. [`Reference::parse`] checks every row against the manifest,
//! so everything downstream holds parsed [`Applicant`]s and consistent columns.

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

use crate::applicant::{Applicant, RawApplicant, Value};
use crate::manifest::{FeatureKind, Manifest, OutputKind};
use crate::scorer::sha256_hex;

/// The only reference format this build reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Error, PartialEq)]
pub enum ReferenceError {
    #[error("the model \"{model_id}\" names no reference sample in its manifest")]
    NotInManifest { model_id: String },
    #[error(
        "the reference file's SHA-256 is {actual}, but the manifest expects {expected}: it is not the file the manifest describes"
    )]
    HashMismatch { expected: String, actual: String },
    #[error("reference file is not valid JSON for this format: {0}")]
    Json(String),
    #[error("reference file {at}: {problem}")]
    Invalid { at: String, problem: String },
}

fn invalid(at: impl Into<String>, problem: impl Into<String>) -> ReferenceError {
    ReferenceError::Invalid {
        at: at.into(),
        problem: problem.into(),
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
                "format_version",
                format!(
                    "is {}, this build reads {FORMAT_VERSION}",
                    file.format_version
                ),
            ));
        }
        if file.model != manifest.id {
            return Err(invalid(
                "model",
                format!(
                    "is \"{}\", but the manifest is \"{}\"",
                    file.model, manifest.id
                ),
            ));
        }
        if file.background.rows.is_empty() {
            return Err(invalid("background", "has no rows"));
        }
        let background = file
            .background
            .rows
            .into_iter()
            .enumerate()
            .map(|(row_idx, row)| {
                let raw: RawApplicant = row.into_iter().collect();
                Applicant::parse(manifest, &raw)
                    .map_err(|e| invalid(format!("background row {}", row_idx + 1), e.to_string()))
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
        return Err(invalid("evaluation", "has no rows"));
    }
    if evaluation.label.len() != n || evaluation.weight.len() != n {
        return Err(invalid(
            "evaluation",
            format!(
                "has {n} scores, {} labels and {} weights; they must be as many",
                evaluation.label.len(),
                evaluation.weight.len()
            ),
        ));
    }
    for row_idx in 0..n {
        let at = || format!("evaluation row {}", row_idx + 1);
        let score = evaluation.score[row_idx];
        let score_ok = match kind {
            OutputKind::Probability => (0.0..=1.0).contains(&score),
            OutputKind::AnomalyScore => score.is_finite() && score >= 0.0,
        };
        if !score_ok {
            return Err(invalid(at(), format!("score {score} is out of range")));
        }
        if evaluation.label[row_idx] > 1 {
            return Err(invalid(
                at(),
                format!("label {} is not 0 or 1", evaluation.label[row_idx]),
            ));
        }
        let weight = evaluation.weight[row_idx];
        if !(weight.is_finite() && weight > 0.0) {
            return Err(invalid(
                at(),
                format!("weight {weight} is not a positive number"),
            ));
        }
    }
    Ok(())
}
