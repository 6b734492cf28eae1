//! Test fixtures shared by the native and the wasm tests: the committed model, its manifest and golden vectors.

#![allow(dead_code)]

use riskscope::applicant::RawApplicant;
use riskscope::scorer::Scorer;
use serde::Deserialize;

/// One committed model's files, compiled in so the same tests run natively and in wasm.
pub struct Fixture {
    pub id: &'static str,
    pub manifest: &'static str,
    pub onnx: &'static [u8],
    pub golden: &'static str,
}

macro_rules! fixture {
    ($id:literal) => {
        Fixture {
            id: $id,
            manifest: include_str!(concat!("../../models/", $id, "/manifest.json")),
            onnx: include_bytes!(concat!("../../models/", $id, "/model.onnx")),
            golden: include_str!(concat!("../../models/", $id, "/golden.json")),
        }
    };
}

/// Every model of `models/catalog.json` (tests/catalog.rs checks the two lists agree).
pub const MODELS: &[Fixture] = &[
    fixture!("german-credit-logistic"),
    fixture!("german-credit-scorecard"),
    fixture!("german-credit-mlp"),
    fixture!("ulb-fraud-mlp"),
];

pub const CATALOG: &str = include_str!("../../models/catalog.json");

/// The logistic model: the fixture of tests that need one model, not each.
pub const MANIFEST: &str = MODELS[0].manifest;
pub const ONNX: &[u8] = MODELS[0].onnx;

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

/// The committed model `id`.
pub fn fixture(id: &str) -> &'static Fixture {
    MODELS
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no fixture {id}"))
}

/// The logistic model's golden rows.
pub fn golden() -> Golden {
    MODELS[0].golden()
}

/// The logistic model, loaded.
pub fn scorer() -> Scorer {
    MODELS[0].scorer()
}

impl Fixture {
    pub fn golden(&self) -> Golden {
        serde_json::from_str(self.golden).unwrap()
    }

    pub fn scorer(&self) -> Scorer {
        Scorer::load(self.manifest, self.onnx).unwrap_or_else(|e| panic!("{}: {e}", self.id))
    }
}

pub fn raw(row: &GoldenRow) -> RawApplicant {
    row.raw
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Scores every golden row as one batch and one by one, and returns the largest gap to onnxruntime.
pub fn worst_golden_gap(fixture: &Fixture) -> f32 {
    let scorer = fixture.scorer();
    let golden = fixture.golden();
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

/// The parity check shared by the native and the wasm tests: every model, every golden row.
/// Returns each model's worst gap, for the caller to print where it can.
pub fn assert_every_model_matches_onnxruntime() -> Vec<(&'static str, f32)> {
    MODELS
        .iter()
        .map(|fixture| {
            let worst = worst_golden_gap(fixture);
            assert!(
                worst <= TOLERANCE,
                "{}: worst gap to onnxruntime {worst:e}",
                fixture.id
            );
            (fixture.id, worst)
        })
        .collect()
}
