//! Loads an ONNX model once and runs it on row-major batches: `&[f32]` in, `Vec<f32>` out.

use std::sync::Arc;

use thiserror::Error;
use tract_onnx::prelude::*;

use crate::broadcast;
use crate::ml::tree::Margin;

/// What the model's inputs and outputs are, as the manifest declares them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Io<'a> {
    /// The one input's name; it is fed `[rows, columns]` f32 values.
    pub input: &'a str,
    pub columns: usize,
    /// The output holding the score, and which column of a `[rows, k]` output it is.
    pub output: &'a str,
    pub column: usize,
    pub range: ScoreRange,
    /// An `[rows, columns]` output of each input's reconstruction error, if the model has one.
    pub feature_errors: Option<&'a str>,
}

/// What every score must be; a score outside it is an error, not a number to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreRange {
    /// A probability, in [0, 1].
    Probability,
    /// A finite number, zero or more (an anomaly score).
    NonNegative,
}

impl ScoreRange {
    pub fn contains(self, score: f32) -> bool {
        match self {
            ScoreRange::Probability => (0.0..=1.0).contains(&score),
            ScoreRange::NonNegative => score.is_finite() && score >= 0.0,
        }
    }
}

impl std::fmt::Display for ScoreRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ScoreRange::Probability => "a probability",
            ScoreRange::NonNegative => "a finite, non-negative anomaly score",
        })
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum ModelError {
    #[error("the ONNX model could not be loaded: {0}")]
    Load(String),
    /// tract panicked while loading (caught natively; in the browser the worker reports it).
    #[error("tract panicked: {0}")]
    Panicked(String),
    #[error("the ONNX model failed while scoring: {0}")]
    Run(String),
    #[error("{got} input values is not a whole number of rows of {width}")]
    RaggedInput { got: usize, width: usize },
    #[error(
        "the model's output \"{name}\" has shape {shape:?}; the manifest reads column {column} of [rows, k]"
    )]
    OutputShape {
        name: String,
        shape: Vec<usize>,
        column: usize,
    },
    #[error(
        "the model's output \"{name}\" has shape {shape:?}, not [{rows}, {width}] (one error per input)"
    )]
    ErrorsShape {
        name: String,
        shape: Vec<usize>,
        rows: usize,
        width: usize,
    },
    #[error("row {row_idx}: the model returned {value}, which is not {expected}")]
    OutOfRange {
        row_idx: usize,
        value: f32,
        expected: ScoreRange,
    },
}

/// A loaded, optimised model: a score (P(positive) or an anomaly score) for rows of `width`
/// f32 values, and each input's reconstruction error where the manifest names that output.
#[derive(Debug, Clone)]
pub struct Model {
    plan: Arc<TypedRunnableModel>,
    width: usize,
    output: String,
    column: usize,
    range: ScoreRange,
    feature_errors: Option<String>,
    margin: Option<Margin>,
}

/// What one call returns for `rows` rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub scores: Vec<f32>,
    /// Row-major `[rows, width]`, when the model has the output.
    pub feature_errors: Option<Vec<f32>>,
}

fn load_error(e: impl std::fmt::Display) -> ModelError {
    ModelError::Load(format!("{e:#}"))
}

impl Model {
    /// Loads `onnx` with a symbolic batch size, keeping only the output the manifest names.
    ///
    /// tract panics on some malformed models (an LSTM without initial state over a symbolic
    /// batch, for one). Natively the panic becomes an error here; in the browser's wasm build
    /// (panic = abort) it traps, which is why a user's file is first loaded in a worker of its
    /// own (the web app's `byo` module), whose panic hook reports the message before the worker dies.
    pub fn load(onnx: &[u8], io: &Io) -> Result<Model, ModelError> {
        guarded(|| Model::load_unguarded(onnx, io))
    }

    fn load_unguarded(onnx: &[u8], io: &Io) -> Result<Model, ModelError> {
        if io.columns == 0 {
            return Err(ModelError::Load(
                "the manifest gives the input no columns".into(),
            ));
        }
        let mut model = crate::ml::onnx()
            .model_for_read(&mut std::io::Cursor::new(onnx))
            .map_err(load_error)?;
        let inputs = model.input_outlets().map_err(load_error)?.len();
        if inputs != 1 {
            return Err(ModelError::Load(format!(
                "it has {inputs} inputs; RiskScope feeds one [rows, {}] tensor",
                io.columns
            )));
        }
        let input_name = &model
            .node(model.input_outlets().map_err(load_error)?[0].node)
            .name;
        if *input_name != io.input {
            return Err(ModelError::Load(format!(
                "its input is named \"{input_name}\", the manifest says \"{}\"",
                io.input
            )));
        }
        let batch = model.sym("N");
        // An empty batch never reaches tract (`run`); saying so lets tract prove its fast paths.
        model.symbols.add_assertion("N >= 1").map_err(load_error)?;
        let fact = InferenceFact::dt_shape(
            f32::datum_type(),
            [TDim::from(batch), TDim::from(io.columns)],
        );
        model.set_input_fact(0, fact).map_err(load_error)?;
        let outputs = std::iter::once(io.output).chain(io.feature_errors);
        model.select_outputs_by_name(outputs).map_err(load_error)?;
        let mut optimised = model.into_optimized().map_err(load_error)?;
        broadcast::rewrite(&mut optimised).map_err(load_error)?;
        let margin = crate::ml::tree::margin_of(&optimised, io.column);
        let plan = optimised.into_runnable().map_err(load_error)?;
        Ok(Model {
            plan,
            width: io.columns,
            output: io.output.to_owned(),
            column: io.column,
            range: io.range,
            feature_errors: io.feature_errors.map(str::to_owned),
            margin,
        })
    }

    /// When the score is one tree ensemble reading the input as it is, and the score column
    /// is a fixed link of one sum of its leaves: that ensemble, for exact attribution.
    pub fn margin(&self) -> Option<&Margin> {
        self.margin.as_ref()
    }

    /// The number of f32 values in one input row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The score of each row of the row-major buffer `rows`.
    pub fn predict(&self, rows: &[f32]) -> Result<Vec<f32>, ModelError> {
        Ok(self.run(rows)?.scores)
    }

    /// Scores, and reconstruction errors where the model has them, for the buffer `rows`.
    pub fn run(&self, rows: &[f32]) -> Result<Scores, ModelError> {
        if !rows.len().is_multiple_of(self.width) {
            return Err(ModelError::RaggedInput {
                got: rows.len(),
                width: self.width,
            });
        }
        let n_rows = rows.len() / self.width;
        if n_rows == 0 {
            return Ok(Scores {
                scores: Vec::new(),
                feature_errors: self.feature_errors.as_ref().map(|_| Vec::new()),
            });
        }
        let input = Tensor::from_shape(&[n_rows, self.width], rows).map_err(run_error)?;
        // A fresh state per call: a reused state gave wrong results when the batch size changed.
        let outputs = self
            .plan
            .run(tvec!(input.into_tvalue()))
            .map_err(run_error)?;
        let output = outputs
            .first()
            .ok_or_else(|| ModelError::Run("the model produced no output".into()))?;
        let view = output.to_plain_array_view::<f32>().map_err(run_error)?;
        let shape = view.shape().to_vec();
        let column = match shape.as_slice() {
            [n, k] if *n == n_rows && self.column < *k => {
                view.index_axis(tract_ndarray::Axis(1), self.column)
            }
            [n] if *n == n_rows && self.column == 0 => view.view(),
            _ => {
                return Err(ModelError::OutputShape {
                    name: self.output.clone(),
                    shape,
                    column: self.column,
                });
            }
        };
        let scores: Vec<f32> = match (view.as_slice(), shape.as_slice()) {
            // Row-major, as tract returns it: the column's value in each row, without ndarray's
            // strided iterator (a fifth of a small model's run at batch 4096, by `perf record`).
            (Some(values), [_, k]) => values
                .chunks_exact(*k)
                .map(|row| row[self.column])
                .collect(),
            (Some(values), _) => values.to_vec(),
            (None, _) => column.iter().copied().collect(),
        };
        let range = self.range;
        if let Some((row_idx, &value)) = scores
            .iter()
            .enumerate()
            .find(|(_, s)| !range.contains(**s))
        {
            return Err(ModelError::OutOfRange {
                row_idx,
                value,
                expected: range,
            });
        }
        let feature_errors = match &self.feature_errors {
            None => None,
            Some(name) => {
                let errors = outputs
                    .get(1)
                    .ok_or_else(|| ModelError::Run(format!("the model produced no \"{name}\"")))?
                    .to_plain_array_view::<f32>()
                    .map_err(run_error)?;
                if errors.shape() != [n_rows, self.width] {
                    return Err(ModelError::ErrorsShape {
                        name: name.clone(),
                        shape: errors.shape().to_vec(),
                        rows: n_rows,
                        width: self.width,
                    });
                }
                Some(
                    errors
                        .as_slice()
                        .map_or_else(|| errors.iter().copied().collect(), <[f32]>::to_vec),
                )
            }
        };
        Ok(Scores {
            scores,
            feature_errors,
        })
    }
}

fn run_error(e: impl std::fmt::Display) -> ModelError {
    ModelError::Run(format!("{e:#}"))
}

/// The shape of every tensor the graph's nodes compute, by tensor name, as tract infers it when
/// the input is `[N, columns]`: each dimension as text ("N" for the batch, "?" where tract cannot
/// tell). Used to draw the model's anatomy; tract's analysis stops quietly where
/// it cannot go on, so a partly unknown graph still gives the shapes it could infer.
pub fn tensor_shapes(
    onnx: &[u8],
    columns: usize,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, ModelError> {
    guarded(|| tensor_shapes_unguarded(onnx, columns))
}

/// Runs a tract call, turning a panic into a load error (natively; in wasm, panic = abort).
fn guarded<T>(call: impl FnOnce() -> Result<T, ModelError>) -> Result<T, ModelError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)).unwrap_or_else(|panic| {
        Err(ModelError::Panicked(
            panic_message(panic.as_ref()).to_owned(),
        ))
    })
}

/// The text a panic carries (`panic!` with a literal or a formatted message).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("no message")
}

fn tensor_shapes_unguarded(
    onnx: &[u8],
    columns: usize,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, ModelError> {
    use tract_onnx::tract_hir::infer::{Factoid, InferenceModelExt};
    let mut model = crate::ml::onnx()
        .model_for_read(&mut std::io::Cursor::new(onnx))
        .map_err(load_error)?;
    let batch = model.sym("N");
    let fact = InferenceFact::dt_shape(f32::datum_type(), [TDim::from(batch), TDim::from(columns)]);
    model.set_input_fact(0, fact).map_err(load_error)?;
    // A failed analysis leaves the facts it reached: the shapes known so far are still worth drawing.
    let _ = model.analyse(false);
    let mut shapes = std::collections::BTreeMap::new();
    for node in model.nodes() {
        for (slot, output) in node.outputs.iter().enumerate() {
            let outlet = OutletId::new(node.id, slot);
            let Some(label) = model.outlet_label(outlet) else {
                continue;
            };
            let shape = &output.fact.shape;
            let mut dims: Vec<String> = shape
                .dims()
                .map(|d| {
                    d.concretize()
                        .map_or_else(|| "?".to_owned(), |d| d.to_string())
                })
                .collect();
            if shape.is_open() {
                dims.push("…".to_owned());
            }
            shapes.insert(label.to_owned(), dims);
        }
    }
    Ok(shapes)
}
