//! The global view: mean absolute attribution per attribute over the reference sample, and
//! the partial dependence of the score on one chosen attribute.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::chart::LineChart;
use super::hooks::{SharedScorer, now_ms};
use super::i18n::{Tr, use_tr};
use crate::errors::model_error;
use crate::tr;
use riskscope_core::applicant::Value;
use riskscope_core::encoding;
use riskscope_core::explain::{self, ExplainError};
use riskscope_core::manifest::FeatureKind;
use riskscope_core::model::ModelError;
use riskscope_core::reasons::describe_value;
use riskscope_core::scorer::Scorer;

/// Background rows explained for the importance, and walks per row when sampled.
const GLOBAL_ROWS: usize = 50;
const GLOBAL_WALKS: usize = 50;
/// Points of a number's partial-dependence curve.
const PD_POINTS: usize = 21;

#[derive(Properties, PartialEq)]
pub struct GlobalViewProps {
    pub scorer: SharedScorer,
}

#[derive(Clone, PartialEq)]
struct Importance {
    values: Vec<f64>,
    elapsed_ms: f64,
}

/// Why the importance or a dependence curve could not be computed.
#[derive(PartialEq)]
enum Problem {
    NoReference,
    EmptyReference,
    /// The model failed while scoring the reference rows.
    Model(ModelError),
    /// An error of the encoding or the explainer, as it describes itself.
    Failed(String),
}

impl Problem {
    fn text(&self, tr: Tr) -> String {
        match self {
            Problem::NoReference => tr!(tr, "support-global-no-reference"),
            Problem::EmptyReference => tr!(tr, "support-global-empty-reference"),
            Problem::Model(e) => model_error(tr, e),
            Problem::Failed(message) => message.clone(),
        }
    }
}

fn failed(e: impl ToString) -> Problem {
    Problem::Failed(e.to_string())
}

fn explain_failed(e: ExplainError) -> Problem {
    match e {
        ExplainError::Model(e) => Problem::Model(e),
        e => failed(e),
    }
}

fn importance(scorer: &Scorer) -> Result<Vec<f64>, Problem> {
    let (Some(explainer), Some(reference)) = (scorer.explainer(), scorer.reference()) else {
        return Err(Problem::NoReference);
    };
    let n = reference.background.len().min(GLOBAL_ROWS);
    let rows = encoding::encode(scorer.manifest(), &reference.background[..n]).map_err(failed)?;
    explainer
        .global_importance(&rows, GLOBAL_WALKS.min(explainer.n_background()), &|r| {
            scorer.predict_rows(r)
        })
        .map_err(explain_failed)
}

/// The feature's partial-dependence curve: (value, mean score) at each grid value.
fn dependence(scorer: &Scorer, feature_idx: usize) -> Result<Vec<(Value, f64)>, Problem> {
    let manifest = scorer.manifest();
    let (Some(explainer), Some(reference)) = (scorer.explainer(), scorer.reference()) else {
        return Err(Problem::NoReference);
    };
    let Some(template) = reference.background.first() else {
        return Err(Problem::EmptyReference);
    };
    let grid = explain::grid(manifest, feature_idx, PD_POINTS);
    let columns = manifest.feature_columns()[feature_idx].clone();
    let mut encoded = Vec::with_capacity(grid.len());
    for &value in &grid {
        let applicant = template
            .with_value(manifest, feature_idx, value)
            .map_err(failed)?;
        let row = encoding::encode(manifest, &[applicant]).map_err(failed)?;
        encoded.push(row[columns.clone()].to_vec());
    }
    let means = explainer
        .partial_dependence(feature_idx, &encoded, &|r| scorer.predict_rows(r))
        .map_err(explain_failed)?;
    Ok(grid.into_iter().zip(means).collect())
}

#[component]
pub fn GlobalView(props: &GlobalViewProps) -> Html {
    let tr = use_tr();
    let manifest = props.scorer.manifest();
    let computed = use_state(|| None::<Result<Importance, Problem>>);
    let chosen = use_state(|| 0usize);
    let on_compute = {
        let scorer = props.scorer.clone();
        let computed = computed.clone();
        let chosen = chosen.clone();
        Callback::from(move |_| {
            let start = now_ms();
            let result = importance(&scorer).map(|values| Importance {
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
            html! { <p class="score-error" role="alert">{ problem.text(tr) }</p> }
        }
        Some(Ok(imp)) => {
            let mut order: Vec<usize> = (0..imp.values.len()).collect();
            order.sort_by(|&a, &b| imp.values[b].total_cmp(&imp.values[a]));
            let largest = imp.values.iter().copied().fold(1e-12, f64::max);
            let j = *chosen;
            let pd = dependence(&props.scorer, j);
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
                    <p class="note timing">{ tr!(tr, "support-global-timing", rows = tr.num(GLOBAL_ROWS as f64, 0), ms = tr.num(imp.elapsed_ms, 0)) }</p>
                    <label for="pd-feature">{ tr!(tr, "support-global-pd-label") }</label>
                    <select id="pd-feature" onchange={on_choose}>
                        { for order.iter().map(|&k| html! {
                            <option value={k.to_string()} selected={k == j}>{ &manifest.features[k].label }</option>
                        }) }
                    </select>
                    {
                        match pd {
                            Err(problem) => html! { <p class="score-error">{ problem.text(tr) }</p> },
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
