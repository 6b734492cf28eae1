//! Test fixtures shared by the native and the wasm tests: the committed model, its manifest and golden vectors.

#![allow(dead_code)]

use riskscope::applicant::RawApplicant;
use riskscope::scorer::Scorer;
use serde::Deserialize;

pub const MANIFEST: &str = include_str!("../../models/german-credit-logistic/manifest.json");
pub const ONNX: &[u8] = include_bytes!("../../models/german-credit-logistic/model.onnx");
pub const GOLDEN: &str = include_str!("../../models/german-credit-logistic/golden.json");

/// The bar: the core reproduces onnxruntime's probability to 1e-5.
pub const TOLERANCE: f32 = 1e-5;

#[derive(Deserialize)]
pub struct Golden {
    pub rows: Vec<GoldenRow>,
}

#[derive(Deserialize)]
pub struct GoldenRow {
    pub raw: std::collections::BTreeMap<String, String>,
    pub probability: f32,
}

pub fn golden() -> Golden {
    serde_json::from_str(GOLDEN).unwrap()
}

pub fn scorer() -> Scorer {
    Scorer::load(MANIFEST, ONNX).unwrap()
}

pub fn raw(row: &GoldenRow) -> RawApplicant {
    row.raw
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Scores every golden row as one batch and one by one, and returns the largest gap to onnxruntime.
pub fn worst_golden_gap(scorer: &Scorer) -> f32 {
    let golden = golden();
    assert!(
        golden.rows.len() >= 200,
        "only {} golden rows",
        golden.rows.len()
    );
    let applicants: Vec<_> = golden
        .rows
        .iter()
        .map(|r| scorer.parse(&raw(r)).unwrap())
        .collect();
    let batch = scorer.assess_many(&applicants).unwrap();
    assert_eq!(batch.len(), golden.rows.len());
    let mut worst = 0.0f32;
    for ((row, applicant), in_batch) in golden.rows.iter().zip(&applicants).zip(&batch) {
        // One row at a time after a full batch: tract must not carry state across batch sizes.
        let single = scorer.assess(applicant).unwrap();
        worst = worst
            .max((in_batch.probability - row.probability).abs())
            .max((single.probability - row.probability).abs());
    }
    worst
}
