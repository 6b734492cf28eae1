//! What a finished (or running) batch job holds: every scored row, every row error, labels,
//! fairness groups and drift.

use serde::{Deserialize, Serialize};

use super::errors::RowError;
use super::text::TextEncoding;

#[derive(Debug, Clone, PartialEq)]
pub struct ScoredRow {
    pub row: u64,
    pub score: f32,
    /// For a row flagged at the model's cut-off: the features pushing its score up most
    /// (manifest indices, largest first).
    pub reasons: Vec<u16>,
    /// The row's value notes' bits ([`crate::applicant::Note::bit`]); 0 when every value was
    /// scored as given.
    pub notes: u8,
}

/// `BatchResults::scored` in serde: one packed column per field ([`crate::wire`]), since a
/// file has up to millions of rows.
mod scored_columns {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::ScoredRow;
    use crate::wire::{packed, packed_lists};

    #[derive(Serialize, Deserialize)]
    struct Columns {
        #[serde(with = "packed")]
        row: Vec<u64>,
        #[serde(with = "packed")]
        score: Vec<f32>,
        #[serde(with = "packed")]
        reason_counts: Vec<u16>,
        #[serde(with = "packed")]
        reasons: Vec<u16>,
        #[serde(with = "packed")]
        notes: Vec<u8>,
    }

    pub fn serialize<S: Serializer>(rows: &[ScoredRow], s: S) -> Result<S::Ok, S::Error> {
        let lists: Vec<&[u16]> = rows.iter().map(|r| r.reasons.as_slice()).collect();
        let (reason_counts, reasons) = packed_lists::to_columns(&lists);
        Columns {
            row: rows.iter().map(|r| r.row).collect(),
            score: rows.iter().map(|r| r.score).collect(),
            reason_counts,
            reasons,
            notes: rows.iter().map(|r| r.notes).collect(),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ScoredRow>, D::Error> {
        let c = Columns::deserialize(d)?;
        if c.row.len() != c.score.len()
            || c.row.len() != c.reason_counts.len()
            || c.row.len() != c.notes.len()
        {
            return Err(D::Error::custom("scored rows' columns differ in length"));
        }
        let reasons =
            packed_lists::from_columns(&c.reason_counts, &c.reasons).map_err(D::Error::custom)?;
        Ok(c.row
            .into_iter()
            .zip(c.score)
            .zip(reasons)
            .zip(c.notes)
            .map(|(((row, score), reasons), notes)| ScoredRow {
                row,
                score,
                reasons,
                notes,
            })
            .collect())
    }
}

/// The distinct values of one column over the scored rows, for fairness groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupColumn {
    pub column: usize,
    pub name: String,
    /// The values as written, or the category's label for a categorical feature.
    pub values: Vec<String>,
    /// Per scored row, its index into `values`.
    #[serde(with = "crate::wire::packed")]
    pub codes: Vec<u32>,
}

/// Population stability of the file against the model's reference sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drift {
    pub score: Option<f64>,
    /// Per manifest feature.
    pub features: Vec<Option<f64>>,
    /// The rows of the reference sample the file is compared with (0 without one).
    #[serde(default)]
    pub reference_rows: usize,
}

/// Everything a finished job knows; plain data, sent whole from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchResults {
    pub model_id: String,
    pub columns: Vec<String>,
    /// Data rows read (the header not counted, blank lines not counted).
    pub rows: u64,
    pub blank_lines: u64,
    #[serde(with = "scored_columns")]
    pub scored: Vec<ScoredRow>,
    pub errors: Vec<RowError>,
    /// Per scored row, whether it is a positive; empty when the file has no label column.
    #[serde(with = "crate::wire::packed")]
    pub labels: Vec<bool>,
    pub groups: Vec<GroupColumn>,
    pub drift: Drift,
    /// Walks used for the reasons; 0 when they are exact (additive model).
    pub reason_walks: usize,
    /// The reason columns of the file's export ([`super::row::reason_columns`]).
    #[serde(default = "one")]
    pub reason_columns: usize,
    pub bytes: u64,
    /// How the file's text was read.
    pub text: TextReport,
    /// Per manifest feature, how many scored rows had its value imputed, outside the training
    /// range, clamped to it, or a category the model has not seen.
    pub value_notes: Vec<NoteCounts>,
}

/// How many scored rows carry each kind of note for one feature.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteCounts {
    pub imputed: u64,
    pub outside: u64,
    pub clamped: u64,
    /// A category the model's encoder has not seen, scored as it scores any such value.
    #[serde(default)]
    pub unseen: u64,
}

impl NoteCounts {
    pub fn total(&self) -> u64 {
        self.imputed + self.outside + self.clamped + self.unseen
    }
}

/// The file's text encoding, and how many byte sequences could not be read in it (each
/// written as U+FFFD where the export copies the file's cells).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextReport {
    pub encoding: TextEncoding,
    pub replaced: u64,
}

fn one() -> usize {
    1
}

impl BatchResults {
    pub fn has_labels(&self) -> bool {
        !self.scored.is_empty() && self.labels.len() == self.scored.len()
    }

    pub fn scores(&self) -> Vec<f32> {
        self.scored.iter().map(|r| r.score).collect()
    }

    /// Scored rows with at least one value not scored as given.
    pub fn noted_rows(&self) -> u64 {
        self.scored.iter().filter(|r| r.notes != 0).count() as u64
    }

    /// The results of the rows whose every value was scored as given: the others' scores,
    /// labels and fairness groups are left out (row errors, drift and counts stay the file's).
    pub fn without_noted(&self) -> BatchResults {
        let keep: Vec<bool> = self.scored.iter().map(|r| r.notes == 0).collect();
        let kept = |k: &usize| keep.get(*k).copied().unwrap_or(false);
        BatchResults {
            scored: self
                .scored
                .iter()
                .filter(|r| r.notes == 0)
                .cloned()
                .collect(),
            labels: (0..self.labels.len())
                .filter(kept)
                .map(|k| self.labels[k])
                .collect(),
            groups: self
                .groups
                .iter()
                .map(|g| GroupColumn {
                    codes: (0..g.codes.len())
                        .filter(kept)
                        .map(|k| g.codes[k])
                        .collect(),
                    ..g.clone()
                })
                .collect(),
            ..self.clone()
        }
    }
}
