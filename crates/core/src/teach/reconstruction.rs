//! Why an autoencoder flags a transaction: each input's reconstruction error against the
//! typical error of that input on legitimate transactions (the reference background).

use serde::Serialize;

use super::TeachError;
use crate::assessment::Assessment;
use crate::i18n::Localized;
use crate::scorer::Scorer;

/// Typical errors below this are floored, so an input the model always reproduces exactly does
/// not give an infinite ratio.
const TYPICAL_FLOOR: f32 = 1e-6;

/// One input's error beside its typical error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ErrorRatio {
    pub feature_idx: usize,
    pub error: f32,
    /// The median of this input's error over the reference background.
    pub typical: f32,
    /// `error / typical` (the typical error floored at 1e-6).
    pub ratio: f32,
}

fn median(mut values: Vec<f32>) -> f32 {
    values.sort_by(f32::total_cmp);
    let n = values.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// The median reconstruction error of each feature over the reference background (for the
/// autoencoder, legitimate training transactions), from one model call.
pub fn typical_errors(scorer: &Scorer) -> Result<Vec<f32>, TeachError> {
    let reference = scorer.reference().ok_or(TeachError::NoReference)?;
    let assessments = scorer
        .assess_many(&reference.background)
        .map_err(|e| TeachError::Score(e.message()))?;
    let n_features = scorer.manifest().features.len();
    if assessments
        .first()
        .is_none_or(|a| a.feature_errors.len() != n_features)
    {
        return Err(TeachError::NoFeatureErrors);
    }
    Ok((0..n_features)
        .map(|k| median(assessments.iter().map(|a| a.feature_errors[k]).collect()))
        .collect())
}

/// Each feature's error and its ratio to the typical error, largest ratio first.
pub fn error_ratios(
    assessment: &Assessment,
    typical: &[f32],
) -> Result<Vec<ErrorRatio>, TeachError> {
    if assessment.feature_errors.len() != typical.len() || typical.is_empty() {
        return Err(TeachError::NoFeatureErrors);
    }
    let mut out: Vec<ErrorRatio> = assessment
        .feature_errors
        .iter()
        .zip(typical)
        .enumerate()
        .map(|(feature_idx, (&error, &typical))| ErrorRatio {
            feature_idx,
            error,
            typical,
            ratio: error / typical.max(TYPICAL_FLOOR),
        })
        .collect();
    out.sort_by(|a, b| b.ratio.total_cmp(&a.ratio));
    Ok(out)
}
