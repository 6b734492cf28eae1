//! Model anatomy: the network read from the loaded ONNX file, drawn as a column of stages with
//! their output shapes, and a plain explanation of each stage.

use yew::prelude::*;

use super::TeachView;
use crate::i18n::{Localized, Tr, use_tr};
use crate::tr;
use riskscope_core::teach::TeachError;
use riskscope_core::teach::anatomy::{Anatomy, Family, StageKind};

#[derive(Properties, PartialEq)]
pub struct AnatomyViewProps {
    pub anatomy: Result<Anatomy, TeachError>,
}

const BOX_W: f64 = 420.0;
const BOX_H: f64 = 40.0;
const GAP: f64 = 20.0;
const MARGIN: f64 = 10.0;

fn shape_text(shape: &[String]) -> String {
    format!("[{}]", shape.join(", "))
}

fn diagram(tr: Tr, anatomy: &Anatomy) -> Html {
    let n = anatomy.stages.len() + 1;
    let height = MARGIN * 2.0 + n as f64 * BOX_H + (n - 1) as f64 * GAP;
    let width = BOX_W + MARGIN * 2.0;
    let top = |k: usize| MARGIN + k as f64 * (BOX_H + GAP);
    let input = html! {
        <g class="stage input">
            <rect x={MARGIN.to_string()} y={top(0).to_string()} width={BOX_W.to_string()} height={BOX_H.to_string()} rx="6" />
            <text class="stage-title" x={(MARGIN + 10.0).to_string()} y={(top(0) + 16.0).to_string()}>{ tr!(tr, "teach-anatomy-input-title", name = &anatomy.input_name) }</text>
            <text class="stage-detail" x={(MARGIN + 10.0).to_string()} y={(top(0) + 32.0).to_string()}>{ tr!(tr, "teach-anatomy-input-detail", shape = shape_text(&anatomy.input_shape)) }</text>
        </g>
    };
    let boxes = anatomy.stages.iter().enumerate().map(|(i, stage)| {
        let y = top(i + 1);
        let class = match stage.kind {
            StageKind::Preprocess => "preprocess",
            StageKind::Dense { .. } => "dense",
            StageKind::Recurrent { .. } => "recurrent",
            StageKind::Trees { .. } => "trees",
            StageKind::Plumbing => "plumbing",
            StageKind::Output => "output",
        };
        let ops = anatomy.stage_ops(stage);
        let ops_text = if ops.len() > 5 {
            tr!(
                tr,
                "teach-anatomy-ops-elided",
                first = ops[..3].join(", "),
                last = &ops[ops.len() - 1],
                count = ops.len().to_string()
            )
        } else {
            ops.join(", ")
        };
        let shape = shape_text(&stage.shape);
        let detail = if stage.parameters > 0 {
            tr!(
                tr,
                "teach-anatomy-stage-detail-numbers",
                numbers = tr.num(stage.parameters as f64, 0),
                shape = shape
            )
        } else {
            tr!(tr, "teach-anatomy-stage-detail", shape = shape)
        };
        let arrow_x = MARGIN + BOX_W / 2.0;
        html! {
            <g class={classes!("stage", class)} data-stage={i.to_string()}>
                <line class="arrow" x1={arrow_x.to_string()} x2={arrow_x.to_string()} y1={(y - GAP).to_string()} y2={(y - 3.0).to_string()} marker-end="url(#teach-arrow)" />
                <rect x={MARGIN.to_string()} y={y.to_string()} width={BOX_W.to_string()} height={BOX_H.to_string()} rx="6" />
                <text class="stage-title" x={(MARGIN + 10.0).to_string()} y={(y + 16.0).to_string()}>{ format!("{}. {}", i + 1, tr.m(&anatomy.stage_title(stage))) }</text>
                // Operator names are ONNX's identifiers, the same in every language.
                <text class="stage-detail" x={(MARGIN + 10.0).to_string()} y={(y + 32.0).to_string()}><tspan translate="no">{ ops_text }</tspan>{ detail }</text>
            </g>
        }
    });
    let label = tr!(
        tr,
        "teach-anatomy-diagram-label",
        count = anatomy.stages.len().to_string(),
        stages = anatomy
            .stages
            .iter()
            .map(|s| tr.m(&anatomy.stage_title(s)))
            .collect::<Vec<_>>()
            .join(&tr!(tr, "teach-list-separator"))
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
            <figcaption>{ tr!(tr, "teach-anatomy-caption") }</figcaption>
        </figure>
    }
}

fn node_table(tr: Tr, anatomy: &Anatomy) -> Html {
    html! {
        <details class="anatomy-nodes">
            <summary>{ tr!(tr, "teach-anatomy-every-operator", count = anatomy.nodes.len().to_string()) }</summary>
            <table>
                <thead><tr><th scope="col">{ "#" }</th><th scope="col">{ tr!(tr, "teach-anatomy-col-operator") }</th><th scope="col">{ tr!(tr, "teach-anatomy-col-output") }</th><th scope="col">{ tr!(tr, "teach-anatomy-col-shape") }</th><th scope="col">{ tr!(tr, "teach-anatomy-col-weights") }</th></tr></thead>
                <tbody>
                    { for anatomy.nodes.iter().enumerate().map(|(i, node)| html! {
                        <tr>
                            <td class="num">{ i + 1 }</td>
                            <td translate="no">{ &node.op }</td>
                            <td><code translate="no">{ &node.output }</code></td>
                            <td>{ shape_text(&node.shape) }</td>
                            <td translate="no">{ node.weights.iter().map(|w| format!("{} {}", w.name, shape_text(&w.dims.iter().map(u64::to_string).collect::<Vec<_>>()))).collect::<Vec<_>>().join(&tr!(tr, "teach-list-separator")) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}

#[component]
pub fn AnatomyView(props: &AnatomyViewProps) -> Html {
    let tr = use_tr();
    let what = match &props.anatomy {
        Ok(a) => match &a.family {
            Family::Logistic => tr!(tr, "teach-anatomy-what-logistic"),
            Family::Mlp { hidden } => tr!(
                tr,
                "teach-anatomy-what-mlp",
                hidden = hidden
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(&tr!(tr, "teach-list-and"))
            ),
            Family::Recurrent { hidden, .. } => {
                tr!(
                    tr,
                    "teach-anatomy-what-recurrent",
                    hidden = hidden.to_string()
                )
            }
            Family::Autoencoder { bottleneck } => tr!(
                tr,
                "teach-anatomy-what-autoencoder",
                bottleneck = bottleneck.to_string()
            ),
            Family::Trees { trees, depth } => tr!(
                tr,
                "teach-anatomy-what-trees",
                trees = tr.num(*trees as f64, 0),
                depth = depth.to_string()
            ),
            Family::Other => tr!(tr, "teach-anatomy-what-other"),
        },
        Err(_) => tr!(tr, "teach-anatomy-what-unread"),
    };
    let body = match &props.anatomy {
        Err(error) => html! {
            <p class="note" role="alert">{ tr!(tr, "teach-anatomy-unreadable", error = error.message()) }</p>
        },
        Ok(a) => {
            let producer = if a.producer.is_empty() {
                tr!(tr, "teach-anatomy-no-producer")
            } else {
                a.producer.clone()
            };
            html! {
                <>
                    <p class="anatomy-facts">
                        { tr!(tr, "teach-anatomy-file") }<strong id="anatomy-bytes" data-bytes={a.bytes.to_string()}>{ tr!(tr, "teach-anatomy-bytes", bytes = tr.num(a.bytes as f64, 0)) }</strong>
                        { tr!(tr, "teach-anatomy-producer-open") }<span translate="no">{ producer }</span>{ tr!(tr, "teach-anatomy-opset", opset = a.opset.to_string()) }
                        <strong id="anatomy-parameters" data-parameters={a.parameters.to_string()}>{ tr!(tr, "teach-anatomy-stored", numbers = tr.num(a.parameters as f64, 0)) }</strong>
                        {
                            if matches!(a.family, Family::Trees { .. }) {
                                tr!(tr, "teach-anatomy-stored-trees", layers = tr.num(a.layer_parameters as f64, 0), operators = a.nodes.len().to_string())
                            } else {
                                tr!(tr, "teach-anatomy-stored-rest", layers = tr.num(a.layer_parameters as f64, 0), operators = a.nodes.len().to_string())
                            }
                        }
                    </p>
                    { diagram(tr, a) }
                    <ol class="anatomy-explained">
                        { for a.stages.iter().enumerate().map(|(i, s)| html! {
                            <li><strong>{ tr.m(&a.stage_title(s)) }</strong>{ tr!(tr, "teach-anatomy-explained-separator") }{ tr.m(&a.stage_explanation(i)) }</li>
                        }) }
                    </ol>
                    { node_table(tr, a) }
                </>
            }
        }
    };
    html! {
        <TeachView id="teach-anatomy" title={tr!(tr, "teach-anatomy-title")} {what}>
            { body }
        </TeachView>
    }
}
