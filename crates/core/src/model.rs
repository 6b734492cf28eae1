//! A model as its manifest declares it: `riskscope-runtime`'s model, loaded from the manifest's
//! `model` section. The runtime knows nothing of manifests; this is where the two meet.

use crate::i18n::Message;
use crate::manifest::{EncodingKind, FeatureKind, InputType, Manifest, OutputKind};
use riskscope_runtime::{Feed, Input};

pub use riskscope_runtime::ml::tree::Margin;
pub use riskscope_runtime::{ModelError, ScoreRange, Scores, panic_message, tensor_shapes};

/// A loaded, optimised model: a score (P(positive) or an anomaly score) for rows of `width`
/// f32 values, and each input's reconstruction error where the manifest names that output.
#[derive(Debug, Clone)]
pub struct Model(riskscope_runtime::Model);

impl Model {
    /// Loads `onnx` with a symbolic batch size, keeping only the outputs the manifest names.
    pub fn load(onnx: &[u8], manifest: &Manifest) -> Result<Model, ModelError> {
        riskscope_runtime::Model::load(onnx, &io(manifest)).map(Model)
    }

    /// The number of f32 values in one input row.
    pub fn width(&self) -> usize {
        self.0.width()
    }

    /// The score of each row of the row-major buffer `rows`.
    pub fn predict(&self, rows: &[f32]) -> Result<Vec<f32>, ModelError> {
        self.0.predict(rows)
    }

    /// The model's tree ensemble, when its score is a fixed link of one sum of leaves.
    pub fn margin(&self) -> Option<&Margin> {
        self.0.margin()
    }

    /// Scores, and reconstruction errors where the model has them, for the buffer `rows`.
    pub fn run(&self, rows: &[f32]) -> Result<Scores, ModelError> {
        self.0.run(rows)
    }
}

/// The runtime's view of the manifest's model: each graph input with its columns, a string
/// input with the texts of its feature's known categories (a row holds the category's index; the
/// category standing for unseen values is the last, past the known ones).
pub fn io(manifest: &Manifest) -> riskscope_runtime::Io<'_> {
    let spec = &manifest.model;
    let columns = manifest.feature_columns();
    let texts_at = |col: usize| -> Vec<&str> {
        let text = manifest
            .blocks()
            .find(|(block, j)| block.kind == EncodingKind::Text && columns[*j].start == col);
        match text.map(|(_, j)| &manifest.features[j].kind) {
            Some(FeatureKind::Category(c)) => c.known().map(|k| k.value.as_str()).collect(),
            _ => Vec::new(),
        }
    };
    let inputs = match &spec.input {
        Some(input) => vec![Input {
            name: &input.name,
            feed: Feed::Floats(input.columns),
        }],
        None => {
            let mut col = 0;
            spec.inputs
                .iter()
                .map(|input| {
                    let feed = match input.elem {
                        InputType::Float => Feed::Floats(input.columns),
                        InputType::String => Feed::Texts(texts_at(col)),
                    };
                    col += input.columns;
                    Input {
                        name: &input.name,
                        feed,
                    }
                })
                .collect()
        }
    };
    riskscope_runtime::Io {
        inputs,
        output: &spec.output.name,
        column: spec.output.column,
        range: match spec.output.kind {
            OutputKind::Probability => ScoreRange::Probability,
            OutputKind::AnomalyScore => ScoreRange::NonNegative,
        },
        feature_errors: spec.output.feature_errors.as_deref(),
    }
}

/// What tract said stays in its own (English) words, quoted inside the page's sentence.
impl crate::i18n::Localized for ModelError {
    fn message(&self) -> Message {
        match self {
            ModelError::Load(e) => Message::new("core-model-load").arg("error", e),
            ModelError::Panicked(_) => {
                Message::new("core-model-load").arg("error", self.to_string())
            }
            ModelError::Run(e) => Message::new("core-model-run").arg("error", e),
            ModelError::RaggedInput { got, width } => Message::new("core-model-ragged")
                .arg("got", got.to_string())
                .arg("width", width.to_string()),
            ModelError::OutputShape {
                name,
                shape,
                column,
            } => Message::new("core-model-output-shape")
                .arg("output", name)
                .arg("shape", format!("{shape:?}"))
                .arg("column", column.to_string()),
            ModelError::ErrorsShape {
                name,
                shape,
                rows,
                width,
            } => Message::new("core-model-errors-shape")
                .arg("output", name)
                .arg("shape", format!("{shape:?}"))
                .arg("rows", rows.to_string())
                .arg("width", width.to_string()),
            ModelError::OutOfRange {
                row_idx,
                value,
                expected,
            } => match expected {
                ScoreRange::Probability => Message::new("core-model-not-probability"),
                ScoreRange::NonNegative => Message::new("core-model-bad-anomaly"),
            }
            .arg("row", row_idx.to_string())
            .arg("value", value.to_string()),
        }
    }
}
