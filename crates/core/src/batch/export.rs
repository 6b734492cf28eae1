//! The file read again and written out with each row's outcome: the scored file (every input
//! row, with score, decision and reasons, or its error) and the error rows alone.
//!
//! Every cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return, and not a plain number) is prefixed with `'`, so opening the export
//! cannot execute anything (OWASP's CSV-injection advice). Negative numbers stay numbers.

use serde::{Deserialize, Serialize};

use super::columns::Mapping;
use super::job::{BatchResults, RowError, ScoredRow};
use super::records::{Fields, Item, Records};
use super::text::{TextEncoding, Transcoder};
use crate::i18n::{Lang, Localized};
use crate::reasons::notes::notes_text;
use crate::reasons::reason_text;
use crate::scorer::Scorer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportKind {
    /// Every row: the original columns plus score, decision, reasons and error.
    Scored,
    /// Only the rows that could not be scored, with their error.
    Errors,
}

/// The columns an export adds after the file's own. `value_notes` says which values were not
/// scored as given (imputed, outside the training range, clamped), in the export's language.
pub fn added_columns(kind: ExportKind, n_reasons: usize) -> Vec<String> {
    match kind {
        ExportKind::Scored => {
            let mut cols = vec!["score".to_owned(), "decision".to_owned()];
            cols.extend((1..=n_reasons).map(|k| format!("reason_{k}")));
            cols.push("value_notes".to_owned());
            cols.push("error".to_owned());
            cols
        }
        ExportKind::Errors => vec!["error".to_owned()],
    }
}

/// `text` as it is safe to put in a spreadsheet cell.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(
        text.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    // A plain number stays a number; "-inf" and "+NaN" parse as floats but are not numbers a
    // spreadsheet keeps, so they are neutralised like any other text.
    let plain_number = text.trim().parse::<f64>().is_ok_and(f64::is_finite);
    if risky && !plain_number {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn new_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new())
}

pub struct Exporter<'r> {
    kind: ExportKind,
    n_reasons: usize,
    mapping: Mapping,
    records: Records,
    transcoder: Transcoder,
    scored: std::slice::Iter<'r, ScoredRow>,
    errors: std::slice::Iter<'r, RowError>,
    next_scored: Option<&'r ScoredRow>,
    next_error: Option<&'r RowError>,
    writer: csv::Writer<Vec<u8>>,
    rows: u64,
    /// The language of the row errors written out (the column names stay as they are).
    lang: Lang,
}

impl<'r> Exporter<'r> {
    pub fn new(results: &'r BatchResults, mapping: &Mapping, kind: ExportKind) -> Exporter<'r> {
        let mut scored = results.scored.iter();
        let mut errors = results.errors.iter();
        Exporter {
            kind,
            n_reasons: results
                .scored
                .iter()
                .map(|r| r.reasons.len())
                .max()
                .unwrap_or(0)
                .max(1),
            mapping: mapping.clone(),
            records: Records::new(mapping.separator, mapping.columns.len()),
            transcoder: Transcoder::new(&mapping.encoding),
            next_scored: scored.next(),
            next_error: errors.next(),
            scored,
            errors,
            writer: new_writer(),
            rows: 0,
            lang: Lang::En,
        }
    }

    /// Writes the row errors in `lang` (English by default). The reasons and decisions are in
    /// the language of the scorer's manifest ([`Scorer::localized`]).
    pub fn with_lang(mut self, lang: Lang) -> Exporter<'r> {
        self.lang = lang;
        self
    }

    /// Rows written so far (the header not counted).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads the next chunk of the original file; returns the export's next bytes.
    pub fn feed(&mut self, scorer: &Scorer, chunk: &[u8]) -> Result<Vec<u8>, csv::Error> {
        if !chunk.is_empty() {
            self.read(scorer, chunk)?;
        }
        self.take()
    }

    /// Ends the export; returns its last bytes.
    pub fn finish(&mut self, scorer: &Scorer) -> Result<Vec<u8>, csv::Error> {
        self.read(scorer, &[])?;
        self.take()
    }

    fn take(&mut self) -> Result<Vec<u8>, csv::Error> {
        let writer = std::mem::replace(&mut self.writer, new_writer());
        writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }

    /// Reads `chunk` of the file in its encoding; an empty chunk ends it.
    fn read(&mut self, scorer: &Scorer, chunk: &[u8]) -> Result<(), csv::Error> {
        let mut records = std::mem::replace(&mut self.records, Records::new(b',', 0));
        let mut transcoder =
            std::mem::replace(&mut self.transcoder, Transcoder::new(&TextEncoding::utf8()));
        let text = transcoder.feed(chunk);
        let mut result = Ok(());
        if !text.is_empty() {
            result = records.feed(text, |item| self.item(scorer, item));
        }
        if result.is_ok() && chunk.is_empty() {
            result = records.feed(&[], |item| self.item(scorer, item));
        }
        self.records = records;
        self.transcoder = transcoder;
        result
    }

    fn item(&mut self, scorer: &Scorer, item: Item<'_>) -> Result<(), csv::Error> {
        match item {
            Item::Blank => Ok(()),
            Item::Header(fields) => {
                let mut cells: Vec<String> = (0..fields.len())
                    .map(|i| {
                        let text = String::from_utf8_lossy(fields.raw(i));
                        let text = if i == 0 {
                            text.trim_start_matches('\u{feff}')
                        } else {
                            &text
                        };
                        neutralise(text).into_owned()
                    })
                    .collect();
                cells.extend(added_columns(self.kind, self.n_reasons));
                self.writer.write_record(&cells)
            }
            Item::Oversized(row) => {
                let lang = self.lang;
                let error = self
                    .outcome(row)
                    .1
                    .map(|e| e.message().in_lang(lang))
                    .unwrap_or_default();
                self.rows += 1;
                let mut cells = vec![String::new(); self.mapping.columns.len()];
                cells.extend(self.added(scorer, None, None, &error));
                self.writer.write_record(&cells)
            }
            Item::Row(row, fields) => {
                let (scored, error) = self.outcome(row);
                if self.kind == ExportKind::Errors && error.is_none() {
                    return Ok(());
                }
                self.rows += 1;
                let error = error
                    .map(|e| e.message().in_lang(self.lang))
                    .unwrap_or_default();
                let mut cells: Vec<String> = (0..fields.len())
                    .map(|i| neutralise(&String::from_utf8_lossy(fields.raw(i))).into_owned())
                    .collect();
                cells.extend(self.added(scorer, scored, Some(&fields), &error));
                self.writer.write_record(&cells)
            }
        }
    }

    /// The row's score or error; both lists are in row order, so two cursors suffice.
    fn outcome(&mut self, row: u64) -> (Option<&'r ScoredRow>, Option<&'r RowError>) {
        while self.next_scored.is_some_and(|s| s.row < row) {
            self.next_scored = self.scored.next();
        }
        while self.next_error.is_some_and(|e| e.row < row) {
            self.next_error = self.errors.next();
        }
        (
            self.next_scored.filter(|s| s.row == row),
            self.next_error.filter(|e| e.row == row),
        )
    }

    fn added(
        &self,
        scorer: &Scorer,
        scored: Option<&ScoredRow>,
        fields: Option<&Fields<'_>>,
        error: &str,
    ) -> Vec<String> {
        if self.kind == ExportKind::Errors {
            return vec![neutralise(error).into_owned()];
        }
        let manifest = scorer.manifest();
        let mut cells = Vec::with_capacity(self.n_reasons + 4);
        match scored {
            Some(s) => {
                cells.push(s.score.to_string());
                let rule = &manifest.decision;
                let flagged = f64::from(s.score) >= rule.cutoff;
                cells.push(
                    if flagged {
                        &rule.at_or_above
                    } else {
                        &rule.below
                    }
                    .clone(),
                );
            }
            None => cells.extend([String::new(), String::new()]),
        }
        let applicant = match (scored, fields) {
            (Some(s), Some(fields)) if !s.reasons.is_empty() || s.notes != 0 => {
                self.mapping.applicant(manifest, |c| fields.get(c)).ok()
            }
            _ => None,
        };
        for k in 0..self.n_reasons {
            let text = match (scored.and_then(|s| s.reasons.get(k)), &applicant) {
                (Some(&j), Some(a)) => reason_text(manifest, scorer.reference(), a, usize::from(j)),
                _ => String::new(),
            };
            cells.push(neutralise(&text).into_owned());
        }
        let notes = match &applicant {
            Some(a) => notes_text(self.lang, manifest, a),
            None => String::new(),
        };
        cells.push(neutralise(&notes).into_owned());
        cells.push(neutralise(error).into_owned());
        cells
    }
}
