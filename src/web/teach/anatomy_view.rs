//! Model anatomy: the network read from the loaded ONNX file, drawn as a column of stages with
//! their output shapes, and a plain explanation of each stage.

use yew::prelude::*;

use super::TeachView;
use crate::teach::anatomy::{Anatomy, Family, Stage, StageKind};

#[derive(Properties, PartialEq)]
pub struct AnatomyViewProps {
    pub anatomy: Result<Anatomy, String>,
}

const BOX_W: f64 = 420.0;
const BOX_H: f64 = 40.0;
const GAP: f64 = 20.0;
const MARGIN: f64 = 10.0;

fn shape_text(shape: &[String]) -> String {
    format!("[{}]", shape.join(", "))
}

/// "1,234".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ops(anatomy: &Anatomy, stage: &Stage) -> Vec<String> {
    anatomy.nodes[stage.first..=stage.last]
        .iter()
        .map(|n| n.op.clone())
        .collect()
}

/// The stage's box title.
fn title(anatomy: &Anatomy, stage: &Stage) -> String {
    match &stage.kind {
        StageKind::Preprocess => "Preprocessing".into(),
        StageKind::Dense {
            inputs,
            outputs,
            activation,
        } => match activation {
            Some(a) => format!("Dense layer {inputs} → {outputs}, then {a}"),
            None => format!("Dense layer {inputs} → {outputs}"),
        },
        StageKind::Recurrent {
            op,
            inputs,
            hidden,
            steps,
        } => match steps {
            Some(s) => format!("{op}: {s} steps of {inputs} values → {hidden} hidden"),
            None => format!("{op}: {inputs} values per step → {hidden} hidden"),
        },
        StageKind::Plumbing => "Reshaping and joining".into(),
        StageKind::Output if matches!(anatomy.family, Family::Autoencoder { .. }) => {
            "Reconstruction error".into()
        }
        StageKind::Output => "Output".into(),
    }
}

/// What a stage does, in plain words.
fn explain(anatomy: &Anatomy, index: usize, stage: &Stage) -> String {
    let ops = ops(anatomy, stage);
    let has = |op: &str| ops.iter().any(|o| o == op);
    let recurrent_at = anatomy
        .stages
        .iter()
        .position(|s| matches!(s.kind, StageKind::Recurrent { .. }));
    match (&stage.kind, &anatomy.family) {
        (StageKind::Preprocess, _) => {
            let log = if has("Log") {
                " Money amounts first get a signed logarithm, so a bill of 100,000 is not a thousand times a bill of 100."
            } else {
                ""
            };
            format!(
                "Puts the {} numbers of the encoded row on one scale: each column has its training mean subtracted and is divided by its spread (standardisation).{log} Nothing is learnt here; the constants were measured on the training data.",
                anatomy.input_shape.last().cloned().unwrap_or_default()
            )
        }
        (StageKind::Dense { inputs, .. }, Family::Logistic) => format!(
            "Logistic regression: each of the {inputs} inputs is multiplied by its own learnt weight, the products are added up with a bias (the weighted sum, or log-odds), and the sigmoid squeezes that sum into a probability between 0 and 1. A positive weight pushes the risk up, a negative one down. The file computes two columns, the probabilities of the negative and of the positive class."
        ),
        (
            StageKind::Dense {
                inputs,
                outputs,
                activation,
            },
            Family::Autoencoder { bottleneck },
        ) => {
            let role = if outputs < inputs {
                "Encoder: squeezes"
            } else {
                "Decoder: widens"
            };
            let mut text = format!(
                "{role} {inputs} numbers into {outputs}, each a weighted sum of the layer before plus a bias"
            );
            if activation.as_deref() == Some("Relu") {
                text.push_str(", through ReLU (negative sums become 0)");
            }
            text.push('.');
            if outputs == bottleneck {
                text.push_str(&format!(" This is the bottleneck: the whole transaction must pass through just {bottleneck} numbers, so only the patterns common in the legitimate transactions it was trained on come through."));
            }
            if activation.is_none() {
                text.push_str(" The result is the network's reconstruction of its (standardised) input.");
            }
            text
        }
        (
            StageKind::Dense {
                inputs,
                outputs,
                activation,
            },
            _,
        ) => match activation.as_deref() {
            Some("Sigmoid") => format!(
                "The output unit: one weighted sum of the {inputs} values before it plus a bias, squeezed by the sigmoid into a probability between 0 and 1."
            ),
            Some("Relu") => format!(
                "A hidden layer of {outputs} units: each is a weighted sum of the {inputs} values before it plus a bias, passed through ReLU (a negative sum becomes 0). Stacking such layers lets the network combine inputs in ways one weighted sum cannot."
            ),
            _ => format!("A weighted sum: {outputs} outputs, each from the {inputs} values before it plus a bias."),
        },
        (
            StageKind::Recurrent {
                op,
                inputs,
                hidden,
                steps,
            },
            _,
        ) => {
            let steps = steps.map_or_else(|| "each".to_owned(), |s| s.to_string());
            let gates = if op == "LSTM" {
                " Four gates, each a small weighted sum with a sigmoid, decide at every month what to forget from the memory (forget gate), what to write into it (input gate and candidate) and how much of it to show (output gate)."
            } else {
                ""
            };
            format!(
                "The {op} reads the history one month at a time, oldest first: {steps} steps of {inputs} numbers (each month's repayment status, bill and payment). It carries a hidden state of {hidden} numbers from month to month, so what happened in April can still matter in September.{gates} Only the state after the last month goes on."
            )
        }
        (StageKind::Plumbing, _) if recurrent_at.is_some_and(|r| index < r) => "Cuts the row into the static attributes and the monthly history, and lays the history out as months × values, the layout the recurrent layer reads (with a starting state of zeros). Nothing is learnt here.".into(),
        (StageKind::Plumbing, _) if recurrent_at.is_some() => "Joins the recurrent layer's last hidden state with the static attributes (limit, age, education…), so the next layers see both.".into(),
        (StageKind::Plumbing, _) => "Reshapes, slices or joins tensors into the layout the next layer expects; nothing is learnt here.".into(),
        (StageKind::Output, Family::Autoencoder { .. }) => "Compares the reconstruction with the standardised input: the squared difference of each input is its reconstruction error, and their mean is the anomaly score. A transaction unlike the legitimate ones cannot be rebuilt through the bottleneck, so its error is large.".into(),
        (StageKind::Output, _) if has("ReduceSum") => "Divides the two probabilities by their sum so they add up to exactly 1; the page reads the second column, the probability of the positive class.".into(),
        (StageKind::Output, _) if has("Concat") => "Writes two columns, 1 − p and p, the layout scikit-learn exports; the page reads p.".into(),
        (StageKind::Output, _) => "Names the result the page reads.".into(),
    }
}

fn diagram(anatomy: &Anatomy) -> Html {
    let n = anatomy.stages.len() + 1;
    let height = MARGIN * 2.0 + n as f64 * BOX_H + (n - 1) as f64 * GAP;
    let width = BOX_W + MARGIN * 2.0;
    let top = |k: usize| MARGIN + k as f64 * (BOX_H + GAP);
    let input = html! {
        <g class="stage input">
            <rect x={MARGIN.to_string()} y={top(0).to_string()} width={BOX_W.to_string()} height={BOX_H.to_string()} rx="6" />
            <text class="stage-title" x={(MARGIN + 10.0).to_string()} y={(top(0) + 16.0).to_string()}>{ format!("Input \"{}\"", anatomy.input_name) }</text>
            <text class="stage-detail" x={(MARGIN + 10.0).to_string()} y={(top(0) + 32.0).to_string()}>{ format!("the encoded row → {}", shape_text(&anatomy.input_shape)) }</text>
        </g>
    };
    let boxes = anatomy.stages.iter().enumerate().map(|(i, stage)| {
        let y = top(i + 1);
        let class = match stage.kind {
            StageKind::Preprocess => "preprocess",
            StageKind::Dense { .. } => "dense",
            StageKind::Recurrent { .. } => "recurrent",
            StageKind::Plumbing => "plumbing",
            StageKind::Output => "output",
        };
        let ops = ops(anatomy, stage);
        let ops_text = if ops.len() > 5 {
            format!("{} … {} ({} ops)", ops[..3].join(", "), ops[ops.len() - 1], ops.len())
        } else {
            ops.join(", ")
        };
        let weights = if stage.parameters > 0 {
            format!(" · {} numbers", grouped(stage.parameters))
        } else {
            String::new()
        };
        let arrow_x = MARGIN + BOX_W / 2.0;
        html! {
            <g class={classes!("stage", class)} data-stage={i.to_string()}>
                <line class="arrow" x1={arrow_x.to_string()} x2={arrow_x.to_string()} y1={(y - GAP).to_string()} y2={(y - 3.0).to_string()} marker-end="url(#teach-arrow)" />
                <rect x={MARGIN.to_string()} y={y.to_string()} width={BOX_W.to_string()} height={BOX_H.to_string()} rx="6" />
                <text class="stage-title" x={(MARGIN + 10.0).to_string()} y={(y + 16.0).to_string()}>{ format!("{}. {}", i + 1, title(anatomy, stage)) }</text>
                <text class="stage-detail" x={(MARGIN + 10.0).to_string()} y={(y + 32.0).to_string()}>{ format!("{ops_text}{weights} → {}", shape_text(&stage.shape)) }</text>
            </g>
        }
    });
    let label = format!(
        "Diagram of the model: the input, then {} stages in order: {}.",
        anatomy.stages.len(),
        anatomy
            .stages
            .iter()
            .map(|s| title(anatomy, s))
            .collect::<Vec<_>>()
            .join("; ")
    );
    html! {
        <figure class="anatomy-diagram">
            <svg viewBox={format!("0 0 {width} {height:.0}")} role="img" aria-label={label}>
                <defs>
                    <marker id="teach-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                { input }
                { for boxes }
            </svg>
            <figcaption>{ "Stages in the order the file computes them, each with its operators, the numbers it stores and the shape it outputs (N is the number of rows scored at once)." }</figcaption>
        </figure>
    }
}

fn node_table(anatomy: &Anatomy) -> Html {
    html! {
        <details class="anatomy-nodes">
            <summary>{ format!("Every operator ({})", anatomy.nodes.len()) }</summary>
            <table>
                <thead><tr><th scope="col">{ "#" }</th><th scope="col">{ "Operator" }</th><th scope="col">{ "Output" }</th><th scope="col">{ "Shape" }</th><th scope="col">{ "Weights it reads" }</th></tr></thead>
                <tbody>
                    { for anatomy.nodes.iter().enumerate().map(|(i, node)| html! {
                        <tr>
                            <td class="num">{ i + 1 }</td>
                            <td>{ &node.op }</td>
                            <td><code>{ &node.output }</code></td>
                            <td>{ shape_text(&node.shape) }</td>
                            <td>{ node.weights.iter().map(|w| format!("{} {}", w.name, shape_text(&w.dims.iter().map(u64::to_string).collect::<Vec<_>>()))).collect::<Vec<_>>().join("; ") }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}

#[function_component]
pub fn AnatomyView(props: &AnatomyViewProps) -> Html {
    let what = match &props.anatomy {
        Ok(a) => match &a.family {
            Family::Logistic => "the model file itself, read by this page. A logistic regression is one weighted sum: every input gets a weight, the weighted inputs are added up, and a sigmoid turns the total into a probability. The boxes are the steps in the order the file runs them.".to_owned(),
            Family::Mlp { hidden } => format!("the model file itself, read by this page. A multi-layer perceptron stacks weighted sums: the inputs feed hidden layers of {} units, each unit switched on or off by ReLU, and a last unit gives the probability. The boxes are the steps in the order the file runs them.", hidden.iter().map(u64::to_string).collect::<Vec<_>>().join(" and ")),
            Family::Recurrent { hidden, .. } => format!("the model file itself, read by this page. An LSTM reads the months one after another, keeping a memory (its hidden state, {hidden} numbers) that gates update at every month; a small dense network then turns the last memory and the static attributes into a probability."),
            Family::Autoencoder { bottleneck } => format!("the model file itself, read by this page. An autoencoder learns to copy legitimate transactions through a narrow bottleneck of {bottleneck} numbers. It was never shown fraud: a transaction it cannot copy well (large reconstruction error) is unusual, and that is the anomaly score."),
            Family::Other => "the model file itself, read by this page: its operators in the order the file runs them, the shape of what each computes and the numbers it stores.".to_owned(),
        },
        Err(_) => "the model file itself, read by this page.".to_owned(),
    };
    let body = match &props.anatomy {
        Err(message) => {
            html! { <p class="note" role="alert">{ format!("The model file could not be read: {message}") }</p> }
        }
        Ok(a) => html! {
            <>
                <p class="anatomy-facts">
                    { "ONNX file: " }<strong id="anatomy-bytes" data-bytes={a.bytes.to_string()}>{ format!("{} bytes", grouped(a.bytes as u64)) }</strong>
                    { format!(" ({}, opset {}); ", if a.producer.is_empty() { "producer not recorded" } else { &a.producer }, a.opset) }
                    <strong id="anatomy-parameters" data-parameters={a.parameters.to_string()}>{ format!("{} stored numbers", grouped(a.parameters)) }</strong>
                    { format!(", of which {} are the layers' weights and biases (the rest are preprocessing constants); {} operators.", grouped(a.layer_parameters), a.nodes.len()) }
                </p>
                { diagram(a) }
                <ol class="anatomy-explained">
                    { for a.stages.iter().enumerate().map(|(i, s)| html! {
                        <li><strong>{ title(a, s) }</strong>{ ": " }{ explain(a, i, s) }</li>
                    }) }
                </ol>
                { node_table(a) }
            </>
        },
    };
    html! {
        <TeachView id="teach-anatomy" title="Model anatomy" {what}>
            { body }
        </TeachView>
    }
}
