//! Batch scoring of whole files: every row scored or given a row error that says where and
//! what, the same results whatever the chunk size, scores equal to onnxruntime's golden
//! vectors, exports that keep every row and neutralise formulas.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{MODELS, accounted, fixture, gap};
use riskscope_core::applicant::Problem;
use riskscope_core::batch::export::{ExportKind, Exporter, neutralise};
use riskscope_core::batch::job::MAX_RECORD_BYTES;
use riskscope_core::batch::{
    BatchResults, JobSettings, Mapping, RowProblem, read_head, score_bytes,
};
use riskscope_core::scorer::Scorer;

const LOGISTIC: &str = "german-credit-logistic";

/// The logistic model's golden rows as a CSV (manifest order, plus `note` and `defaulted`),
/// with their onnxruntime scores.
fn golden_csv(separator: u8, n: usize) -> (String, Vec<f32>) {
    let f = fixture(LOGISTIC);
    let scorer = f.scorer();
    let names = feature_names(&scorer);
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(Vec::new());
    let mut header: Vec<&str> = names.clone();
    header.extend(["note", "defaulted"]);
    w.write_record(&header).unwrap();
    let golden = f.golden();
    let mut scores = Vec::new();
    for (i, row) in golden.rows.iter().take(n).enumerate() {
        let mut cells: Vec<String> = names.iter().map(|n| row.raw[*n].clone()).collect();
        cells.push(format!("note {i}, with a comma"));
        cells.push(if row.score > 0.5 { "1" } else { "0" }.to_owned());
        w.write_record(&cells).unwrap();
        scores.push(row.score);
    }
    (String::from_utf8(w.into_inner().unwrap()).unwrap(), scores)
}

/// The model's feature names, in manifest order.
fn feature_names(scorer: &Scorer) -> Vec<&str> {
    scorer
        .manifest()
        .features
        .iter()
        .map(|f| f.name.as_str())
        .collect()
}

/// Scores `csv` as the page's worker does: the header (and the text encoding) read from the
/// first 64 KiB, then the whole file in chunks of `chunk` bytes.
fn run(scorer: &Scorer, csv: &[u8], chunk: usize) -> BatchResults {
    let head = read_head(&csv[..csv.len().min(64 * 1024)]).unwrap();
    let mapping = Mapping::propose(scorer.manifest(), &head);
    score_bytes(scorer, mapping, JobSettings::default(), csv, chunk).unwrap()
}

#[test]
fn golden_rows_score_as_onnxruntime_did_whatever_the_chunk_size() {
    let scorer = fixture(LOGISTIC).supported_scorer();
    let (csv, want) = golden_csv(b',', 200);
    let whole = run(&scorer, csv.as_bytes(), usize::MAX);
    accounted(&whole);
    assert_eq!(whole.rows, 200);
    assert!(whole.errors.is_empty(), "{:?}", whole.errors.first());
    for (s, w) in whole.scored.iter().zip(&want) {
        assert!(
            gap(s.score, *w) < common::TOLERANCE,
            "row {}: {} vs {w}",
            s.row,
            s.score
        );
    }
    assert_eq!(whole.labels.len(), 200, "the defaulted column is the label");
    for chunk in [1, 7, 4096] {
        let r = run(&scorer, csv.as_bytes(), chunk);
        assert_eq!(r.scored, whole.scored, "chunk size {chunk}");
        assert_eq!(r.labels, whole.labels);
    }
}

#[test]
fn flagged_rows_get_their_reasons_and_cleared_rows_none() {
    let scorer = fixture(LOGISTIC).supported_scorer();
    let (csv, _) = golden_csv(b',', 60);
    let r = run(&scorer, csv.as_bytes(), 4096);
    let cutoff = scorer.manifest().decision.cutoff;
    let flagged = r
        .scored
        .iter()
        .filter(|s| f64::from(s.score) >= cutoff)
        .count();
    assert!(flagged > 0 && flagged < 60, "{flagged} of 60 flagged");
    for s in &r.scored {
        if f64::from(s.score) >= cutoff {
            assert!(
                !s.reasons.is_empty(),
                "row {} flagged without reasons",
                s.row
            );
            // Exact (additive) attributions: the batch's reasons are the page's reasons.
            let golden = fixture(LOGISTIC).golden();
            let applicant = scorer
                .parse(&common::raw(&golden.rows[s.row as usize - 1]))
                .unwrap();
            let attribution = scorer.explain(&applicant).unwrap();
            let want: Vec<u16> = attribution
                .order_by_push()
                .into_iter()
                .filter(|&j| attribution.contributions[j] > 0.0)
                .take(3)
                .map(|j| j as u16)
                .collect();
            assert_eq!(s.reasons, want, "row {}", s.row);
        } else {
            assert!(s.reasons.is_empty(), "row {} cleared with reasons", s.row);
        }
    }
    assert_eq!(r.reason_walks, 0, "the logistic model's reasons are exact");
}

/// Replaces field `column` of data row `row` (1-based) in a comma-separated CSV.
fn with_cell(csv: &str, row: usize, column: &str, text: &str) -> String {
    let mut lines: Vec<String> = csv.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let k = header.iter().position(|h| *h == column).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(lines[row].as_bytes());
    let mut cells: Vec<String> = rdr
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    cells[k] = text.to_owned();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&cells).unwrap();
    lines[row] = String::from_utf8(w.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_owned();
    lines.join("\n") + "\n"
}

#[test]
fn every_kind_of_bad_row_gets_an_error_naming_row_column_and_problem() {
    let scorer = fixture(LOGISTIC).supported_scorer();
    let (csv, _) = golden_csv(b',', 12);
    let mut bad = csv.clone();
    // An attribute about the person is never imputed: missing, it is a row error.
    bad = with_cell(&bad, 1, "foreign_worker", "");
    bad = with_cell(&bad, 2, "duration_in_month", "abc");
    bad = with_cell(&bad, 3, "status_of_existing_checking_account", "A99");
    bad = with_cell(&bad, 4, "credit_amount", "1e309");
    bad = with_cell(&bad, 5, "age_in_years", "250");
    bad = with_cell(&bad, 6, "duration_in_month", "12.5");
    bad = with_cell(&bad, 7, "defaulted", "maybe");
    bad = with_cell(&bad, 8, "credit_amount", "NaN");
    let mut lines: Vec<String> = bad.lines().map(str::to_owned).collect();
    lines[10].push_str(",extra");
    let cut = lines[11].rfind(',').unwrap();
    lines[11].truncate(cut);
    let bad = lines.join("\n") + "\n";

    let r = run(&scorer, bad.as_bytes(), 5);
    accounted(&r);
    assert_eq!((r.rows, r.scored.len(), r.errors.len()), (12, 2, 10));
    let problem = |row: u64| -> &RowProblem {
        let e = r
            .errors
            .iter()
            .find(|e| e.row == row)
            .unwrap_or_else(|| panic!("row {row} has no error"));
        assert_eq!(e.problems.len(), 1, "{e}");
        &e.problems[0]
    };
    let field = |row: u64| match problem(row) {
        RowProblem::Field { column, problem } => (column.as_str(), problem.clone()),
        other => panic!("row {row}: {other:?}"),
    };
    assert_eq!(field(1), ("foreign_worker", Problem::Missing));
    assert!(matches!(
        field(2),
        ("duration_in_month", Problem::NotANumber { .. })
    ));
    assert!(matches!(
        field(3),
        (
            "status_of_existing_checking_account",
            Problem::UnknownCategory { .. }
        )
    ));
    assert!(
        matches!(field(4), ("credit_amount", Problem::NotANumber { .. })),
        "1e309 overflows to inf"
    );
    assert!(matches!(
        field(5),
        ("age_in_years", Problem::OutOfRange { .. })
    ));
    assert!(matches!(
        field(6),
        ("duration_in_month", Problem::NotAWholeNumber { .. })
    ));
    assert!(matches!(problem(7), RowProblem::Label { text, .. } if text == "maybe"));
    assert!(matches!(
        field(8),
        ("credit_amount", Problem::NotANumber { .. })
    ));
    let n = scorer.manifest().features.len() + 2;
    assert_eq!(
        problem(10),
        &RowProblem::FieldCount {
            expected: n,
            found: n + 1
        }
    );
    assert_eq!(
        problem(11),
        &RowProblem::FieldCount {
            expected: n,
            found: n - 1
        }
    );
    let text = r.errors[1].to_string();
    assert_eq!(
        text,
        "row 2, column \"duration_in_month\": \"abc\" is not a number"
    );
}

#[test]
fn separators_bom_crlf_blank_lines_quotes_and_a_missing_final_newline() {
    let scorer = fixture(LOGISTIC).supported_scorer();
    let (plain, _) = golden_csv(b',', 20);
    let want = run(&scorer, plain.as_bytes(), 64).scored;
    for separator in [b';', b'\t', b'|'] {
        let (csv, _) = golden_csv(separator, 20);
        let r = run(&scorer, csv.as_bytes(), 64);
        assert_eq!(r.scored, want, "separator {}", separator as char);
    }
    let crlf = format!("\u{feff}{}", plain.replace('\n', "\r\n\r\n"));
    let crlf = crlf.trim_end().to_owned();
    let r = run(&scorer, crlf.as_bytes(), 33);
    accounted(&r);
    assert_eq!(r.scored, want, "BOM, CRLF, blank lines, no final newline");
    assert_eq!(r.rows, 20, "blank lines are not rows");
    // A quoted field holding the separator and a newline is one field.
    let quoted = with_cell(&plain, 3, "note", "two\nlines, \"quoted\"");
    let r = run(&scorer, quoted.as_bytes(), 16);
    assert_eq!(r.scored, want);
}

#[test]
fn oversized_rows_and_bytes_that_are_not_text_are_row_errors() {
    let scorer = fixture(LOGISTIC).supported_scorer();
    let (csv, _) = golden_csv(b',', 5);
    let long = "9".repeat(MAX_RECORD_BYTES + 10);
    let huge = with_cell(&csv, 2, "note", &long);
    let hundred_k = with_cell(&huge, 3, "credit_amount", &"7".repeat(100_000));
    let mut bytes = hundred_k.into_bytes();
    // Row 4's credit amount becomes invalid UTF-8.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let line4 = text.lines().nth(4).unwrap().to_owned();
    let row4_start = text.find(&line4).unwrap();
    let comma = line4.match_indices(',').nth(3).unwrap().0; // before credit_amount (5th column)
    bytes[row4_start + comma + 1] = 0xFF;
    let r = run(&scorer, &bytes, 4096);
    accounted(&r);
    assert_eq!(r.rows, 5);
    let e = |row: u64| {
        r.errors
            .iter()
            .find(|e| e.row == row)
            .unwrap_or_else(|| panic!("row {row}"))
    };
    assert_eq!(
        e(2).problems,
        vec![RowProblem::TooLong {
            limit: MAX_RECORD_BYTES
        }]
    );
    // 100,000 sevens overflow f64: not a number, and the message quotes the text cut short.
    assert!(matches!(
        &e(3).problems[0],
        RowProblem::Field {
            problem: Problem::NotANumber { .. },
            ..
        }
    ));
    assert!(e(3).to_string().len() < 200);
    assert!(
        matches!(&e(4).problems[0], RowProblem::NotUtf8 { column } if column == "credit_amount"),
        "{:?}",
        e(4)
    );
}

#[test]
fn header_matching_is_case_and_separator_tolerant_and_knows_label_names() {
    let scorer = fixture(LOGISTIC).scorer();
    let manifest = scorer.manifest();
    let columns: Vec<String> = manifest
        .features
        .iter()
        .enumerate()
        .map(|(j, f)| match j % 3 {
            0 => f.name.to_uppercase(),
            1 => f.name.replace('_', " "),
            _ => f.label.clone(),
        })
        .chain(["Creditability".to_owned()])
        .collect();
    let head = read_head(columns.join(";").as_bytes()).unwrap();
    assert_eq!(head.separator, b';');
    let mapping = Mapping::propose(manifest, &head);
    assert!(
        mapping.unmatched(manifest).is_empty(),
        "{:?}",
        mapping.unmatched(manifest)
    );
    let label = mapping.label.unwrap();
    assert_eq!(label.column, columns.len() - 1);
    assert_eq!(
        (label.positive.as_str(), label.negative.as_str()),
        ("0", "1"),
        "creditability: 1 is good"
    );
    let head = read_head(b"a,b\n1,2\n").unwrap();
    let mapping = Mapping::propose(manifest, &head);
    assert_eq!(mapping.unmatched(manifest).len(), manifest.features.len());
    assert!(read_head(b"").is_err() && read_head(b"\n\n  ").is_err());
}

fn export(scorer: &Scorer, r: &BatchResults, csv: &[u8], kind: ExportKind) -> String {
    let head = read_head(csv).unwrap();
    let mapping = Mapping::propose(scorer.manifest(), &head);
    let mut e = Exporter::new(r, &mapping, kind);
    let mut out = Vec::new();
    for piece in csv.chunks(9) {
        out.extend(e.feed(scorer, piece).unwrap());
    }
    out.extend(e.finish(scorer).unwrap());
    String::from_utf8(out).unwrap()
}

#[test]
fn exports_keep_every_row_and_neutralise_formulas() {
    let scorer = fixture(LOGISTIC).supported_scorer();
    let (csv, _) = golden_csv(b',', 30);
    let csv = with_cell(&csv, 4, "note", "=HYPERLINK(\"http://x\",\"y\")");
    let csv = with_cell(&csv, 5, "duration_in_month", "@SUM(1)");
    let r = run(&scorer, csv.as_bytes(), 4096);
    assert_eq!((r.scored.len(), r.errors.len()), (29, 1));
    let out = export(&scorer, &r, csv.as_bytes(), ExportKind::Scored);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let header = rdr.headers().unwrap().clone();
    assert_eq!(&header[header.len() - 1], "error");
    assert_eq!(
        header.iter().position(|h| h == "score"),
        Some(scorer.manifest().features.len() + 2)
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 30, "every input row, scored or not");
    let note = header.iter().position(|h| h == "note").unwrap();
    assert_eq!(&rows[3][note], "'=HYPERLINK(\"http://x\",\"y\")");
    let score = header.iter().position(|h| h == "score").unwrap();
    assert_eq!(&rows[4][score], "", "the errored row has no score");
    assert!(rows[4][header.len() - 1].contains("column \"duration_in_month\""));
    let decision = &rows[0][score + 1];
    assert!(decision == "Decline" || decision == "Approve", "{decision}");
    for (row, s) in rows.iter().filter(|r| !r[score].is_empty()).zip(&r.scored) {
        assert_eq!(row[score].parse::<f32>().unwrap(), s.score);
        let reason = &row[score + 2];
        assert_eq!(
            reason.is_empty(),
            s.reasons.is_empty(),
            "reasons for flagged rows only"
        );
    }
    let errors = export(&scorer, &r, csv.as_bytes(), ExportKind::Errors);
    let mut rdr = csv::Reader::from_reader(errors.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].iter().any(|c| c == "'@SUM(1)"), "{:?}", rows[0]);
    assert_eq!(neutralise("-1.5"), "-1.5", "negative numbers stay numbers");
    assert_eq!(neutralise("-1+1"), "'-1+1");
    assert_eq!(neutralise("\tx"), "'\tx");
    assert_eq!(neutralise("+"), "'+");
}

#[test]
fn empty_header_only_and_garbage_files() {
    let scorer = fixture(LOGISTIC).supported_scorer();
    let (csv, _) = golden_csv(b',', 1);
    let header = csv.lines().next().unwrap().to_owned() + "\n";
    let r = run(&scorer, header.as_bytes(), 4096);
    assert_eq!((r.rows, r.scored.len(), r.errors.len()), (0, 0, 0));
    // Garbage after a valid header: every line is a row error, none lost.
    let mut garbage = header.into_bytes();
    garbage.extend((0u32..5000).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let r = run(&scorer, &garbage, 333);
    accounted(&r);
    assert!(r.scored.is_empty());
}

#[test]
fn every_model_scores_its_golden_rows_as_a_file() {
    for f in MODELS {
        let scorer = f.supported_scorer();
        let names = feature_names(&scorer);
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&names).unwrap();
        let golden = f.golden();
        for row in &golden.rows {
            w.write_record(names.iter().map(|n| row.raw[*n].as_str()))
                .unwrap();
        }
        let csv = w.into_inner().unwrap();
        let r = run(&scorer, &csv, 1 << 16);
        accounted(&r);
        assert!(r.errors.is_empty(), "{}: {}", f.id, r.errors[0]);
        let worst = r
            .scored
            .iter()
            .zip(&golden.rows)
            .map(|(s, g)| gap(s.score, g.score))
            .fold(0.0f32, f32::max);
        assert!(worst < common::TOLERANCE, "{}: worst gap {worst}", f.id);
        println!(
            "{}: {} golden rows as a file, worst gap {worst:.1e}",
            f.id, r.rows
        );
    }
}

/// Every feature's column may be a fairness group while it has at most MAX_GROUPS values: a
/// count or a 0/1 flag is one, a continuous amount is not (brute force: distinct texts).
#[test]
fn number_columns_with_few_values_are_fairness_groups() {
    let scorer = fixture(LOGISTIC).supported_scorer();
    let (csv, _) = golden_csv(b',', 200);
    let r = run(&scorer, csv.as_bytes(), 4096);
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header = rdr.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    for name in [
        "installment_rate_in_percentage_of_disposable_income",
        "credit_amount",
    ] {
        let k = header.iter().position(|h| h == name).unwrap();
        let mut distinct: Vec<&str> = rows.iter().map(|row| &row[k]).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let group = r.groups.iter().find(|g| g.name == name);
        if distinct.len() <= riskscope_core::batch::job::MAX_GROUPS {
            let g = group.unwrap_or_else(|| panic!("{name} is no group"));
            assert_eq!(g.values.len(), distinct.len(), "{name}");
            assert_eq!(g.codes.len(), r.scored.len());
        } else {
            assert!(group.is_none(), "{name} has {} values", distinct.len());
        }
    }
}
