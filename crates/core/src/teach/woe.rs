//! A scorecard's evidence: per attribute bin, the bad and good counts of a labelled file, the
//! weight of evidence the model uses, and the information value of each attribute.
//!
//! The counts come from the model's bundled sample: for German Credit it is the very 1,000 rows
//! the shipped bins were fitted on, so recomputing each bin's WOE from its counts (with the
//! pipeline's +0.5, `models/pipeline/riskscope_train/woe.py`) gives the manifest's WOE back;
//! [`Evidence::max_woe_gap`] says how closely, and the page says so.

use serde::Serialize;

use super::TeachError;
use crate::batch::{Mapping, read_head};
use crate::i18n::Message;
use crate::manifest::{EncodingBlock, EncodingKind, Manifest, WoeBin};

/// The pipeline adds this to every count so an empty class gives a finite WOE (woe.py).
const SMOOTHING: f64 = 0.5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BinEvidence {
    pub bad: u64,
    pub good: u64,
    /// The WOE the model uses (the manifest's).
    pub woe: f64,
    /// The WOE the counts give, with the pipeline's smoothing.
    pub woe_from_counts: f64,
    /// `(share of bads - share of goods) × woe`: the bin's part of the information value.
    pub iv: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeEvidence {
    pub feature_idx: usize,
    /// One per bin, in the manifest's order.
    pub bins: Vec<BinEvidence>,
    /// Information value: the sum of the bins' parts.
    pub iv: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub rows: u64,
    pub bad: u64,
    pub good: u64,
    /// In encoding-block order.
    pub attributes: Vec<AttributeEvidence>,
    /// The largest difference between a bin's WOE from the counts and the manifest's: near 0
    /// when the file holds the rows the bins were fitted on.
    pub max_woe_gap: f64,
}

/// Counts each attribute's bins over a labelled CSV (the header names the features and a label
/// column as batch scoring matches them) and derives WOE and information value.
pub fn evidence(manifest: &Manifest, csv_bytes: &[u8]) -> Result<Evidence, TeachError> {
    if manifest.scorecard.is_none() {
        return Err(TeachError::NotAScorecard);
    }
    let bytes = csv_bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv_bytes);
    let head = read_head(bytes).map_err(|e| {
        TeachError::Sample(Message::new("teach-sample-unreadable").arg("error", e.to_string()))
    })?;
    let mapping = Mapping::propose(manifest, &head);
    if let Some(name) = mapping.unmatched(manifest).first() {
        return Err(TeachError::Sample(
            Message::new("teach-sample-no-column").arg("feature", *name),
        ));
    }
    let label = mapping
        .label
        .clone()
        .ok_or_else(|| TeachError::Sample(Message::new("teach-sample-no-label")))?;
    let blocks: Vec<(usize, &EncodingBlock, &Vec<WoeBin>)> = manifest
        .blocks()
        .filter_map(|(block, feature_idx)| match &block.kind {
            EncodingKind::Woe { bins } => Some((feature_idx, block, bins)),
            _ => None,
        })
        .collect();
    let mut counts: Vec<Vec<(u64, u64)>> = blocks
        .iter()
        .map(|(_, _, b)| vec![(0, 0); b.len()])
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(head.separator)
        .has_headers(true)
        .from_reader(bytes);
    let (mut bad, mut good) = (0u64, 0u64);
    for (row_idx, record) in reader.records().enumerate() {
        let row = (row_idx + 1).to_string();
        let at = |error: String| {
            TeachError::Sample(
                Message::new("teach-sample-row")
                    .arg("row", row.as_str())
                    .arg("error", error),
            )
        };
        let record = record.map_err(|e| at(e.to_string()))?;
        let applicant = mapping
            .applicant(manifest, |c| record.get(c))
            .map_err(|e| at(e.to_string()))?;
        let text = record.get(label.column).unwrap_or_default().trim();
        let is_bad = if text == label.positive {
            true
        } else if text == label.negative {
            false
        } else {
            return Err(TeachError::Sample(
                Message::new("teach-sample-row-label")
                    .arg("row", row.as_str())
                    .arg("label", text)
                    .arg("positive", label.positive.as_str())
                    .arg("negative", label.negative.as_str()),
            ));
        };
        if is_bad {
            bad += 1;
        } else {
            good += 1;
        }
        for (block_idx, (feature_idx, block, _)) in blocks.iter().enumerate() {
            let value = applicant.values()[*feature_idx];
            let bin = block
                .woe_bin(&manifest.features[*feature_idx], value)
                .ok_or_else(|| {
                    TeachError::Sample(
                        Message::new("teach-sample-row-no-bin")
                            .arg("row", row.as_str())
                            .arg("feature", manifest.features[*feature_idx].name.as_str()),
                    )
                })?;
            let cell = &mut counts[block_idx][bin];
            if is_bad {
                cell.0 += 1;
            } else {
                cell.1 += 1;
            }
        }
    }
    if bad == 0 || good == 0 {
        return Err(TeachError::Sample(Message::new("teach-sample-one-class")));
    }
    Ok(summarise(&blocks, &counts, bad, good))
}

/// WOE and information value of every bin from its bad and good counts (the pipeline's +0.5
/// smoothing), beside the manifest's WOE.
fn summarise(
    blocks: &[(usize, &EncodingBlock, &Vec<WoeBin>)],
    counts: &[Vec<(u64, u64)>],
    bad: u64,
    good: u64,
) -> Evidence {
    let (b, g) = (bad as f64, good as f64);
    let mut max_woe_gap: f64 = 0.0;
    let attributes = blocks
        .iter()
        .zip(counts)
        .map(|((feature_idx, _, bins), counts)| {
            let bins: Vec<BinEvidence> = bins
                .iter()
                .zip(counts)
                .map(|(bin, &(n_bad, n_good))| {
                    let woe_from_counts = (((n_bad as f64 + SMOOTHING) / (b + SMOOTHING))
                        / ((n_good as f64 + SMOOTHING) / (g + SMOOTHING)))
                        .ln();
                    max_woe_gap = max_woe_gap.max((woe_from_counts - bin.woe).abs());
                    BinEvidence {
                        bad: n_bad,
                        good: n_good,
                        woe: bin.woe,
                        woe_from_counts,
                        iv: (n_bad as f64 / b - n_good as f64 / g) * bin.woe,
                    }
                })
                .collect();
            AttributeEvidence {
                feature_idx: *feature_idx,
                iv: bins.iter().map(|x| x.iv).sum(),
                bins,
            }
        })
        .collect();
    Evidence {
        rows: bad + good,
        bad,
        good,
        attributes,
        max_woe_gap,
    }
}
