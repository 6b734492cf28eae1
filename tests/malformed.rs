//! The malformed-input table: every awkward file a user may give the batch scorer, each with its
//! defined result, and nothing lost: every row is scored or has a row error saying where and
//! what. Run with `-- --nocapture` to print the table (the closing notes quote it).
//!
//! The model is the ULB fraud MLP (29 numbers); the base file is the first 20 rows of its
//! bundled sample (Time, V1..V28, Amount, Class). A model file's size claims (a 2 GB protobuf
//! length, a 2 GB tensor) are in tests/compat.rs.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use riskscope_core::applicant::{Note, Problem};
use riskscope_core::batch::columns::HeadError;
use riskscope_core::batch::job::MAX_RECORD_BYTES;
use riskscope_core::batch::{
    BatchResults, JobSettings, Mapping, RowProblem, read_head, score_bytes,
};
use riskscope_core::scorer::Scorer;

const SAMPLE: &str = include_str!("../models/ulb-fraud-mlp/sample.csv");
const ROWS: usize = 20;

fn base_lines() -> Vec<String> {
    SAMPLE.lines().take(ROWS + 1).map(str::to_owned).collect()
}

fn join(lines: &[String]) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}

/// Replaces field `column` of data row `row` (1-based) in comma-separated lines.
fn set_field(lines: &mut [String], row: usize, column: usize, text: &str) {
    let mut fields: Vec<String> = lines[row].split(',').map(str::to_owned).collect();
    fields[column] = text.to_owned();
    lines[row] = fields.join(",");
}

/// What a file gives.
#[derive(Debug)]
enum Outcome {
    /// The header cannot be read.
    NoHeader(HeadError),
    /// The header is read, but attributes have no column (the page asks for them).
    Unmatched(Vec<String>),
    Scored(Box<BatchResults>),
}

fn run(scorer: &Scorer, bytes: &[u8]) -> Outcome {
    let head = match read_head(&bytes[..bytes.len().min(64 * 1024)]) {
        Ok(head) => head,
        Err(e) => return Outcome::NoHeader(e),
    };
    let mapping = Mapping::propose(scorer.manifest(), &head);
    let unmatched: Vec<String> = mapping
        .unmatched(scorer.manifest())
        .into_iter()
        .map(str::to_owned)
        .collect();
    if !unmatched.is_empty() {
        return Outcome::Unmatched(unmatched);
    }
    let results = score_bytes(scorer, mapping, JobSettings::default(), bytes, 4096).unwrap();
    common::accounted(&results);
    Outcome::Scored(Box::new(results))
}

fn scores(outcome: &Outcome) -> Vec<f32> {
    match outcome {
        Outcome::Scored(r) => r.scored.iter().map(|s| s.score).collect(),
        other => panic!("expected scores, got {other:?}"),
    }
}

fn errors(outcome: &Outcome) -> Vec<(u64, Vec<RowProblem>)> {
    match outcome {
        Outcome::Scored(r) => r
            .errors
            .iter()
            .map(|e| (e.row, e.problems.clone()))
            .collect(),
        other => panic!("expected row errors, got {other:?}"),
    }
}

fn field_problem(column: &str, problem: Problem) -> RowProblem {
    RowProblem::Field {
        column: column.into(),
        problem,
    }
}

fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::NoHeader(e) => format!("refused: {e}"),
        Outcome::Unmatched(names) => format!("mapping step: no column for {}", names.join(", ")),
        Outcome::Scored(r) => {
            let first = r
                .errors
                .first()
                .map(|e| format!("; first error: {e}"))
                .unwrap_or_default();
            let first: String = first.chars().take(110).collect();
            let replaced = match r.text.replaced {
                0 => String::new(),
                n => format!(", {n} byte sequences not text"),
            };
            let noted = match r.noted_rows() {
                0 => String::new(),
                n => format!(" ({n} with values not scored as given)"),
            };
            format!(
                "read as {}: {} rows: {} scored{noted}, {} row errors{replaced}{first}",
                r.text.encoding.name,
                r.rows,
                r.scored.len(),
                r.errors.len()
            )
        }
    }
}

#[test]
fn every_malformed_input_has_its_defined_result() {
    let scorer = common::fixture("ulb-fraud-mlp").scorer();
    let base = join(&base_lines());
    let reference = run(&scorer, &base);
    let want = scores(&reference);
    assert_eq!(want.len(), ROWS);
    let mut table: Vec<(&str, String)> = Vec::new();
    let mut row = |name: &'static str, outcome: &Outcome| table.push((name, summary(outcome)));

    // Empty file, and one of only whitespace: no header.
    for (name, bytes) in [
        ("empty file", &b""[..]),
        ("blank lines only", &b"\n\r\n  \n"[..]),
    ] {
        let outcome = run(&scorer, bytes);
        assert!(
            matches!(outcome, Outcome::NoHeader(HeadError::Empty)),
            "{name}: {outcome:?}"
        );
        row(name, &outcome);
    }

    // Header only: nothing to score, nothing lost.
    let outcome = run(&scorer, join(&base_lines()[..1]).as_slice());
    assert!(matches!(&outcome, Outcome::Scored(r) if r.rows == 0 && r.errors.is_empty()));
    row("header only", &outcome);

    // Binary garbage: its "header" names no attribute; the page asks for every one.
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
        .collect();
    let outcome = run(&scorer, &garbage);
    match &outcome {
        Outcome::Unmatched(names) => assert_eq!(names.len(), 29),
        Outcome::NoHeader(_) => {}
        other => panic!("binary garbage: {other:?}"),
    }
    row("binary garbage (8 KiB)", &outcome);

    // Byte-order mark, CRLF line ends, semicolons: the very same scores.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(&base);
    let crlf = base_lines().join("\r\n").into_bytes();
    let semicolons = String::from_utf8(base.clone())
        .unwrap()
        .replace(',', ";")
        .into_bytes();
    for (name, bytes) in [
        ("UTF-8 byte-order mark", bom),
        ("CRLF line ends", crlf),
        ("semicolon separators", semicolons),
    ] {
        let outcome = run(&scorer, &bytes);
        assert_eq!(scores(&outcome), want, "{name}");
        row(name, &outcome);
    }

    // Quoted fields with separators and newlines inside, in an extra column: same scores.
    let mut lines = base_lines();
    lines[0].push_str(",note");
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        line.push_str(&format!(",\"row {i}, \"\"quoted\"\"\nsecond line\""));
    }
    let outcome = run(&scorer, &join(&lines));
    assert_eq!(scores(&outcome), want);
    row("quoted fields with commas, quotes and newlines", &outcome);

    // 100,000-character fields: in a spare column, scored; in V1, that row's error.
    let long = "7".repeat(100_000);
    let mut lines = base_lines();
    lines[0].push_str(",note");
    for line in lines.iter_mut().skip(1) {
        line.push_str(&format!(",{long}"));
    }
    set_field(&mut lines, 3, 1, &long);
    let outcome = run(&scorer, &join(&lines));
    let errs = errors(&outcome);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, 3);
    assert!(
        matches!(&errs[0].1[..], [RowProblem::Field { column, .. }] if column == "V1"),
        "{errs:?}"
    );
    assert_eq!(scores(&outcome).len(), ROWS - 1);
    row(
        "100,000-character fields (spare column; and V1 of row 3)",
        &outcome,
    );

    // NaN, Inf, 1e309 (overflows to infinity): not numbers, each named.
    let mut lines = base_lines();
    for (r, text) in [(1, "NaN"), (2, "inf"), (3, "-Infinity"), (4, "1e309")] {
        set_field(&mut lines, r, 1, text);
    }
    let outcome = run(&scorer, &join(&lines));
    let errs = errors(&outcome);
    assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), [1, 2, 3, 4]);
    for (e, text) in errs.iter().zip(["NaN", "inf", "-Infinity", "1e309"]) {
        assert_eq!(
            e.1,
            [field_problem(
                "V1",
                Problem::NotANumber { text: text.into() }
            )]
        );
    }
    row("NaN, inf, -Infinity, 1e309 in V1 (rows 1-4)", &outcome);

    // Negative zero is zero.
    let mut zero = base_lines();
    let mut negative = base_lines();
    set_field(&mut zero, 1, 1, "0");
    set_field(&mut negative, 1, 1, "-0");
    set_field(&mut zero, 2, 29, "0");
    set_field(&mut negative, 2, 29, "-0.0");
    let (z, n) = (run(&scorer, &join(&zero)), run(&scorer, &join(&negative)));
    assert_eq!(scores(&z), scores(&n));
    assert!(errors(&n).is_empty());
    row("negative zero (-0 in V1, -0.0 in Amount)", &n);

    // Value policies. The real file's line 274,773 (far outside every training range; beyond
    // the form's bounds too): scored as given and noted. A missing V3 and a blank Amount:
    // scored with the training median and noted. Text in a number stays a row error.
    let mut lines = base_lines();
    for (column, text) in [
        (5, "-113.743306711146"),
        (6, "73.3016255459646"),
        (7, "120.589493945238"),
        (27, "31.6121981061363"),
    ] {
        set_field(&mut lines, 1, column, text);
    }
    set_field(&mut lines, 2, 3, "");
    set_field(&mut lines, 3, 29, "  ");
    set_field(&mut lines, 4, 3, "n/a");
    let outcome = run(&scorer, &join(&lines));
    let Outcome::Scored(r) = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(
        errors(&outcome),
        [(
            4,
            vec![field_problem(
                "V3",
                Problem::NotANumber { text: "n/a".into() }
            )]
        )]
    );
    assert_eq!(r.scored.len(), ROWS - 1);
    let notes: Vec<(u64, u8)> = r
        .scored
        .iter()
        .filter(|s| s.notes != 0)
        .map(|s| (s.row, s.notes))
        .collect();
    assert_eq!(
        notes,
        [
            (1, Note::Outside.bit()),
            (2, Note::Imputed.bit()),
            (3, Note::Imputed.bit())
        ]
    );
    let m = scorer.manifest();
    for (name, imputed, outside) in [
        ("V3", 1, 0),
        ("Amount", 1, 0),
        ("V5", 0, 1),
        ("V6", 0, 1),
        ("V7", 0, 1),
        ("V27", 0, 1),
    ] {
        let c = r.value_notes[m.feature_index(name).unwrap()];
        assert_eq!(
            (c.imputed, c.outside, c.clamped),
            (imputed, outside, 0),
            "{name}"
        );
    }
    assert_eq!(r.value_notes.iter().map(|c| c.total()).sum::<u64>(), 6);
    row(
        "values outside the training range (the real file's line 274,773 in row 1), a missing V3 (row 2), a blank Amount (row 3), \"n/a\" in V3 (row 4)",
        &outcome,
    );

    // Duplicate headers: a name two columns share is not guessed; the page asks.
    let mut lines = base_lines();
    lines[0] = lines[0].replacen("Time", "V1", 1);
    let head = read_head(&join(&lines)).unwrap();
    let mapping = Mapping::propose(scorer.manifest(), &head);
    assert_eq!(mapping.duplicate_names(), [("V1".to_owned(), vec![0, 1])]);
    let outcome = run(&scorer, &join(&lines));
    assert!(
        matches!(&outcome, Outcome::Unmatched(names) if names == &["V1"]),
        "{outcome:?}"
    );
    row("duplicate headers (Time renamed V1)", &outcome);

    // A missing column: the page asks for it. Extra columns: kept, scored the same.
    let mut lines = base_lines();
    for line in &mut lines {
        let mut fields: Vec<&str> = line.split(',').collect();
        fields.remove(5);
        *line = fields.join(",");
    }
    let outcome = run(&scorer, &join(&lines));
    assert!(
        matches!(&outcome, Outcome::Unmatched(names) if names == &["V5"]),
        "{outcome:?}"
    );
    row("missing column (V5)", &outcome);
    let mut lines = base_lines();
    lines[0].push_str(",branch,channel");
    for line in lines.iter_mut().skip(1) {
        line.push_str(",north,web");
    }
    let outcome = run(&scorer, &join(&lines));
    assert_eq!(scores(&outcome), want);
    row("extra columns (branch, channel)", &outcome);

    // Rows with too few or too many fields, a label that is neither value, bytes not UTF-8.
    let mut lines = base_lines();
    lines[2] = lines[2].rsplit_once(',').unwrap().0.to_owned();
    lines[4].push_str(",surplus");
    set_field(&mut lines, 6, 30, "maybe");
    set_field(&mut lines, 8, 2, "@@");
    let text = join(&lines);
    let at = text.windows(2).position(|w| w == b"@@").unwrap();
    let mut bytes = text[..at].to_vec();
    bytes.extend(b"\xff\xfe");
    bytes.extend(&text[at + 2..]);
    let outcome = run(&scorer, &bytes);
    let errs = errors(&outcome);
    assert!(
        errs.iter().any(|e| e.0 == 2
            && matches!(
                e.1[..],
                [RowProblem::FieldCount {
                    expected: 31,
                    found: 30
                }]
            )),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.0 == 4
            && matches!(
                e.1[..],
                [RowProblem::FieldCount {
                    expected: 31,
                    found: 32
                }]
            )),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.0 == 6
                && matches!(&e.1[..], [RowProblem::Label { text, .. }] if text == "maybe")),
        "{errs:?}"
    );
    // Two bytes that are not UTF-8, and no other non-ASCII text, make this small file's start
    // not UTF-8: it is read in the detector's guess (a single-byte encoding), in which the two
    // bytes are two letters, and V2 is not a number.
    let Outcome::Scored(results) = &outcome else {
        unreachable!()
    };
    let guess = encoding_rs::Encoding::for_label(results.text.encoding.name.as_bytes()).unwrap();
    assert!(guess.is_single_byte(), "{}", guess.name());
    let letters = guess
        .decode_without_bom_handling(b"\xff\xfe")
        .0
        .into_owned();
    assert!(
        errs.iter().any(|e| e.0 == 8
            && e.1
                == [field_problem(
                    "V2",
                    Problem::NotANumber {
                        text: letters.clone()
                    }
                )]),
        "{errs:?}"
    );
    assert_eq!(errs.len(), 4);
    row(
        "short row 2, long row 4, label \"maybe\" row 6, bytes not UTF-8 in V2 row 8 (no other non-ASCII text)",
        &outcome,
    );

    // The same bytes far into a file whose first 64 KiB are UTF-8: read as UTF-8, the row is
    // an error naming the column, and both bytes are counted.
    let mut lines = base_lines();
    let data: Vec<String> = lines[1..].to_vec();
    while lines.len() < 400 {
        lines.extend(data.iter().cloned());
    }
    let n = lines.len() - 1;
    set_field(&mut lines, n, 2, "@@");
    let text = join(&lines);
    assert!(text.len() > 64 * 1024);
    let at = text.windows(2).position(|w| w == b"@@").unwrap();
    let mut bytes = text[..at].to_vec();
    bytes.extend(b"\xff\xfe");
    bytes.extend(&text[at + 2..]);
    let outcome = run(&scorer, &bytes);
    let Outcome::Scored(results) = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(results.text.encoding.name, "UTF-8");
    assert_eq!(results.text.replaced, 2);
    assert_eq!(
        errors(&outcome),
        [(
            n as u64,
            vec![RowProblem::NotUtf8 {
                column: "V2".into()
            }]
        )]
    );
    row(
        "bytes not UTF-8 in V2 of the last row, past 64 KiB of UTF-8",
        &outcome,
    );

    // Other encodings: the same rows, scored as the UTF-8 file is.
    let mut lines = base_lines();
    let places = ["Zürich café", "Köln", "北京市", "東京都"];
    for (i, line) in lines.iter_mut().enumerate() {
        line.push(',');
        line.push_str(if i == 0 { "place" } else { places[i % 2] });
    }
    let text = String::from_utf8(join(&lines)).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let outcome = run(&scorer, &utf16);
    assert_eq!(scores(&outcome), want);
    row("UTF-16 LE with its byte-order mark", &outcome);
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let outcome = run(&scorer, &latin);
    assert_eq!(scores(&outcome), want);
    row("Windows-1252 text in a spare column", &outcome);
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        let cut = line.rfind(',').unwrap() + 1;
        line.truncate(cut);
        line.push_str(places[2 + i % 2]);
    }
    let text = String::from_utf8(join(&lines)).unwrap();
    for (name, encoding) in [
        ("GBK text in a spare column", encoding_rs::GBK),
        ("Shift_JIS text in a spare column", encoding_rs::SHIFT_JIS),
    ] {
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(!unmappable);
        let outcome = run(&scorer, &bytes);
        assert_eq!(scores(&outcome), want, "{name}");
        row(name, &outcome);
    }

    // A record claiming more than 1 MiB (an unclosed quote runs on for 3 MiB): read past, not
    // held; its row is an error, the rows before it are scored.
    let mut lines = base_lines();
    lines.truncate(11);
    let mut bytes = join(&lines);
    bytes.extend(b"\"");
    bytes.extend(std::iter::repeat_n(b'x', 3 << 20));
    let outcome = run(&scorer, &bytes);
    let errs = errors(&outcome);
    assert_eq!(scores(&outcome).len(), 10);
    assert_eq!(
        errs,
        [(
            11,
            vec![RowProblem::TooLong {
                limit: MAX_RECORD_BYTES
            }]
        )]
    );
    row("a 3 MiB record (unclosed quote)", &outcome);

    println!("| input | result |\n|---|---|");
    for (name, result) in &table {
        println!("| {name} | {result} |");
    }
}
