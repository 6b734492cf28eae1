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
    pub reference: &'static [u8],
}

macro_rules! fixture {
    ($id:literal) => {
        Fixture {
            id: $id,
            manifest: include_str!(concat!("../../models/", $id, "/manifest.json")),
            onnx: include_bytes!(concat!("../../models/", $id, "/model.onnx")),
            golden: include_str!(concat!("../../models/", $id, "/golden.json")),
            reference: include_bytes!(concat!("../../models/", $id, "/reference.json")),
        }
    };
}

/// Every model of `models/catalog.json` (tests/catalog.rs checks the two lists agree).
pub const MODELS: &[Fixture] = &[
    fixture!("german-credit-logistic"),
    fixture!("german-credit-scorecard"),
    fixture!("german-credit-mlp"),
    fixture!("taiwan-credit-lstm"),
    fixture!("taiwan-credit-mlp"),
    fixture!("ulb-fraud-mlp"),
    fixture!("ulb-fraud-autoencoder"),
];

pub const CATALOG: &str = include_str!("../../models/catalog.json");

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

#[derive(Deserialize)]
pub struct Golden {
    pub rows: Vec<GoldenRow>,
}

#[derive(Deserialize)]
pub struct GoldenRow {
    pub raw: std::collections::BTreeMap<String, String>,
    /// P(positive), or the anomaly score.
    pub score: f32,
    /// The autoencoder's squared reconstruction error of each input column.
    #[serde(default)]
    pub feature_errors: Vec<f32>,
}

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

impl Fixture {
    pub fn golden(&self) -> Golden {
        serde_json::from_str(self.golden).unwrap()
    }

    pub fn scorer(&self) -> Scorer {
        Scorer::load(self.manifest, self.onnx).unwrap_or_else(|e| panic!("{}: {e}", self.id))
    }

    /// The model with its reference sample attached: ready for attribution and recourse.
    pub fn supported_scorer(&self) -> Scorer {
        let mut scorer = self.scorer();
        scorer
            .attach_reference(self.reference)
            .unwrap_or_else(|e| panic!("{}: {e}", self.id));
        scorer
    }
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

/// Nothing lost: every row read is scored or has a row error, exactly once.
pub fn accounted(r: &riskscope::batch::BatchResults) {
    assert_eq!(
        r.scored.len() + r.errors.len(),
        r.rows as usize,
        "scored + errors must equal the rows read"
    );
    let mut rows: Vec<u64> = r
        .scored
        .iter()
        .map(|s| s.row)
        .chain(r.errors.iter().map(|e| e.row))
        .collect();
    rows.sort_unstable();
    assert_eq!(
        rows,
        (1..=r.rows).collect::<Vec<_>>(),
        "every row exactly once"
    );
}
