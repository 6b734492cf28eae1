//! One data row's outcome, as every reader of a file decides it: the page's job
//! ([`super::job`]) and the command line's blocks ([`super::block`]) call these same functions,
//! so a row is scored, refused or explained the same way whichever reads it.

use super::columns::Mapping;
use super::errors::{JobError, RowProblem, cut, shorten};
use super::records::Fields;
use crate::applicant::Applicant;
use crate::encoding;
use crate::manifest::Manifest;
use crate::scorer::Scorer;

/// A row that can be scored: its applicant, and its label when the mapping has a label column.
pub(crate) struct ReadRow {
    pub applicant: Applicant,
    pub label: Option<bool>,
}

/// The mapping gives every feature a column, and every column it names is in the header.
pub(crate) fn check_mapping(mapping: &Mapping, manifest: &Manifest) -> Result<(), JobError> {
    let unmatched = mapping.unmatched(manifest);
    if !unmatched.is_empty() || mapping.features.len() != manifest.features.len() {
        return Err(JobError::Unmatched(
            unmatched.iter().map(|name| (*name).to_owned()).collect(),
        ));
    }
    let n_columns = mapping.columns.len();
    let label_past = mapping
        .label
        .as_ref()
        .is_some_and(|l| l.column >= n_columns);
    if mapping.features.iter().flatten().any(|&c| c >= n_columns) || label_past {
        return Err(JobError::PastHeader);
    }
    Ok(())
}

/// Reads a data row through the mapping: the applicant and the label, or every problem found.
pub(crate) fn read_row(
    mapping: &Mapping,
    manifest: &Manifest,
    fields: &Fields<'_>,
) -> Result<ReadRow, Vec<RowProblem>> {
    let n_columns = mapping.columns.len();
    if fields.len() != n_columns {
        return Err(vec![RowProblem::FieldCount {
            expected: n_columns,
            found: fields.len(),
        }]);
    }
    let mut problems = Vec::new();
    // A cell that is not text must not read as missing (and be imputed): it reads as a
    // replacement character, which no feature accepts, and is reported as not text below.
    let parsed = mapping.applicant(manifest, |c| {
        fields
            .get(c)
            .or_else(|| (!fields.raw(c).is_empty()).then_some("\u{FFFD}"))
    });
    let applicant = match parsed {
        Ok(applicant) => Some(applicant),
        Err(errors) => {
            for e in errors.0 {
                let column_idx = mapping.features.get(e.feature_idx).copied().flatten();
                let column = column_idx
                    .and_then(|c| mapping.columns.get(c).cloned())
                    .unwrap_or(e.feature);
                // Text that is not UTF-8 reads as missing; say what it really is.
                let raw = column_idx.map(|c| fields.raw(c)).unwrap_or_default();
                if std::str::from_utf8(raw).is_err() {
                    problems.push(RowProblem::NotUtf8 { column });
                    continue;
                }
                problems.push(RowProblem::Field {
                    column,
                    problem: shorten(e.problem),
                });
            }
            None
        }
    };
    let label = match &mapping.label {
        None => None,
        Some(l) => {
            let text = fields.get(l.column).map(str::trim).unwrap_or_default();
            if text == l.positive {
                Some(true)
            } else if text == l.negative {
                Some(false)
            } else {
                problems.push(RowProblem::Label {
                    column: mapping.columns.get(l.column).cloned().unwrap_or_default(),
                    text: cut(text),
                    positive: l.positive.clone(),
                    negative: l.negative.clone(),
                });
                None
            }
        }
    };
    match applicant {
        Some(applicant) if problems.is_empty() => Ok(ReadRow { applicant, label }),
        _ => Err(problems),
    }
}

/// Permutation walks per flagged row's reasons (at most `walks`): 0 when the model's attributions are exact
/// (additive, trees) or it has no explainer.
pub fn reason_walks(scorer: &Scorer, walks: usize) -> usize {
    match scorer.explainer() {
        Some(e) if !e.is_additive() => walks.min(e.n_background()),
        _ => 0,
    }
}

/// The reason columns an export of this model has: the `reasons` kept per flagged row, or one
/// (always empty) for a model without an explainer. Fixed before the first row is read, so a
/// file's export has the same columns whatever its rows turn out to be.
pub fn reason_columns(scorer: &Scorer, reasons: usize) -> usize {
    match scorer.explainer() {
        Some(_) => reasons.max(1),
        None => 1,
    }
}

/// A flagged row's reasons: the features pushing its score up most, largest first, at most
/// `keep`. `None` when the row cannot be attributed (the model itself scored it, so this does
/// not happen with a working model); `x` is scratch space of the model's input width.
pub(crate) fn reasons_of(
    scorer: &Scorer,
    applicant: &Applicant,
    walks: usize,
    keep: usize,
    x: &mut [f32],
) -> Option<Vec<u16>> {
    let explainer = scorer.explainer()?;
    encoding::encode_into(scorer.manifest(), applicant, x).ok()?;
    let attribution = explainer
        .explain_with_walks(x, walks.max(2), &|rows| scorer.predict_rows(rows))
        .ok()?;
    Some(
        attribution
            .order_by_push()
            .into_iter()
            .filter(|&j| attribution.contributions[j] > 0.0)
            .take(keep)
            .map(|j| j as u16)
            .collect(),
    )
}
