//! A scored file's evaluation as one value: what the page's evaluation, fairness and drift
//! views show (the same functions on the same results), for the command line's `evaluate`
//! and anything else that wants the figures rather than the views.

use serde::Serialize;

use super::results::BatchResults;
use crate::evaluation::{
    CalibrationBin, Confusion, FOUR_FIFTHS, Fairness, Ranking, Stability, brier, calibration,
    fairness,
};
use crate::manifest::{Manifest, OutputKind, Task};

/// Alerts a fraud team works first: the page's default "precision among the top k".
pub const TOP_ALERTS: u64 = 100;
/// Bins of the calibration table (equal width), as the page draws it.
pub const CALIBRATION_BINS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub model_id: String,
    /// Data rows read, scored and in error.
    pub rows: u64,
    pub scored: u64,
    pub errors: u64,
    /// The cut-off the decisions, confusion matrix and fairness are taken at.
    pub cutoff: f64,
    /// How well the scores rank and calibrate; `None` when the file has no label column.
    pub performance: Option<Performance>,
    /// Outcomes per group, one entry per group column asked for.
    pub fairness: Vec<GroupFairness>,
    /// Population stability against the model's reference sample; empty without one.
    pub drift: Vec<DriftRow>,
    /// The reference sample's rows the file is compared with.
    pub reference_rows: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Performance {
    pub positives: u64,
    pub negatives: u64,
    pub auc: Option<f64>,
    pub average_precision: Option<f64>,
    pub gini: Option<f64>,
    /// max(TPR − FPR), and the score where it peaks.
    pub ks: Option<f64>,
    pub ks_score: Option<f64>,
    /// For a probability only.
    pub brier: Option<f64>,
    pub calibration: Vec<CalibrationBin>,
    /// (share of the file, highest scores first; lift over the base rate).
    pub lift: Vec<Lift>,
    pub confusion: Confusion,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    /// Share of rows below the cut-off (approved, passed).
    pub approval_rate: Option<f64>,
    /// Precision among the [`TOP_ALERTS`] highest scores, for a fraud model.
    pub precision_at_top: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Lift {
    pub top: f64,
    pub lift: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFairness {
    pub column: String,
    #[serde(flatten)]
    pub fairness: Fairness,
    /// The adverse-impact ratio is below the four-fifths rule's 0.8.
    pub four_fifths_flag: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriftRow {
    /// The feature's name, or `score` for the model's score.
    pub name: String,
    /// The feature's label in the manifest's language; empty for the score.
    pub label: String,
    pub psi: f64,
    pub verdict: Stability,
}

/// A group column asked for that the results do not hold.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("\"{0}\" is not a group column of this file")]
pub struct NoSuchGroup(pub String);

impl Report {
    /// The file's evaluation at `cutoff`, with fairness for each column in `groups` (the
    /// results' group columns, by name). Drift rows are the score's first, then the features'
    /// by PSI, largest first, as the page lists them.
    pub fn of(
        results: &BatchResults,
        manifest: &Manifest,
        cutoff: f64,
        groups: &[&str],
    ) -> Result<Report, NoSuchGroup> {
        let scores = results.scores();
        let performance = results
            .has_labels()
            .then(|| performance(manifest, &scores, &results.labels, cutoff));
        let fairness = groups
            .iter()
            .map(|&name| {
                let group = results
                    .groups
                    .iter()
                    .find(|g| g.name == name)
                    .ok_or_else(|| NoSuchGroup(name.to_owned()))?;
                let f = fairness(
                    &scores,
                    &results.labels,
                    &group.codes,
                    &group.values,
                    cutoff,
                );
                Ok(GroupFairness {
                    column: name.to_owned(),
                    four_fifths_flag: f.adverse_impact_ratio.is_some_and(|a| a < FOUR_FIFTHS),
                    fairness: Fairness {
                        groups: f.groups.into_iter().filter(|g| g.rows > 0).collect(),
                        ..f
                    },
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut drift: Vec<DriftRow> = results
            .drift
            .features
            .iter()
            .zip(&manifest.features)
            .filter_map(|(psi, f)| {
                psi.map(|psi| DriftRow {
                    name: f.name.clone(),
                    label: f.label.clone(),
                    psi,
                    verdict: Stability::of(psi),
                })
            })
            .collect();
        drift.sort_by(|a, b| b.psi.total_cmp(&a.psi));
        if let Some(psi) = results.drift.score {
            drift.insert(
                0,
                DriftRow {
                    name: "score".to_owned(),
                    label: String::new(),
                    psi,
                    verdict: Stability::of(psi),
                },
            );
        }
        Ok(Report {
            model_id: results.model_id.clone(),
            rows: results.rows,
            scored: results.scored.len() as u64,
            errors: results.errors.len() as u64,
            cutoff,
            performance,
            fairness,
            drift,
            reference_rows: results.drift.reference_rows,
        })
    }
}

fn performance(manifest: &Manifest, scores: &[f32], labels: &[bool], cutoff: f64) -> Performance {
    let ranking = Ranking::new(scores, labels);
    let probability = manifest.model.output.kind == OutputKind::Probability;
    let confusion = ranking.at(cutoff);
    let ks = ranking.ks();
    Performance {
        positives: ranking.positives,
        negatives: ranking.negatives,
        auc: ranking.auc(),
        average_precision: ranking.average_precision(),
        gini: ranking.gini(),
        ks: ks.map(|k| k.0),
        ks_score: ks.map(|k| k.1),
        brier: probability.then(|| brier(scores, labels)).flatten(),
        calibration: match probability {
            true => calibration(scores, labels, CALIBRATION_BINS),
            false => Vec::new(),
        },
        lift: ranking
            .lift_by_decile()
            .into_iter()
            .map(|(top, lift)| Lift { top, lift })
            .collect(),
        precision: confusion.precision(),
        recall: confusion.recall(),
        approval_rate: confusion.approval_rate(),
        confusion,
        precision_at_top: (manifest.task == Task::Fraud)
            .then(|| ranking.precision_at_top(TOP_ALERTS))
            .flatten(),
    }
}
