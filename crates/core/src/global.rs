//! The model as a whole, over its reference sample: mean absolute attribution per attribute,
//! and the partial dependence of the score on one attribute. The page only draws these.

use thiserror::Error;

use crate::applicant::Value;
use crate::encoding;
use crate::explain::ExplainError;
use crate::i18n::{Localized, Message};
use crate::manifest::{FeatureKind, Manifest};
use crate::scorer::Scorer;

/// Background rows explained for the importance, and walks per row when sampled.
pub const IMPORTANCE_ROWS: usize = 50;
pub const IMPORTANCE_WALKS: usize = 50;
/// Points of a number's partial-dependence curve.
pub const DEPENDENCE_POINTS: usize = 21;

#[derive(Debug, Error, PartialEq)]
pub enum GlobalError {
    #[error("the model has no reference sample")]
    NoReference,
    #[error("the reference sample has no background rows")]
    EmptyReference,
    #[error(transparent)]
    Explain(#[from] ExplainError),
    /// A reference row that does not encode or take a value (never expected: they were parsed
    /// with the manifest).
    #[error("{0}")]
    Encoding(String),
}

impl Localized for GlobalError {
    fn message(&self) -> Message {
        match self {
            GlobalError::NoReference => Message::new("support-global-no-reference"),
            GlobalError::EmptyReference => Message::new("support-global-empty-reference"),
            GlobalError::Explain(e) => e.message(),
            GlobalError::Encoding(e) => Message::quoted(e),
        }
    }
}

fn encoding_failed(e: impl ToString) -> GlobalError {
    GlobalError::Encoding(e.to_string())
}

/// Mean |attribution| per attribute over the first [`IMPORTANCE_ROWS`] background rows, each
/// explained with [`IMPORTANCE_WALKS`] walks (or exactly, for an additive model).
pub fn importance(scorer: &Scorer) -> Result<Vec<f64>, GlobalError> {
    let (Some(explainer), Some(reference)) = (scorer.explainer(), scorer.reference()) else {
        return Err(GlobalError::NoReference);
    };
    let n = reference.background.len().min(IMPORTANCE_ROWS);
    let rows =
        encoding::encode(scorer.manifest(), &reference.background[..n]).map_err(encoding_failed)?;
    let walks = IMPORTANCE_WALKS.min(explainer.n_background());
    Ok(explainer.global_importance(&rows, walks, &|r| scorer.predict_rows(r))?)
}

/// The attribute's partial-dependence curve: (value, the mean score over the background with
/// the attribute set to it) at each grid value.
pub fn dependence(scorer: &Scorer, feature_idx: usize) -> Result<Vec<(Value, f64)>, GlobalError> {
    let manifest = scorer.manifest();
    let (Some(explainer), Some(reference)) = (scorer.explainer(), scorer.reference()) else {
        return Err(GlobalError::NoReference);
    };
    let Some(template) = reference.background.first() else {
        return Err(GlobalError::EmptyReference);
    };
    let grid = grid(manifest, feature_idx, DEPENDENCE_POINTS);
    let columns = manifest.feature_columns()[feature_idx].clone();
    let mut encoded = Vec::with_capacity(grid.len());
    for &value in &grid {
        let applicant = template
            .with_value(manifest, feature_idx, value)
            .map_err(encoding_failed)?;
        let row = encoding::encode(manifest, &[applicant]).map_err(encoding_failed)?;
        encoded.push(row[columns.clone()].to_vec());
    }
    let means = explainer.partial_dependence(feature_idx, &encoded, &|r| scorer.predict_rows(r))?;
    Ok(grid.into_iter().zip(means).collect())
}

/// The values a partial-dependence curve visits: every category, or up to `n_points` evenly
/// spaced numbers over the feature's training range (whole numbers for an integer feature).
pub fn grid(manifest: &Manifest, feature_idx: usize, n_points: usize) -> Vec<Value> {
    let Some(feature) = manifest.features.get(feature_idx) else {
        return Vec::new();
    };
    match &feature.kind {
        FeatureKind::Category(c) => (0..c.categories.len()).map(Value::Category).collect(),
        FeatureKind::Number(n) | FeatureKind::Integer(n) => {
            let [lo, hi] = n.training_range.unwrap_or([n.min, n.max]);
            let (lo, hi) = (lo.max(n.min), hi.min(n.max));
            let steps = n_points.max(2) - 1;
            let mut values: Vec<f64> = (0..=steps)
                .map(|k| lo + (hi - lo) * k as f64 / steps as f64)
                .collect();
            if matches!(feature.kind, FeatureKind::Integer(_)) {
                values.iter_mut().for_each(|v| *v = v.round());
                values.dedup();
            }
            values.into_iter().map(Value::Number).collect()
        }
    }
}
