//! The catalog's models, compiled in so the same tests run natively, in wasm and in the fuzz
//! targets: the one hand-written list of them (`tests/catalog.rs` checks it against
//! `models/catalog.json`).

// A fixture that does not load is a broken test setup: say which and stop.
#![allow(clippy::panic, clippy::unwrap_used)]

use riskscope_core::scorer::Scorer;
use serde::Deserialize;

/// One committed model's files.
pub struct ModelFiles {
    pub id: &'static str,
    pub manifest: &'static str,
    pub onnx: &'static [u8],
    /// onnxruntime's outputs for the golden rows (`golden.json`).
    pub golden: &'static str,
    pub reference: &'static [u8],
}

macro_rules! model_files {
    ($id:literal) => {
        ModelFiles {
            id: $id,
            manifest: include_str!(concat!("../../../models/", $id, "/manifest.json")),
            onnx: include_bytes!(concat!("../../../models/", $id, "/model.onnx")),
            golden: include_str!(concat!("../../../models/", $id, "/golden.json")),
            reference: include_bytes!(concat!("../../../models/", $id, "/reference.json")),
        }
    };
}

/// Every model of `models/catalog.json`, in its order.
pub const MODELS: &[ModelFiles] = &[
    model_files!("german-credit-logistic"),
    model_files!("german-credit-scorecard"),
    model_files!("german-credit-mlp"),
    model_files!("german-credit-lightgbm"),
    model_files!("taiwan-credit-lstm"),
    model_files!("taiwan-credit-mlp"),
    model_files!("taiwan-credit-lightgbm"),
    model_files!("ulb-fraud-mlp"),
    model_files!("ulb-fraud-lightgbm"),
    model_files!("ulb-fraud-autoencoder"),
];

pub const CATALOG: &str = include_str!("../../../models/catalog.json");

impl ModelFiles {
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

/// A model's `golden.json`: rows of raw fields with onnxruntime's outputs.
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
