//! The global view: mean absolute attribution per attribute over the reference sample, and
//! the partial dependence of the score on one chosen attribute.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::chart::LineChart;
use super::hooks::{SharedScorer, now_ms};
use super::i18n::use_tr;
use crate::tr;
use riskscope_core::applicant::Value;
use riskscope_core::global::{self, GlobalError};
use riskscope_core::manifest::FeatureKind;
use riskscope_core::reasons::describe_value;

#[derive(Properties, PartialEq)]
pub struct GlobalViewProps {
    pub scorer: SharedScorer,
}

#[derive(Clone, PartialEq)]
struct Importance {
    values: Vec<f64>,
    elapsed_ms: f64,
}

#[component]
pub fn GlobalView(props: &GlobalViewProps) -> Html {
    let tr = use_tr();
    let manifest = props.scorer.manifest();
    let computed = use_state(|| None::<Result<Importance, GlobalError>>);
    let chosen = use_state(|| 0usize);
    let on_compute = {
        let scorer = props.scorer.clone();
        let computed = computed.clone();
        let chosen = chosen.clone();
        Callback::from(move |_| {
            let start = now_ms();
            let result = global::importance(&scorer).map(|values| Importance {
                elapsed_ms: now_ms() - start,
                values,
            });
            if let Ok(imp) = &result
                && let Some(top) =
                    (0..imp.values.len()).max_by(|&a, &b| imp.values[a].total_cmp(&imp.values[b]))
            {
                chosen.set(top);
            }
            computed.set(Some(result));
        })
    };
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Ok(j) = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse::<usize>()
            {
                chosen.set(j);
            }
        })
    };
    let body = match &*computed {
        None => html! {},
        Some(Err(problem)) => {
            html! { <p class="score-error" role="alert">{ tr.m(problem) }</p> }
        }
        Some(Ok(imp)) => {
            let mut order: Vec<usize> = (0..imp.values.len()).collect();
            order.sort_by(|&a, &b| imp.values[b].total_cmp(&imp.values[a]));
            let largest = imp.values.iter().copied().fold(1e-12, f64::max);
            let j = *chosen;
            let pd = global::dependence(&props.scorer, j);
            html! {
                <>
                    <ol class="importance" id="importance">
                        { for order.iter().map(|&k| html! {
                            <li data-feature={manifest.features[k].name.clone()} data-importance={imp.values[k].to_string()}>
                                <span>{ &manifest.features[k].label }</span>
                                <span class="bar" style={format!("width: {:.1}%", 100.0 * imp.values[k] / largest)}></span>
                                <span class="num">{ tr.num(imp.values[k], 3) }</span>
                            </li>
                        }) }
                    </ol>
                    <p class="note timing">{ tr!(tr, "support-global-timing", rows = tr.num(global::IMPORTANCE_ROWS as f64, 0), ms = tr.num(imp.elapsed_ms, 0)) }</p>
                    <label for="pd-feature">{ tr!(tr, "support-global-pd-label") }</label>
                    <select id="pd-feature" onchange={on_choose}>
                        { for order.iter().map(|&k| html! {
                            <option value={k.to_string()} selected={k == j}>{ &manifest.features[k].label }</option>
                        }) }
                    </select>
                    {
                        match pd {
                            Err(problem) => html! { <p class="score-error">{ tr.m(&problem) }</p> },
                            Ok(curve) => match manifest.features.get(j).map(|f| &f.kind) {
                                Some(FeatureKind::Category(_)) => html! {
                                    <table class="pd-table" id="pd-table">
                                        <caption>{ tr!(tr, "support-global-pd-table") }</caption>
                                        <tbody>
                                            { for curve.iter().map(|(v, s)| html! {
                                                <tr><th scope="row">{ describe_value(manifest, j, *v) }</th><td class="num">{ tr.num(*s, 4) }</td></tr>
                                            }) }
                                        </tbody>
                                    </table>
                                },
                                _ => html! {
                                    <LineChart id="pd-chart"
                                        title={tr!(tr, "support-global-pd-chart", feature = &manifest.features[j].label)}
                                        x_label={manifest.features[j].label.clone()} y_label={tr!(tr, "support-global-pd-axis")}
                                        points={curve.iter().filter_map(|(v, s)| match v { Value::Number(x) => Some((*x, *s)), Value::Category(_) => None }).collect::<Vec<_>>()} />
                                },
                            },
                        }
                    }
                </>
            }
        }
    };
    html! {
        <section class="global" id="global" aria-labelledby="global-title">
            <h3 id="global-title">{ tr!(tr, "support-global-title") }</h3>
            <button type="button" id="compute-global" onclick={on_compute}>{ tr!(tr, "support-global-compute") }</button>
            { body }
        </section>
    }
}
