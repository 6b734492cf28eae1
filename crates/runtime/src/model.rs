//! Loads an ONNX model once and runs it on row-major batches: `&[f32]` in, `Vec<f32>` out.

use std::sync::Arc;

use thiserror::Error;
use tract_onnx::prelude::*;

use crate::broadcast;
use crate::ml::tree::Margin;

/// What the model's inputs and outputs are, as the manifest declares them.
#[derive(Debug, Clone, PartialEq)]
pub struct Io<'a> {
    /// The graph's inputs, in the order their values come in a row: a row of the buffer
    /// [`Model::run`] takes is the concatenation of every input's columns.
    pub inputs: Vec<Input<'a>>,
    /// The output holding the score, and which column of a `[rows, k]` output it is.
    pub output: &'a str,
    pub column: usize,
    pub range: ScoreRange,
    /// An `[rows, columns]` output of each input's reconstruction error, if the model has one.
    pub feature_errors: Option<&'a str>,
}

/// One input of the graph, by name, and what it is fed from a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Input<'a> {
    pub name: &'a str,
    pub feed: Feed<'a>,
}

/// How a graph input is made from a row's f32 values.
#[derive(Debug, Clone, PartialEq)]
pub enum Feed<'a> {
    /// `[rows, k]` float32: the next `k` values of the row, as they are.
    Floats(usize),
    /// `[rows, 1]` strings (a category read by the graph's own encoder): the next value of the
    /// row is an index into these texts. Any other value (past the end) is fed as a text none
    /// of them is, which every ONNX-ML encoder treats alike: as a category it has not seen.
    Texts(Vec<&'a str>),
}

impl Feed<'_> {
    /// How many of a row's values this input takes.
    pub fn width(&self) -> usize {
        match self {
            Feed::Floats(k) => *k,
            Feed::Texts(_) => 1,
        }
    }
}

impl<'a> Io<'a> {
    /// A model with one `[rows, columns]` float input.
    pub fn one(
        input: &'a str,
        columns: usize,
        output: &'a str,
        column: usize,
        range: ScoreRange,
    ) -> Io<'a> {
        Io {
            inputs: vec![Input {
                name: input,
                feed: Feed::Floats(columns),
            }],
            output,
            column,
            range,
            feature_errors: None,
        }
    }

    /// The width of one row: every input's columns.
    pub fn width(&self) -> usize {
        self.inputs.iter().map(|i| i.feed.width()).sum()
    }
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
    /// Each graph input in the graph's order, and where its values start in a row; empty when
    /// the graph has one float input taking the whole row (fed without copying).
    feeds: Vec<(usize, Fed)>,
    output: String,
    column: usize,
    range: ScoreRange,
    feature_errors: Option<String>,
    margin: Option<Margin>,
}

/// A graph input as [`Model::run`] builds it.
#[derive(Debug, Clone)]
enum Fed {
    Floats(usize),
    Texts { texts: Vec<String>, unseen: String },
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
        let width = io.width();
        if width == 0 {
            return Err(ModelError::Load(
                "the manifest gives the input no columns".into(),
            ));
        }
        let mut model = crate::ml::onnx()
            .model_for_read(&mut std::io::Cursor::new(onnx))
            .map_err(load_error)?;
        let feeds = set_input_facts(&mut model, io)?;
        let outputs = std::iter::once(io.output).chain(io.feature_errors);
        model.select_outputs_by_name(outputs).map_err(load_error)?;
        let mut optimised = model.into_optimized().map_err(load_error)?;
        broadcast::rewrite(&mut optimised).map_err(load_error)?;
        let whole = matches!(feeds.as_slice(), [(0, Fed::Floats(k))] if *k == width);
        let margin = whole
            .then(|| crate::ml::tree::margin_of(&optimised, io.column))
            .flatten();
        let plan = optimised.into_runnable().map_err(load_error)?;
        Ok(Model {
            plan,
            width,
            feeds: if whole { Vec::new() } else { feeds },
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
        let inputs = if self.feeds.is_empty() {
            tvec!(
                Tensor::from_shape(&[n_rows, self.width], rows)
                    .map_err(run_error)?
                    .into_tvalue()
            )
        } else {
            self.feeds
                .iter()
                .map(|(start, fed)| fed.tensor(rows, self.width, *start))
                .collect::<Result<_, _>>()?
        };
        // A fresh state per call: a reused state gave wrong results when the batch size changed.
        let outputs = self.plan.run(inputs).map_err(run_error)?;
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

/// Declares each graph input's type and `[N, k]` shape from `io`; what each is fed from a row.
fn set_input_facts(model: &mut InferenceModel, io: &Io) -> Result<Vec<(usize, Fed)>, ModelError> {
    let names: Vec<String> = model
        .input_outlets()
        .map_err(load_error)?
        .iter()
        .map(|o| model.node(o.node).name.clone())
        .collect();
    let feeds = feeds(&names, io)?;
    let batch = model.sym("N");
    // An empty batch never reaches tract (`run`); saying so lets tract prove its fast paths.
    model.symbols.add_assertion("N >= 1").map_err(load_error)?;
    for (slot, (_, fed)) in feeds.iter().enumerate() {
        let (datum, columns) = match fed {
            Fed::Floats(k) => (f32::datum_type(), *k),
            Fed::Texts { .. } => (String::datum_type(), 1),
        };
        let fact = InferenceFact::dt_shape(datum, [TDim::from(batch.clone()), TDim::from(columns)]);
        model.set_input_fact(slot, fact).map_err(load_error)?;
    }
    Ok(feeds)
}

/// Each graph input (by its name, in the graph's order) matched with the manifest's, and where
/// its values start in a row.
fn feeds(graph: &[String], io: &Io) -> Result<Vec<(usize, Fed)>, ModelError> {
    if let ([name], [input]) = (graph, io.inputs.as_slice())
        && *name != input.name
    {
        return Err(ModelError::Load(format!(
            "its input is named \"{name}\", the manifest says \"{}\"",
            input.name
        )));
    }
    if let Some(extra) = io
        .inputs
        .iter()
        .find(|i| !graph.iter().any(|g| g == i.name))
    {
        return Err(ModelError::Load(format!(
            "the manifest feeds an input \"{}\" the model does not have (its inputs: {})",
            extra.name,
            graph.join(", ")
        )));
    }
    graph
        .iter()
        .map(|name| {
            let mut start = 0;
            for input in &io.inputs {
                if input.name == name {
                    let fed = match &input.feed {
                        Feed::Floats(k) => Fed::Floats(*k),
                        Feed::Texts(texts) => Fed::Texts {
                            texts: texts.iter().map(|t| (*t).to_owned()).collect(),
                            unseen: unseen_text(texts),
                        },
                    };
                    return Ok((start, fed));
                }
                start += input.feed.width();
            }
            Err(ModelError::Load(format!(
                "its input \"{name}\" is not among the inputs the manifest feeds"
            )))
        })
        .collect()
}

/// A text none of `texts` is: what an unseen category is fed as.
fn unseen_text(texts: &[&str]) -> String {
    let mut unseen = String::from("\u{0}unseen");
    while texts.contains(&unseen.as_str()) {
        unseen.push('\u{0}');
    }
    unseen
}

impl Fed {
    /// This input's tensor for the row-major `rows` of `width` values, from column `start`.
    fn tensor(&self, rows: &[f32], width: usize, start: usize) -> Result<TValue, ModelError> {
        let n_rows = rows.len() / width;
        let cells = rows.chunks_exact(width);
        match self {
            Fed::Floats(k) => {
                let mut values = Vec::with_capacity(n_rows * k);
                for row in cells {
                    values.extend_from_slice(row.get(start..start + k).unwrap_or_default());
                }
                Tensor::from_shape(&[n_rows, *k], &values).map_err(run_error)
            }
            Fed::Texts { texts, unseen } => {
                let values: Vec<String> = cells
                    .map(|row| {
                        let index = row.get(start).copied().unwrap_or(f32::NAN);
                        let known = (index >= 0.0 && index.fract() == 0.0)
                            .then(|| texts.get(index as usize))
                            .flatten();
                        known.unwrap_or(unseen).clone()
                    })
                    .collect();
                tract_ndarray::Array2::from_shape_vec((n_rows, 1), values)
                    .map(IntoTensor::into_tensor)
                    .map_err(run_error)
            }
        }
        .map(IntoTValue::into_tvalue)
    }
}

fn run_error(e: impl std::fmt::Display) -> ModelError {
    ModelError::Run(format!("{e:#}"))
}

/// The shape of every tensor the graph's nodes compute, by tensor name, as tract infers it when
/// the inputs are what `io` feeds: each dimension as text ("N" for the batch, "?" where tract cannot
/// tell). Used to draw the model's anatomy; tract's analysis stops quietly where
/// it cannot go on, so a partly unknown graph still gives the shapes it could infer.
pub fn tensor_shapes(
    onnx: &[u8],
    io: &Io,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, ModelError> {
    guarded(|| tensor_shapes_unguarded(onnx, io))
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
    io: &Io,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, ModelError> {
    use tract_onnx::tract_hir::infer::{Factoid, InferenceModelExt};
    let mut model = crate::ml::onnx()
        .model_for_read(&mut std::io::Cursor::new(onnx))
        .map_err(load_error)?;
    set_input_facts(&mut model, io)?;
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
