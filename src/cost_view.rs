//! Cut-off and cost: the cost matrix, the expected cost per row across cut-offs on the held-out
//! reference sample with the chosen cut-off marked, the approval rate at it, and for fraud the
//! alerts per 10,000 transactions and the precision at a daily investigation capacity.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::chart::{LineChart, Marker};
use super::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::cost::{self, CostMatrix, CutoffPoint};
use riskscope_core::manifest::{Manifest, OutputKind, Task};
use riskscope_core::reference::Evaluation;

/// Points drawn of a curve that may have thousands.
const MAX_POINTS: usize = 400;

/// ULB's data set: 284,807 transactions over two days.
const ULB_PER_DAY: f64 = 142_404.0;

#[derive(Properties, PartialEq)]
pub struct CostViewProps {
    pub manifest: Manifest,
    pub evaluation: Evaluation,
    pub cutoff: f64,
    pub on_cutoff: Callback<f64>,
}

fn number_input(id: &str, label: &str, value: f64, step: &str, on: Callback<f64>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let text = e.target_unchecked_into::<HtmlInputElement>().value();
        if let Ok(v) = text.trim().parse::<f64>()
            && v.is_finite()
            && v >= 0.0
        {
            on.emit(v);
        }
    });
    html! {
        <label class="inline-field" for={id.to_string()}>
            { label }
            <input type="number" id={id.to_string()} min="0" step={step.to_string()} value={value.to_string()} {oninput} />
        </label>
    }
}

fn percent(tr: Tr, x: Option<f64>) -> String {
    x.map_or_else(
        || "–".to_string(),
        |x| tr!(tr, "support-percent", number = tr.num(100.0 * x, 1)),
    )
}

#[component]
pub fn CostView(props: &CostViewProps) -> Html {
    let tr = use_tr();
    let fraud = props.manifest.task == Task::Fraud;
    let probability = props.manifest.model.output.kind == OutputKind::Probability;
    // The costs under which the model's own cut-off is the cheapest (German Credit's 5 : 1 for
    // its models).
    let implied_matrix = CostMatrix::implied_by(props.manifest.decision.cutoff);
    let matrix = use_state(|| {
        if fraud {
            // An assumption to edit: a missed fraud costs twenty investigations.
            CostMatrix {
                false_negative: 20.0,
                ..CostMatrix::GERMAN
            }
        } else if probability {
            implied_matrix
        } else {
            CostMatrix::GERMAN
        }
    });
    let capacity = use_state(|| 100.0);
    let volume = use_state(|| ULB_PER_DAY);

    let curve = use_memo(
        (props.evaluation.clone(), *matrix),
        |(evaluation, matrix)| cost::curve(evaluation, matrix),
    );
    let here = cost::at_cutoff(&props.evaluation, &matrix, props.cutoff);
    let best = cost::cheapest(&curve);
    let stride = (curve.len() / MAX_POINTS).max(1);
    let x_of = |c: f64| if probability { c } else { c.max(1e-6).log10() };
    let points: Vec<(f64, f64)> = curve
        .iter()
        .step_by(stride)
        .filter(|p| !probability || p.cutoff <= 1.0)
        .map(|p| (x_of(p.cutoff), p.expected_cost))
        .collect();
    let mut markers = vec![Marker {
        x: x_of(props.cutoff),
        label: tr!(tr, "support-cost-marker-chosen"),
        class: "chosen",
    }];
    if let Some(best) = best {
        markers.push(Marker {
            x: x_of(best.cutoff),
            label: tr!(tr, "support-cost-marker-cheapest"),
            class: "cheapest",
        });
    }

    let set_matrix = |field: fn(&mut CostMatrix, f64)| {
        let matrix = matrix.clone();
        Callback::from(move |v: f64| {
            let mut next = *matrix;
            field(&mut next, v);
            matrix.set(next);
        })
    };
    let implied = {
        let matrix = matrix.clone();
        Callback::from(move |_| matrix.set(implied_matrix))
    };
    let rule = &props.manifest.decision;
    let clear_word = &rule.below;
    let at_k = cost::at_capacity(&curve, *capacity, *volume);

    html! {
        <section class="cost" id="cost" aria-labelledby="cost-title">
            <h3 id="cost-title">{ tr!(tr, "support-cost-title") }</h3>
            <p class="note">{ &props.evaluation.source }</p>
            <fieldset class="matrix">
                <legend>{ if fraud { tr!(tr, "support-cost-matrix-fraud") } else { tr!(tr, "support-cost-matrix-credit") } }</legend>
                { number_input("cost-fn", &if fraud { tr!(tr, "support-cost-fn-fraud") } else { tr!(tr, "support-cost-fn-credit") }, matrix.false_negative, "any", set_matrix(|m, v| m.false_negative = v)) }
                { number_input("cost-fp", &if fraud { tr!(tr, "support-cost-fp-fraud") } else { tr!(tr, "support-cost-fp-credit") }, matrix.false_positive, "any", set_matrix(|m, v| m.false_positive = v)) }
                if probability {
                    <button type="button" id="implied-preset" onclick={implied}>
                        { tr!(tr, "support-cost-implied-preset", ratio = tr.num(implied_matrix.false_negative, 2)) }
                    </button>
                }
            </fieldset>
            <CutoffControl cutoff={props.cutoff} model_cutoff={props.manifest.decision.cutoff}
                cheapest={best.map(|b| b.cutoff)} {probability} on_cutoff={props.on_cutoff.clone()} />
            <LineChart id="cost-chart"
                title={if fraud {
                    tr!(tr, "support-cost-chart-title-fraud", rows = tr.num(props.evaluation.score.len() as f64, 0))
                } else {
                    tr!(tr, "support-cost-chart-title-credit", rows = tr.num(props.evaluation.score.len() as f64, 0))
                }}
                x_label={if probability { tr!(tr, "support-cost-axis-cutoff") } else { tr!(tr, "support-cost-axis-cutoff-log") }}
                y_label={tr!(tr, "support-cost-axis-cost")} {points} {markers} />
            { summary(tr, &here, best, fraud, clear_word) }
            if fraud {
                { capacity_view(tr, &capacity, &volume, at_k) }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CutoffControlProps {
    cutoff: f64,
    model_cutoff: f64,
    cheapest: Option<f64>,
    probability: bool,
    on_cutoff: Callback<f64>,
}

/// The cut-off typed in (a probability strictly between 0 and 1, or a positive anomaly score),
/// the cheapest one, or the model's own.
#[component]
fn CutoffControl(props: &CutoffControlProps) -> Html {
    let tr = use_tr();
    let probability = props.probability;
    let on_cutoff_input = {
        let on_cutoff = props.on_cutoff.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(v) = text.trim().parse::<f64>()
                && v.is_finite()
                && v > 0.0
                && (!probability || v < 1.0)
            {
                on_cutoff.emit(v);
            }
        })
    };
    let use_best = {
        let (on_cutoff, cheapest) = (props.on_cutoff.clone(), props.cheapest);
        Callback::from(move |_| {
            if let Some(cheapest) = cheapest {
                on_cutoff.emit(cheapest);
            }
        })
    };
    let reset = {
        let (on_cutoff, model_cutoff) = (props.on_cutoff.clone(), props.model_cutoff);
        Callback::from(move |_| on_cutoff.emit(model_cutoff))
    };
    html! {
        <div class="cutoff-control">
            <label for="cutoff">{ if probability { tr!(tr, "support-cost-cutoff-probability") } else { tr!(tr, "support-cost-cutoff-anomaly") } }</label>
            <input type="number" id="cutoff" min="0" step="any" value={format!("{:.6}", props.cutoff)} oninput={on_cutoff_input} />
            <button type="button" id="use-cheapest" onclick={use_best}>{ tr!(tr, "support-cost-use-cheapest") }</button>
            <button type="button" id="reset-cutoff" onclick={reset}>{ tr!(tr, "support-cost-model-cutoff") }</button>
        </div>
    }
}

/// For fraud: the alerts a team can investigate a day, and what the model catches at that many.
fn capacity_view(
    tr: Tr,
    capacity: &UseStateHandle<f64>,
    volume: &UseStateHandle<f64>,
    at_k: Option<CutoffPoint>,
) -> Html {
    html! {
        <div class="capacity">
            { number_input("capacity", &tr!(tr, "support-cost-capacity"), **capacity, "1", { let capacity = capacity.clone(); Callback::from(move |v| capacity.set(v)) }) }
            { number_input("volume", &tr!(tr, "support-cost-volume"), **volume, "1", { let volume = volume.clone(); Callback::from(move |v| volume.set(v)) }) }
            <p id="precision-at-k">
                {
                    match at_k {
                        Some(p) => tr!(tr, "support-cost-at-capacity",
                            capacity = tr.num(**capacity, 0),
                            recall = percent(tr, p.recall()),
                            precision = percent(tr, p.precision()),
                            cutoff = tr.num(p.cutoff, 4)),
                        None => tr!(tr, "support-cost-no-capacity"),
                    }
                }
            </p>
        </div>
    }
}

fn summary(
    tr: Tr,
    here: &CutoffPoint,
    best: Option<CutoffPoint>,
    fraud: bool,
    clear_word: &str,
) -> Html {
    let best_text = best.map_or_else(String::new, |b| {
        tr!(
            tr,
            "support-cost-cheapest",
            cutoff = tr.num(b.cutoff, 4),
            cost = tr.num(b.expected_cost, 3)
        )
    });
    html! {
        <p id="cost-at-cutoff" data-cost={here.expected_cost.to_string()} data-cleared={here.cleared_rate().to_string()}>
            {
                if fraud {
                    tr!(tr, "support-cost-at-cutoff-fraud",
                        cutoff = tr.num(here.cutoff, 4),
                        alerts = tr.num(here.per_10k(), 1),
                        precision = percent(tr, here.precision()),
                        recall = percent(tr, here.recall()),
                        cost = tr.num(here.expected_cost, 3),
                        cheapest = best_text)
                } else {
                    tr!(tr, "support-cost-at-cutoff-credit",
                        cutoff = tr.num(here.cutoff, 4),
                        cleared = clear_word,
                        rate = tr.num(100.0 * here.cleared_rate(), 1),
                        precision = percent(tr, here.precision()),
                        cost = tr.num(here.expected_cost, 3),
                        cheapest = best_text)
                }
            }
        </p>
    }
}
