//! How good are the scores of a labelled file, how fair, and how far has the population moved?
//!
//! Everything here is plain arithmetic on scores, labels and group codes, checked against
//! hand-computed values and against scikit-learn's figures for the bundled samples. Conventions
//! follow scikit-learn: a row is flagged when its score is at or above the threshold; curves have
//! one point per distinct score; AUC is the trapezoid under the ROC curve (ties count half);
//! average precision is Σ (Rₖ − Rₖ₋₁)·Pₖ without interpolation; KS is max(TPR − FPR).

use serde::{Deserialize, Serialize};

/// Counts at one threshold: rows with score >= `threshold` are flagged.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Confusion {
    pub threshold: f64,
    pub tp: u64,
    pub fp: u64,
    pub tn: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Confusion {
    pub fn flagged(&self) -> u64 {
        self.tp + self.fp
    }

    pub fn rows(&self) -> u64 {
        self.tp + self.fp + self.tn + self.fn_
    }

    /// Share of positives flagged (recall, true-positive rate).
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Share of flagged rows that are positive.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn false_positive_rate(&self) -> Option<f64> {
        ratio(self.fp, self.fp + self.tn)
    }

    /// Share of rows not flagged (approved, passed).
    pub fn approval_rate(&self) -> Option<f64> {
        ratio(self.tn + self.fn_, self.rows())
    }
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Scores with their labels, ranked: one point per distinct score, highest first, each holding
/// the counts flagged at that score as the threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    pub positives: u64,
    pub negatives: u64,
    /// Cumulative (threshold, tp, fp), thresholds strictly decreasing.
    points: Vec<(f64, u64, u64)>,
}

impl Ranking {
    /// Ranks `scores` (non-finite scores are not expected: the model's outputs are checked).
    /// `labels[i]` is true for a positive (defaulted, fraud). Lengths must match; extra items
    /// of the longer slice are ignored.
    pub fn new(scores: &[f32], labels: &[bool]) -> Ranking {
        let mut pairs: Vec<(f32, bool)> =
            scores.iter().copied().zip(labels.iter().copied()).collect();
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut points: Vec<(f64, u64, u64)> = Vec::new();
        let (mut tp, mut fp) = (0u64, 0u64);
        for (i, &(score, label)) in pairs.iter().enumerate() {
            if label {
                tp += 1;
            } else {
                fp += 1;
            }
            let last_of_tie = pairs.get(i + 1).is_none_or(|next| next.0 != score);
            if last_of_tie {
                points.push((f64::from(score), tp, fp));
            }
        }
        Ranking {
            positives: tp,
            negatives: fp,
            points,
        }
    }

    pub fn rows(&self) -> u64 {
        self.positives + self.negatives
    }

    fn both_classes(&self) -> bool {
        self.positives > 0 && self.negatives > 0
    }

    /// (FPR, TPR) from (0, 0) to (1, 1).
    fn roc_points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let (p, n) = (self.positives as f64, self.negatives as f64);
        std::iter::once((0.0, 0.0)).chain(
            self.points
                .iter()
                .map(move |&(_, tp, fp)| (fp as f64 / n, tp as f64 / p)),
        )
    }

    /// Area under the ROC curve; `None` unless both classes are present.
    pub fn auc(&self) -> Option<f64> {
        if !self.both_classes() {
            return None;
        }
        let mut area = 0.0;
        let mut prev = (0.0, 0.0);
        for point in self.roc_points().skip(1) {
            area += (point.0 - prev.0) * (point.1 + prev.1) / 2.0;
            prev = point;
        }
        Some(area)
    }

    /// Gini coefficient (accuracy ratio) = 2·AUC − 1.
    pub fn gini(&self) -> Option<f64> {
        self.auc().map(|a| 2.0 * a - 1.0)
    }

    /// Average precision, as scikit-learn computes it.
    pub fn average_precision(&self) -> Option<f64> {
        if self.positives == 0 {
            return None;
        }
        let p = self.positives as f64;
        let mut ap = 0.0;
        let mut prev_recall = 0.0;
        for &(_, tp, fp) in &self.points {
            let recall = tp as f64 / p;
            ap += (recall - prev_recall) * tp as f64 / (tp + fp) as f64;
            prev_recall = recall;
        }
        Some(ap)
    }

    /// Kolmogorov–Smirnov statistic max(TPR − FPR) and the score where it is reached.
    pub fn ks(&self) -> Option<(f64, f64)> {
        if !self.both_classes() {
            return None;
        }
        let (p, n) = (self.positives as f64, self.negatives as f64);
        self.points
            .iter()
            .map(|&(t, tp, fp)| (tp as f64 / p - fp as f64 / n, t))
            .fold(None, |best: Option<(f64, f64)>, (d, t)| match best {
                Some((bd, _)) if bd >= d => best,
                _ => Some((d, t)),
            })
    }

    /// Counts with rows scoring at or above `threshold` flagged.
    pub fn at(&self, threshold: f64) -> Confusion {
        // Points are in decreasing threshold; the last one with threshold >= cut-off holds the counts.
        let k = self.points.partition_point(|&(t, _, _)| t >= threshold);
        let (tp, fp) = match k {
            0 => (0, 0),
            k => (self.points[k - 1].1, self.points[k - 1].2),
        };
        Confusion {
            threshold,
            tp,
            fp,
            tn: self.negatives - fp,
            fn_: self.positives - tp,
        }
    }

    /// Precision among the `k` highest scores (ties at the k-th score share it pro rata).
    pub fn precision_at_top(&self, k: u64) -> Option<f64> {
        if k == 0 || self.rows() == 0 {
            return None;
        }
        let k = k.min(self.rows());
        let mut prev = (0u64, 0u64);
        for &(_, tp, fp) in &self.points {
            if tp + fp >= k {
                // Part of this tie group is inside the top k: take its positives pro rata.
                let group = (tp - prev.0 + fp - prev.1) as f64;
                let inside = (k - prev.0 - prev.1) as f64;
                let positives = prev.0 as f64 + (tp - prev.0) as f64 * inside / group;
                return Some(positives / k as f64);
            }
            prev = (tp, fp);
        }
        None
    }

    /// Curves for charts, at most about `max_points` points each (every point when fewer).
    pub fn curves(&self, max_points: usize) -> Curves {
        let step = (self.points.len() / max_points.max(1)).max(1);
        let keep = |i: usize| i.is_multiple_of(step) || i + 1 == self.points.len();
        let (p, n) = (self.positives.max(1) as f64, self.negatives.max(1) as f64);
        let rows = self.rows().max(1) as f64;
        let mut curves = Curves {
            roc: vec![(0.0, 0.0)],
            pr: Vec::new(),
            cap: vec![(0.0, 0.0)],
            ks: Vec::new(),
        };
        for (i, &(t, tp, fp)) in self.points.iter().enumerate() {
            if !keep(i) {
                continue;
            }
            let (tpr, fpr) = (tp as f64 / p, fp as f64 / n);
            curves.roc.push((fpr, tpr));
            curves.pr.push((tpr, tp as f64 / (tp + fp) as f64));
            curves.cap.push(((tp + fp) as f64 / rows, tpr));
            curves.ks.push((t, tpr, fpr));
        }
        curves
    }

    /// Lift at each tenth of the population ranked by score: the positive rate among the top
    /// d·10 % over the overall positive rate (pro rata at ties).
    pub fn lift_by_decile(&self) -> Vec<(f64, f64)> {
        let rows = self.rows();
        if rows == 0 || self.positives == 0 {
            return Vec::new();
        }
        let base = self.positives as f64 / rows as f64;
        (1..=10)
            .filter_map(|d| {
                let k = (rows * d).div_ceil(10);
                self.precision_at_top(k)
                    .map(|p| (d as f64 / 10.0, p / base))
            })
            .collect()
    }
}

/// Chart-ready curves; see [`Ranking::curves`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Curves {
    /// (false-positive rate, true-positive rate).
    pub roc: Vec<(f64, f64)>,
    /// (recall, precision).
    pub pr: Vec<(f64, f64)>,
    /// Cumulative accuracy profile: (share of rows flagged, share of positives caught).
    pub cap: Vec<(f64, f64)>,
    /// (threshold, TPR, FPR): the two cumulative distributions whose widest gap is KS.
    pub ks: Vec<(f64, f64, f64)>,
}

/// Mean squared difference between a probability and the 0/1 outcome.
pub fn brier(scores: &[f32], labels: &[bool]) -> Option<f64> {
    let n = scores.len().min(labels.len());
    (n > 0).then(|| {
        scores
            .iter()
            .zip(labels)
            .map(|(&s, &y)| (f64::from(s) - if y { 1.0 } else { 0.0 }).powi(2))
            .sum::<f64>()
            / n as f64
    })
}

/// One bin of a reliability diagram.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CalibrationBin {
    pub lower: f64,
    pub upper: f64,
    pub rows: u64,
    pub mean_predicted: f64,
    pub observed_rate: f64,
}

/// Reliability diagram over `n_bins` equal-width probability bins; empty bins are left out.
pub fn calibration(scores: &[f32], labels: &[bool], n_bins: usize) -> Vec<CalibrationBin> {
    let n_bins = n_bins.max(1);
    let mut sums = vec![(0u64, 0.0f64, 0u64); n_bins];
    for (&s, &y) in scores.iter().zip(labels) {
        let p = f64::from(s).clamp(0.0, 1.0);
        let b = ((p * n_bins as f64) as usize).min(n_bins - 1);
        sums[b].0 += 1;
        sums[b].1 += p;
        sums[b].2 += u64::from(y);
    }
    sums.iter()
        .enumerate()
        .filter(|(_, s)| s.0 > 0)
        .map(|(b, &(rows, sum_p, pos))| CalibrationBin {
            lower: b as f64 / n_bins as f64,
            upper: (b + 1) as f64 / n_bins as f64,
            rows,
            mean_predicted: sum_p / rows as f64,
            observed_rate: pos as f64 / rows as f64,
        })
        .collect()
}

/// Counts of scores in `n_bins` equal-width bins over [lower, upper); values outside go to the
/// first or last bin.
pub fn histogram(scores: &[f32], lower: f64, upper: f64, n_bins: usize) -> Vec<u64> {
    let n_bins = n_bins.max(1);
    let width = (upper - lower).max(f64::MIN_POSITIVE);
    let mut counts = vec![0u64; n_bins];
    for &s in scores {
        let b = ((f64::from(s) - lower) / width * n_bins as f64).floor();
        let b = if b.is_nan() {
            0.0
        } else {
            b.clamp(0.0, (n_bins - 1) as f64)
        };
        counts[b as usize] += 1;
    }
    counts
}

/// One group's outcome at a cut-off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupOutcome {
    pub name: String,
    pub rows: u64,
    /// Rows below the cut-off (approved, passed).
    pub approved: u64,
    pub positives: u64,
    /// Positives flagged.
    pub flagged_positives: u64,
}

impl GroupOutcome {
    pub fn approval_rate(&self) -> Option<f64> {
        ratio(self.approved, self.rows)
    }

    /// Share of the group's positives flagged (equal opportunity compares these).
    pub fn true_positive_rate(&self) -> Option<f64> {
        ratio(self.flagged_positives, self.positives)
    }
}

/// Group outcomes at a cut-off and the two usual summaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fairness {
    pub groups: Vec<GroupOutcome>,
    /// Lowest approval rate over the highest (the four-fifths rule flags < 0.8).
    pub adverse_impact_ratio: Option<f64>,
    /// Highest true-positive rate minus the lowest, over groups with positives.
    pub tpr_gap: Option<f64>,
}

/// The four-fifths rule's threshold for the adverse-impact ratio.
pub const FOUR_FIFTHS: f64 = 0.8;

/// Outcomes per group: `codes[i]` indexes `names` for row i; `labels` may be empty (no label).
pub fn fairness(
    scores: &[f32],
    labels: &[bool],
    codes: &[u32],
    names: &[String],
    cutoff: f64,
) -> Fairness {
    let mut groups: Vec<GroupOutcome> = names
        .iter()
        .map(|name| GroupOutcome {
            name: name.clone(),
            rows: 0,
            approved: 0,
            positives: 0,
            flagged_positives: 0,
        })
        .collect();
    for (i, (&s, &code)) in scores.iter().zip(codes).enumerate() {
        let Some(g) = groups.get_mut(code as usize) else {
            continue;
        };
        let flagged = f64::from(s) >= cutoff;
        g.rows += 1;
        g.approved += u64::from(!flagged);
        if labels.get(i) == Some(&true) {
            g.positives += 1;
            g.flagged_positives += u64::from(flagged);
        }
    }
    let rates: Vec<f64> = groups
        .iter()
        .filter_map(GroupOutcome::approval_rate)
        .collect();
    let max_rate = rates.iter().copied().fold(f64::NAN, f64::max);
    let min_rate = rates.iter().copied().fold(f64::NAN, f64::min);
    let adverse_impact_ratio = (max_rate > 0.0).then(|| min_rate / max_rate);
    let tprs: Vec<f64> = groups
        .iter()
        .filter_map(GroupOutcome::true_positive_rate)
        .collect();
    let tpr_gap = (!tprs.is_empty()).then(|| {
        tprs.iter().copied().fold(f64::MIN, f64::max)
            - tprs.iter().copied().fold(f64::MAX, f64::min)
    });
    Fairness {
        groups,
        adverse_impact_ratio,
        tpr_gap,
    }
}

/// The population stability index's floor on a bin's share (an empty bin would be infinite).
pub const PSI_FLOOR: f64 = 1e-4;

/// Bin edges at the reference's deciles: sorted values at ⌊k·n/10⌋ for k = 1..9, duplicates
/// removed. A value's bin is the number of edges at or below it.
pub fn decile_edges(reference: &[f64]) -> Vec<f64> {
    let mut sorted: Vec<f64> = reference.iter().copied().filter(|v| !v.is_nan()).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let mut edges: Vec<f64> = (1..10)
        .filter_map(|k| sorted.get(k * n / 10).copied())
        .collect();
    edges.dedup();
    edges
}

/// The bin of `value` for `edges` from [`decile_edges`].
pub fn bin_of(edges: &[f64], value: f64) -> usize {
    edges.partition_point(|&e| e <= value)
}

/// Population stability index of `actual` bin counts against `expected` (the reference):
/// Σ (a − e)·ln(a / e) over shares floored at [`PSI_FLOOR`]. `None` when either is empty.
pub fn psi(expected: &[u64], actual: &[u64]) -> Option<f64> {
    let (ne, na) = (expected.iter().sum::<u64>(), actual.iter().sum::<u64>());
    if ne == 0 || na == 0 || expected.len() != actual.len() {
        return None;
    }
    Some(
        expected
            .iter()
            .zip(actual)
            .map(|(&e, &a)| {
                let e = (e as f64 / ne as f64).max(PSI_FLOOR);
                let a = (a as f64 / na as f64).max(PSI_FLOOR);
                (a - e) * (a / e).ln()
            })
            .sum(),
    )
}

/// The conventional reading of a population stability index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stability {
    /// Below 0.10.
    Stable,
    /// 0.10 to 0.25.
    Investigate,
    /// Above 0.25.
    Shifted,
}

impl Stability {
    pub fn of(psi: f64) -> Stability {
        if psi < 0.10 {
            Stability::Stable
        } else if psi <= 0.25 {
            Stability::Investigate
        } else {
            Stability::Shifted
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stability::Stable => "stable",
            Stability::Investigate => "investigate",
            Stability::Shifted => "shifted",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Hand-computed: scores 0.9 0.8 0.8 0.4 0.2, labels 1 0 1 0 0 (two positives, three negatives).
    fn example() -> Ranking {
        Ranking::new(
            &[0.9, 0.8, 0.8, 0.4, 0.2],
            &[true, false, true, false, false],
        )
    }

    #[test]
    fn auc_counts_ties_as_half() {
        // Pairs (pos, neg): 0.9 beats all 3; 0.8 beats 0.4 and 0.2 and ties 0.8 -> 2.5. (3+2.5)/6.
        let auc = example().auc();
        assert!((auc.unwrap_or(0.0) - 5.5 / 6.0).abs() < 1e-12, "{auc:?}");
    }

    #[test]
    fn average_precision_is_the_step_sum() {
        // Thresholds 0.9: R=0.5 P=1; 0.8: R=1 P=2/3. AP = 0.5·1 + 0.5·2/3.
        let ap = example().average_precision().unwrap_or(0.0);
        assert!((ap - (0.5 + 1.0 / 3.0)).abs() < 1e-12, "{ap}");
    }

    #[test]
    fn ks_and_confusion() {
        let r = example();
        // At 0.8: TPR 1, FPR 1/3 -> KS 2/3.
        let (ks, at) = r.ks().unwrap_or((0.0, 0.0));
        assert!(
            (ks - 2.0 / 3.0).abs() < 1e-12 && at == f64::from(0.8f32),
            "{ks} {at}"
        );
        let c = r.at(0.5);
        assert_eq!((c.tp, c.fp, c.tn, c.fn_), (2, 1, 2, 0));
        assert_eq!(r.at(0.95).flagged(), 0);
        assert_eq!(r.at(0.0).flagged(), 5);
        assert!((r.at(0.5).approval_rate().unwrap_or(0.0) - 0.4).abs() < 1e-12);
    }

    #[test]
    fn precision_at_top_shares_ties() {
        let r = example();
        assert_eq!(r.precision_at_top(1), Some(1.0));
        // Top 2: 0.9 (pos) and half of the 0.8 tie (one pos, one neg) -> 1.5/2.
        assert_eq!(r.precision_at_top(2), Some(0.75));
        assert_eq!(r.precision_at_top(5), Some(0.4));
    }

    #[test]
    fn one_class_has_no_auc() {
        let r = Ranking::new(&[0.1, 0.2], &[false, false]);
        assert_eq!(r.auc(), None);
        assert_eq!(r.average_precision(), None);
        assert_eq!(r.ks(), None);
    }

    #[test]
    fn brier_and_calibration() {
        let b = brier(&[1.0, 0.0, 0.5], &[true, false, true]).unwrap_or(1.0);
        assert!((b - 0.25 / 3.0).abs() < 1e-12);
        let bins = calibration(&[0.05, 0.15, 0.12, 0.95], &[false, true, false, true], 10);
        assert_eq!(bins.len(), 3);
        assert_eq!(bins[1].rows, 2);
        assert!((bins[1].observed_rate - 0.5).abs() < 1e-12);
    }

    #[test]
    fn fairness_four_fifths() {
        // Group a: 4 rows, 3 approved; group b: 4 rows, 2 approved. AIR = 0.5/0.75.
        let scores = [0.1, 0.1, 0.1, 0.9, 0.1, 0.1, 0.9, 0.9];
        let labels = [false, false, true, true, false, false, true, false];
        let codes = [0, 0, 0, 0, 1, 1, 1, 1];
        let names = ["a".to_owned(), "b".to_owned()];
        let f = fairness(&scores, &labels, &codes, &names, 0.5);
        assert!((f.adverse_impact_ratio.unwrap_or(0.0) - 2.0 / 3.0).abs() < 1e-12);
        // TPR: a flags 1 of 2 positives, b 1 of 1 -> gap 0.5.
        assert!((f.tpr_gap.unwrap_or(0.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn psi_of_a_known_shift() {
        // Reference 50/50, actual 80/20: (0.3)ln(1.6) + (-0.3)ln(0.4).
        let expected = 0.3 * 1.6f64.ln() - 0.3 * 0.4f64.ln();
        let got = psi(&[50, 50], &[80, 20]).unwrap_or(0.0);
        assert!((got - expected).abs() < 1e-12);
        assert_eq!(psi(&[5, 5], &[5, 5]), Some(0.0));
        assert_eq!(Stability::of(got), Stability::Shifted);
        // Deciles of 0..99: edges 10, 20, ..., 90; value 10 is in bin 1.
        let values: Vec<f64> = (0..100).map(f64::from).collect();
        let edges = decile_edges(&values);
        assert_eq!(
            edges,
            (1..10).map(|k| f64::from(k * 10)).collect::<Vec<_>>()
        );
        assert_eq!(
            (
                bin_of(&edges, 9.9),
                bin_of(&edges, 10.0),
                bin_of(&edges, 95.0)
            ),
            (0, 1, 9)
        );
    }
}
