//! The core's errors in the page's language; what tract or the JSON reader said stays as it
//! was written (English).

use crate::i18n::Tr;
use crate::tr;
use riskscope_core::explain::ExplainError;
use riskscope_core::manifest::ManifestError;
use riskscope_core::model::{ModelError, ScoreRange};
use riskscope_core::scorer::{LoadError, SupportError};

/// A model's load error in the page's language; what tract or the JSON reader said stays as it
/// was written (English).
pub fn load_error(tr: Tr, error: &LoadError) -> String {
    match error {
        LoadError::Manifest(e) => manifest_error(tr, e),
        LoadError::HashMismatch {
            model_id,
            expected,
            actual,
        } => tr!(
            tr,
            "core-hash-mismatch",
            actual = actual.as_str(),
            model = model_id.as_str(),
            expected = expected.as_str()
        ),
        LoadError::Model(e) => model_error(tr, e),
    }
}

/// A manifest's problem in the page's language (what the JSON reader said stays English).
pub fn manifest_error(tr: Tr, error: &ManifestError) -> String {
    tr.m(&error.message())
}

/// Why a reference sample could not be attached, in the page's language (what the JSON reader
/// or tract said stays English).
pub fn support_error(tr: Tr, error: &SupportError) -> String {
    match error {
        SupportError::Reference(e) => tr.m(&e.message()),
        SupportError::Explain(e) => {
            let reason = match e {
                ExplainError::Model(e) => model_error(tr, e),
                // The explainer's own wording (a row or feature the model lacks).
                e => e.to_string(),
            };
            tr!(tr, "manifest-reference-unscored", error = reason)
        }
    }
}

/// A model's failure to load or run, in the page's language (tract's words are English).
pub fn model_error(tr: Tr, error: &ModelError) -> String {
    match error {
        ModelError::Load(e) => tr!(tr, "core-model-load", error = e.as_str()),
        ModelError::Panicked(_) => tr!(tr, "core-model-load", error = error.to_string()),
        ModelError::Run(e) => tr!(tr, "core-model-run", error = e.as_str()),
        ModelError::RaggedInput { got, width } => tr!(
            tr,
            "core-model-ragged",
            got = got.to_string(),
            width = width.to_string()
        ),
        ModelError::OutputShape {
            name,
            shape,
            column,
        } => tr!(
            tr,
            "core-model-output-shape",
            output = name.as_str(),
            shape = format!("{shape:?}"),
            column = column.to_string()
        ),
        ModelError::ErrorsShape {
            name,
            shape,
            rows,
            width,
        } => tr!(
            tr,
            "core-model-errors-shape",
            output = name.as_str(),
            shape = format!("{shape:?}"),
            rows = rows.to_string(),
            width = width.to_string()
        ),
        ModelError::OutOfRange {
            row_idx,
            value,
            expected,
        } => {
            let (row, value) = (row_idx.to_string(), value.to_string());
            match expected {
                ScoreRange::Probability => {
                    tr!(tr, "core-model-not-probability", row = row, value = value)
                }
                ScoreRange::NonNegative => {
                    tr!(tr, "core-model-bad-anomaly", row = row, value = value)
                }
            }
        }
    }
}
