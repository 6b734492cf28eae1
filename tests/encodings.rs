//! A file in any text encoding scores as its UTF-8 original does, and nothing is corrupted
//! silently. Oracle: the German sample with a spare column of place names in three scripts,
//! written in each encoding (by encoding_rs's encoders, or by hand for UTF-16), must be read in
//! the encoding it was written in, score row for row as the UTF-8 file does, and export the
//! place names exactly; bytes that are not text are counted.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::MODELS;
use riskscope_core::batch::export::{ExportKind, Exporter};
use riskscope_core::batch::text::Decided;
use riskscope_core::batch::{
    BatchResults, JobSettings, Mapping, TextEncoding, read_head, read_head_as, score_bytes,
};
use riskscope_core::scorer::Scorer;

fn german() -> (Scorer, &'static str) {
    let f = MODELS.iter().find(|m| m.id == "german-credit-mlp").unwrap();
    let sample = include_str!("../models/german-credit-mlp/sample.csv");
    (f.supported_scorer(), sample)
}

/// The sample with a `place` column: `places` in turn, one per row.
fn with_places(sample: &str, places: &[&str]) -> String {
    let mut out = String::new();
    for (i, line) in sample.lines().enumerate() {
        let place = if i == 0 {
            "place"
        } else {
            places[i % places.len()]
        };
        out.push_str(line);
        out.push(',');
        out.push_str(place);
        out.push_str("\r\n");
    }
    out
}

fn encode(text: &str, name: &str) -> Vec<u8> {
    match name {
        "UTF-16LE" => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        "UTF-16BE" => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        _ => {
            let encoding = encoding_rs::Encoding::for_label(name.as_bytes()).unwrap();
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable, "{name} cannot write the test's text");
            bytes.into_owned()
        }
    }
}

fn score(
    scorer: &Scorer,
    bytes: &[u8],
    head_bytes: usize,
    chunk: usize,
) -> (Mapping, BatchResults) {
    let head = read_head(&bytes[..bytes.len().min(head_bytes)]).unwrap();
    let mapping = Mapping::propose(scorer.manifest(), &head);
    let results = score_bytes(
        scorer,
        mapping.clone(),
        JobSettings::default(),
        bytes,
        chunk,
    )
    .unwrap();
    (mapping, results)
}

fn export(scorer: &Scorer, results: &BatchResults, mapping: &Mapping, bytes: &[u8]) -> String {
    let mut exporter = Exporter::new(results, mapping, ExportKind::Scored);
    let mut out = Vec::new();
    for chunk in bytes.chunks(1009) {
        out.extend(exporter.feed(scorer, chunk).unwrap());
    }
    out.extend(exporter.finish(scorer).unwrap());
    String::from_utf8(out).unwrap()
}

#[test]
fn every_encoding_reads_scores_and_exports_as_the_utf8_file() {
    let (scorer, sample) = german();
    let cases: &[(&str, &[&str], &str, Decided)] = &[
        (
            "UTF-8",
            &["Zürich café", "北京市朝阳区", "東京都渋谷区"],
            "UTF-8",
            Decided::ValidUtf8,
        ),
        (
            "UTF-16LE",
            &["Zürich café", "北京市朝阳区"],
            "UTF-16LE",
            Decided::ByteOrderMark,
        ),
        (
            "UTF-16BE",
            &["Zürich café", "東京都渋谷区"],
            "UTF-16BE",
            Decided::ByteOrderMark,
        ),
        (
            "windows-1252",
            &["Zürich café", "Köln", "São Paulo"],
            "windows-1252",
            Decided::Guessed,
        ),
        (
            "GBK",
            &["北京市朝阳区", "上海市浦东新区", "广州市天河区"],
            "GBK",
            Decided::Guessed,
        ),
        (
            "gb18030",
            &["北京市朝阳区", "上海市浦东新区"],
            "GBK",
            Decided::Guessed,
        ),
        (
            "Shift_JIS",
            &["東京都渋谷区", "大阪市北区", "札幌市中央区"],
            "Shift_JIS",
            Decided::Guessed,
        ),
    ];
    let original = with_places(sample, &["Zürich café"]);
    let (_, expected) = score(&scorer, original.as_bytes(), 1 << 16, 1 << 16);
    for &(written_in, places, read_as, how) in cases {
        let text = with_places(sample, places);
        let bytes = encode(&text, written_in);
        // Odd chunks cut characters of every width in two.
        let (mapping, results) = score(&scorer, &bytes, 1 << 16, 7);
        assert_eq!(results.text.encoding.name, read_as, "{written_in}");
        assert_eq!(results.text.encoding.how, how, "{written_in}");
        assert_eq!(results.text.replaced, 0, "{written_in}");
        assert_eq!(results.rows, expected.rows, "{written_in}");
        assert!(
            results.errors.is_empty(),
            "{written_in}: {:?}",
            results.errors.first()
        );
        let scores: Vec<f32> = results.scored.iter().map(|r| r.score).collect();
        assert_eq!(scores, expected.scores(), "{written_in}");
        let exported = export(&scorer, &results, &mapping, &bytes);
        for (i, line) in exported.lines().skip(1).enumerate() {
            let place = places[(i + 1) % places.len()];
            assert!(
                line.contains(place),
                "{written_in}: row {} lost {place}: {line}",
                i + 1
            );
        }
        assert!(!exported.contains('\u{FFFD}'), "{written_in}");
    }
}

#[test]
fn a_utf8_byte_order_mark_is_read_past_and_named() {
    let (scorer, sample) = german();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(with_places(sample, &["Zürich"]).as_bytes());
    let (mapping, results) = score(&scorer, &bytes, 1 << 16, 1 << 16);
    assert_eq!(mapping.encoding.how, Decided::ByteOrderMark);
    assert_eq!(mapping.columns[0], "status_of_existing_checking_account");
    assert!(results.errors.is_empty() && results.text.replaced == 0);
}

/// A UTF-8 file whose rows far down hold Latin-1 bytes (a file pasted together): every row is
/// scored, and each broken sequence is counted, for the page to report.
#[test]
fn bytes_that_are_not_text_are_counted_never_silently_replaced() {
    let (scorer, sample) = german();
    let mut bytes = with_places(sample, &["Zürich"]).into_bytes();
    // "café" and "Köln" in Latin-1, on the last row: 2 sequences that are not UTF-8.
    let cut = bytes[..bytes.len() - 2]
        .iter()
        .rposition(|&b| b == b',')
        .unwrap()
        + 1;
    bytes.truncate(cut);
    bytes.extend(b"caf\xE9 K\xF6ln\r\n");
    let (mapping, results) = score(&scorer, &bytes, 1 << 12, 1 << 16);
    assert_eq!(mapping.encoding.name, "UTF-8");
    assert_eq!(results.text.replaced, 2);
    assert_eq!(results.rows, 1000);
    assert!(results.errors.is_empty());
    let exported = export(&scorer, &results, &mapping, &bytes);
    assert_eq!(exported.matches('\u{FFFD}').count(), 2);
}

/// The user's choice overrides the detection; a wrong one is counted, not hidden.
#[test]
fn a_chosen_encoding_is_used_and_a_wrong_choice_shows_in_the_count() {
    let (scorer, sample) = german();
    let bytes = encode(&with_places(sample, &["Zürich café"]), "windows-1252");
    let utf8 = TextEncoding::chosen("utf-8").unwrap();
    assert_eq!(utf8.how, Decided::Chosen);
    let head = read_head_as(&bytes, utf8).unwrap();
    let mapping = Mapping::propose(scorer.manifest(), &head);
    let results = score_bytes(&scorer, mapping, JobSettings::default(), &bytes, 4096).unwrap();
    // ü and é on each of the 1,000 rows.
    assert_eq!(results.text.replaced, 2000);
    assert_eq!(results.rows, 1000);
    let latin1 = TextEncoding::chosen("latin1").unwrap();
    assert_eq!(latin1.name, "windows-1252");
    assert!(TextEncoding::chosen("no-such-encoding").is_none());
}

/// A UTF-8 file with one damaged byte stays UTF-8: read in a legacy encoding, every valid "é"
/// would become two wrong letters; read as UTF-8, only the damaged byte is replaced, and counted.
#[test]
fn a_damaged_utf8_file_is_read_as_utf8_with_the_damage_counted() {
    let (scorer, sample) = german();
    let mut bytes = with_places(sample, &["Zürich café"]).into_bytes();
    let at = bytes.iter().position(|&b| b == b'Z').unwrap();
    bytes[at] = 0xFF;
    let (mapping, results) = score(&scorer, &bytes, 1 << 16, 4096);
    assert_eq!(mapping.encoding, TextEncoding::utf8());
    assert_eq!(results.text.replaced, 1);
    assert!(results.errors.is_empty());
    let exported = export(&scorer, &results, &mapping, &bytes);
    assert_eq!(exported.matches("Zürich café").count(), 999);
    assert_eq!(exported.matches("\u{FFFD}ürich café").count(), 1);
}
