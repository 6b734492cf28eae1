//! A score turned into what a lender acts on: the decision at the cut-off and the risk band.

use serde::Serialize;

use crate::manifest::{DecisionRule, RiskBand};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Decision {
    /// P(positive) is at or above the cut-off: decline the loan, or alert on the transaction.
    Flagged,
    /// Below the cut-off: approve, or let the transaction pass.
    Cleared,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The model's score ([`crate::manifest::OutputKind`]): P(default) or P(fraud) for
    /// classifiers, the reconstruction error for an anomaly detector.
    pub score: f32,
    pub decision: Decision,
    /// Index into the manifest's risk bands.
    pub band_idx: usize,
    /// Per manifest feature, its share of an anomaly score: the squared reconstruction error of
    /// its input column(s). Empty for models without that output.
    pub feature_errors: Vec<f32>,
}

impl Assessment {
    pub fn new(score: f32, rule: &DecisionRule, bands: &[RiskBand]) -> Assessment {
        let p = f64::from(score);
        let decision = if p >= rule.cutoff {
            Decision::Flagged
        } else {
            Decision::Cleared
        };
        // Bands are half-open [previous upper, upper); the last one also holds p = 1.
        let band_idx = bands
            .iter()
            .position(|b| b.upper.is_none_or(|upper| p < upper))
            .unwrap_or(bands.len().saturating_sub(1));
        Assessment {
            score,
            decision,
            band_idx,
            feature_errors: Vec::new(),
        }
    }

    /// The same score decided again under another rule (a cut-off the user chose), its
    /// reconstruction errors kept: the one place a shown score is re-decided.
    pub fn under(&self, rule: &DecisionRule, bands: &[RiskBand]) -> Assessment {
        Assessment {
            feature_errors: self.feature_errors.clone(),
            ..Assessment::new(self.score, rule, bands)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn band(name: &str, upper: impl Into<Option<f64>>) -> RiskBand {
        RiskBand {
            name: name.into(),
            label: name.into(),
            upper: upper.into(),
        }
    }

    #[test]
    fn decision_and_band_follow_the_half_open_boundaries() {
        let rule = DecisionRule {
            cutoff: 0.25,
            at_or_above: "Decline".into(),
            below: "Approve".into(),
            rule: String::new(),
        };
        let bands = [band("A", 0.1), band("B", 0.25), band("C", 1.0)];
        let cases = [
            (0.0, Decision::Cleared, "A"),
            (0.099, Decision::Cleared, "A"),
            (0.1, Decision::Cleared, "B"),
            (0.2499, Decision::Cleared, "B"),
            (0.25, Decision::Flagged, "C"),
            (1.0, Decision::Flagged, "C"),
        ];
        for (p, decision, band_name) in cases {
            let a = Assessment::new(p, &rule, &bands);
            assert_eq!(
                (a.decision, bands[a.band_idx].name.as_str()),
                (decision, band_name),
                "p = {p}"
            );
        }
        assert_eq!(
            Assessment::new(0.3, &rule, &bands).decision_label(&rule),
            "Decline"
        );
        // Decided again at a cut-off the user chose: the decision follows it, the band and the
        // reconstruction errors do not move.
        let scored = Assessment {
            feature_errors: vec![0.5, 1.5],
            ..Assessment::new(0.3, &rule, &bands)
        };
        let lenient = DecisionRule {
            cutoff: 0.5,
            ..rule.clone()
        };
        let again = scored.under(&lenient, &bands);
        assert_eq!(again.decision, Decision::Cleared);
        assert_eq!(
            (again.band_idx, again.score),
            (scored.band_idx, scored.score)
        );
        assert_eq!(again.feature_errors, scored.feature_errors);
        assert_eq!(scored.under(&rule, &bands), scored);
    }

    #[test]
    fn an_open_last_band_holds_every_large_anomaly_score() {
        let rule = DecisionRule {
            cutoff: 10.0,
            at_or_above: "Alert".into(),
            below: "Pass".into(),
            rule: String::new(),
        };
        let bands = [band("A", 1.0), band("B", 10.0), band("C", None)];
        for (score, decision, band_name) in [
            (0.5, Decision::Cleared, "A"),
            (9.99, Decision::Cleared, "B"),
            (10.0, Decision::Flagged, "C"),
            (1.0e6, Decision::Flagged, "C"),
        ] {
            let a = Assessment::new(score, &rule, &bands);
            assert_eq!(
                (a.decision, bands[a.band_idx].name.as_str()),
                (decision, band_name),
                "score = {score}"
            );
        }
    }
}
