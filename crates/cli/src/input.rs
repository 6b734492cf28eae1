//! The file to score, read once from its start to its end as the page reads it: a CSV file,
//! a gzip-compressed one (by its magic bytes), or standard input. Its first bytes are read
//! ahead (the header and the columns' values) and given again as the text's first chunk, so
//! standard input is never held whole nor kept on disk.

use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

use crate::unreadable;
use riskscope_core::i18n::Message;

/// Bytes read per chunk: the page's worker reads 4 MiB slices.
pub const CHUNK: usize = 4 << 20;

pub struct Input {
    name: String,
    text: Box<dyn Read + Send>,
    /// The first bytes of the text, read ahead and not yet given out.
    head: Vec<u8>,
    pub gzip: bool,
    /// The file's size on disk (compressed, for a gzip file); 0 for standard input.
    pub bytes: u64,
}

impl Input {
    /// `-` is standard input.
    pub fn open(name: &Path) -> Result<Input, Message> {
        let (raw, label, bytes): (Box<dyn Read + Send>, String, u64) = if name == Path::new("-") {
            (Box::new(std::io::stdin()), "-".to_owned(), 0)
        } else {
            let file = File::open(name).map_err(|e| unreadable(name, e))?;
            let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
            (Box::new(file), name.display().to_string(), bytes)
        };
        // The first two bytes say gzip or not; a pipe may give them one read at a time.
        let mut raw = raw;
        let mut magic = [0u8; 2];
        let got = fill(&mut raw, &mut magic).map_err(|e| unreadable(name, e))?;
        let gzip = got == 2 && magic == [0x1f, 0x8b];
        let raw = BufReader::with_capacity(1 << 16, Cursor::new(magic[..got].to_vec()).chain(raw));
        let text: Box<dyn Read + Send> = if gzip {
            Box::new(MultiGzDecoder::new(raw))
        } else {
            Box::new(raw)
        };
        Ok(Input {
            name: label,
            text,
            head: Vec::new(),
            gzip,
            bytes,
        })
    }

    /// The name to give in messages.
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// The first bytes of the text (up to `n`), for the header and the columns' values.
    pub fn start(&mut self, n: usize) -> Result<&[u8], Message> {
        if self.head.len() < n {
            let have = self.head.len();
            self.head.resize(n, 0);
            let got =
                fill(&mut self.text, &mut self.head[have..]).map_err(|e| self.broken(0, e))?;
            self.head.truncate(have + got);
        }
        Ok(&self.head)
    }

    /// Calls `each` with the whole text chunk by chunk, from its start; a read error (a
    /// truncated gzip stream) names the file and how far it was read.
    pub fn chunks(
        mut self,
        mut each: impl FnMut(&[u8]) -> Result<(), Message>,
    ) -> Result<u64, Message> {
        let mut total = self.head.len() as u64;
        if !self.head.is_empty() {
            each(&std::mem::take(&mut self.head))?;
        }
        let mut buffer = vec![0u8; CHUNK];
        loop {
            let n = fill(&mut self.text, &mut buffer).map_err(|e| self.broken(total, e))?;
            if n == 0 {
                return Ok(total);
            }
            total += n as u64;
            each(&buffer[..n])?;
        }
    }

    fn broken(&self, bytes: u64, error: std::io::Error) -> Message {
        Message::new("cli-read-broken")
            .arg("path", self.name())
            .arg("bytes", bytes.to_string())
            .arg("error", error.to_string())
    }
}

/// Reads until `buffer` is full or the text ends; returns how much was read.
fn fill(reader: &mut dyn Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buffer.len() {
        match reader.read(&mut buffer[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
