//! A probability turned into what a lender acts on: the decision at the cut-off and the risk band.

use serde::Serialize;

use crate::manifest::{DecisionRule, RiskBand};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Decision {
    /// P(positive) is at or above the cut-off: decline the loan, or alert on the transaction.
    Flagged,
    /// Below the cut-off: approve, or let the transaction pass.
    Cleared,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assessment {
    /// P(positive): of default for credit models, of fraud for fraud models.
    pub probability: f32,
    pub decision: Decision,
    /// Index into the manifest's risk bands.
    pub band_idx: usize,
}

impl Assessment {
    pub fn new(probability: f32, rule: &DecisionRule, bands: &[RiskBand]) -> Assessment {
        let p = f64::from(probability);
        let decision = if p >= rule.cutoff {
            Decision::Flagged
        } else {
            Decision::Cleared
        };
        // Bands are half-open [previous upper, upper); the last one also holds p = 1.
        let band_idx = bands
            .iter()
            .position(|b| p < b.upper)
            .unwrap_or(bands.len().saturating_sub(1));
        Assessment {
            probability,
            decision,
            band_idx,
        }
    }

    /// The decision's name from the manifest ("Decline", "Approve", ...).
    pub fn decision_label<'m>(&self, rule: &'m DecisionRule) -> &'m str {
        match self.decision {
            Decision::Flagged => &rule.at_or_above,
            Decision::Cleared => &rule.below,
        }
    }
}
