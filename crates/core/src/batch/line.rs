//! Export cells neutralised for spreadsheets, and CSV records written byte for byte as the
//! `csv` crate's default writer writes them (comma, `\n`, quotes only where needed, a quote
//! doubled inside quotes, a record of one empty field as `""`), appended to one buffer with no
//! call per field: an export copies every cell of files of millions of rows, and a writer call
//! per cell was most of the command line's time.

/// Bytes that make a field quoted: the separator, the quote, and both line ends.
fn special(b: u8) -> bool {
    matches!(b, b',' | b'"' | b'\r' | b'\n')
}

/// `text` as it is safe to put in a spreadsheet cell.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(
        text.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if !risky {
        return std::borrow::Cow::Borrowed(text);
    }
    // A plain number stays a number; "-inf" and "+NaN" parse as floats but are not numbers a
    // spreadsheet keeps, so they are neutralised like any other text.
    let trimmed = text.trim();
    let plain_number = plain_decimal(trimmed) || trimmed.parse::<f64>().is_ok_and(f64::is_finite);
    if !plain_number {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A decimal without an exponent, short enough to be finite ("-1.25", "+3", "-.5"): what
/// `str::parse::<f64>` reads as a finite number, known without parsing it (an export checks
/// every negative number of a file).
pub(crate) fn plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    whole.len() <= 300
        && whole.len() + fraction.len() > 0
        && all_digits(whole)
        && all_digits(fraction)
}

#[derive(Debug, Default)]
pub(crate) struct Lines {
    bytes: Vec<u8>,
    /// Fields written in the current record, and where it starts.
    fields: usize,
    start: usize,
}

impl Lines {
    /// Lines written into `buffer`, emptied first (its capacity kept).
    pub(crate) fn with_buffer(mut buffer: Vec<u8>) -> Lines {
        buffer.clear();
        Lines {
            bytes: buffer,
            fields: 0,
            start: 0,
        }
    }

    pub(crate) fn field(&mut self, data: &[u8]) {
        if self.fields > 0 {
            self.bytes.push(b',');
        }
        self.fields += 1;
        if data.iter().any(|&b| special(b)) {
            self.bytes.push(b'"');
            for &b in data {
                if b == b'"' {
                    self.bytes.push(b'"');
                }
                self.bytes.push(b);
            }
            self.bytes.push(b'"');
        } else {
            self.bytes.extend_from_slice(data);
        }
    }

    /// A cell of text, neutralised for spreadsheets ([`neutralise`]): one pass over a number.
    pub(crate) fn cell(&mut self, text: &str) {
        match text.as_bytes().first() {
            Some(b'-' | b'+') if plain_decimal(text) => {
                // Digits, a sign and a point: nothing to quote.
                if self.fields > 0 {
                    self.bytes.push(b',');
                }
                self.fields += 1;
                self.bytes.extend_from_slice(text.as_bytes());
            }
            Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => {
                self.field(neutralise(text).as_bytes());
            }
            _ => self.field(text.as_bytes()),
        }
    }

    /// Ends the record.
    pub(crate) fn end(&mut self) {
        if self.bytes.len() == self.start {
            self.bytes.extend_from_slice(b"\"\"");
        }
        self.bytes.push(b'\n');
        self.fields = 0;
        self.start = self.bytes.len();
    }

    /// The records written since the last take.
    pub(crate) fn take(&mut self) -> Vec<u8> {
        self.fields = 0;
        self.start = 0;
        std::mem::take(&mut self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records of awkward fields, each written by both writers: the same bytes.
    #[test]
    fn lines_are_the_csv_crates_bytes() {
        let fields: [&[u8]; 14] = [
            b"",
            b"plain",
            b"a,b",
            b"say \"hi\"",
            b"\"",
            b"line\nbreak",
            b"cr\rhere",
            b"'=SUM(1)",
            "Zürich café".as_bytes(),
            b" spaced ",
            b"-1.25",
            b"#comment",
            b"\t",
            b"\xff\xfe",
        ];
        let mut seed = 7u64;
        for n in 1..=6 {
            for _ in 0..200 {
                let mut record = Vec::new();
                for _ in 0..n {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    record.push(fields[(seed >> 33) as usize % fields.len()]);
                }
                let mut mine = Lines::default();
                for f in &record {
                    mine.field(f);
                }
                mine.end();
                let mut theirs = csv::WriterBuilder::new()
                    .flexible(true)
                    .from_writer(Vec::new());
                theirs.write_record(&record).unwrap_or_default();
                let theirs = theirs.into_inner().unwrap_or_default();
                assert_eq!(mine.take(), theirs, "{record:?}");
            }
        }
    }

    /// Where the export's shortcut says "a plain number", parsing agrees it is a finite one.
    #[test]
    fn a_plain_decimal_is_a_finite_number() {
        use super::plain_decimal;
        let texts = [
            "-1.25",
            "+3",
            "-.5",
            "5.",
            "-",
            "+",
            ".",
            "-.",
            "--1",
            "-1.2.3",
            "-1e5",
            "-inf",
            "+NaN",
            "-0",
            "-00012",
            "-1,5",
            "- 1",
            "-١",
            "+0.000000000000000000000001",
        ];
        let long = format!("-{}", "9".repeat(300));
        let longer = format!("-{}", "9".repeat(400));
        for text in texts
            .iter()
            .copied()
            .chain([long.as_str(), longer.as_str()])
        {
            let finite = text.parse::<f64>().is_ok_and(f64::is_finite);
            assert!(!plain_decimal(text) || finite, "{text:?}");
        }
        assert!(plain_decimal("-1.25") && plain_decimal(&long) && !plain_decimal(&longer));
    }
}
