//! How a monthly history moves the risk: the applicant scored after each month of their
//! history, the months not yet seen written as months without card activity.

use serde::Serialize;

use super::TeachError;
use crate::applicant::{Applicant, Value};
use crate::i18n::Localized;
use crate::manifest::{FeatureKind, Manifest};
use crate::scorer::Scorer;

/// The repayment-status value of a month without card activity: "-2", "No consumption", the
/// Taiwan data set's own code (models/pipeline/riskscope_train/taiwan.py, STATUS_CATEGORIES).
/// Of the data set's 180,000 client-months, 10,444 are exactly this status with a bill and a
/// payment of 0, which is how an unseen month is written here.
pub const QUIET_STATUS: &str = "-2";

/// The score after the first `months` steps of the history.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PrefixScore {
    /// Steps of the real history kept, oldest first: 0 (none) to all of them.
    pub months: usize,
    pub score: f32,
}

/// The value a feature of the history takes in a month not yet seen: the quiet status for a
/// category, 0 (or the nearest allowed value) for an amount.
fn quiet_value(manifest: &Manifest, feature_idx: usize) -> Result<Value, TeachError> {
    let feature = &manifest.features[feature_idx];
    match &feature.kind {
        FeatureKind::Category(c) => c
            .find(QUIET_STATUS)
            .map(Value::Category)
            .ok_or_else(|| TeachError::NoQuietMonth(feature.name.clone())),
        FeatureKind::Number(n) | FeatureKind::Integer(n) => {
            Ok(Value::Number(0.0_f64.clamp(n.min, n.max)))
        }
    }
}

/// The applicant with only the first `months` steps of the history kept, the later ones quiet.
pub fn prefix(
    manifest: &Manifest,
    applicant: &Applicant,
    months: usize,
) -> Result<Applicant, TeachError> {
    let sequence = manifest.sequence.as_ref().ok_or(TeachError::NoSequence)?;
    let mut out = applicant.clone();
    for series in &sequence.series {
        for name in series.features.iter().skip(months) {
            let feature_idx = manifest
                .feature_index(name)
                .ok_or_else(|| TeachError::NoQuietMonth(name.clone()))?;
            out = out
                .with_value(manifest, feature_idx, quiet_value(manifest, feature_idx)?)
                .map_err(|e| TeachError::Score(e.message()))?;
        }
    }
    Ok(out)
}

/// The applicant's score after 0, 1, …, all steps of the history, in one model call; the last
/// is the applicant's own score.
pub fn prefix_scores(
    scorer: &Scorer,
    applicant: &Applicant,
) -> Result<Vec<PrefixScore>, TeachError> {
    let manifest = scorer.manifest();
    let steps = manifest
        .sequence
        .as_ref()
        .ok_or(TeachError::NoSequence)?
        .steps
        .len();
    let prefixes = (0..=steps)
        .map(|months| prefix(manifest, applicant, months))
        .collect::<Result<Vec<_>, _>>()?;
    let scores = scorer
        .predict(&prefixes)
        .map_err(|e| TeachError::Score(e.message()))?;
    Ok(scores
        .into_iter()
        .enumerate()
        .map(|(months, score)| PrefixScore { months, score })
        .collect())
}
