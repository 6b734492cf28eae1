//! Attribution: how far each raw attribute moved one applicant's score from the average applicant's.
//!
//! The game is the interventional Shapley game over a background sample B of training rows:
//! a coalition S of attributes takes the applicant's values, the others a background row's, and
//! its worth is the mean model output over B. The attributions then sum exactly to
//! `g(x) - mean_B g(b)`, where `g` is the model's log-odds for a probability and the score itself
//! for an anomaly score. Three ways to compute them:
//!
//! - [`Method::Additive`]: a model whose log-odds is a sum of one term per attribute (logistic
//!   regression, scorecard). Then `phi_j = g_j(x_j) - mean_B g_j(b_j)`, read off one hybrid row
//!   per attribute: exact, and `n_features + 1` rows per applicant.
//! - [`Method::Exact`]: every coalition, when there are few enough players.
//! - [`Method::Trees`]: a tree ensemble's exact values from its leaves ([`trees`]).
//! - [`Method::Sampled`]: permutation sampling (Strumbelj and Kononenko 2014), one walk per
//!   background row so the baseline is met exactly, walks in antithetic pairs (a permutation
//!   and its reverse), with a 95 % normal interval from the spread of the pairs.
//!
//! Hybrid rows are built in the encoded space: each feature owns a range of input columns, so
//! "applicant's value here, background value there" is a copy of column ranges.

mod error;
mod trees;

use std::ops::Range;

use rand::SeedableRng;
use rand::rngs::SmallRng;
use rand::seq::SliceRandom;
use serde::Serialize;

use crate::applicant::Applicant;
use crate::encoding;
use crate::manifest::{Manifest, OutputKind};
use crate::model::ModelError;

pub use error::ExplainError;
pub use trees::tree_shap;

/// Probabilities are clamped this far from 0 and 1 before taking log-odds, so a saturated f32
/// output gives a large finite number rather than infinity.
const P_MIN: f64 = 1e-7;

/// Up to this many players, every coalition is enumerated.
pub const EXACT_MAX_PLAYERS: usize = 6;

/// z for a two-sided 95 % normal interval.
const Z95: f64 = 1.959_964;

/// The model on a row-major batch of encoded rows: one raw score per row.
pub type Eval<'a> = &'a dyn Fn(&[f32]) -> Result<Vec<f32>, ModelError>;

/// The scale attributions are additive on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Scale {
    /// ln(p / (1 - p)) of a probability.
    LogOdds,
    /// The score as the model gives it (an anomaly score).
    Score,
}

impl Scale {
    pub fn of(kind: OutputKind) -> Scale {
        match kind {
            OutputKind::Probability => Scale::LogOdds,
            OutputKind::AnomalyScore => Scale::Score,
        }
    }

    /// A model score on this scale.
    pub fn apply(self, score: f32) -> f64 {
        match self {
            Scale::LogOdds => {
                let p = f64::from(score).clamp(P_MIN, 1.0 - P_MIN);
                (p / (1.0 - p)).ln()
            }
            Scale::Score => f64::from(score),
        }
    }

    /// A value on this scale back as a score (a probability for log-odds).
    pub fn invert(self, g: f64) -> f64 {
        match self {
            Scale::LogOdds => 1.0 / (1.0 + (-g).exp()),
            Scale::Score => g,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Method {
    /// Exact: one term per attribute of an additive model.
    Additive,
    /// Exact: every coalition enumerated.
    Exact,
    /// Exact: interventional TreeSHAP over the model's trees.
    Trees,
    /// Estimated from this many permutation walks.
    Sampled { walks: usize },
}

/// One applicant's attribution, per player (per manifest feature unless grouped).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub scale: Scale,
    pub method: Method,
    /// Mean of the model output over the background, on `scale`.
    pub baseline: f64,
    /// The applicant's model output, on `scale`.
    pub value: f64,
    /// Sums to `value - baseline`.
    pub contributions: Vec<f64>,
    /// Half-width of the 95 % interval of each contribution; 0 when exact.
    pub half_width: Vec<f64>,
}

impl Attribution {
    /// Player indices, the largest push toward the positive class first.
    pub fn order_by_push(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.contributions.len()).collect();
        order.sort_by(|&a, &b| self.contributions[b].total_cmp(&self.contributions[a]));
        order
    }
}

/// Precomputed for the additive method: a reference row r, g(r), and per feature
/// `mean_B [g(r with b_j) - g(r)]`.
#[derive(Debug, Clone)]
struct AdditiveTerms {
    reference: Vec<f32>,
    reference_g: f64,
    offsets: Vec<f64>,
}

/// Attribution against one background sample; the model is passed to each call.
#[derive(Debug, Clone)]
pub struct Explainer {
    scale: Scale,
    width: usize,
    columns: Vec<Range<usize>>,
    /// Row-major `[n_background, width]`.
    background: Vec<f32>,
    background_g: Vec<f64>,
    baseline: f64,
    additive: Option<AdditiveTerms>,
    /// Shared: clones of a scorer (one per language) share one count of the background.
    trees: Option<std::sync::Arc<trees::TreeShap>>,
}

impl Explainer {
    /// Encodes and scores the background once (and, for an additive model, its terms).
    pub fn new(
        manifest: &Manifest,
        background: &[Applicant],
        additive: bool,
        eval: Eval,
    ) -> Result<Explainer, ExplainError> {
        if background.is_empty() {
            return Err(ExplainError::NoBackground);
        }
        let scale = Scale::of(manifest.model.output.kind);
        let rows = encoding::encode(manifest, background)?;
        let background_g: Vec<f64> = eval(&rows)?.into_iter().map(|s| scale.apply(s)).collect();
        let baseline = mean(&background_g);
        let mut explainer = Explainer {
            scale,
            width: manifest.input_width(),
            columns: manifest.feature_columns(),
            background: rows,
            background_g,
            baseline,
            additive: None,
            trees: None,
        };
        if additive && scale == Scale::LogOdds {
            explainer.additive = Some(explainer.additive_terms(eval)?);
        }
        Ok(explainer)
    }

    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The average applicant's output on the attribution scale.
    pub fn baseline(&self) -> f64 {
        self.baseline
    }

    pub fn n_background(&self) -> usize {
        self.background_g.len()
    }

    fn background_row(&self, b: usize) -> &[f32] {
        &self.background[b * self.width..(b + 1) * self.width]
    }

    fn additive_terms(&self, eval: Eval) -> Result<AdditiveTerms, ExplainError> {
        let reference = self.background_row(0).to_vec();
        let reference_g = self.background_g[0];
        let n = self.n_background();
        let mut rows = Vec::with_capacity(self.columns.len() * n * self.width);
        for cols in &self.columns {
            for b in 0..n {
                let start = rows.len();
                rows.extend_from_slice(&reference);
                rows[start + cols.start..start + cols.end]
                    .copy_from_slice(&self.background_row(b)[cols.clone()]);
            }
        }
        let g = self.eval_scaled(&rows, eval)?;
        let offsets = g
            .chunks(n)
            .map(|terms| terms.iter().map(|t| t - reference_g).sum::<f64>() / n as f64)
            .collect();
        Ok(AdditiveTerms {
            reference,
            reference_g,
            offsets,
        })
    }

    fn eval_scaled(&self, rows: &[f32], eval: Eval) -> Result<Vec<f64>, ExplainError> {
        Ok(eval(rows)?
            .into_iter()
            .map(|s| self.scale.apply(s))
            .collect())
    }

    /// One attribution per manifest feature, by the best method this model allows.
    pub fn explain(&self, x: &[f32], eval: Eval) -> Result<Attribution, ExplainError> {
        self.explain_with_walks(x, self.n_background(), eval)
    }

    /// Like [`Explainer::explain`], but a sampled attribution uses only `walks` walks (at most
    /// one per background row): enough to rank the largest pushes, as a batch's reasons need.
    pub fn explain_with_walks(
        &self,
        x: &[f32],
        walks: usize,
        eval: Eval,
    ) -> Result<Attribution, ExplainError> {
        self.check_row(x)?;
        if let Some(terms) = &self.additive {
            return self.explain_additive(x, terms, eval);
        }
        if let Some(trees) = &self.trees {
            return Ok(self.explain_trees(x, trees));
        }
        let players: Vec<Vec<usize>> = (0..self.columns.len()).map(|j| vec![j]).collect();
        if players.len() <= EXACT_MAX_PLAYERS {
            self.explain_exact(x, &players, eval)
        } else {
            self.explain_sampled(x, &players, walks.min(self.n_background()), eval)
        }
    }

    /// Whether attributions are exact sums of per-feature terms (no sampling).
    pub fn is_additive(&self) -> bool {
        self.additive.is_some()
    }

    fn explain_additive(
        &self,
        x: &[f32],
        terms: &AdditiveTerms,
        eval: Eval,
    ) -> Result<Attribution, ExplainError> {
        let mut rows = Vec::with_capacity((self.columns.len() + 1) * self.width);
        rows.extend_from_slice(x);
        for cols in &self.columns {
            let start = rows.len();
            rows.extend_from_slice(&terms.reference);
            rows[start + cols.start..start + cols.end].copy_from_slice(&x[cols.clone()]);
        }
        let g = self.eval_scaled(&rows, eval)?;
        let contributions = g[1..]
            .iter()
            .zip(&terms.offsets)
            .map(|(g_j, offset)| g_j - terms.reference_g - offset)
            .collect();
        Ok(Attribution {
            scale: self.scale,
            method: Method::Additive,
            baseline: self.baseline,
            value: g[0],
            contributions,
            half_width: vec![0.0; self.columns.len()],
        })
    }

    /// Writes into `row` the background row `b` with the columns of `features` taken from `x`.
    fn hybrid_into(&self, row: &mut [f32], x: &[f32], b: usize, players: &[Vec<usize>], mask: u64) {
        row.copy_from_slice(self.background_row(b));
        for (p, features) in players.iter().enumerate() {
            if mask & (1 << p) != 0 {
                for &j in features {
                    let cols = self.columns[j].clone();
                    row[cols.clone()].copy_from_slice(&x[cols]);
                }
            }
        }
    }

    fn check_row(&self, x: &[f32]) -> Result<(), ExplainError> {
        if x.len() == self.width {
            Ok(())
        } else {
            Err(ExplainError::RowWidth {
                got: x.len(),
                width: self.width,
            })
        }
    }

    fn check_players(&self, players: &[Vec<usize>]) -> Result<(), ExplainError> {
        for (player, features) in players.iter().enumerate() {
            if let Some(&feature_idx) = features.iter().find(|&&j| j >= self.columns.len()) {
                return Err(ExplainError::UnknownFeature {
                    player,
                    feature_idx,
                });
            }
        }
        Ok(())
    }

    /// Exact Shapley values of `players` (groups of features), enumerating all `2^players`
    /// coalitions against every background row.
    pub fn explain_exact(
        &self,
        x: &[f32],
        players: &[Vec<usize>],
        eval: Eval,
    ) -> Result<Attribution, ExplainError> {
        self.check_row(x)?;
        self.check_players(players)?;
        let n_players = players.len();
        if n_players > 20 {
            return Err(ExplainError::TooManyPlayers { n_players });
        }
        let n_coalitions = 1usize << n_players;
        let n = self.n_background();
        let mut rows = vec![0.0; n_coalitions * n * self.width];
        for (i, row) in rows.chunks_exact_mut(self.width).enumerate() {
            self.hybrid_into(row, x, i % n, players, (i / n) as u64);
        }
        let g = self.eval_scaled(&rows, eval)?;
        let worth: Vec<f64> = g.chunks(n).map(mean).collect();
        // Shapley weight of a coalition of size s not holding the player: s! (P - s - 1)! / P!.
        let weight = |s: usize| -> f64 {
            let p = n_players;
            let mut w = 1.0 / p as f64;
            // 1 / (P * C(P - 1, s)).
            for k in 0..s {
                w *= (k + 1) as f64 / (p - 1 - k) as f64;
            }
            w
        };
        let mut contributions = vec![0.0; n_players];
        for (player, phi) in contributions.iter_mut().enumerate() {
            let bit = 1usize << player;
            for mask in (0..n_coalitions).filter(|m| m & bit == 0) {
                *phi += weight(mask.count_ones() as usize) * (worth[mask | bit] - worth[mask]);
            }
        }
        Ok(Attribution {
            scale: self.scale,
            method: Method::Exact,
            baseline: worth[0],
            value: worth[n_coalitions - 1],
            contributions,
            half_width: vec![0.0; n_players],
        })
    }

    /// Permutation-sampled Shapley values of `players`: `walks` walks, walk `w` starting from
    /// background row `w mod n_background`, in antithetic pairs. With `walks` a multiple of the
    /// background size the contributions sum exactly to `value - baseline`.
    pub fn explain_sampled(
        &self,
        x: &[f32],
        players: &[Vec<usize>],
        walks: usize,
        eval: Eval,
    ) -> Result<Attribution, ExplainError> {
        self.check_row(x)?;
        self.check_players(players)?;
        let n_players = players.len();
        let walks = walks.max(2);
        let n = self.n_background();
        let orders = antithetic_orders(n_players, walks);
        // Each walk scores the P - 1 coalitions strictly between the background row and x.
        // A step that changes no column (the background row already has the applicant's value
        // there, common for categories) repeats the previous row: it is not scored again and
        // its player's contribution in that walk is exactly 0.
        let inner = n_players.saturating_sub(1);
        let mut rows: Vec<f32> = Vec::with_capacity(walks * inner * self.width);
        let mut source: Vec<Option<usize>> = vec![None; walks * inner];
        for (w, order) in orders.iter().enumerate() {
            let mut current = self.background_row(w % n).to_vec();
            for (step, &player) in order.iter().take(inner).enumerate() {
                let mut changed = false;
                for &j in &players[player] {
                    let cols = self.columns[j].clone();
                    if current[cols.clone()] != x[cols.clone()] {
                        current[cols.clone()].copy_from_slice(&x[cols]);
                        changed = true;
                    }
                }
                if changed {
                    source[w * inner + step] = Some(rows.len() / self.width);
                    rows.extend_from_slice(&current);
                }
            }
        }
        let scored = self.eval_scaled(&rows, eval)?;
        let value = self.eval_scaled(x, eval)?.first().copied().ok_or_else(|| {
            ExplainError::Model(ModelError::Run("the model returned no row".into()))
        })?;
        let mut per_walk = vec![vec![0.0; n_players]; walks];
        let mut start_g = 0.0;
        for (w, order) in orders.iter().enumerate() {
            let mut previous = self.background_g[w % n];
            start_g += previous;
            for (step, &player) in order.iter().enumerate() {
                let next = if step < inner {
                    source[w * inner + step].map_or(previous, |r| scored[r])
                } else {
                    value
                };
                per_walk[w][player] = next - previous;
                previous = next;
            }
        }
        // The unit of variance is an antithetic pair (or a lone last walk).
        let units: Vec<Vec<f64>> = per_walk
            .chunks(2)
            .map(|pair| {
                (0..n_players)
                    .map(|p| pair.iter().map(|c| c[p]).sum::<f64>() / pair.len() as f64)
                    .collect()
            })
            .collect();
        let n_units = units.len() as f64;
        let mut contributions = vec![0.0; n_players];
        let mut half_width = vec![0.0; n_players];
        for p in 0..n_players {
            let sum: f64 = per_walk.iter().map(|c| c[p]).sum();
            contributions[p] = sum / walks as f64;
            let unit_mean = units.iter().map(|u| u[p]).sum::<f64>() / n_units;
            let var = units
                .iter()
                .map(|u| (u[p] - unit_mean).powi(2))
                .sum::<f64>()
                / (n_units - 1.0).max(1.0);
            half_width[p] = if units.len() > 1 {
                Z95 * (var / n_units).sqrt()
            } else {
                f64::INFINITY
            };
        }
        Ok(Attribution {
            scale: self.scale,
            method: Method::Sampled { walks },
            baseline: start_g / walks as f64,
            value,
            contributions,
            half_width,
        })
    }

    /// Mean absolute attribution per feature over `applicants` (encoded rows), each explained
    /// with `walks` walks (or exactly, for an additive model).
    pub fn global_importance(
        &self,
        applicants: &[f32],
        walks: usize,
        eval: Eval,
    ) -> Result<Vec<f64>, ExplainError> {
        let mut total = vec![0.0; self.columns.len()];
        let rows: Vec<&[f32]> = applicants.chunks_exact(self.width).collect();
        let players: Vec<Vec<usize>> = (0..self.columns.len()).map(|j| vec![j]).collect();
        for x in &rows {
            let attribution = match (&self.additive, &self.trees) {
                (Some(terms), _) => self.explain_additive(x, terms, eval)?,
                (None, Some(trees)) => self.explain_trees(x, trees),
                (None, None) => self.explain_sampled(x, &players, walks, eval)?,
            };
            for (t, c) in total.iter_mut().zip(&attribution.contributions) {
                *t += c.abs();
            }
        }
        let n = rows.len().max(1) as f64;
        Ok(total.into_iter().map(|t| t / n).collect())
    }

    /// Partial dependence of the model's score (not its log-odds) on feature `feature_idx`:
    /// for each of `values` (encoded columns of that feature), the mean score over the
    /// background with the feature set to it.
    pub fn partial_dependence(
        &self,
        feature_idx: usize,
        values: &[Vec<f32>],
        eval: Eval,
    ) -> Result<Vec<f64>, ExplainError> {
        let cols = self
            .columns
            .get(feature_idx)
            .cloned()
            .ok_or(ExplainError::UnknownFeature {
                player: 0,
                feature_idx,
            })?;
        if let Some(value) = values.iter().find(|v| v.len() != cols.len()) {
            return Err(ExplainError::ValueWidth {
                feature_idx,
                got: value.len(),
                width: cols.len(),
            });
        }
        let n = self.n_background();
        let mut rows = Vec::with_capacity(values.len() * self.background.len());
        for value in values {
            for b in 0..n {
                let start = rows.len();
                rows.extend_from_slice(self.background_row(b));
                rows[start + cols.start..start + cols.end].copy_from_slice(value);
            }
        }
        let scores = eval(&rows)?;
        Ok(scores
            .chunks(n)
            .map(|c| c.iter().map(|&s| f64::from(s)).sum::<f64>() / n as f64)
            .collect())
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

/// `walks` orders of `n_players` players: random ones (a fixed seed, so the same applicant
/// always gets the same estimate and a what-if change moves the bars only as much as the
/// model moves), each followed by its reverse.
fn antithetic_orders(n_players: usize, walks: usize) -> Vec<Vec<usize>> {
    let mut rng = SmallRng::seed_from_u64(0x5eed_5a3e);
    let mut orders: Vec<Vec<usize>> = Vec::with_capacity(walks);
    for w in 0..walks {
        let order = if w % 2 == 0 {
            let mut order: Vec<usize> = (0..n_players).collect();
            order.shuffle(&mut rng);
            order
        } else {
            orders[w - 1].iter().rev().copied().collect()
        };
        orders.push(order);
    }
    orders
}
