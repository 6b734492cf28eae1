//! Native parity: the core reproduces onnxruntime's output on every golden row, raw strings in.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[test]
fn reproduces_every_golden_vector_from_onnxruntime() {
    let worst = common::worst_golden_gap(&common::scorer());
    eprintln!("worst gap to onnxruntime over the golden rows: {worst:e}");
    assert!(
        worst <= common::TOLERANCE,
        "worst gap to onnxruntime {worst:e}"
    );
}

#[test]
fn golden_rows_written_in_uci_codes_score_like_their_texts() {
    let scorer = common::scorer();
    let manifest = scorer.manifest().clone();
    for row in common::golden().rows.iter().take(50) {
        let mut coded = common::raw(row);
        for feature in &manifest.features {
            if let riskscope::manifest::FeatureKind::Category(c) = &feature.kind {
                let idx = c.find(coded.get(&feature.name).unwrap()).unwrap();
                coded.insert(&feature.name, c.categories[idx].code.clone().unwrap());
            }
        }
        let by_text = scorer.assess_raw(&common::raw(row)).unwrap();
        let by_code = scorer.assess_raw(&coded).unwrap();
        assert_eq!(by_text, by_code);
    }
}
