//! The command line's one-pass export ([`riskscope_core::batch::block`]) held against the
//! page's two-pass export ([`riskscope_core::batch::export::Exporter`]) for the same file.

use riskscope_core::batch::block::ERRORS_KEPT;
use riskscope_core::batch::export::{ExportKind, Exporter};
use riskscope_core::batch::{
    BatchResults, Block, BlockOutcome, BlockReader, BlockScorer, JobSettings, Mapping,
};
use riskscope_core::i18n::Lang;
use riskscope_core::scorer::Scorer;

/// The file scored block by block (`rows_per_block` rows, fed `chunk` bytes at a time), as the
/// command line does, each block given back to the reader once scored and each buffer reused:
/// the export's bytes and the summed counts.
pub fn block_export(
    scorer: &Scorer,
    mapping: &Mapping,
    data: &[u8],
    rows_per_block: usize,
    chunk: usize,
    kind: ExportKind,
    lang: Lang,
) -> (Vec<u8>, BlockOutcome) {
    let blocks = BlockScorer::new(scorer, mapping.clone(), &JobSettings::default(), kind, lang)
        .expect("a proposed mapping that scores in a job scores in blocks");
    let mut reader = BlockReader::new(mapping, rows_per_block);
    let mut total = BlockOutcome::default();
    let mut bytes = Vec::new();
    let mut buffer = Vec::new();
    let mut score = |reader: &mut BlockReader, read: Vec<Block>| {
        for block in read {
            assert!(block.len() <= rows_per_block, "a block over its rows");
            let mut outcome = blocks
                .score_into(&block, std::mem::take(&mut buffer))
                .expect("a committed model scores a block");
            reader.recycle(block);
            bytes.extend_from_slice(&outcome.bytes);
            buffer = std::mem::take(&mut outcome.bytes);
            total.rows += outcome.rows;
            total.scored += outcome.scored;
            total.flagged += outcome.flagged;
            total.errors += outcome.errors;
            let room = ERRORS_KEPT - total.first_errors.len();
            total
                .first_errors
                .extend(outcome.first_errors.into_iter().take(room));
        }
    };
    for piece in data.chunks(chunk.max(1)) {
        let mut read = Vec::new();
        reader.feed(piece, |b| read.push(b));
        score(&mut reader, read);
    }
    let mut read = Vec::new();
    reader.finish(|b| read.push(b));
    score(&mut reader, read);
    assert_eq!(total.rows, reader.rows(), "every row read is in a block");
    (bytes, total)
}

/// The block export's counts are the job's: rows, scored, in error, flagged at the cut-off;
/// its first errors are the job's first.
pub fn assert_same_counts(outcome: &BlockOutcome, r: &BatchResults, cutoff: f64) {
    assert_eq!(outcome.rows, r.rows, "rows");
    assert_eq!(outcome.scored, r.scored.len() as u64, "scored rows");
    assert_eq!(outcome.errors, r.errors.len() as u64, "row errors");
    let flagged = r
        .scored
        .iter()
        .filter(|s| f64::from(s.score) >= cutoff)
        .count() as u64;
    let near = r
        .scored
        .iter()
        .filter(|s| (f64::from(s.score) - cutoff).abs() < 1e-5)
        .count() as u64;
    assert!(outcome.flagged.abs_diff(flagged) <= near, "flagged rows");
    for (a, b) in outcome.first_errors.iter().zip(&r.errors) {
        assert_eq!(a, b, "the first row errors");
    }
}

/// Two exports of one file hold the same records, cell for cell, but for the scores' last
/// digits (a model call's batch differs between a job and a block), and so a decision and its
/// reasons where the score is at the cut-off. `score` is the score's column (the file's
/// column count) in a scored export; `None` for an error export.
pub fn assert_same_export(block: &[u8], page: &[u8], score: Option<usize>, cutoff: f64) {
    if block == page {
        return;
    }
    let records = |bytes: &[u8]| -> Vec<csv::ByteRecord> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes)
            .byte_records()
            .map(|r| r.expect("an export reads back as CSV"))
            .collect()
    };
    let (a, b) = (records(block), records(page));
    assert_eq!(a.len(), b.len(), "records in the two exports");
    for (k, (a, b)) in a.iter().zip(&b).enumerate() {
        let Some(s) = score.filter(|_| k > 0 && a != b) else {
            assert_eq!(a, b, "record {k}");
            continue;
        };
        let number = |r: &csv::ByteRecord| -> Option<f64> {
            std::str::from_utf8(r.get(s)?).ok()?.parse().ok()
        };
        let (x, y) = (number(a), number(b));
        let (Some(x), Some(y)) = (x, y) else {
            panic!("record {k}: {a:?} in blocks, {b:?} in the page's export");
        };
        assert!(
            (x - y).abs() <= 1e-5 * y.abs().max(1.0),
            "record {k}: score {x} in blocks, {y} in the page's export"
        );
        let at_cutoff = (y - cutoff).abs() < 1e-5;
        let rest = |r: &csv::ByteRecord| -> Vec<Vec<u8>> {
            r.iter()
                .enumerate()
                .filter(|(i, _)| *i != s && (!at_cutoff || *i < s))
                .map(|(_, c)| c.to_vec())
                .collect()
        };
        assert_eq!(rest(a), rest(b), "record {k}: cells other than the score");
    }
}

/// The scored export has the header and every row, the error export the header and every error
/// row; no cell a spreadsheet would run as a formula.
pub fn check_exports(scorer: &Scorer, mapping: &Mapping, r: &BatchResults, data: &[u8]) {
    for (kind, rows) in [
        (ExportKind::Scored, r.rows),
        (ExportKind::Errors, r.errors.len() as u64),
    ] {
        let mut exporter = Exporter::new(r, mapping, kind);
        let mut out = Vec::new();
        for chunk in data.chunks(5) {
            out.extend(exporter.feed(scorer, chunk).expect("an export writes"));
        }
        out.extend(exporter.finish(scorer).expect("an export writes"));
        assert_eq!(exporter.rows(), rows, "{kind:?} export rows");
        let (blocks, outcome) = block_export(scorer, mapping, data, 3, 5, kind, Lang::En);
        let score = (kind == ExportKind::Scored).then_some(mapping.columns.len());
        assert_same_export(&blocks, &out, score, scorer.manifest().decision.cutoff);
        assert_same_counts(&outcome, r, scorer.manifest().decision.cutoff);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(out.as_slice());
        let mut records = 0u64;
        for record in reader.records() {
            let record = record.expect("an export reads back as CSV");
            records += 1;
            for cell in &record {
                let risky = matches!(
                    cell.as_bytes().first(),
                    Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
                );
                assert!(
                    !risky || cell.trim().parse::<f64>().is_ok(),
                    "{kind:?} export cell {cell:?} would run as a formula"
                );
            }
        }
        // The header (when the file has a record at all) and one record per row.
        let header = u64::from(records > 0);
        assert_eq!(records, rows + header, "{kind:?} export records");
    }
}
