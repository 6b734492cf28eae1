//! The file read again and written out with each row's outcome: the scored file (every input
//! row, with score, decision and reasons, or its error) and the error rows alone.
//!
//! Every cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return, and not a plain number) is prefixed with `'`, so opening the export
//! cannot execute anything (OWASP's CSV-injection advice). Negative numbers stay numbers.

use serde::{Deserialize, Serialize};

use super::columns::Mapping;
use super::job::{BatchResults, RowError, ScoredRow};
use super::line::Lines;
use super::records::{Fields, Item, Records};
use super::text::{TextEncoding, Transcoder};
use crate::applicant::Applicant;
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

pub use super::line::neutralise;

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
    writer: Lines,
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
            n_reasons: results.reason_columns.max(1),
            mapping: mapping.clone(),
            records: Records::new(mapping.separator, mapping.columns.len()),
            transcoder: Transcoder::new(&mapping.encoding),
            next_scored: scored.next(),
            next_error: errors.next(),
            scored,
            errors,
            writer: Lines::default(),
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
        Ok(self.writer.take())
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
                write_header(&mut self.writer, &fields, self.kind, self.n_reasons);
                Ok(())
            }
            Item::Oversized(row) => {
                let lang = self.lang;
                let error = self
                    .outcome(row)
                    .1
                    .map(|e| e.message().in_lang(lang))
                    .unwrap_or_default();
                self.rows += 1;
                let cells = Cells::new(self.kind, self.n_reasons, self.lang, scorer);
                for _ in 0..self.mapping.columns.len() {
                    self.writer.field(b"");
                }
                cells.write_added(&mut self.writer, None, None, &error);
                Ok(())
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
                let manifest = scorer.manifest();
                let applicant = match scored {
                    Some(s)
                        if self.kind == ExportKind::Scored
                            && (!s.reasons.is_empty() || s.notes != 0) =>
                    {
                        self.mapping.applicant(manifest, |c| fields.get(c)).ok()
                    }
                    _ => None,
                };
                let cells = Cells::new(self.kind, self.n_reasons, self.lang, scorer);
                write_fields(&mut self.writer, &fields);
                let scored = scored.map(|s| (s.score, s.reasons.as_slice()));
                cells.write_added(&mut self.writer, scored, applicant.as_ref(), &error);
                Ok(())
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
}

/// Writes `text` as one cell, neutralised.
fn write_cell(writer: &mut Lines, text: &str) {
    writer.cell(text);
}

/// Writes the header: the file's own names (a byte-order mark dropped), then the added columns.
pub(crate) fn write_header(
    writer: &mut Lines,
    fields: &Fields<'_>,
    kind: ExportKind,
    n_reasons: usize,
) {
    for i in 0..fields.len() {
        let text = String::from_utf8_lossy(fields.raw(i));
        let text = if i == 0 {
            text.trim_start_matches('\u{feff}')
        } else {
            &text
        };
        write_cell(writer, text);
    }
    for name in added_columns(kind, n_reasons) {
        write_cell(writer, &name);
    }
    writer.end();
}

/// Writes a data row's own cells as the file has them (neutralised), leaving the record open
/// for the added cells.
pub(crate) fn write_fields(writer: &mut Lines, fields: &Fields<'_>) {
    for i in 0..fields.len() {
        match fields.get(i) {
            Some(text) => write_cell(writer, text),
            None => write_cell(writer, &String::from_utf8_lossy(fields.raw(i))),
        }
    }
}

/// The cells an export adds to a row: how the page's exporter and the command line's blocks
/// write them, so both give the same bytes.
pub(crate) struct Cells<'s> {
    kind: ExportKind,
    n_reasons: usize,
    lang: Lang,
    scorer: &'s Scorer,
}

impl<'s> Cells<'s> {
    pub(crate) fn new(kind: ExportKind, n_reasons: usize, lang: Lang, scorer: &'s Scorer) -> Self {
        Cells {
            kind,
            n_reasons,
            lang,
            scorer,
        }
    }

    /// Writes the added cells and ends the record. `scored` is the row's score and reasons;
    /// `applicant` is its values when it has reasons or value notes (else `None`).
    pub(crate) fn write_added(
        &self,
        writer: &mut Lines,
        scored: Option<(f32, &[u16])>,
        applicant: Option<&Applicant>,
        error: &str,
    ) {
        if self.kind == ExportKind::Errors {
            write_cell(writer, error);
            writer.end();
            return;
        }
        let manifest = self.scorer.manifest();
        match scored {
            Some((score, _)) => {
                writer.field(score.to_string().as_bytes());
                let rule = &manifest.decision;
                let flagged = f64::from(score) >= rule.cutoff;
                let decision = if flagged {
                    &rule.at_or_above
                } else {
                    &rule.below
                };
                write_cell(writer, decision);
            }
            None => {
                writer.field(b"");
                writer.field(b"");
            }
        }
        let reasons = scored.map(|(_, r)| r).unwrap_or_default();
        for k in 0..self.n_reasons {
            match (reasons.get(k), applicant) {
                (Some(&j), Some(a)) => {
                    let reference = self.scorer.reference();
                    write_cell(writer, &reason_text(manifest, reference, a, usize::from(j)));
                }
                _ => writer.field(b""),
            }
        }
        match applicant {
            Some(a) => write_cell(writer, &notes_text(self.lang, manifest, a)),
            None => writer.field(b""),
        }
        write_cell(writer, error);
        writer.end();
    }
}
