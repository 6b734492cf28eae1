//! Scorecard points: the bin each attribute falls in and the points it earns, adding up to the score.

use serde::Serialize;

use crate::applicant::Applicant;
use crate::manifest::Manifest;

/// The points one attribute earns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributePoints {
    pub feature_idx: usize,
    pub bin_idx: usize,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Points {
    /// The scorecard's base points plus every attribute's points.
    pub total: f64,
    pub base: f64,
    pub by_attribute: Vec<AttributePoints>,
}

/// The applicant's points, if the model is a scorecard and the applicant belongs to it.
pub fn points(manifest: &Manifest, applicant: &Applicant) -> Option<Points> {
    let scorecard = manifest.scorecard.as_ref()?;
    let mut by_attribute = Vec::with_capacity(manifest.encoding.len());
    for ((block, feature_idx), bin_points) in manifest.blocks().zip(&scorecard.points) {
        let value = *applicant.values().get(feature_idx)?;
        let bin_idx = block.woe_bin(&manifest.features[feature_idx], value)?;
        by_attribute.push(AttributePoints {
            feature_idx,
            bin_idx,
            points: *bin_points.get(bin_idx)?,
        });
    }
    let total = scorecard.base_points + by_attribute.iter().map(|a| a.points).sum::<f64>();
    Some(Points {
        total,
        base: scorecard.base_points,
        by_attribute,
    })
}
