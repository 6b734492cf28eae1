//! The command line's one-pass scoring ([`riskscope_core::batch::block`]) against the page's
//! job and export: for every catalog model, a sample with broken rows gives the page's export
//! cell for cell (the scores to their last digits) whatever the block size and however the
//! file is cut into chunks, in both languages; and the blocks' counts are the job's.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::fixture;
use riskscope_core::batch::export::{ExportKind, Exporter};
use riskscope_core::batch::job::MAX_RECORD_BYTES;
use riskscope_core::batch::{JobSettings, Mapping, read_head, score_bytes};
use riskscope_core::i18n::Lang;
use riskscope_core::scorer::Scorer;
use riskscope_testkit::exports::{assert_same_counts, assert_same_export, block_export};

/// The model's sample, its first `n` rows, with broken rows among them: a field missing, a
/// value that is not a number or not a category, a blank line, a formula, a row too long to
/// hold; and no newline at the end.
fn broken_sample(id: &str, n: usize) -> Vec<u8> {
    let text = std::fs::read_to_string(format!("models/{id}/sample.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().take(n + 1).map(str::to_owned).collect();
    let cells = |lines: &[String], k: usize| -> Vec<String> {
        lines[k].split(',').map(str::to_owned).collect()
    };
    let mut missing = cells(&lines, 3);
    missing.pop();
    lines[3] = missing.join(",");
    let mut word = cells(&lines, 5);
    word[1] = "=cmd|' /C calc'!A0".to_owned();
    lines[5] = word.join(",");
    let mut formula = cells(&lines, 7);
    let last = formula.len() - 1;
    formula[last] = "@SUM(1)".to_owned();
    lines[7] = formula.join(",");
    lines.insert(9, String::new());
    lines.insert(11, "x".repeat(MAX_RECORD_BYTES + 10));
    lines.join("\n").into_bytes()
}

fn page_export(
    scorer: &Scorer,
    mapping: &Mapping,
    csv: &[u8],
    kind: ExportKind,
    lang: Lang,
) -> Vec<u8> {
    let r = score_bytes(
        scorer,
        mapping.clone(),
        JobSettings::default(),
        csv,
        1 << 16,
    )
    .unwrap();
    let mut exporter = Exporter::new(&r, mapping, kind).with_lang(lang);
    let mut out = Vec::new();
    for piece in csv.chunks(1 << 16) {
        out.extend(exporter.feed(scorer, piece).unwrap());
    }
    out.extend(exporter.finish(scorer).unwrap());
    out
}

#[test]
fn blocks_give_the_pages_export_for_every_catalog_model() {
    let ids = [
        ("german-credit-logistic", 300),
        ("german-credit-scorecard", 300),
        ("german-credit-mlp", 120),
        ("german-credit-lightgbm", 300),
        ("taiwan-credit-mlp", 200),
        ("taiwan-credit-lstm", 120),
        ("taiwan-credit-lightgbm", 300),
        ("ulb-fraud-mlp", 300),
        ("ulb-fraud-autoencoder", 200),
        ("ulb-fraud-lightgbm", 300),
    ];
    for (id, n) in ids {
        let english = fixture(id).supported_scorer();
        let csv = broken_sample(id, n);
        let head = read_head(&csv[..csv.len().min(64 * 1024)]).unwrap();
        let mapping = Mapping::propose(english.manifest(), &head);
        assert!(mapping.unmatched(english.manifest()).is_empty(), "{id}");
        let cutoff = english.manifest().decision.cutoff;
        let job = score_bytes(
            &english,
            mapping.clone(),
            JobSettings::default(),
            &csv,
            4096,
        )
        .unwrap();
        assert_eq!(
            job.errors.len(),
            4,
            "{id}: the four broken rows are row errors"
        );
        for lang in [Lang::En, Lang::ZhCn] {
            let scorer = english.localized(lang);
            for kind in [ExportKind::Scored, ExportKind::Errors] {
                let page = page_export(&scorer, &mapping, &csv, kind, lang);
                let score = (kind == ExportKind::Scored).then_some(mapping.columns.len());
                // One row a block; a block per model call; the file cut in odd chunks.
                for (rows, chunk) in [(1, 977), (4096, 1 << 20), (37, 64 * 1024 + 1)] {
                    let (blocks, outcome) =
                        block_export(&scorer, &mapping, &csv, rows, chunk, kind, lang);
                    assert_same_export(&blocks, &page, score, cutoff);
                    assert_same_counts(&outcome, &job, cutoff);
                }
            }
        }
    }
}

#[test]
fn a_file_with_a_header_only_gives_the_header_and_an_empty_file_nothing() {
    let scorer = fixture("german-credit-logistic").supported_scorer();
    let text = std::fs::read_to_string("models/german-credit-logistic/sample.csv").unwrap();
    let header = text.lines().next().unwrap();
    let head = read_head(text.as_bytes()).unwrap();
    let mapping = Mapping::propose(scorer.manifest(), &head);
    for file in [
        format!("{header}\n"),
        header.to_owned(),
        format!("{header}\n\n\n"),
    ] {
        let page = page_export(
            &scorer,
            &mapping,
            file.as_bytes(),
            ExportKind::Scored,
            Lang::En,
        );
        let (blocks, outcome) = block_export(
            &scorer,
            &mapping,
            file.as_bytes(),
            8,
            3,
            ExportKind::Scored,
            Lang::En,
        );
        assert_eq!(blocks, page, "{file:?}");
        assert!(
            String::from_utf8(blocks)
                .unwrap()
                .ends_with("reason_3,value_notes,error\n")
        );
        assert_eq!((outcome.rows, outcome.scored, outcome.errors), (0, 0, 0));
    }
    let (blocks, outcome) =
        block_export(&scorer, &mapping, b"", 8, 3, ExportKind::Scored, Lang::En);
    assert!(blocks.is_empty() && outcome.rows == 0);
}

/// A UTF-16 file fed a byte at a time: half a code unit decodes to nothing yet, which is not the
/// file's end. Blocks and the job read every row, as from whole chunks.
#[test]
fn a_utf16_file_fed_a_byte_at_a_time_is_read_whole() {
    let scorer = fixture("german-credit-logistic").supported_scorer();
    let text = std::fs::read_to_string("models/german-credit-logistic/sample.csv").unwrap();
    let text: String = text.lines().take(41).map(|l| format!("{l}\n")).collect();
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let head = read_head(&bytes).unwrap();
    let mapping = Mapping::propose(scorer.manifest(), &head);
    assert!(mapping.unmatched(scorer.manifest()).is_empty());
    let whole = score_bytes(
        &scorer,
        mapping.clone(),
        JobSettings::default(),
        &bytes,
        1 << 20,
    )
    .unwrap();
    let bytewise =
        score_bytes(&scorer, mapping.clone(), JobSettings::default(), &bytes, 1).unwrap();
    assert_eq!((whole.rows, whole.errors.len()), (40, 0));
    assert_eq!(bytewise.rows, whole.rows);
    assert_eq!(bytewise.errors, whole.errors);
    let page = page_export(&scorer, &mapping, &bytes, ExportKind::Scored, Lang::En);
    let (blocks, outcome) = block_export(
        &scorer,
        &mapping,
        &bytes,
        7,
        1,
        ExportKind::Scored,
        Lang::En,
    );
    assert_eq!((outcome.rows, outcome.errors), (40, 0));
    assert_eq!(blocks, page);
}
