//! A file's header matched to a model's attributes: which column feeds which feature, which
//! holds the label, and how fields are separated.

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use super::label::LabelColumn;
use super::label::{ColumnValues, column_values};
use super::text::{TextEncoding, Transcoder};
use crate::applicant::{Applicant, InputErrors};
use crate::i18n::{Localized, Message};
use crate::manifest::Manifest;

/// The field separators a file may use, in order of preference on a tie.
pub const SEPARATORS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Label column names recognised without asking (after [`normalise`]), and whether their
/// positive class (default, fraud) is written `1` (true) or `0` (false: `creditability` is 1
/// for a good loan).
const LABEL_NAMES: [(&str, bool); 10] = [
    ("defaulted", true),
    ("default", true),
    ("defaultpaymentnextmonth", true),
    ("class", true),
    ("isfraud", true),
    ("fraud", true),
    ("target", true),
    ("label", true),
    ("bad", true),
    ("creditability", false),
];

#[derive(Debug, Clone, PartialEq, Error)]
pub enum HeadError {
    #[error("the file is empty")]
    Empty,
    #[error("the first line is not a header: {0}")]
    NotAHeader(NotAHeader),
}

/// Why the first line is not a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum NotAHeader {
    #[error("it has no column names")]
    NoColumnNames,
    #[error("it is not UTF-8 text")]
    NotUtf8,
}

impl Localized for HeadError {
    fn message(&self) -> Message {
        match self {
            HeadError::Empty => Message::new("batch-head-empty"),
            HeadError::NotAHeader(why) => {
                let why = match why {
                    NotAHeader::NoColumnNames => Message::new("batch-head-no-names"),
                    NotAHeader::NotUtf8 => Message::new("batch-head-not-utf8"),
                };
                Message::new("batch-head-not-a-header").arg("why", why)
            }
        }
    }
}

/// The header as read: the file's text encoding, separator and column names (a byte-order
/// mark removed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileHead {
    pub encoding: TextEncoding,
    pub separator: u8,
    pub columns: Vec<String>,
    /// Each column's values in the rows of the start read (a label picker offers them).
    #[serde(default)]
    pub values: Vec<ColumnValues>,
}

/// How a file's columns feed the model; proposed by [`Mapping::propose`], editable by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// How the file's text is read.
    pub encoding: TextEncoding,
    pub separator: u8,
    pub columns: Vec<String>,
    /// Per manifest feature, the column that holds it.
    pub features: Vec<Option<usize>>,
    pub label: Option<LabelColumn>,
}

/// A name reduced to what a person means by it: lower-case letters and digits only, so
/// `Credit Amount`, `credit_amount` and `CREDIT-AMOUNT` are one name.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The first column named like a label (in [`LABEL_NAMES`]' order of preference), if any, with
/// the positive value its name implies (`1`; `0` for `creditability`).
pub fn label_column(columns: &[String]) -> Option<LabelColumn> {
    let names: Vec<String> = columns.iter().map(|c| normalise(c)).collect();
    LABEL_NAMES.iter().find_map(|&(wanted, one_is_positive)| {
        let column = names.iter().position(|c| c == wanted)?;
        Some(LabelColumn::by_name(column, one_is_positive))
    })
}

/// Reads the header from the start of a file (at least its first line), in the encoding the
/// start shows ([`TextEncoding::detect`]).
pub fn read_head(start: &[u8]) -> Result<FileHead, HeadError> {
    read_head_as(start, TextEncoding::detect(start, false))
}

/// Reads the header from the start of a file in `encoding`: picks the separator that splits
/// the header into the most columns, and splits it.
pub fn read_head_as(start: &[u8], encoding: TextEncoding) -> Result<FileHead, HeadError> {
    let mut transcoder = Transcoder::new(&encoding);
    let start = transcoder.feed(start);
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    if start.iter().all(u8::is_ascii_whitespace) {
        return Err(HeadError::Empty);
    }
    let mut best: Option<FileHead> = None;
    for separator in SEPARATORS {
        let columns = first_record(start, separator)?;
        if best
            .as_ref()
            .is_none_or(|b| columns.len() > b.columns.len())
        {
            best = Some(FileHead {
                encoding: encoding.clone(),
                separator,
                columns,
                values: Vec::new(),
            });
        }
    }
    let mut head = best.ok_or(HeadError::Empty)?;
    if head.columns.iter().all(|c| c.trim().is_empty()) {
        return Err(HeadError::NotAHeader(NotAHeader::NoColumnNames));
    }
    head.values = start_values(start, head.separator, head.columns.len());
    Ok(head)
}

/// Each column's values in the complete rows of a file's start (its last line may be cut).
fn start_values(start: &[u8], separator: u8, width: usize) -> Vec<ColumnValues> {
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_reader(start)
        .into_records()
        .map_while(Result::ok)
        .peekable();
    let complete = start.ends_with(b"\n");
    let rows = std::iter::from_fn(|| {
        let row = rows.next()?;
        (rows.peek().is_some() || complete)
            .then(|| row.iter().map(str::to_owned).collect::<Vec<_>>())
    });
    column_values(rows, width)
}

fn first_record(bytes: &[u8], separator: u8) -> Result<Vec<String>, HeadError> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(separator).build();
    let mut out = vec![0u8; bytes.len() + 1];
    let mut ends = vec![0usize; bytes.len() + 1];
    let mut input = bytes;
    let mut n_out = 0;
    let mut n_ends = 0;
    loop {
        let (result, n_in, o, e) =
            reader.read_record(input, &mut out[n_out..], &mut ends[n_ends..]);
        input = &input[n_in..];
        n_out += o;
        n_ends += e;
        match result {
            csv_core::ReadRecordResult::Record => break,
            csv_core::ReadRecordResult::InputEmpty if input.is_empty() => {
                // The whole start is one line with no newline: finish it.
                let (result, _, o, e) =
                    reader.read_record(&[], &mut out[n_out..], &mut ends[n_ends..]);
                n_out += o;
                n_ends += e;
                if matches!(result, csv_core::ReadRecordResult::Record) {
                    break;
                }
                return Err(HeadError::Empty);
            }
            csv_core::ReadRecordResult::End => return Err(HeadError::Empty),
            _ => {}
        }
    }
    let text = std::str::from_utf8(&out[..n_out])
        .map_err(|_| HeadError::NotAHeader(NotAHeader::NotUtf8))?;
    let mut start = 0;
    let mut columns = Vec::with_capacity(n_ends);
    for &end in &ends[..n_ends] {
        columns.push(text.get(start..end).unwrap_or_default().trim().to_owned());
        start = end;
    }
    Ok(columns)
}

impl Mapping {
    /// Matches columns to features by name or label (see [`normalise`]) and recognises a label
    /// column by its usual names.
    pub fn propose(manifest: &Manifest, head: &FileHead) -> Mapping {
        let names: Vec<String> = head.columns.iter().map(|c| normalise(c)).collect();
        let features = manifest
            .features
            .iter()
            .map(|f| {
                let (name, label) = (normalise(&f.name), normalise(&f.label));
                // A name two columns share is left for the user to choose: guessing could
                // feed the model the wrong one without a word.
                let only = |wanted: &str| {
                    let mut hits = names.iter().enumerate().filter(|(_, c)| *c == wanted);
                    match (hits.next(), hits.next()) {
                        (Some((c, _)), None) => Some(Some(c)),
                        (Some(_), Some(_)) => Some(None),
                        (None, _) => None,
                    }
                };
                only(&name).or_else(|| only(&label)).flatten()
            })
            .collect::<Vec<_>>();
        // The label the user chose when bringing the model in, then the usual names.
        let declared = manifest.label.as_ref().and_then(|spec| {
            let wanted = normalise(&spec.column);
            let column = names.iter().position(|c| *c == wanted)?;
            Some(LabelColumn {
                column,
                positive: spec.positive.clone(),
                negative: spec.negative.clone(),
            })
        });
        let label = declared
            .into_iter()
            .chain(LABEL_NAMES.iter().filter_map(|&(wanted, one_is_positive)| {
                let column = names.iter().position(|c| c == wanted)?;
                Some(LabelColumn::by_name(column, one_is_positive))
            }))
            .find(|l| !features.contains(&Some(l.column)))
            .map(|l| {
                let seen = head.values.get(l.column);
                l.refined(seen)
            });
        Mapping {
            encoding: head.encoding.clone(),
            separator: head.separator,
            columns: head.columns.clone(),
            features,
            label,
        }
    }

    /// The applicant in a record, `field(column)` giving each column's text.
    pub fn applicant<'t>(
        &self,
        manifest: &Manifest,
        field: impl Fn(usize) -> Option<&'t str>,
    ) -> Result<Applicant, InputErrors> {
        Applicant::parse_fields(manifest, |j| {
            self.features.get(j).copied().flatten().and_then(&field)
        })
    }

    /// Features no column feeds; the file cannot be scored until each has one.
    pub fn unmatched<'m>(&self, manifest: &'m Manifest) -> Vec<&'m str> {
        manifest
            .features
            .iter()
            .zip(&self.features)
            .filter(|(_, c)| c.is_none())
            .map(|(f, _)| f.name.as_str())
            .collect()
    }

    /// Header names that several columns share (after [`normalise`]), with their columns: the
    /// mapping step asks which one feeds the attribute.
    pub fn duplicate_names(&self) -> Vec<(String, Vec<usize>)> {
        let names: Vec<String> = self.columns.iter().map(|c| normalise(c)).collect();
        let mut seen: Vec<(String, Vec<usize>)> = Vec::new();
        for (c, name) in names.iter().enumerate() {
            match seen.iter_mut().find(|(n, _)| n == name) {
                Some((_, columns)) => columns.push(c),
                None => seen.push((name.clone(), vec![c])),
            }
        }
        seen.into_iter()
            .filter(|(_, columns)| columns.len() > 1)
            .map(|(_, columns)| (self.columns[columns[0]].clone(), columns))
            .collect()
    }

    /// Columns neither a feature nor the label (candidates for a fairness group).
    pub fn spare_columns(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|c| !self.features.contains(&Some(*c)))
            .filter(|c| self.label.as_ref().is_none_or(|l| l.column != *c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn head_errors_in_english_read_as_their_display() {
        for e in [
            HeadError::Empty,
            HeadError::NotAHeader(NotAHeader::NoColumnNames),
            HeadError::NotAHeader(NotAHeader::NotUtf8),
        ] {
            assert_eq!(e.message().in_lang(Lang::En), e.to_string());
            assert_ne!(e.message().in_lang(Lang::ZhCn), e.to_string());
        }
    }
}
