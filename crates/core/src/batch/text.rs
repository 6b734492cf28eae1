//! A file's text encoding. Spreadsheets save CSV in the encoding of the machine they run on
//! (Windows-1252 in Western Europe, GBK in mainland China, Shift_JIS in Japan), so a file is
//! read in the encoding its start shows: a byte-order mark, else UTF-8 if it is valid UTF-8,
//! else the guess of chardetng (Firefox's detector); a user may choose another. A file that is
//! not UTF-8 is decoded to UTF-8 chunk by chunk before its records are split (encoding_rs, the
//! WHATWG Encoding Standard), and every byte sequence that could not be decoded is counted:
//! a replacement character is never written without a count the page shows.

use encoding_rs::{DecoderResult, Encoding, UTF_8};
use serde::{Deserialize, Serialize};

use crate::i18n::{Localized, Message};

/// How a file's text is read: the encoding's WHATWG name ("UTF-8", "windows-1252", "GBK",
/// "Shift_JIS", "UTF-16LE", ...) and how it was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEncoding {
    pub name: String,
    pub how: Decided,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decided {
    /// The file starts with a byte-order mark.
    ByteOrderMark,
    /// The file's start is valid UTF-8.
    ValidUtf8,
    /// The detector's guess from the file's start.
    Guessed,
    /// The user chose it.
    Chosen,
}

/// The encodings a user may choose from: the WHATWG names spreadsheets most often write.
pub const CHOICES: &[&str] = &[
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1252",
    "ISO-8859-2",
    "windows-1251",
    "GBK",
    "gb18030",
    "Big5",
    "Shift_JIS",
    "EUC-JP",
    "EUC-KR",
];

impl TextEncoding {
    pub fn utf8() -> TextEncoding {
        TextEncoding {
            name: UTF_8.name().to_owned(),
            how: Decided::ValidUtf8,
        }
    }

    /// The encoding the user chose by its name (any WHATWG label); `None` if it names none.
    pub fn chosen(label: &str) -> Option<TextEncoding> {
        Encoding::for_label(label.trim().as_bytes()).map(|e| TextEncoding {
            name: e.name().to_owned(),
            how: Decided::Chosen,
        })
    }

    /// The encoding `start` (the first bytes of a file, or all of it when `whole`) shows.
    pub fn detect(start: &[u8], whole: bool) -> TextEncoding {
        if let Some((encoding, _)) = Encoding::for_bom(start) {
            return TextEncoding {
                name: encoding.name().to_owned(),
                how: Decided::ByteOrderMark,
            };
        }
        if is_utf8_start(start, whole) || mostly_utf8(start) {
            return TextEncoding::utf8();
        }
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(start, whole);
        TextEncoding {
            name: detector.guess(None, true).name().to_owned(),
            how: Decided::Guessed,
        }
    }

    fn encoding(&self) -> &'static Encoding {
        Encoding::for_label(self.name.as_bytes()).unwrap_or(UTF_8)
    }

    pub fn is_utf8(&self) -> bool {
        self.encoding() == UTF_8
    }
}

/// "Read as GBK (guessed from the file's start).", for the page.
impl Localized for TextEncoding {
    fn message(&self) -> Message {
        let how = match self.how {
            Decided::ByteOrderMark => "batch-encoding-bom",
            Decided::ValidUtf8 => "batch-encoding-valid",
            Decided::Guessed => "batch-encoding-guessed",
            Decided::Chosen => "batch-encoding-chosen",
        };
        Message::new("batch-encoding")
            .arg("encoding", self.name.as_str())
            .arg("how", Message::new(how))
    }
}

/// Whether `start` is UTF-8, allowing a character cut at its end when it is not the whole file.
fn is_utf8_start(start: &[u8], whole: bool) -> bool {
    match std::str::from_utf8(start) {
        Ok(_) => true,
        Err(e) => !whole && e.error_len().is_none() && start.len() - e.valid_up_to() < 4,
    }
}

/// Whether `start` is UTF-8 with some damage: more of its non-ASCII sequences are valid UTF-8
/// than not. Reading such a file in a legacy encoding would turn every valid character into
/// two or three wrong ones; read as UTF-8, only the damaged bytes are replaced, and counted.
fn mostly_utf8(mut start: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    loop {
        let (ok, rest) = match std::str::from_utf8(start) {
            Ok(text) => (text, &[][..]),
            Err(e) => {
                let (ok, rest) = start.split_at(e.valid_up_to());
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len());
                // The prefix is valid UTF-8 by construction.
                (std::str::from_utf8(ok).unwrap_or_default(), &rest[skip..])
            }
        };
        valid += ok.chars().filter(|c| !c.is_ascii()).count();
        if rest.is_empty() {
            return valid > invalid;
        }
        start = rest;
    }
}

/// A file's bytes as UTF-8, chunk by chunk. UTF-8 passes through as it is (its records are
/// checked where they are split); any other encoding is decoded, counting what could not be.
pub struct Transcoder {
    decoder: Option<encoding_rs::Decoder>,
    out: Vec<u8>,
    replaced: u64,
}

impl Transcoder {
    pub fn new(encoding: &TextEncoding) -> Transcoder {
        let encoding = encoding.encoding();
        Transcoder {
            // A UTF-8 byte-order mark is skipped where the header is read.
            decoder: (encoding != UTF_8).then(|| encoding.new_decoder_with_bom_removal()),
            out: Vec::new(),
            replaced: 0,
        }
    }

    /// Byte sequences that could not be decoded so far (each written as U+FFFD).
    pub fn replaced(&self) -> u64 {
        self.replaced
    }

    /// `chunk` as UTF-8; an empty chunk ends the file (a sequence cut at the end is then
    /// counted as not decoded).
    pub fn feed<'a>(&'a mut self, chunk: &'a [u8]) -> &'a [u8] {
        let Some(decoder) = self.decoder.as_mut() else {
            return chunk;
        };
        let last = chunk.is_empty();
        self.out.clear();
        let mut input = chunk;
        loop {
            let room = decoder
                .max_utf8_buffer_length_without_replacement(input.len())
                .unwrap_or(input.len() * 3 + 16);
            let start = self.out.len();
            self.out.resize(start + room.max(16), 0);
            let (result, read, written) =
                decoder.decode_to_utf8_without_replacement(input, &mut self.out[start..], last);
            self.out.truncate(start + written);
            input = &input[read..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(_, _) => {
                    self.replaced += 1;
                    self.out.extend_from_slice("\u{FFFD}".as_bytes());
                }
            }
        }
        &self.out
    }
}

/// A whole file's text (a small one: a data file given with a model) as UTF-8, in the encoding
/// its content shows. What cannot be decoded becomes U+FFFD: such a cell does not parse, and
/// its row is counted as skipped.
pub fn decode_whole(bytes: &[u8]) -> String {
    let encoding = TextEncoding::detect(bytes, true).encoding();
    encoding.decode_with_bom_removal(bytes).0.into_owned()
}

/// How many byte sequences of `bytes` are not UTF-8 (what a lossy conversion would replace).
pub fn invalid_utf8_sequences(mut bytes: &[u8]) -> u64 {
    let mut n = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return n,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[skip..];
            }
        }
    }
}
