//! Counterfactual recourse: the smallest changes to a flagged applicant's attributes that clear
//! the decision, searched with the model as a black box.
//!
//! A beam search over the raw attributes: each level changes one more attribute, trying for
//! each free attribute every other category, or numbers at the deciles of the reference
//! background within the training range and the allowed direction. Every child of a level is
//! scored in one batch. A clearing child is then made minimal: each number is moved back toward
//! the applicant's value by bisection while the decision stays cleared, and any change that is
//! not needed is undone. Up to three suggestions with different sets of changed attributes are
//! kept, cheapest first. Immutable attributes and the user's locks are never changed; the locks
//! start from the manifest's (`default_locks`), and a category only makes the moves its manifest
//! allows. A suggestion farther from every applicant of the reference sample than nearly all of
//! them are from each other (`plausibility_bound`), and farther than the applicant is, is off the
//! data and not offered.

use thiserror::Error;

use crate::applicant::{Applicant, Value};
use crate::i18n::{Localized, Message};
use crate::manifest::{FeatureKind, Manifest, Numeric};
use crate::reference::Reference;
use crate::scorer::{ScoreError, Scorer};

pub use crate::manifest::Lock;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub feature_idx: usize,
    pub from: Value,
    pub to: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Counterfactual {
    pub applicant: Applicant,
    pub changes: Vec<Change>,
    /// The model's score of the changed applicant (below the cut-off).
    pub score: f32,
    /// One per changed attribute, plus each number's move in robust standard deviations.
    pub cost: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchSettings {
    /// Most attributes changed in one suggestion.
    pub max_changes: usize,
    /// States kept per level.
    pub beam: usize,
    pub n_suggestions: usize,
    /// Bisection steps when shrinking a number's change.
    pub bisection_steps: usize,
}

impl Default for SearchSettings {
    fn default() -> SearchSettings {
        SearchSettings {
            max_changes: 4,
            beam: 12,
            n_suggestions: 3,
            bisection_steps: 10,
        }
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum RecourseError {
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error("{n_locks} locks given for {n_features} attributes")]
    Locks { n_locks: usize, n_features: usize },
}

impl Localized for RecourseError {
    fn message(&self) -> Message {
        match self {
            RecourseError::Score(e) => e.message(),
            RecourseError::Locks {
                n_locks,
                n_features,
            } => Message::new("support-recourse-locks")
                .arg("locks", *n_locks)
                .arg("features", *n_features),
        }
    }
}

/// The locks recourse starts from: the manifest's (`recourse.lock`), immutable attributes fixed.
pub fn default_locks(manifest: &Manifest) -> Vec<Lock> {
    manifest
        .features
        .iter()
        .map(|f| {
            if f.immutable {
                Lock::Fixed
            } else {
                f.recourse.lock
            }
        })
        .collect()
}

/// The effective lock of each attribute: the user's, with immutable attributes fixed.
pub fn effective_locks(manifest: &Manifest, locks: &[Lock]) -> Vec<Lock> {
    manifest
        .features
        .iter()
        .enumerate()
        .map(|(j, f)| {
            if f.immutable {
                Lock::Fixed
            } else {
                locks.get(j).copied().unwrap_or_default()
            }
        })
        .collect()
}

/// Per number feature: how far counts as one unit of change (1.4826 x the background's median
/// absolute deviation, falling back to a quarter of the training range); 1 for a category.
pub fn scales(manifest: &Manifest, reference: Option<&Reference>) -> Vec<f64> {
    manifest
        .features
        .iter()
        .enumerate()
        .map(|(j, f)| match &f.kind {
            FeatureKind::Category(_) => 1.0,
            FeatureKind::Number(n) | FeatureKind::Integer(n) => {
                let (lo, hi) = allowed_range(n);
                let fallback = ((hi - lo) / 4.0).max(1e-9);
                let values = background_numbers(reference, j);
                let Some(median) = quantile(&values, 0.5) else {
                    return fallback;
                };
                let deviations: Vec<f64> = values.iter().map(|v| (v - median).abs()).collect();
                match quantile(&deviations, 0.5) {
                    Some(mad) if mad > 0.0 => 1.4826 * mad,
                    _ => fallback,
                }
            }
        })
        .collect()
}

/// Where a number may be moved: the manifest's range, within the training range if known.
fn allowed_range(n: &Numeric) -> (f64, f64) {
    match n.training_range {
        Some([lo, hi]) => (lo.max(n.min), hi.min(n.max)),
        None => (n.min, n.max),
    }
}

fn background_numbers(reference: Option<&Reference>, feature_idx: usize) -> Vec<f64> {
    let mut values: Vec<f64> = reference
        .map(|r| {
            r.background
                .iter()
                .filter_map(|a| match a.values().get(feature_idx) {
                    Some(Value::Number(x)) => Some(*x),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    values.sort_by(f64::total_cmp);
    values
}

/// The q-quantile of sorted values (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let idx = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted.get(idx).copied()
}

/// The values the search tries for one attribute.
fn candidates(
    manifest: &Manifest,
    reference: Option<&Reference>,
    feature_idx: usize,
    current: Value,
    lock: Lock,
) -> Vec<Value> {
    let Some(feature) = manifest.features.get(feature_idx) else {
        return Vec::new();
    };
    if lock == Lock::Fixed {
        return Vec::new();
    }
    match (&feature.kind, current) {
        // "Any other value" is no change a person can make.
        (FeatureKind::Category(c), Value::Category(k)) => (0..c.categories.len())
            .filter(|&i| i != k && !c.categories[i].unseen && feature.may_move(k, i))
            .map(Value::Category)
            .collect(),
        (FeatureKind::Number(n) | FeatureKind::Integer(n), Value::Number(x)) => {
            let integer = matches!(feature.kind, FeatureKind::Integer(_));
            let (lo, hi) = allowed_range(n);
            let background = background_numbers(reference, feature_idx);
            let mut values: Vec<f64> = (1..10)
                .filter_map(|d| quantile(&background, f64::from(d) / 10.0))
                .chain([lo, hi])
                .map(|v| if integer { v.round() } else { v })
                .filter(|v| (lo..=hi).contains(v) && (n.min..=n.max).contains(v))
                .filter(|&v| match lock {
                    Lock::UpOnly => v > x,
                    Lock::DownOnly => v < x,
                    _ => v != x,
                })
                .collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            values.into_iter().map(Value::Number).collect()
        }
        _ => Vec::new(),
    }
}

struct Search<'a> {
    scorer: &'a Scorer,
    manifest: &'a Manifest,
    original: &'a Applicant,
    scales: Vec<f64>,
    cutoff: f64,
    /// The farthest a suggestion may lie from its nearest reference applicant; `None` without a
    /// reference sample.
    plausible_within: Option<f64>,
    /// The user's permitted range per number feature (bisection stays inside it).
    ranges: Vec<Option<[f64; 2]>>,
}

/// Rows of the reference background measured for the plausibility bound (evenly spaced).
const PLAUSIBILITY_ROWS: usize = 200;
/// The share of reference applicants at least as close to another as a suggestion must be.
const PLAUSIBILITY_QUANTILE: f64 = 0.95;

/// The distance between two applicants: each number's difference in robust standard
/// deviations (`scales`), plus one for each category that differs.
pub fn distance(scales: &[f64], a: &Applicant, b: &Applicant) -> f64 {
    a.values()
        .iter()
        .zip(b.values())
        .zip(scales)
        .map(|((x, y), scale)| match (x, y) {
            (Value::Number(x), Value::Number(y)) => (x - y).abs() / scale,
            (x, y) => f64::from(u8::from(x != y)),
        })
        .sum()
}

/// The distance from `applicant` to the nearest background row other than the one at `skip`.
fn nearest(
    scales: &[f64],
    background: &[Applicant],
    applicant: &Applicant,
    skip: Option<usize>,
) -> f64 {
    background
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, b)| distance(scales, applicant, b))
        .fold(f64::INFINITY, f64::min)
}

/// How close to a real applicant a suggestion must stay: the [`PLAUSIBILITY_QUANTILE`] of the
/// reference rows' own distances to their nearest other row (over up to
/// [`PLAUSIBILITY_ROWS`] of them); `None` without a reference of two rows or more.
pub fn plausibility_bound(manifest: &Manifest, reference: Option<&Reference>) -> Option<f64> {
    bound_of(&scales(manifest, reference), &reference?.background)
}

/// [`plausibility_bound`] with the scales at hand.
fn bound_of(scales: &[f64], background: &[Applicant]) -> Option<f64> {
    if background.len() < 2 {
        return None;
    }
    let step = background.len().div_ceil(PLAUSIBILITY_ROWS).max(1);
    let mut distances: Vec<f64> = (0..background.len())
        .step_by(step)
        .map(|i| nearest(scales, background, &background[i], Some(i)))
        .collect();
    distances.sort_by(f64::total_cmp);
    quantile(&distances, PLAUSIBILITY_QUANTILE)
}

impl<'a> Search<'a> {
    fn new(
        scorer: &'a Scorer,
        applicant: &'a Applicant,
        cutoff: f64,
        ranges: &[Option<[f64; 2]>],
    ) -> Search<'a> {
        let manifest = scorer.manifest();
        let reference = scorer.reference();
        let scales = scales(manifest, reference);
        // An applicant already unlike any other (a fraud among legitimate transactions) is not
        // asked to become ordinary: a suggestion must only not be farther off than they are.
        let plausible_within = reference
            .and_then(|r| bound_of(&scales, &r.background))
            .map(|bound| {
                let own =
                    reference.map_or(0.0, |r| nearest(&scales, &r.background, applicant, None));
                bound.max(own)
            });
        Search {
            scorer,
            manifest,
            original: applicant,
            scales,
            cutoff,
            plausible_within,
            ranges: ranges.to_vec(),
        }
    }

    fn clears(&self, score: f32) -> bool {
        f64::from(score) < self.cutoff
    }

    fn changes(&self, applicant: &Applicant) -> Vec<Change> {
        self.original
            .values()
            .iter()
            .zip(applicant.values())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(feature_idx, (&from, &to))| Change {
                feature_idx,
                from,
                to,
            })
            .collect()
    }

    fn cost(&self, changes: &[Change]) -> f64 {
        changes
            .iter()
            .map(|c| match (c.from, c.to) {
                (Value::Number(a), Value::Number(b)) => {
                    1.0 + (a - b).abs() / self.scales[c.feature_idx]
                }
                _ => 1.0,
            })
            .sum()
    }

    fn score_one(&self, applicant: &Applicant) -> Result<f32, ScoreError> {
        self.scorer
            .predict(std::slice::from_ref(applicant))?
            .first()
            .copied()
            .ok_or_else(|| {
                ScoreError::Model(crate::model::ModelError::Run(
                    "the model returned no row".into(),
                ))
            })
    }

    /// Shrinks each change as far as the decision stays cleared, then undoes unneeded ones.
    fn minimise(
        &self,
        mut applicant: Applicant,
        mut score: f32,
        steps: usize,
    ) -> Result<(Applicant, f32), ScoreError> {
        // Undo whole changes first, the most expensive first, then shrink the numbers left.
        let mut changes = self.changes(&applicant);
        changes.sort_by(|a, b| self.cost(&[*b]).total_cmp(&self.cost(&[*a])));
        for change in &changes {
            let Ok(undone) = applicant.with_value(self.manifest, change.feature_idx, change.from)
            else {
                continue;
            };
            let s = self.score_one(&undone)?;
            if self.clears(s) {
                applicant = undone;
                score = s;
            }
        }
        for change in self.changes(&applicant) {
            let (Value::Number(from), Value::Number(to)) = (change.from, change.to) else {
                continue;
            };
            let integer = matches!(
                self.manifest.features[change.feature_idx].kind,
                FeatureKind::Integer(_)
            );
            // Invariant: `far` clears, `near` (the original side) is not known to.
            let (mut near, mut far) = (from, to);
            for _ in 0..steps {
                let mut mid = (near + far) / 2.0;
                if integer {
                    mid = if far > near { mid.ceil() } else { mid.floor() };
                }
                if mid == far
                    || mid == near
                    || !permitted(&self.ranges, change.feature_idx, Value::Number(mid))
                {
                    break;
                }
                let Ok(trial) =
                    applicant.with_value(self.manifest, change.feature_idx, Value::Number(mid))
                else {
                    break;
                };
                let s = self.score_one(&trial)?;
                if self.clears(s) {
                    far = mid;
                    applicant = trial;
                    score = s;
                } else {
                    near = mid;
                }
            }
        }
        Ok((applicant, score))
    }
}

/// Up to `settings.n_suggestions` counterfactuals that clear a flagged applicant at `cutoff`,
/// cheapest first, each with a different set of changed attributes; none when the applicant is
/// already cleared or nothing within the locks clears it.
pub fn counterfactuals(
    scorer: &Scorer,
    applicant: &Applicant,
    locks: &[Lock],
    cutoff: f64,
    settings: SearchSettings,
) -> Result<Vec<Counterfactual>, RecourseError> {
    counterfactuals_within(scorer, applicant, locks, &[], cutoff, settings)
}

/// A number feature's value is allowed by the user's permitted ranges (`ranges[j]`, where
/// given; a feature without one, or past the list's end, allows any).
fn permitted(ranges: &[Option<[f64; 2]>], feature_idx: usize, value: Value) -> bool {
    match (ranges.get(feature_idx).copied().flatten(), value) {
        (Some([lo, hi]), Value::Number(x)) => (lo..=hi).contains(&x),
        _ => true,
    }
}

/// [`counterfactuals`] that move each number only within the user's permitted range
/// (`ranges[j]`, where given): DiCE's "permitted range".
pub fn counterfactuals_within(
    scorer: &Scorer,
    applicant: &Applicant,
    locks: &[Lock],
    ranges: &[Option<[f64; 2]>],
    cutoff: f64,
    settings: SearchSettings,
) -> Result<Vec<Counterfactual>, RecourseError> {
    let manifest = scorer.manifest();
    if locks.len() != manifest.features.len() {
        return Err(RecourseError::Locks {
            n_locks: locks.len(),
            n_features: manifest.features.len(),
        });
    }
    if applicant.values().len() != manifest.features.len() {
        return Err(RecourseError::Score(ScoreError::Foreign(
            crate::encoding::ForeignApplicant {
                manifest_id: manifest.id.clone(),
            },
        )));
    }
    let reference = scorer.reference();
    let locks = effective_locks(manifest, locks);
    let search = Search::new(scorer, applicant, cutoff, ranges);
    let start = search.score_one(applicant)?;
    if search.clears(start) {
        return Ok(Vec::new());
    }
    let options: Vec<Vec<Value>> = (0..manifest.features.len())
        .map(|j| {
            let mut values = candidates(manifest, reference, j, applicant.values()[j], locks[j]);
            values.retain(|&v| permitted(ranges, j, v));
            values
        })
        .collect();

    let mut beam: Vec<Applicant> = vec![applicant.clone()];
    let mut found: Vec<(Applicant, f32)> = Vec::new();
    for _level in 0..settings.max_changes {
        let mut children: Vec<Applicant> = Vec::new();
        for state in &beam {
            let changed = search.changes(state);
            for (j, values) in options.iter().enumerate() {
                if changed.iter().any(|c| c.feature_idx == j) {
                    continue;
                }
                children.extend(
                    values
                        .iter()
                        .filter_map(|&v| state.with_value(manifest, j, v).ok()),
                );
            }
        }
        if children.is_empty() {
            break;
        }
        let scores = scorer.predict(&children)?;
        let mut open: Vec<(f64, Applicant)> = Vec::new();
        for (child, score) in children.into_iter().zip(scores) {
            if search.clears(score) {
                found.push((child, score));
            } else {
                // Rank unfinished states by how far they still are from the cut-off, then cost.
                let rank = f64::from(score) + 1e-3 * search.cost(&search.changes(&child));
                open.push((rank, child));
            }
        }
        if found.len() >= 4 * settings.n_suggestions {
            break;
        }
        open.sort_by(|a, b| a.0.total_cmp(&b.0));
        beam.clear();
        let mut seen_sets: Vec<Vec<usize>> = Vec::new();
        for (_, child) in open {
            if beam.len() >= settings.beam {
                break;
            }
            let set: Vec<usize> = search
                .changes(&child)
                .iter()
                .map(|c| c.feature_idx)
                .collect();
            // Diverse beam: one state per set of changed attributes.
            if !seen_sets.contains(&set) {
                seen_sets.push(set);
                beam.push(child);
            }
        }
    }

    choose(&search, found, &settings)
}

/// The clearing states found, each minimised (needless changes undone, numbers bisected toward
/// the original), cheapest first, keeping at most `settings.n_suggestions` whose sets of
/// changed attributes do not contain an already chosen one's.
fn choose(
    search: &Search<'_>,
    found: Vec<(Applicant, f32)>,
    settings: &SearchSettings,
) -> Result<Vec<Counterfactual>, RecourseError> {
    let mut suggestions: Vec<Counterfactual> = Vec::new();
    for (candidate, score) in found {
        let (minimal, score) = search.minimise(candidate, score, settings.bisection_steps)?;
        // Off the data: no real applicant of the reference sample is anything like it.
        if let (Some(bound), Some(reference)) = (search.plausible_within, search.scorer.reference())
            && nearest(&search.scales, &reference.background, &minimal, None) > bound
        {
            continue;
        }
        let changes = search.changes(&minimal);
        let cost = search.cost(&changes);
        suggestions.push(Counterfactual {
            applicant: minimal,
            changes,
            score,
            cost,
        });
    }
    suggestions.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    let mut chosen: Vec<Counterfactual> = Vec::new();
    for suggestion in suggestions {
        let set: Vec<usize> = suggestion.changes.iter().map(|c| c.feature_idx).collect();
        let covers_chosen = chosen.iter().any(|c| {
            c.changes
                .iter()
                .all(|change| set.contains(&change.feature_idx))
        });
        if !covers_chosen && chosen.len() < settings.n_suggestions {
            chosen.push(suggestion);
        }
    }
    Ok(chosen)
}
