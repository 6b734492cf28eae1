//! One file scored as a stream of byte chunks: every row ends up scored or with a row error.
//!
//! The caller feeds chunks in order ([`Job::feed`]), then [`Job::finish`]es, then asks for the
//! flagged rows' reasons a slice at a time ([`Job::explain_next`]) so a worker can report
//! progress and obey Cancel between slices. Memory holds a score per row, not the rows: the
//! exports read the file again ([`super::export`]).

use super::columns::Mapping;
use super::records::{Fields, Item, Records};
use super::results::TextReport;
use super::row::{ReadRow, check_mapping, read_row, reason_columns, reason_walks, reasons_of};
use super::text::Transcoder;
use crate::applicant::{Applicant, Note, Value};
use crate::encoding;
use crate::evaluation::{bin_of, decile_edges, psi};
use crate::i18n::Localized;
use crate::manifest::{FeatureKind, Manifest};
use crate::scorer::Scorer;

pub use super::errors::{JobError, RowError, RowProblem};
pub use super::records::MAX_RECORD_BYTES;
pub use super::results::{BatchResults, Drift, GroupColumn, NoteCounts, ScoredRow};
/// A column with more distinct values than this is not offered as a fairness group.
pub const MAX_GROUPS: usize = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct JobSettings {
    /// Rows per model call.
    pub batch_rows: usize,
    /// Permutation walks per flagged row's reasons (sampled models; additive ones are exact).
    pub reason_walks: usize,
    /// Reasons kept per flagged row.
    pub reasons: usize,
}

impl Default for JobSettings {
    fn default() -> Self {
        JobSettings {
            batch_rows: 4096,
            reason_walks: 16,
            reasons: 3,
        }
    }
}

struct GroupTracker {
    column: usize,
    /// Category labels for a categorical feature's column.
    categorical: Option<usize>,
    values: Vec<String>,
    codes: Vec<u32>,
    overflow: bool,
}

/// Reference bins for one feature's drift.
enum FeatureBins {
    Edges(Vec<f64>, Vec<u64>),
    Categories(Vec<u64>),
}

/// A row waiting for its batch's model call.
struct Pending {
    row: u64,
    applicant: Applicant,
}

pub struct Job {
    transcoder: Transcoder,
    records: Records,
    state: JobState,
}

struct JobState {
    mapping: Mapping,
    settings: JobSettings,
    cutoff: f64,
    width: usize,
    pending_rows: Vec<f32>,
    pending: Vec<Pending>,
    /// Flagged rows waiting for reasons: (index into `scored`, applicant).
    flagged: Vec<(usize, Applicant)>,
    groups: Vec<GroupTracker>,
    feature_bins: Vec<FeatureBins>,
    feature_counts: Vec<Vec<u64>>,
    score_edges: Vec<f64>,
    score_reference: Vec<u64>,
    results: BatchResults,
}

impl Job {
    /// Prepares a job; the mapping must give every feature a column.
    pub fn new(scorer: &Scorer, mapping: Mapping, settings: JobSettings) -> Result<Job, JobError> {
        let manifest = scorer.manifest();
        check_mapping(&mapping, manifest)?;
        let n_columns = mapping.columns.len();
        let mut groups: Vec<GroupTracker> = mapping
            .spare_columns()
            .into_iter()
            .map(|column| GroupTracker {
                column,
                categorical: None,
                values: Vec::new(),
                codes: Vec::new(),
                overflow: false,
            })
            .collect();
        // Every feature's column may be a group: a category by its labels, a number by its
        // values while it has at most MAX_GROUPS of them (a 0/1 flag, a count).
        for (j, feature) in manifest.features.iter().enumerate() {
            if let Some(column) = mapping.features[j] {
                groups.push(GroupTracker {
                    column,
                    categorical: matches!(feature.kind, FeatureKind::Category(_)).then_some(j),
                    values: Vec::new(),
                    codes: Vec::new(),
                    overflow: false,
                });
            }
        }
        groups.sort_by_key(|g| g.column);
        let (feature_bins, score_edges, score_reference) = reference_bins(scorer)?;
        let feature_counts = feature_bins
            .iter()
            .map(|b| match b {
                FeatureBins::Edges(_, counts) | FeatureBins::Categories(counts) => {
                    vec![0; counts.len()]
                }
            })
            .collect();
        let reason_walks = reason_walks(scorer, settings.reason_walks);
        let results = BatchResults {
            model_id: manifest.id.clone(),
            columns: mapping.columns.clone(),
            rows: 0,
            blank_lines: 0,
            scored: Vec::new(),
            errors: Vec::new(),
            labels: Vec::new(),
            groups: Vec::new(),
            drift: Drift {
                score: None,
                features: Vec::new(),
                reference_rows: 0,
            },
            reason_walks,
            reason_columns: reason_columns(scorer, settings.reasons),
            bytes: 0,
            text: TextReport {
                encoding: mapping.encoding.clone(),
                replaced: 0,
            },
            value_notes: vec![NoteCounts::default(); manifest.features.len()],
        };
        let transcoder = Transcoder::new(&mapping.encoding);
        let records = Records::new(mapping.separator, n_columns);
        let state = JobState {
            cutoff: manifest.decision.cutoff,
            width: manifest.input_width(),
            mapping,
            settings,
            pending_rows: Vec::new(),
            pending: Vec::new(),
            flagged: Vec::new(),
            groups,
            feature_bins,
            feature_counts,
            score_edges,
            score_reference,
            results,
        };
        Ok(Job {
            transcoder,
            records,
            state,
        })
    }

    /// Data rows read so far.
    pub fn rows(&self) -> u64 {
        self.state.results.rows
    }

    pub fn bytes(&self) -> u64 {
        self.state.results.bytes
    }

    /// Reads the next chunk of the file; scores every full batch of rows.
    pub fn feed(&mut self, scorer: &Scorer, chunk: &[u8]) -> Result<(), JobError> {
        if chunk.is_empty() {
            return Ok(());
        }
        self.state.results.bytes += chunk.len() as u64;
        let state = &mut self.state;
        let text = self.transcoder.feed(chunk);
        // A chunk that decodes to nothing yet (half a UTF-16 unit) is not the file's end.
        if text.is_empty() {
            return Ok(());
        }
        self.records.feed(text, |item| state.item(scorer, item))
    }

    /// Reads the last record (a file need not end with a newline) and scores what is pending.
    /// Returns how many flagged rows wait for reasons.
    pub fn finish(&mut self, scorer: &Scorer) -> Result<usize, JobError> {
        let state = &mut self.state;
        let tail = self.transcoder.feed(&[]);
        if !tail.is_empty() {
            self.records.feed(tail, |item| state.item(scorer, item))?;
        }
        self.records.feed(&[], |item| state.item(scorer, item))?;
        self.state.results.text.replaced = self.transcoder.replaced() + self.records.undecodable();
        self.state.score_pending(scorer)?;
        // Reasons are popped from the end; reverse so they are computed in file order.
        self.state.flagged.reverse();
        Ok(self.state.flagged.len())
    }

    /// Computes reasons for up to `n` more flagged rows; returns how many are left.
    pub fn explain_next(&mut self, scorer: &Scorer, n: usize) -> usize {
        self.state.explain_next(scorer, n)
    }

    /// The results so far: after [`Job::finish`], every row's score, and the reasons
    /// [`Job::explain_next`] has found.
    pub fn results(&self) -> BatchResults {
        self.state.results()
    }

    /// The results; call after [`Job::finish`] (and [`Job::explain_next`] to taste).
    pub fn into_results(self) -> BatchResults {
        self.state.results()
    }

    /// The reasons found so far: (index into the results' `scored`, reasons), flagged rows only.
    pub fn reasons(&self) -> Vec<(u32, Vec<u16>)> {
        self.state
            .results
            .scored
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.reasons.is_empty())
            .map(|(k, r)| (k as u32, r.reasons.clone()))
            .collect()
    }
}

impl JobState {
    fn item(&mut self, scorer: &Scorer, item: Item<'_>) -> Result<(), JobError> {
        match item {
            Item::Header(_) => Ok(()),
            Item::Blank => {
                self.results.blank_lines += 1;
                Ok(())
            }
            Item::Oversized(row) => {
                self.results.rows = row;
                self.reject(
                    row,
                    vec![RowProblem::TooLong {
                        limit: MAX_RECORD_BYTES,
                    }],
                )
            }
            Item::Row(row, fields) => {
                self.results.rows = row;
                self.row(scorer, row, &fields)
            }
        }
    }

    fn row(&mut self, scorer: &Scorer, row: u64, fields: &Fields<'_>) -> Result<(), JobError> {
        let manifest = scorer.manifest();
        let ReadRow { applicant, label } = match read_row(&self.mapping, manifest, fields) {
            Ok(read) => read,
            Err(problems) => return self.reject(row, problems),
        };
        if let Some(label) = label {
            self.results.labels.push(label);
        }
        self.count_groups(manifest, &applicant, fields);
        self.count_bins(&applicant);
        self.count_notes(&applicant);
        let start = self.pending_rows.len();
        self.pending_rows.resize(start + self.width, 0.0);
        encoding::encode_into(manifest, &applicant, &mut self.pending_rows[start..])
            .map_err(|e| JobError::Mapping(e.message()))?;
        self.pending.push(Pending { row, applicant });
        if self.pending.len() >= self.settings.batch_rows {
            self.score_pending(scorer)?;
        }
        Ok(())
    }

    /// Adds the row to each fairness group column: its value's code (a categorical feature's
    /// label), until a column has more than [`MAX_GROUPS`] values.
    fn count_groups(&mut self, manifest: &Manifest, applicant: &Applicant, fields: &Fields<'_>) {
        for g in &mut self.groups {
            if g.overflow {
                continue;
            }
            let text = fields.get(g.column).map(str::trim).unwrap_or_default();
            let category_label = g.categorical.and_then(|j| {
                match (&manifest.features[j].kind, applicant.values().get(j)) {
                    (FeatureKind::Category(c), Some(Value::Category(k))) => {
                        c.categories.get(*k).map(|c| c.label.as_str())
                    }
                    _ => None,
                }
            });
            let value = category_label.unwrap_or(text);
            let code = match g.values.iter().position(|v| v == value) {
                Some(code) => code,
                None if g.values.len() < MAX_GROUPS => {
                    g.values.push(value.to_owned());
                    g.values.len() - 1
                }
                None => {
                    g.overflow = true;
                    continue;
                }
            };
            g.codes.push(code as u32);
        }
    }

    /// Adds the row's values to the drift bins of each feature.
    fn count_bins(&mut self, applicant: &Applicant) {
        for (j, value) in applicant.values().iter().enumerate() {
            // A model without a reference sample (a user's, brought without labelled data)
            // has no bins: no drift to count.
            let bin = match (self.feature_bins.get(j), value) {
                (Some(FeatureBins::Edges(edges, _)), Value::Number(x)) => Some(bin_of(edges, *x)),
                (Some(FeatureBins::Categories(_)), Value::Category(k)) => Some(*k),
                _ => None,
            };
            if let Some(count) = bin.and_then(|b| self.feature_counts[j].get_mut(b)) {
                *count += 1;
            }
        }
    }

    fn count_notes(&mut self, applicant: &Applicant) {
        for n in applicant.notes() {
            if let Some(counts) = self.results.value_notes.get_mut(n.feature_idx) {
                match n.note {
                    Note::Imputed => counts.imputed += 1,
                    Note::Outside => counts.outside += 1,
                    Note::Clamped { .. } => counts.clamped += 1,
                    Note::Unseen => counts.unseen += 1,
                }
            }
        }
    }

    fn reject(&mut self, row: u64, problems: Vec<RowProblem>) -> Result<(), JobError> {
        self.results.errors.push(RowError { row, problems });
        Ok(())
    }

    fn score_pending(&mut self, scorer: &Scorer) -> Result<(), JobError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let scores = scorer
            .predict_rows(&self.pending_rows)
            .map_err(|source| JobError::Model {
                first: self.pending.first().map_or(0, |p| p.row),
                last: self.pending.last().map_or(0, |p| p.row),
                source,
            })?;
        for (p, score) in self.pending.drain(..).zip(scores) {
            let notes = p.applicant.note_bits();
            if f64::from(score) >= self.cutoff {
                self.flagged.push((self.results.scored.len(), p.applicant));
            }
            self.results.scored.push(ScoredRow {
                row: p.row,
                score,
                reasons: Vec::new(),
                notes,
            });
        }
        self.pending_rows.clear();
        Ok(())
    }

    /// Rows whose attribution fails keep no reasons (the model itself scored them, so this
    /// does not happen with a working model).
    fn explain_next(&mut self, scorer: &Scorer, n: usize) -> usize {
        if scorer.explainer().is_none() {
            self.flagged.clear();
            return 0;
        }
        let mut x = vec![0.0; self.width];
        for _ in 0..n {
            let Some((idx, applicant)) = self.flagged.pop() else {
                break;
            };
            let walks = self.results.reason_walks;
            let keep = self.settings.reasons;
            if let (Some(reasons), Some(row)) = (
                reasons_of(scorer, &applicant, walks, keep, &mut x),
                self.results.scored.get_mut(idx),
            ) {
                row.reasons = reasons;
            }
        }
        self.flagged.len()
    }

    /// The results as they stand (drift and groups computed now); the job goes on.
    fn results(&self) -> BatchResults {
        let mut score_counts = vec![0u64; self.score_reference.len()];
        for r in &self.results.scored {
            if let Some(c) = score_counts.get_mut(bin_of(&self.score_edges, f64::from(r.score))) {
                *c += 1;
            }
        }
        let drift = Drift {
            reference_rows: self.score_reference.iter().sum::<u64>() as usize,
            score: psi(&self.score_reference, &score_counts),
            features: self
                .feature_bins
                .iter()
                .zip(&self.feature_counts)
                .map(|(bins, counts)| match bins {
                    FeatureBins::Edges(_, reference) | FeatureBins::Categories(reference) => {
                        psi(reference, counts)
                    }
                })
                .collect(),
        };
        let groups = self
            .groups
            .iter()
            .filter(|g| !g.overflow && !g.values.is_empty())
            .map(|g| GroupColumn {
                column: g.column,
                name: self.mapping.columns[g.column].clone(),
                values: g.values.clone(),
                codes: g.codes.clone(),
            })
            .collect();
        BatchResults {
            drift,
            groups,
            ..self.results.clone()
        }
    }
}

type ReferenceBins = (Vec<FeatureBins>, Vec<f64>, Vec<u64>);

/// Drift bins from the reference sample's background rows: deciles for numbers, one bin per
/// category, and deciles of the background's scores. Without a reference, no drift.
fn reference_bins(scorer: &Scorer) -> Result<ReferenceBins, JobError> {
    let manifest: &Manifest = scorer.manifest();
    let Some(reference) = scorer.reference() else {
        return Ok((Vec::new(), Vec::new(), Vec::new()));
    };
    let background = &reference.background;
    let mut bins = Vec::with_capacity(manifest.features.len());
    for (j, feature) in manifest.features.iter().enumerate() {
        match &feature.kind {
            FeatureKind::Category(c) => {
                let mut counts = vec![0u64; c.categories.len()];
                for a in background {
                    if let Some(Value::Category(k)) = a.values().get(j)
                        && let Some(count) = counts.get_mut(*k)
                    {
                        *count += 1;
                    }
                }
                bins.push(FeatureBins::Categories(counts));
            }
            FeatureKind::Number(_) | FeatureKind::Integer(_) => {
                let values: Vec<f64> = background
                    .iter()
                    .filter_map(|a| match a.values().get(j) {
                        Some(Value::Number(x)) => Some(*x),
                        _ => None,
                    })
                    .collect();
                let edges = decile_edges(&values);
                let mut counts = vec![0u64; edges.len() + 1];
                for &x in &values {
                    counts[bin_of(&edges, x)] += 1;
                }
                bins.push(FeatureBins::Edges(edges, counts));
            }
        }
    }
    let scores: Vec<f64> = scorer
        .predict(background)
        .map_err(|e| JobError::Mapping(e.message()))?
        .into_iter()
        .map(f64::from)
        .collect();
    let edges = decile_edges(&scores);
    let mut counts = vec![0u64; edges.len() + 1];
    for &s in &scores {
        counts[bin_of(&edges, s)] += 1;
    }
    Ok((bins, edges, counts))
}
