//! CSV records from byte chunks, as csv-core splits them: the header, blank lines, data rows,
//! and rows too long to hold. The job and the exports read a file through the same rules, so
//! their row numbers agree.

use super::text::invalid_utf8_sequences;

/// A record longer than this is reported as a row error, not held.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// One record's fields.
pub struct Fields<'a> {
    out: &'a [u8],
    ends: &'a [usize],
    /// The whole record as text, when it is valid UTF-8 (checked once, not per field; fields
    /// split at ASCII separators, so each is then valid too).
    text: Option<&'a str>,
}

impl<'a> Fields<'a> {
    /// A record's fields from its unescaped bytes and each field's end in them.
    pub(crate) fn new(out: &'a [u8], ends: &'a [usize]) -> Fields<'a> {
        Fields {
            out,
            ends,
            text: std::str::from_utf8(out).ok(),
        }
    }

    /// A record's fields from its text (known to be UTF-8: not checked again).
    pub(crate) fn from_text(text: &'a str, ends: &'a [usize]) -> Fields<'a> {
        Fields {
            out: text.as_bytes(),
            ends,
            text: Some(text),
        }
    }

    /// The whole record as text, when it is UTF-8.
    pub(crate) fn text(&self) -> Option<&'a str> {
        self.text
    }

    /// The unescaped bytes and the fields' ends, to keep a copy of the record.
    pub(crate) fn parts(&self) -> (&'a [u8], &'a [usize]) {
        (self.out, self.ends)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The field's bytes; empty past the end.
    pub fn raw(&self, i: usize) -> &'a [u8] {
        let end = self.ends.get(i).copied().unwrap_or(0);
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).copied().unwrap_or(end),
        };
        self.out.get(start..end).unwrap_or_default()
    }

    /// The field's text, or `None` past the end or if it is not UTF-8.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)?,
        };
        match self.text {
            Some(text) => text.get(start..end),
            None => std::str::from_utf8(self.out.get(start..end)?).ok(),
        }
    }
}

pub enum Item<'a> {
    Header(Fields<'a>),
    /// A data row; numbered from 1 after the header, blank lines not counted.
    Row(u64, Fields<'a>),
    /// A data row longer than [`MAX_RECORD_BYTES`], read past but not held.
    Oversized(u64),
    Blank,
}

pub struct Records {
    reader: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    n_out: usize,
    n_ends: usize,
    oversized: bool,
    header_seen: bool,
    n_columns: usize,
    rows: u64,
    undecodable: u64,
}

impl Records {
    pub fn new(separator: u8, n_columns: usize) -> Records {
        Records {
            reader: csv_core::ReaderBuilder::new().delimiter(separator).build(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            n_out: 0,
            n_ends: 0,
            oversized: false,
            header_seen: false,
            n_columns,
            rows: 0,
            undecodable: 0,
        }
    }

    /// Reads `input` (an empty chunk means the end of the file), calling `on` for every
    /// complete record.
    pub fn feed<E>(
        &mut self,
        mut input: &[u8],
        mut on: impl FnMut(Item<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let at_end = input.is_empty();
        loop {
            let (result, n_in, n_out, n_ends) = self.reader.read_record(
                input,
                &mut self.out[self.n_out..],
                &mut self.ends[self.n_ends..],
            );
            input = &input[n_in..];
            self.n_out += n_out;
            self.n_ends += n_ends;
            match result {
                csv_core::ReadRecordResult::InputEmpty if !at_end => return Ok(()),
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    if self.out.len() >= MAX_RECORD_BYTES {
                        // Keep reading the record, but not holding it.
                        self.oversized = true;
                        self.n_out = 0;
                        self.n_ends = 0;
                    } else {
                        self.out.resize(self.out.len() * 2, 0);
                    }
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() >= MAX_RECORD_BYTES / 8 {
                        self.oversized = true;
                        self.n_ends = 0;
                    } else {
                        self.ends.resize(self.ends.len() * 2, 0);
                    }
                }
                csv_core::ReadRecordResult::Record => {
                    let item = self.item();
                    let result = on(item);
                    self.n_out = 0;
                    self.n_ends = 0;
                    self.oversized = false;
                    result?;
                }
                csv_core::ReadRecordResult::End => return Ok(()),
            }
        }
    }

    /// Byte sequences of the records read so far that are not UTF-8 (records are UTF-8 once
    /// transcoded, so these are a UTF-8 file's broken bytes).
    pub fn undecodable(&self) -> u64 {
        self.undecodable
    }

    fn item(&mut self) -> Item<'_> {
        let blank = !self.oversized && self.n_ends == 1 && self.n_out == 0 && self.n_columns > 1;
        if blank {
            return Item::Blank;
        }
        let out = &self.out[..self.n_out];
        let text = std::str::from_utf8(out).ok();
        if text.is_none() {
            self.undecodable += invalid_utf8_sequences(out);
        }
        let fields = Fields {
            out,
            ends: &self.ends[..self.n_ends],
            text,
        };
        if !self.header_seen {
            self.header_seen = true;
            return Item::Header(fields);
        }
        self.rows += 1;
        if self.oversized {
            Item::Oversized(self.rows)
        } else {
            Item::Row(self.rows, fields)
        }
    }
}
