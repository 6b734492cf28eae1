//! Cut-off and cost: the cost matrix, the expected cost per row across cut-offs on the held-out
//! reference sample with the chosen cut-off marked, the approval rate at it, and for fraud the
//! alerts per 10,000 transactions and the precision at a daily investigation capacity.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::chart::{LineChart, Marker};
use crate::cost::{self, CostMatrix, CutoffPoint};
use crate::manifest::{Manifest, OutputKind, Task};
use crate::reference::Evaluation;

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

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| format!("{:.1} %", 100.0 * x))
}

#[function_component]
pub fn CostView(props: &CostViewProps) -> Html {
    let fraud = props.manifest.task == Task::Fraud;
    let probability = props.manifest.model.output.kind == OutputKind::Probability;
    let matrix = use_state(|| {
        if fraud {
            // An assumption to edit: a missed fraud costs twenty investigations.
            CostMatrix {
                false_negative: 20.0,
                ..CostMatrix::GERMAN
            }
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
        label: "chosen".into(),
        class: "chosen",
    }];
    if let Some(best) = best {
        markers.push(Marker {
            x: x_of(best.cutoff),
            label: "cheapest".into(),
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
        let on_cutoff = props.on_cutoff.clone();
        Callback::from(move |_| {
            if let Some(best) = best {
                on_cutoff.emit(best.cutoff);
            }
        })
    };
    let reset = {
        let on_cutoff = props.on_cutoff.clone();
        let model_cutoff = props.manifest.decision.cutoff;
        Callback::from(move |_| on_cutoff.emit(model_cutoff))
    };
    let german = {
        let matrix = matrix.clone();
        Callback::from(move |_| matrix.set(CostMatrix::GERMAN))
    };
    let rule = &props.manifest.decision;
    let clear_word = &rule.below;
    let at_k = cost::at_capacity(&curve, *capacity, *volume);

    html! {
        <section class="cost" id="cost" aria-labelledby="cost-title">
            <h3 id="cost-title">{ "Cut-off and cost" }</h3>
            <p class="note">{ &props.evaluation.source }</p>
            <fieldset class="matrix">
                <legend>{ "Cost of each outcome, per " }{ if fraud { "transaction" } else { "applicant" } }</legend>
                { number_input("cost-fn", if fraud { "Missing a fraud:" } else { "Approving an applicant who defaults:" }, matrix.false_negative, "any", set_matrix(|m, v| m.false_negative = v)) }
                { number_input("cost-fp", if fraud { "Alerting on a legitimate transaction:" } else { "Declining an applicant who repays:" }, matrix.false_positive, "any", set_matrix(|m, v| m.false_positive = v)) }
                <button type="button" id="german-preset" onclick={german}>{ "German Credit preset (5 : 1)" }</button>
            </fieldset>
            <div class="cutoff-control">
                <label for="cutoff">{ if probability { "Cut-off (probability)" } else { "Cut-off (anomaly score)" } }</label>
                <input type="number" id="cutoff" min="0" step="any" value={format!("{:.6}", props.cutoff)} oninput={on_cutoff_input} />
                <button type="button" id="use-cheapest" onclick={use_best}>{ "Use the cheapest cut-off" }</button>
                <button type="button" id="reset-cutoff" onclick={reset}>{ "The model's cut-off" }</button>
            </div>
            <LineChart id="cost-chart"
                title={format!("Expected cost per {} across cut-offs ({} held-out rows)", if fraud { "transaction" } else { "applicant" }, props.evaluation.score.len())}
                x_label={if probability { "cut-off".to_string() } else { "cut-off, log10 of the anomaly score".to_string() }}
                y_label={"expected cost".to_string()} {points} {markers} />
            { summary(&here, best, fraud, clear_word) }
            if fraud {
                <div class="capacity">
                    { number_input("capacity", "Investigations per day:", *capacity, "1", { let capacity = capacity.clone(); Callback::from(move |v| capacity.set(v)) }) }
                    { number_input("volume", "Transactions per day:", *volume, "1", { let volume = volume.clone(); Callback::from(move |v| volume.set(v)) }) }
                    <p id="precision-at-k">
                        {
                            match at_k {
                                Some(p) => format!("Investigating the {:.0} highest scores of each day catches {} of fraud at {} precision (cut-off {:.4}).", *capacity, percent(p.recall()), percent(p.precision()), p.cutoff),
                                None => "Give a capacity and a positive daily volume.".to_string(),
                            }
                        }
                    </p>
                </div>
            }
        </section>
    }
}

fn summary(here: &CutoffPoint, best: Option<CutoffPoint>, fraud: bool, clear_word: &str) -> Html {
    let best_text = best.map_or_else(String::new, |b| {
        format!(
            " The cheapest cut-off on this sample is {:.4}, at {:.3} per row.",
            b.cutoff, b.expected_cost
        )
    });
    html! {
        <p id="cost-at-cutoff" data-cost={here.expected_cost.to_string()} data-cleared={here.cleared_rate().to_string()}>
            {
                if fraud {
                    format!("At cut-off {:.4}: {:.1} alerts per 10,000 transactions, precision {}, recall {}, expected cost {:.3} per transaction.{best_text}",
                        here.cutoff, here.per_10k(), percent(here.precision()), percent(here.recall()), here.expected_cost)
                } else {
                    format!("At cut-off {:.4}: {} rate {:.1} %, defaulters among the declined {}, expected cost {:.3} per applicant.{best_text}",
                        here.cutoff, clear_word, 100.0 * here.cleared_rate(), percent(here.precision()), here.expected_cost)
                }
            }
        </p>
    }
}
