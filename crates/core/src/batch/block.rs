//! A file scored in one pass, block by block: how the command line scores a file of any size
//! on every core in bounded memory.
//!
//! [`BlockReader`] cuts the file's text into [`Block`]s of whole records (a copy of each, with
//! its row number); [`BlockScorer::score`] scores one block on its own — the rows, the flagged
//! rows' reasons and the export's bytes for them — so blocks can be scored on any thread and
//! their bytes written in file order. Each row goes through the same functions as the page's
//! job and exporter ([`super::row`], [`super::export`]): the bytes are the page's export.

use super::columns::Mapping;
use super::errors::{JobError, RowError, RowProblem};
use super::export::{Cells, ExportKind, write_fields, write_header};
use super::job::{JobSettings, MAX_RECORD_BYTES};
use super::line::Lines;
use super::records::{Fields, Item, Records};
use super::row::{check_mapping, read_row, reason_columns, reason_walks, reasons_of};
use super::text::Transcoder;
use crate::applicant::Applicant;
use crate::encoding;
use crate::i18n::{Lang, Localized};
use crate::scorer::Scorer;

/// A block is cut when its records' bytes reach this, whatever their count.
const BLOCK_BYTES: usize = 8 << 20;
/// Row errors a block keeps whole (the export has every one; these are for a summary).
pub const ERRORS_KEPT: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Record {
    row: u64,
    /// Where the record starts and ends in its buffer, and where its field ends stop.
    start: usize,
    end: usize,
    ends_end: usize,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// UTF-8 text, kept in the block's text (checked once, when read).
    Text,
    /// Other bytes, kept as they are.
    Bytes,
    /// Too long to hold: nothing kept.
    Oversized,
}

/// Whole records of a file, copied out of it in file order. A file's first block also
/// carries its header (and is emitted even when the file has no data rows).
#[derive(Debug, Default)]
pub struct Block {
    header: Option<(Vec<u8>, Vec<usize>)>,
    text: String,
    bytes: Vec<u8>,
    ends: Vec<usize>,
    records: Vec<Record>,
}

impl Block {
    /// Data rows in the block (rows too long to hold included).
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The file's header, in its first block.
    pub fn header(&self) -> Option<Fields<'_>> {
        self.header
            .as_ref()
            .map(|(out, ends)| Fields::new(out, ends))
    }

    /// The number of the block's first row (1 = the first row after the header).
    pub fn first_row(&self) -> Option<u64> {
        self.records.first().map(|r| r.row)
    }

    /// Empty, its buffers kept for the next records.
    fn clear(&mut self) {
        self.header = None;
        self.text.clear();
        self.bytes.clear();
        self.ends.clear();
        self.records.clear();
    }

    /// The bytes the block holds: its records' text and the ends of their fields (a record
    /// of commas alone holds no text but a word per field).
    fn held(&self) -> usize {
        self.text.len()
            + self.bytes.len()
            + self.ends.len() * std::mem::size_of::<usize>()
            + self.records.len() * std::mem::size_of::<Record>()
    }

    fn push(&mut self, row: u64, fields: Option<&Fields<'_>>) {
        let (kind, start, end) = match fields {
            None => (Kind::Oversized, 0, 0),
            Some(fields) => {
                self.ends.extend_from_slice(fields.parts().1);
                match fields.text() {
                    Some(text) => {
                        let start = self.text.len();
                        self.text.push_str(text);
                        (Kind::Text, start, self.text.len())
                    }
                    None => {
                        let start = self.bytes.len();
                        self.bytes.extend_from_slice(fields.parts().0);
                        (Kind::Bytes, start, self.bytes.len())
                    }
                }
            }
        };
        self.records.push(Record {
            row,
            start,
            end,
            ends_end: self.ends.len(),
            kind,
        });
    }

    /// Each record: its row number and its fields (`None` for a row too long to hold).
    fn each(&self) -> impl Iterator<Item = (u64, Option<Fields<'_>>)> {
        let mut ends_start = 0;
        self.records.iter().map(move |r| {
            let ends = self.ends.get(ends_start..r.ends_end).unwrap_or_default();
            ends_start = r.ends_end;
            let fields = match r.kind {
                Kind::Text => Some(Fields::from_text(
                    self.text.get(r.start..r.end).unwrap_or_default(),
                    ends,
                )),
                Kind::Bytes => Some(Fields::new(
                    self.bytes.get(r.start..r.end).unwrap_or_default(),
                    ends,
                )),
                Kind::Oversized => None,
            };
            (r.row, fields)
        })
    }
}

/// Cuts a file's text, fed in chunks of any size, into blocks of whole records.
pub struct BlockReader {
    transcoder: Transcoder,
    records: Records,
    cut: Cut,
}

/// The blocks being cut, apart from the readers that feed them.
struct Cut {
    block: Block,
    /// Blocks given back once scored, reused rather than allocated anew: a long run's memory
    /// then stays where its first blocks put it.
    spare: Vec<Block>,
    rows_per_block: usize,
    rows: u64,
    blank_lines: u64,
}

impl BlockReader {
    /// Reads as the mapping says (separator, encoding), `rows_per_block` rows at most a block.
    pub fn new(mapping: &Mapping, rows_per_block: usize) -> BlockReader {
        BlockReader {
            transcoder: Transcoder::new(&mapping.encoding),
            records: Records::new(mapping.separator, mapping.columns.len()),
            cut: Cut {
                block: Block::default(),
                spare: Vec::new(),
                rows_per_block: rows_per_block.max(1),
                rows: 0,
                blank_lines: 0,
            },
        }
    }

    /// Reads the next chunk; `emit` receives every block completed.
    pub fn feed(&mut self, chunk: &[u8], mut emit: impl FnMut(Block)) {
        if chunk.is_empty() {
            return;
        }
        let text = self.transcoder.feed(chunk);
        // A chunk that decodes to nothing yet (half a UTF-16 unit) is not the file's end.
        if text.is_empty() {
            return;
        }
        let cut = &mut self.cut;
        let _ = self.records.feed(text, |item| cut.item(item, &mut emit));
    }

    /// Reads the end of the file (its last record need not end with a newline); `emit`
    /// receives the last blocks.
    pub fn finish(&mut self, mut emit: impl FnMut(Block)) {
        let tail = self.transcoder.feed(&[]);
        let cut = &mut self.cut;
        if !tail.is_empty() {
            let _ = self.records.feed(tail, |item| cut.item(item, &mut emit));
        }
        let _ = self.records.feed(&[], |item| cut.item(item, &mut emit));
        if !cut.block.is_empty() || cut.block.header.is_some() {
            emit(std::mem::take(&mut cut.block));
        }
    }

    /// Gives back a block that was scored, to hold later records.
    pub fn recycle(&mut self, mut block: Block) {
        block.clear();
        self.cut.spare.push(block);
    }

    /// Data rows read (blank lines not counted).
    pub fn rows(&self) -> u64 {
        self.cut.rows
    }

    pub fn blank_lines(&self) -> u64 {
        self.cut.blank_lines
    }

    /// Byte sequences that could not be read in the file's encoding (each read as U+FFFD).
    pub fn replaced(&self) -> u64 {
        self.transcoder.replaced() + self.records.undecodable()
    }
}

impl Cut {
    fn item(
        &mut self,
        item: Item<'_>,
        emit: &mut impl FnMut(Block),
    ) -> Result<(), std::convert::Infallible> {
        match item {
            Item::Header(fields) => {
                let (out, ends) = fields.parts();
                self.block.header = Some((out.to_vec(), ends.to_vec()));
            }
            Item::Blank => self.blank_lines += 1,
            Item::Row(row, fields) => self.push(row, Some(&fields), emit),
            Item::Oversized(row) => self.push(row, None, emit),
        }
        Ok(())
    }

    fn push(&mut self, row: u64, fields: Option<&Fields<'_>>, emit: &mut impl FnMut(Block)) {
        self.rows = row;
        self.block.push(row, fields);
        if self.block.len() >= self.rows_per_block || self.block.held() >= BLOCK_BYTES {
            let next = self.spare.pop().unwrap_or_default();
            emit(std::mem::replace(&mut self.block, next));
        }
    }
}

/// One block's export and counts.
#[derive(Debug, Default)]
pub struct BlockOutcome {
    /// The export's bytes for the block's rows, in file order.
    pub bytes: Vec<u8>,
    pub rows: u64,
    pub scored: u64,
    /// Scored rows at or above the cut-off.
    pub flagged: u64,
    pub errors: u64,
    /// The block's first row errors, at most [`ERRORS_KEPT`].
    pub first_errors: Vec<RowError>,
}

/// Scores blocks of one file with one model; shared by every thread that scores.
pub struct BlockScorer<'s> {
    scorer: &'s Scorer,
    mapping: Mapping,
    kind: ExportKind,
    lang: Lang,
    walks: usize,
    keep: usize,
    n_reasons: usize,
}

impl<'s> BlockScorer<'s> {
    /// The scorer's manifest gives the decisions and reasons' texts (see
    /// [`Scorer::localized`]); `lang` is the row errors' and value notes' language. The
    /// mapping must give every feature a column.
    pub fn new(
        scorer: &'s Scorer,
        mapping: Mapping,
        settings: &JobSettings,
        kind: ExportKind,
        lang: Lang,
    ) -> Result<BlockScorer<'s>, JobError> {
        check_mapping(&mapping, scorer.manifest())?;
        Ok(BlockScorer {
            scorer,
            mapping,
            kind,
            lang,
            walks: reason_walks(scorer, settings.reason_walks),
            keep: settings.reasons,
            n_reasons: reason_columns(scorer, settings.reasons),
        })
    }

    /// Scores a block: every row scored or given its error, flagged rows their reasons, and
    /// the export's bytes for the block (the export's header first, in a file's first block).
    pub fn score(&self, block: &Block) -> Result<BlockOutcome, JobError> {
        self.score_into(block, Vec::new())
    }

    /// [`BlockScorer::score`], the export's bytes written into `buffer` (emptied first): a
    /// buffer given back once written saves allocating one per block.
    pub fn score_into(&self, block: &Block, buffer: Vec<u8>) -> Result<BlockOutcome, JobError> {
        let manifest = self.scorer.manifest();
        let width = manifest.input_width();
        let mut outcome = BlockOutcome {
            rows: block.len() as u64,
            ..BlockOutcome::default()
        };
        // First every row read, the good ones encoded for one model call.
        let mut read: Vec<Result<Applicant, RowError>> = Vec::with_capacity(block.len());
        let mut x = Vec::with_capacity(block.len() * width);
        for (row, fields) in block.each() {
            let result = match &fields {
                None => Err(vec![RowProblem::TooLong {
                    limit: MAX_RECORD_BYTES,
                }]),
                Some(fields) => read_row(&self.mapping, manifest, fields).map(|r| r.applicant),
            };
            read.push(match result {
                Ok(applicant) => {
                    let start = x.len();
                    x.resize(start + width, 0.0);
                    encoding::encode_into(manifest, &applicant, &mut x[start..])
                        .map_err(|e| JobError::Mapping(e.message()))?;
                    Ok(applicant)
                }
                Err(problems) => Err(RowError { row, problems }),
            });
        }
        let scores = match x.is_empty() {
            true => Vec::new(),
            false => self
                .scorer
                .predict_rows(&x)
                .map_err(|source| JobError::Model {
                    first: block.first_row().unwrap_or(0),
                    last: block.records.last().map_or(0, |r| r.row),
                    source,
                })?,
        };
        // Then the export, row by row, with the flagged rows' reasons.
        let mut writer = Lines::with_buffer(buffer);
        if let Some(header) = block.header() {
            write_header(&mut writer, &header, self.kind, self.n_reasons);
        }
        let mut scores = scores.into_iter();
        let mut scratch = vec![0.0; width];
        let cutoff = manifest.decision.cutoff;
        let cells = Cells::new(self.kind, self.n_reasons, self.lang, self.scorer);
        for ((_, fields), result) in block.each().zip(&read) {
            match result {
                Ok(applicant) => {
                    let score = scores.next().unwrap_or(f32::NAN);
                    outcome.scored += 1;
                    let flagged = f64::from(score) >= cutoff;
                    outcome.flagged += u64::from(flagged);
                    if self.kind == ExportKind::Errors {
                        continue;
                    }
                    let reasons = match flagged {
                        true => {
                            reasons_of(self.scorer, applicant, self.walks, self.keep, &mut scratch)
                                .unwrap_or_default()
                        }
                        false => Vec::new(),
                    };
                    let with_text = !reasons.is_empty() || applicant.note_bits() != 0;
                    if let Some(fields) = &fields {
                        write_fields(&mut writer, fields);
                    }
                    let applicant = with_text.then_some(applicant);
                    cells.write_added(&mut writer, Some((score, &reasons)), applicant, "");
                }
                Err(error) => {
                    outcome.errors += 1;
                    if outcome.first_errors.len() < ERRORS_KEPT {
                        outcome.first_errors.push(error.clone());
                    }
                    let text = error.message().in_lang(self.lang);
                    match &fields {
                        Some(fields) => write_fields(&mut writer, fields),
                        None => {
                            for _ in 0..self.mapping.columns.len() {
                                writer.field(b"");
                            }
                        }
                    }
                    cells.write_added(&mut writer, None, None, &text);
                }
            }
        }
        outcome.bytes = writer.take();
        Ok(outcome)
    }
}
