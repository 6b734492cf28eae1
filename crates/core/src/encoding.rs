//! Applicants -> the model's input rows, following the manifest's encoding blocks.
//!
//! The training pipeline's reference encoder (`models/pipeline/riskscope_train/encode.py`)
//! follows the same rules; the golden vectors check the two against each other.

use thiserror::Error;

use crate::applicant::{Applicant, Value};
use crate::i18n::{Localized, Message};
use crate::manifest::{EncodingKind, Manifest};

/// The applicant was parsed against another manifest than the one encoding it.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("the applicant does not fit model \"{manifest_id}\": parse it with that model's manifest")]
pub struct ForeignApplicant {
    pub manifest_id: String,
}

impl Localized for ForeignApplicant {
    fn message(&self) -> Message {
        Message::new("core-foreign-applicant").arg("model", &self.manifest_id)
    }
}

/// Writes one applicant's input row into `row`, which is `manifest.input_width()` long.
pub fn encode_into(
    manifest: &Manifest,
    applicant: &Applicant,
    row: &mut [f32],
) -> Result<(), ForeignApplicant> {
    let foreign = || ForeignApplicant {
        manifest_id: manifest.id.clone(),
    };
    let values = applicant.values();
    if values.len() != manifest.features.len() || row.len() != manifest.input_width() {
        return Err(foreign());
    }
    let mut col = 0;
    for (block, feature_idx) in manifest.blocks() {
        let feature = &manifest.features[feature_idx];
        let width = block.width(feature);
        let cells = row.get_mut(col..col + width).ok_or_else(foreign)?;
        let value = values[feature_idx];
        // The model computes in f32, as onnxruntime did for the golden vectors.
        match (&block.kind, value) {
            (EncodingKind::OneHot, Value::Category(k)) => {
                cells.fill(0.0);
                *cells.get_mut(k).ok_or_else(foreign)? = 1.0;
            }
            // A text block's cell is the category's index; the runtime feeds its text.
            (EncodingKind::Ordinal | EncodingKind::Text, Value::Category(k)) => {
                *cells.first_mut().ok_or_else(foreign)? = k as f32;
            }
            (EncodingKind::Numeric, Value::Number(x)) => {
                *cells.first_mut().ok_or_else(foreign)? = x as f32;
            }
            (EncodingKind::Woe { bins }, _) => {
                let bin = block
                    .woe_bin(feature, value)
                    .and_then(|b| bins.get(b))
                    .ok_or_else(foreign)?;
                *cells.first_mut().ok_or_else(foreign)? = bin.woe as f32;
            }
            _ => return Err(foreign()),
        }
        col += width;
    }
    Ok(())
}

/// Encodes applicants into one row-major `[n, width]` buffer.
pub fn encode(manifest: &Manifest, applicants: &[Applicant]) -> Result<Vec<f32>, ForeignApplicant> {
    let width = manifest.input_width();
    let mut rows = vec![0.0; applicants.len() * width];
    for (applicant, row) in applicants.iter().zip(rows.chunks_exact_mut(width)) {
        encode_into(manifest, applicant, row)?;
    }
    Ok(rows)
}
