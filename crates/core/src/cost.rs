//! What a cut-off costs: expected cost per applicant under a cost matrix, approval and alert
//! rates, and precision at an investigation capacity, over a weighted held-out sample.
//!
//! A row is flagged (declined, alerted) when its score is at or above the cut-off, as in
//! [`crate::assessment::Assessment::new`].

use serde::{Deserialize, Serialize};

use crate::reference::Evaluation;

/// The cost of each outcome, per applicant or transaction, in any unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CostMatrix {
    /// Flagging a negative: declining a good applicant, alerting on a legitimate transaction.
    pub false_positive: f64,
    /// Clearing a positive: approving a defaulter, missing a fraud.
    pub false_negative: f64,
    pub true_positive: f64,
    pub true_negative: f64,
}

impl CostMatrix {
    /// The German Credit data set's own matrix: approving a bad risk costs 5, declining a good one 1.
    pub const GERMAN: CostMatrix = CostMatrix {
        false_positive: 1.0,
        false_negative: 5.0,
        true_positive: 0.0,
        true_negative: 0.0,
    };

    /// The costs for which `cutoff` is the cheapest cut-off of a calibrated probability
    /// ([`CostMatrix::bayes_cutoff`]): a false positive costs 1, a false negative
    /// `(1 - cutoff) / cutoff`. A cut-off of 1/6 gives German Credit's own 5 : 1.
    pub fn implied_by(cutoff: f64) -> CostMatrix {
        CostMatrix {
            false_negative: (1.0 - cutoff) / cutoff,
            ..CostMatrix::GERMAN
        }
    }

    /// The cut-off that minimises expected cost when the score is a calibrated probability:
    /// flag when p * (c_fn - c_tp) >= (1 - p) * (c_fp - c_tn).
    pub fn bayes_cutoff(&self) -> Option<f64> {
        let gain_flag_positive = self.false_negative - self.true_positive;
        let loss_flag_negative = self.false_positive - self.true_negative;
        let total = gain_flag_positive + loss_flag_negative;
        (total > 0.0 && gain_flag_positive >= 0.0 && loss_flag_negative >= 0.0)
            .then(|| loss_flag_negative / total)
    }
}

/// The outcome of one cut-off over the sample; counts are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CutoffPoint {
    pub cutoff: f64,
    pub true_positive: f64,
    pub false_positive: f64,
    pub false_negative: f64,
    pub true_negative: f64,
    /// Expected cost per row.
    pub expected_cost: f64,
    /// Share of rows flagged.
    pub flagged_rate: f64,
}

impl CutoffPoint {
    pub fn total(&self) -> f64 {
        self.true_positive + self.false_positive + self.false_negative + self.true_negative
    }

    /// Share cleared (the approval rate of a lender).
    pub fn cleared_rate(&self) -> f64 {
        1.0 - self.flagged_rate
    }

    /// Share of flagged rows that are positive; `None` when nothing is flagged.
    pub fn precision(&self) -> Option<f64> {
        let flagged = self.true_positive + self.false_positive;
        (flagged > 0.0).then(|| self.true_positive / flagged)
    }

    /// Share of positives flagged; `None` without positives.
    pub fn recall(&self) -> Option<f64> {
        let positives = self.true_positive + self.false_negative;
        (positives > 0.0).then(|| self.true_positive / positives)
    }

    /// Alerts per 10,000 rows.
    pub fn per_10k(&self) -> f64 {
        1e4 * self.flagged_rate
    }
}

/// The outcome at one cut-off.
pub fn at_cutoff(evaluation: &Evaluation, matrix: &CostMatrix, cutoff: f64) -> CutoffPoint {
    let mut point = CutoffPoint {
        cutoff,
        true_positive: 0.0,
        false_positive: 0.0,
        false_negative: 0.0,
        true_negative: 0.0,
        expected_cost: 0.0,
        flagged_rate: 0.0,
    };
    for ((&score, &label), &weight) in evaluation
        .score
        .iter()
        .zip(&evaluation.label)
        .zip(&evaluation.weight)
    {
        let slot = match (score >= cutoff, label == 1) {
            (true, true) => &mut point.true_positive,
            (true, false) => &mut point.false_positive,
            (false, true) => &mut point.false_negative,
            (false, false) => &mut point.true_negative,
        };
        *slot += weight;
    }
    finish(&mut point, matrix);
    point
}

fn finish(point: &mut CutoffPoint, matrix: &CostMatrix) {
    let total = point.total();
    if total > 0.0 {
        point.expected_cost = (matrix.true_positive * point.true_positive
            + matrix.false_positive * point.false_positive
            + matrix.false_negative * point.false_negative
            + matrix.true_negative * point.true_negative)
            / total;
        point.flagged_rate = (point.true_positive + point.false_positive) / total;
    }
}

/// Every distinct cut-off the sample can tell apart, lowest first: each distinct score (flag it
/// and everything above), then one above the largest score (flag nothing).
pub fn curve(evaluation: &Evaluation, matrix: &CostMatrix) -> Vec<CutoffPoint> {
    let mut order: Vec<usize> = (0..evaluation.score.len()).collect();
    order.sort_by(|&a, &b| evaluation.score[b].total_cmp(&evaluation.score[a]));
    let (mut pos, mut neg) = (0.0, 0.0);
    for (&label, &weight) in evaluation.label.iter().zip(&evaluation.weight) {
        if label == 1 {
            pos += weight;
        } else {
            neg += weight;
        }
    }
    let max_score = order.first().map_or(1.0, |&i| evaluation.score[i]);
    let mut nothing = CutoffPoint {
        cutoff: next_up(max_score),
        true_positive: 0.0,
        false_positive: 0.0,
        false_negative: pos,
        true_negative: neg,
        expected_cost: 0.0,
        flagged_rate: 0.0,
    };
    finish(&mut nothing, matrix);
    let mut points = vec![nothing];
    let mut current = nothing;
    let mut k = 0;
    // Sweep down the scores, flagging one tie group at a time.
    while k < order.len() {
        let score = evaluation.score[order[k]];
        while k < order.len() && evaluation.score[order[k]] == score {
            let i = order[k];
            let weight = evaluation.weight[i];
            if evaluation.label[i] == 1 {
                current.true_positive += weight;
                current.false_negative -= weight;
            } else {
                current.false_positive += weight;
                current.true_negative -= weight;
            }
            k += 1;
        }
        current.cutoff = score;
        finish(&mut current, matrix);
        points.push(current);
    }
    points.reverse();
    points
}

/// The cheapest point of a curve (the lowest cut-off among equals).
pub fn cheapest(curve: &[CutoffPoint]) -> Option<CutoffPoint> {
    curve
        .iter()
        .copied()
        .min_by(|a, b| a.expected_cost.total_cmp(&b.expected_cost))
}

/// Investigating the `capacity` highest scores of a day with `volume` rows: the point whose
/// flagged share is the largest not above `capacity / volume`.
pub fn at_capacity(curve: &[CutoffPoint], capacity: f64, volume: f64) -> Option<CutoffPoint> {
    if !(volume > 0.0 && capacity >= 0.0) {
        return None;
    }
    let share = capacity / volume;
    curve
        .iter()
        .copied()
        .filter(|p| p.flagged_rate <= share + 1e-12)
        .max_by(|a, b| a.flagged_rate.total_cmp(&b.flagged_rate))
}

/// The smallest f64 above `x` (for a cut-off that flags nothing).
fn next_up(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x == 0.0 {
        return f64::from_bits(1);
    }
    let bits = x.to_bits();
    f64::from_bits(if x > 0.0 { bits + 1 } else { bits - 1 })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn sample() -> Evaluation {
        // Scores with labels; the last row stands for two.
        Evaluation {
            source: "hand-made".into(),
            score: vec![0.9, 0.7, 0.4, 0.4, 0.2, 0.1],
            label: vec![1, 0, 1, 0, 0, 0],
            weight: vec![1.0, 1.0, 1.0, 1.0, 1.0, 2.0],
        }
    }

    #[test]
    fn the_cost_curve_matches_a_hand_computed_example() {
        // 7 weighted rows, 2 positives. Cost: missing a positive 5, flagging a negative 1.
        // cut-off above 0.9: flag none -> 2 FN -> 10 / 7
        // 0.9: TP 1, FN 1 -> 5 / 7
        // 0.7: TP 1, FP 1, FN 1 -> 6 / 7
        // 0.4: TP 2, FP 2 -> 2 / 7
        // 0.2: TP 2, FP 3 -> 3 / 7
        // 0.1: TP 2, FP 5 -> 5 / 7
        let curve = curve(&sample(), &CostMatrix::GERMAN);
        let got: Vec<(f64, f64)> = curve
            .iter()
            .map(|p| (p.cutoff, p.expected_cost * 7.0))
            .collect();
        let want = [
            (0.1, 5.0),
            (0.2, 3.0),
            (0.4, 2.0),
            (0.7, 6.0),
            (0.9, 5.0),
            (next_up(0.9), 10.0),
        ];
        assert_eq!(got.len(), want.len());
        for ((c, cost), (wc, wcost)) in got.iter().zip(want) {
            assert_eq!(*c, wc);
            assert!(
                (cost - wcost).abs() < 1e-12,
                "cut-off {c}: {cost} vs {wcost}"
            );
        }
        let best = cheapest(&curve).unwrap();
        assert_eq!(best.cutoff, 0.4);
        assert!((best.cleared_rate() - 3.0 / 7.0).abs() < 1e-12);
        assert_eq!(best.precision(), Some(0.5));
        assert_eq!(best.recall(), Some(1.0));
        // Each point agrees with a direct count at its cut-off.
        for p in &curve {
            assert_eq!(*p, at_cutoff(&sample(), &CostMatrix::GERMAN, p.cutoff));
        }
    }

    #[test]
    fn capacity_keeps_the_flagged_share_within_budget() {
        let curve = curve(&sample(), &CostMatrix::GERMAN);
        // Two investigations a day out of seven rows: flag 0.9 and 0.7.
        let p = at_capacity(&curve, 2.0, 7.0).unwrap();
        assert_eq!(p.cutoff, 0.7);
        assert_eq!(p.precision(), Some(0.5));
        // One and a half: only the top row fits.
        assert_eq!(at_capacity(&curve, 1.5, 7.0).unwrap().cutoff, 0.9);
        assert!((at_capacity(&curve, 1.5, 7.0).unwrap().per_10k() - 1e4 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn the_bayes_cutoff_of_the_german_matrix_is_one_sixth() {
        assert!((CostMatrix::GERMAN.bayes_cutoff().unwrap() - 1.0 / 6.0).abs() < 1e-15);
    }
}
