//! The file to score, read twice (once to score, once to write the export) as the page reads
//! it: a CSV file, a gzip-compressed one (by its magic bytes), or standard input (kept in a
//! temporary file for the second pass, removed at the end).

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use crate::unreadable;
use riskscope_core::i18n::Message;

/// Bytes read per chunk: the page's worker reads 4 MiB slices.
pub const CHUNK: usize = 4 << 20;

pub struct Input {
    path: PathBuf,
    /// Standard input kept in a temporary file: removed when the input is dropped.
    spooled: bool,
    pub gzip: bool,
    /// The file's size on disk (compressed, for a gzip file).
    pub bytes: u64,
}

impl Input {
    /// `-` is standard input.
    pub fn open(name: &Path) -> Result<Input, Message> {
        let (path, spooled) = if name == Path::new("-") {
            (spool_stdin()?, true)
        } else {
            (name.to_owned(), false)
        };
        let mut magic = [0u8; 2];
        let mut file = File::open(&path).map_err(|e| unreadable(&path, e))?;
        let got = file.read(&mut magic).map_err(|e| unreadable(&path, e))?;
        let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(Input {
            gzip: got == 2 && magic == [0x1f, 0x8b],
            path,
            spooled,
            bytes,
        })
    }

    /// The name to give in messages.
    pub fn name(&self) -> String {
        if self.spooled {
            "-".to_owned()
        } else {
            self.path.display().to_string()
        }
    }

    /// A reader from the start of the file's text (decompressed).
    pub fn reader(&self) -> Result<Box<dyn Read>, Message> {
        let file = File::open(&self.path).map_err(|e| unreadable(&self.path, e))?;
        let file = BufReader::with_capacity(1 << 16, file);
        Ok(if self.gzip {
            Box::new(MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        })
    }

    /// Calls `each` with the file's text chunk by chunk; a read error (a truncated gzip
    /// stream) names the file and how far it was read.
    pub fn chunks(
        &self,
        mut each: impl FnMut(&[u8]) -> Result<(), Message>,
    ) -> Result<u64, Message> {
        let mut reader = self.reader()?;
        let mut buffer = vec![0u8; CHUNK];
        let mut total: u64 = 0;
        loop {
            let n = fill(&mut reader, &mut buffer).map_err(|e| {
                Message::new("cli-read-broken")
                    .arg("path", self.name())
                    .arg("bytes", total.to_string())
                    .arg("error", e.to_string())
            })?;
            if n == 0 {
                return Ok(total);
            }
            total += n as u64;
            each(&buffer[..n])?;
        }
    }

    /// The first bytes of the text (up to `n`), for the header and the columns' values.
    pub fn start(&self, n: usize) -> Result<Vec<u8>, Message> {
        let mut start = vec![0u8; n];
        let got = fill(&mut self.reader()?, &mut start).map_err(|e| unreadable(&self.path, e))?;
        start.truncate(got);
        Ok(start)
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        if self.spooled {
            let _ = std::fs::remove_file(&self.path);
        }
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

/// Standard input copied to a temporary file of this process.
fn spool_stdin() -> Result<PathBuf, Message> {
    let path = std::env::temp_dir().join(format!("riskscope-stdin-{}", std::process::id()));
    let mut file = File::create(&path).map_err(|e| unreadable(&path, e))?;
    std::io::copy(&mut std::io::stdin().lock(), &mut file).map_err(|e| unreadable(&path, e))?;
    file.flush().map_err(|e| unreadable(&path, e))?;
    Ok(path)
}
