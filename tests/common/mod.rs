//! Test fixtures shared by the native and the wasm tests: the committed model, its manifest and golden vectors.

#![allow(dead_code)]

pub mod corpus;

use riskscope_core::applicant::RawApplicant;
use riskscope_core::scorer::Scorer;

/// Every model of `models/catalog.json` (tests/catalog.rs checks the two lists agree), its
/// files compiled in so the same tests run natively and in wasm.
#[allow(unused_imports)] // Each test binary uses some of them.
pub use riskscope_testkit::models::{CATALOG, Golden, GoldenRow, MODELS, ModelFiles as Fixture};

/// The logistic model: the fixture of tests that need one model, not each.
pub const MANIFEST: &str = MODELS[0].manifest;
pub const ONNX: &[u8] = MODELS[0].onnx;

/// The bar: the core reproduces onnxruntime's output to 1e-5: absolutely for
/// probabilities, relative to the value for anomaly scores above 1 (they run into the
/// hundreds, where one f32 step is already 3e-5).
pub const TOLERANCE: f32 = 1e-5;

/// Each input's reconstruction error shares the rounding of its row's reconstruction: gaps are
/// measured relative to the row's largest error (above 1), to 1e-4.
pub const FEATURE_ERROR_TOLERANCE: f32 = 1e-4;

/// |got - want|, relative to `want` where `want` is above 1.
pub fn gap(got: f32, want: f32) -> f32 {
    (got - want).abs() / want.abs().max(1.0)
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

pub fn raw(row: &GoldenRow) -> RawApplicant {
    row.raw
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// A model's worst gaps to onnxruntime over its golden rows: (score, feature errors).
pub struct Gaps {
    pub score: f32,
    pub feature_errors: f32,
}

/// Scores every golden row as one batch and one by one, and returns the largest gaps to onnxruntime.
pub fn worst_golden_gap(fixture: &Fixture) -> Gaps {
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
    let mut worst = Gaps {
        score: 0.0,
        feature_errors: 0.0,
    };
    for ((row, applicant), in_batch) in golden.rows.iter().zip(&applicants).zip(&batch) {
        // One row at a time after a full batch: tract must not carry state across batch sizes.
        let single = scorer.assess(applicant).unwrap();
        worst.score = worst
            .score
            .max(gap(in_batch.score, row.score))
            .max(gap(single.score, row.score));
        // Every encoding here is one column per feature, so feature i is column i.
        assert_eq!(in_batch.feature_errors.len(), row.feature_errors.len());
        let scale = row
            .feature_errors
            .iter()
            .fold(1.0f32, |m, e| m.max(e.abs()));
        for (got, want) in in_batch.feature_errors.iter().zip(&row.feature_errors) {
            worst.feature_errors = worst.feature_errors.max((got - want).abs() / scale);
        }
        assert_eq!(single.feature_errors, in_batch.feature_errors);
    }
    worst
}

/// The parity check shared by the native and the wasm tests: every model, every golden row.
/// Returns each model's worst gaps, for the caller to print where it can.
pub fn assert_every_model_matches_onnxruntime() -> Vec<(&'static str, Gaps)> {
    MODELS
        .iter()
        .map(|fixture| {
            let worst = worst_golden_gap(fixture);
            assert!(
                worst.score <= TOLERANCE && worst.feature_errors <= FEATURE_ERROR_TOLERANCE,
                "{}: worst gaps to onnxruntime {:e} (score), {:e} (feature errors)",
                fixture.id,
                worst.score,
                worst.feature_errors
            );
            (fixture.id, worst)
        })
        .collect()
}

#[allow(unused_imports)] // Not every test binary checks a batch.
pub use riskscope_testkit::fuzzing::accounted;
