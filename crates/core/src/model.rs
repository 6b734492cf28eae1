//! A model as its manifest declares it: `riskscope-runtime`'s model, loaded from the manifest's
//! `model` section. The runtime knows nothing of manifests; this is where the two meet.

use crate::manifest::{ModelSpec, OutputKind};

pub use riskscope_runtime::{ModelError, ScoreRange, Scores, panic_message, tensor_shapes};

/// A loaded, optimised model: a score (P(positive) or an anomaly score) for rows of `width`
/// f32 values, and each input's reconstruction error where the manifest names that output.
#[derive(Debug, Clone)]
pub struct Model(riskscope_runtime::Model);

impl Model {
    /// Loads `onnx` with a symbolic batch size, keeping only the outputs `spec` names.
    pub fn load(onnx: &[u8], spec: &ModelSpec) -> Result<Model, ModelError> {
        riskscope_runtime::Model::load(onnx, &io(spec)).map(Model)
    }

    /// The number of f32 values in one input row.
    pub fn width(&self) -> usize {
        self.0.width()
    }

    /// The score of each row of the row-major buffer `rows`.
    pub fn predict(&self, rows: &[f32]) -> Result<Vec<f32>, ModelError> {
        self.0.predict(rows)
    }

    /// Scores, and reconstruction errors where the model has them, for the buffer `rows`.
    pub fn run(&self, rows: &[f32]) -> Result<Scores, ModelError> {
        self.0.run(rows)
    }
}

/// The runtime's view of `spec`.
pub fn io(spec: &ModelSpec) -> riskscope_runtime::Io<'_> {
    riskscope_runtime::Io {
        input: &spec.input.name,
        columns: spec.input.columns,
        output: &spec.output.name,
        column: spec.output.column,
        range: match spec.output.kind {
            OutputKind::Probability => ScoreRange::Probability,
            OutputKind::AnomalyScore => ScoreRange::NonNegative,
        },
        feature_errors: spec.output.feature_errors.as_deref(),
    }
}
