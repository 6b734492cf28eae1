//! A model's anatomy as the page can read it from the ONNX bytes: every node in order with the
//! shape it computes and the weights it holds, grouped into stages a student recognises
//! (preprocessing, dense and recurrent layers, tree ensembles, plumbing, output), and the
//! model's family.

use std::collections::BTreeMap;

use riskscope_runtime::graph::{self, Graph};
use serde::Serialize;

use super::TeachError;
use crate::i18n::Message;
use crate::manifest::{Manifest, OutputKind};
use crate::model;

/// A weight tensor (an initializer or a constant) a node reads, or the numbers of an
/// attribute's `floats` list (an ONNX-ML operator's thresholds and leaf weights).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weight {
    pub name: String,
    pub dims: Vec<u64>,
    /// The product of `dims`: how many numbers it holds.
    pub values: u64,
}

/// One node of the graph, in the file's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub op: String,
    /// The name of its first output tensor.
    pub output: String,
    /// The first output's shape as tract infers it ("N" is the batch).
    pub shape: Vec<String>,
    /// Weights first read by this node (a weight two nodes share is listed at the first).
    pub weights: Vec<Weight>,
}

/// What a stage of the network does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum StageKind {
    /// Arithmetic on the input before the first layer: standardisation, a signed log.
    Preprocess,
    /// A weighted sum (MatMul or Gemm, with its bias) and its activation, if one follows.
    Dense {
        inputs: u64,
        outputs: u64,
        activation: Option<String>,
    },
    /// A recurrent layer read over `steps` time steps.
    Recurrent {
        op: String,
        inputs: u64,
        hidden: u64,
        steps: Option<u64>,
    },
    /// Decision trees whose leaves' values are summed (or averaged, for a forest).
    Trees {
        op: String,
        trees: u64,
        leaves: u64,
        depth: u64,
    },
    /// Reshaping, slicing and joining tensors between the input and a layer, or between layers.
    Plumbing,
    /// What follows the last layer: normalising probabilities, reconstruction errors.
    Output,
}

/// Consecutive nodes that do one thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub kind: StageKind,
    /// Indices into [`Anatomy::nodes`].
    pub first: usize,
    pub last: usize,
    /// The shape of the stage's last node.
    pub shape: Vec<String>,
    /// Weight values held by the stage's nodes.
    pub parameters: u64,
}

/// Which kind of model the anatomy shows, for the plain explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Family {
    /// One dense layer ending in a sigmoid: a weighted sum and the logistic function.
    Logistic,
    /// Dense layers with hidden widths between them.
    Mlp {
        hidden: Vec<u64>,
    },
    /// A recurrent layer over the history, then dense layers.
    Recurrent {
        hidden: u64,
        steps: Option<u64>,
    },
    /// Dense layers narrowing to a bottleneck and widening back, scored by reconstruction error.
    Autoencoder {
        bottleneck: u64,
    },
    /// A tree ensemble: gradient-boosted trees, a forest, or one tree.
    Trees {
        trees: u64,
        depth: u64,
    },
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Anatomy {
    /// Size of the ONNX file.
    pub bytes: usize,
    pub producer: String,
    pub opset: i64,
    pub input_name: String,
    pub input_shape: Vec<String>,
    pub nodes: Vec<Node>,
    pub stages: Vec<Stage>,
    /// Every value held by initializers and constants (as `compat::check` counts them).
    pub parameters: u64,
    /// The values held by the layers (weights and biases of dense and recurrent stages).
    pub layer_parameters: u64,
    pub family: Family,
}

impl Anatomy {
    /// The operators of a stage, in order.
    pub fn stage_ops(&self, stage: &Stage) -> Vec<String> {
        self.nodes[stage.first..=stage.last]
            .iter()
            .map(|n| n.op.clone())
            .collect()
    }

    /// The stage's name ("Dense layer 61 → 2, then Sigmoid"; messages `teach-stage-*`).
    pub fn stage_title(&self, stage: &Stage) -> Message {
        match &stage.kind {
            StageKind::Preprocess => Message::new("teach-stage-preprocess"),
            StageKind::Dense {
                inputs,
                outputs,
                activation,
            } => match activation {
                Some(a) => Message::new("teach-stage-dense-activation")
                    .arg("inputs", inputs.to_string())
                    .arg("outputs", outputs.to_string())
                    .arg("activation", a.as_str()),
                None => Message::new("teach-stage-dense")
                    .arg("inputs", inputs.to_string())
                    .arg("outputs", outputs.to_string()),
            },
            StageKind::Recurrent {
                op,
                inputs,
                hidden,
                steps,
            } => match steps {
                Some(s) => Message::new("teach-stage-recurrent-steps")
                    .arg("op", op.as_str())
                    .arg("steps", s.to_string())
                    .arg("inputs", inputs.to_string())
                    .arg("hidden", hidden.to_string()),
                None => Message::new("teach-stage-recurrent")
                    .arg("op", op.as_str())
                    .arg("inputs", inputs.to_string())
                    .arg("hidden", hidden.to_string()),
            },
            StageKind::Trees {
                trees,
                leaves,
                depth,
                ..
            } => Message::new("teach-stage-trees")
                .arg("trees", trees.to_string())
                .arg("leaves", leaves.to_string())
                .arg("depth", depth.to_string()),
            StageKind::Plumbing => Message::new("teach-stage-plumbing"),
            StageKind::Output if matches!(self.family, Family::Autoencoder { .. }) => {
                Message::new("teach-stage-reconstruction")
            }
            StageKind::Output => Message::new("teach-stage-output"),
        }
    }

    /// What the stage at `index` does, in plain words (messages `teach-explain-*`).
    pub fn stage_explanation(&self, index: usize) -> Message {
        let Some(stage) = self.stages.get(index) else {
            return Message::new("teach-explain-plumbing");
        };
        let ops = self.stage_ops(stage);
        let has = |op: &str| ops.iter().any(|o| o == op);
        let yes = |b: bool| if b { "yes" } else { "no" };
        let recurrent_at = self
            .stages
            .iter()
            .position(|s| matches!(s.kind, StageKind::Recurrent { .. }));
        match (&stage.kind, &self.family) {
            (StageKind::Preprocess, _) => Message::new("teach-explain-preprocess")
                .arg(
                    "columns",
                    self.input_shape.last().cloned().unwrap_or_default(),
                )
                .arg("log", yes(has("Log"))),
            (StageKind::Dense { inputs, .. }, Family::Logistic) => {
                Message::new("teach-explain-logistic").arg("inputs", inputs.to_string())
            }
            (
                StageKind::Dense {
                    inputs,
                    outputs,
                    activation,
                },
                Family::Autoencoder { bottleneck },
            ) => Message::new("teach-explain-autoencoder")
                .arg(
                    "role",
                    if outputs < inputs {
                        "encoder"
                    } else {
                        "decoder"
                    },
                )
                .arg("inputs", inputs.to_string())
                .arg("outputs", outputs.to_string())
                .arg("relu", yes(activation.as_deref() == Some("Relu")))
                .arg("bottleneck", yes(outputs == bottleneck))
                .arg("last", yes(activation.is_none())),
            (
                StageKind::Dense {
                    inputs,
                    outputs,
                    activation,
                },
                _,
            ) => {
                let id = match activation.as_deref() {
                    Some("Sigmoid") => "teach-explain-dense-sigmoid",
                    Some("Relu") => "teach-explain-dense-relu",
                    _ => "teach-explain-dense",
                };
                Message::new(id)
                    .arg("inputs", inputs.to_string())
                    .arg("outputs", outputs.to_string())
            }
            (
                StageKind::Recurrent {
                    op,
                    inputs,
                    hidden,
                    steps,
                },
                _,
            ) => Message::new("teach-explain-recurrent")
                .arg("op", op.as_str())
                .arg("counted", yes(steps.is_some()))
                .arg("steps", steps.map(|s| s.to_string()).unwrap_or_default())
                .arg("inputs", inputs.to_string())
                .arg("hidden", hidden.to_string())
                .arg("gates", yes(op == "LSTM")),
            (
                StageKind::Trees {
                    op, trees, depth, ..
                },
                _,
            ) => Message::new("teach-explain-trees")
                .arg("trees", trees.to_string())
                .arg("depth", depth.to_string())
                .arg("classifier", yes(op == "TreeEnsembleClassifier")),
            (StageKind::Plumbing, _) if recurrent_at.is_some_and(|r| index < r) => {
                Message::new("teach-explain-plumbing-history")
            }
            (StageKind::Plumbing, _) if recurrent_at.is_some() => {
                Message::new("teach-explain-plumbing-join")
            }
            (StageKind::Plumbing, _) => Message::new("teach-explain-plumbing"),
            (StageKind::Output, _) => self.output_explanation(&ops),
        }
    }

    /// What the output stage made of operators `ops` does.
    fn output_explanation(&self, ops: &[String]) -> Message {
        let has = |op: &str| ops.iter().any(|o| o == op);
        if matches!(self.family, Family::Autoencoder { .. }) {
            Message::new("teach-explain-output-reconstruction")
        } else if has("ZipMap") {
            Message::new("teach-explain-output-zipmap")
        } else if has("ReduceSum") {
            Message::new("teach-explain-output-normalise")
        } else if has("Concat") {
            Message::new("teach-explain-output-columns")
        } else {
            Message::new("teach-explain-output")
        }
    }
}

const LAYERS: [&str; 8] = [
    "MatMul",
    "Gemm",
    "LSTM",
    "GRU",
    "RNN",
    "TreeEnsembleClassifier",
    "TreeEnsembleRegressor",
    "TreeEnsemble",
];
const ACTIVATIONS: [&str; 6] = ["Relu", "Sigmoid", "Tanh", "LeakyRelu", "Softmax", "Elu"];
const SHAPE_OPS: [&str; 12] = [
    "Slice",
    "Reshape",
    "Transpose",
    "Shape",
    "Concat",
    "ConstantOfShape",
    "Identity",
    "Unsqueeze",
    "Squeeze",
    "Gather",
    "Flatten",
    "Expand",
];

fn tensor_values(dims: &[i64]) -> (Vec<u64>, u64) {
    let dims: Vec<u64> = dims
        .iter()
        .map(|&d| u64::try_from(d).unwrap_or(0))
        .collect();
    let values = dims.iter().fold(1u64, |n, &d| n.saturating_mul(d));
    (dims, values)
}

/// Reads the anatomy of `onnx`, the model `manifest` describes.
pub fn anatomy(manifest: &Manifest, onnx: &[u8]) -> Result<Anatomy, TeachError> {
    let proto = graph::read(onnx).map_err(TeachError::Onnx)?;
    let graph = proto.graph.as_ref().ok_or(TeachError::NoGraph)?;
    let columns = manifest.input_width();
    let shapes = model::tensor_shapes(onnx, &model::io(manifest))
        .map_err(|e| TeachError::Onnx(e.to_string()))?;
    let mut initializers: BTreeMap<&str, &graph::Tensor> = graph
        .initializers
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect();
    let mut parameters: u64 = graph
        .initializers
        .iter()
        .map(|t| tensor_values(&t.dims).1)
        .sum();
    let mut nodes = Vec::with_capacity(graph.nodes.len());
    for node in &graph.nodes {
        let output = node.outputs.first().cloned().unwrap_or_default();
        let mut weights = Vec::new();
        for input in &node.inputs {
            // Each weight is listed once, at the first node that reads it.
            if let Some(tensor) = initializers.remove(input.as_str()) {
                let (dims, values) = tensor_values(&tensor.dims);
                weights.push(Weight {
                    name: input.clone(),
                    dims,
                    values,
                });
            }
        }
        for attribute in &node.attributes {
            // compat::check counts these as parameters too.
            if attribute.floats > 0 {
                let values = attribute.floats as u64;
                parameters = parameters.saturating_add(values);
                weights.push(Weight {
                    name: attribute.name.clone(),
                    dims: vec![values],
                    values,
                });
            }
            for tensor in &attribute.tensors {
                let (dims, values) = tensor_values(&tensor.dims);
                parameters = parameters.saturating_add(values);
                weights.push(Weight {
                    name: output.clone(),
                    dims,
                    values,
                });
            }
        }
        nodes.push(Node {
            op: node.op_type.clone(),
            shape: shapes.get(&output).cloned().unwrap_or_default(),
            output,
            weights,
        });
    }
    let stages = stages(graph, &nodes, &shapes);
    let layer_parameters = stages
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                StageKind::Dense { .. } | StageKind::Recurrent { .. } | StageKind::Trees { .. }
            )
        })
        .map(|s| s.parameters)
        .sum();
    let family = family(&stages, manifest.model.output.kind);
    let input_name = manifest
        .model
        .graph_inputs()
        .first()
        .map(|i| i.name.clone())
        .unwrap_or_default();
    Ok(Anatomy {
        bytes: onnx.len(),
        producer: proto.producer(),
        opset: proto.default_opset(),
        input_shape: shapes
            .get(&input_name)
            .cloned()
            .unwrap_or_else(|| vec!["N".into(), columns.to_string()]),
        input_name,
        nodes,
        stages,
        parameters,
        layer_parameters,
        family,
    })
}

fn is_layer(op: &str) -> bool {
    LAYERS.contains(&op)
}

/// Groups the nodes into stages, walking them in order.
fn stages(graph: &Graph, nodes: &[Node], shapes: &BTreeMap<String, Vec<String>>) -> Vec<Stage> {
    let first_layer = nodes.iter().position(|n| is_layer(&n.op));
    let last_layer = nodes.iter().rposition(|n| is_layer(&n.op));
    let mut out = Vec::new();
    let mut i = 0;
    while i < nodes.len() {
        let (kind, last) = if is_layer(&nodes[i].op) {
            layer_stage(graph, nodes, shapes, i)
        } else {
            let kind_at = |j: usize| {
                if last_layer.is_none_or(|l| j > l) {
                    // No layer at all, or past the last: everything is output.
                    if first_layer.is_none() {
                        StageKind::Preprocess
                    } else {
                        StageKind::Output
                    }
                } else if SHAPE_OPS.contains(&nodes[j].op.as_str())
                    || first_layer.is_some_and(|f| j > f)
                {
                    StageKind::Plumbing
                } else {
                    StageKind::Preprocess
                }
            };
            let kind = kind_at(i);
            let mut last = i;
            while last + 1 < nodes.len()
                && !is_layer(&nodes[last + 1].op)
                && kind_at(last + 1) == kind
            {
                last += 1;
            }
            (kind, last)
        };
        let parameters = nodes[i..=last]
            .iter()
            .flat_map(|n| &n.weights)
            .map(|w| w.values)
            .sum();
        out.push(Stage {
            kind,
            first: i,
            last,
            shape: nodes[last].shape.clone(),
            parameters,
        });
        i = last + 1;
    }
    out
}

/// The stage starting at the layer node `i`, and its last node: a dense layer takes its bias
/// `Add` and its activation with it.
fn layer_stage(
    graph: &Graph,
    nodes: &[Node],
    shapes: &BTreeMap<String, Vec<String>>,
    i: usize,
) -> (StageKind, usize) {
    let node = &nodes[i];
    let proto = graph.nodes.get(i);
    if let Some(shape) = proto.and_then(|p| p.trees) {
        let kind = StageKind::Trees {
            op: node.op.clone(),
            trees: shape.trees as u64,
            leaves: shape.leaves as u64,
            depth: u64::from(shape.depth),
        };
        return (kind, i);
    }
    let weight = node
        .weights
        .first()
        .map(|w| w.dims.clone())
        .unwrap_or_default();
    if matches!(node.op.as_str(), "LSTM" | "GRU" | "RNN") {
        let gates = match node.op.as_str() {
            "LSTM" => 4,
            "GRU" => 3,
            _ => 1,
        };
        // W is [directions, gates × hidden, inputs]; X is [steps, batch, inputs].
        let hidden = weight.get(1).map_or(0, |g| g / gates);
        let steps = proto
            .and_then(|p| p.inputs.first())
            .and_then(|x| shapes.get(x))
            .and_then(|s| s.first())
            .and_then(|d| d.parse().ok());
        let kind = StageKind::Recurrent {
            op: node.op.clone(),
            inputs: weight.get(2).copied().unwrap_or(0),
            hidden,
            steps,
        };
        return (kind, i);
    }
    // MatMul's B is [inputs, outputs]; Gemm's too unless transB is set.
    let transposed = proto.and_then(|p| p.int_attribute("transB")) == Some(1);
    let (inputs, outputs) = match (weight.first(), weight.get(1)) {
        (Some(&a), Some(&b)) if transposed => (b, a),
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, 0),
    };
    let mut last = i;
    if node.op == "MatMul"
        && nodes
            .get(last + 1)
            .is_some_and(|n| n.op == "Add" && !n.weights.is_empty())
    {
        last += 1;
    }
    let mut activation = None;
    if let Some(next) = nodes.get(last + 1)
        && ACTIVATIONS.contains(&next.op.as_str())
    {
        activation = Some(next.op.clone());
        last += 1;
    }
    (
        StageKind::Dense {
            inputs,
            outputs,
            activation,
        },
        last,
    )
}

fn family(stages: &[Stage], output: OutputKind) -> Family {
    let mut dense = Vec::new();
    let mut recurrent = None;
    for stage in stages {
        match &stage.kind {
            StageKind::Trees { trees, depth, .. } => {
                return Family::Trees {
                    trees: *trees,
                    depth: *depth,
                };
            }
            StageKind::Dense {
                inputs, outputs, ..
            } => dense.push((*inputs, *outputs)),
            StageKind::Recurrent { hidden, steps, .. } => recurrent = Some((*hidden, *steps)),
            _ => {}
        }
    }
    if let Some((hidden, steps)) = recurrent {
        return Family::Recurrent { hidden, steps };
    }
    if output == OutputKind::AnomalyScore && dense.len() >= 2 {
        let bottleneck = dense.iter().map(|d| d.1).min().unwrap_or(0);
        return Family::Autoencoder { bottleneck };
    }
    let ends_in_sigmoid = stages.iter().rev().find_map(|s| match &s.kind {
        StageKind::Dense { activation, .. } => Some(activation.as_deref() == Some("Sigmoid")),
        _ => None,
    }) == Some(true);
    match dense.len() {
        1 if ends_in_sigmoid => Family::Logistic,
        0 | 1 => Family::Other,
        _ => Family::Mlp {
            hidden: dense[..dense.len() - 1].iter().map(|d| d.1).collect(),
        },
    }
}
