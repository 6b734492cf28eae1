//! Counterfactual recourse: which attributes the search may change (and which way), the
//! suggestions it finds, and a button that applies one to the form.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::hooks::{SharedScorer, now_ms};
use super::state::value_text;
use crate::applicant::Applicant;
use crate::manifest::{FeatureKind, Manifest, OutputKind};
use crate::reasons::describe_value;
use crate::recourse::{self, Counterfactual, Lock, Settings};

#[derive(Properties, PartialEq)]
pub struct RecourseViewProps {
    pub scorer: SharedScorer,
    pub applicant: Applicant,
    pub cutoff: f64,
    /// What a cleared decision is called ("Approve").
    pub cleared: String,
    pub on_apply: Callback<Vec<(usize, String)>>,
}

#[derive(Clone, PartialEq)]
struct Found {
    applicant: Applicant,
    cutoff: f64,
    result: Result<Vec<Counterfactual>, String>,
    elapsed_ms: f64,
}

fn lock_name(lock: Lock) -> &'static str {
    match lock {
        Lock::Free => "free",
        Lock::Fixed => "fixed",
        Lock::UpOnly => "up",
        Lock::DownOnly => "down",
    }
}

fn score_text(manifest: &Manifest, score: f32) -> String {
    match manifest.model.output.kind {
        OutputKind::Probability => format!("{:.1} %", 100.0 * score),
        OutputKind::AnomalyScore => format!("{score:.2}"),
    }
}

#[function_component]
pub fn RecourseView(props: &RecourseViewProps) -> Html {
    let manifest = props.scorer.manifest();
    // The history months are the past: recourse keeps them as they are unless the user frees
    // them, so suggestions are changes a person can still make.
    let locks = use_state(|| {
        manifest
            .features
            .iter()
            .map(|f| {
                if manifest.sequence_cell(&f.name).is_some() {
                    Lock::Fixed
                } else {
                    Lock::Free
                }
            })
            .collect::<Vec<_>>()
    });
    let found = use_state(|| None::<Found>);
    let effective = recourse::effective_locks(manifest, &locks);

    let on_search = {
        let scorer = props.scorer.clone();
        let applicant = props.applicant.clone();
        let cutoff = props.cutoff;
        let locks = locks.clone();
        let found = found.clone();
        Callback::from(move |_| {
            let start = now_ms();
            let result =
                recourse::counterfactuals(&scorer, &applicant, &locks, cutoff, Settings::default())
                    .map_err(|e| e.to_string());
            found.set(Some(Found {
                applicant: applicant.clone(),
                cutoff,
                result,
                elapsed_ms: now_ms() - start,
            }));
        })
    };

    let lock_row = |j: usize| {
        let feature = &manifest.features[j];
        let numeric = !matches!(feature.kind, FeatureKind::Category(_));
        let id = format!("lock-{}", feature.name);
        let onchange = {
            let locks = locks.clone();
            Callback::from(move |e: Event| {
                let lock = match e
                    .target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .as_str()
                {
                    "fixed" => Lock::Fixed,
                    "up" => Lock::UpOnly,
                    "down" => Lock::DownOnly,
                    _ => Lock::Free,
                };
                let mut next = (*locks).clone();
                if let Some(slot) = next.get_mut(j) {
                    *slot = lock;
                }
                locks.set(next);
            })
        };
        let current = lock_name(effective[j]);
        html! {
            <li key={feature.name.clone()}>
                <label for={id.clone()}>{ &feature.label }</label>
                if feature.immutable {
                    <span class="immutable" id={id}>{ "cannot change" }</span>
                } else {
                    <select {id} {onchange}>
                        <option value="free" selected={current == "free"}>{ "may change" }</option>
                        <option value="fixed" selected={current == "fixed"}>{ "keep as is" }</option>
                        if numeric {
                            <option value="up" selected={current == "up"}>{ "may only go up" }</option>
                            <option value="down" selected={current == "down"}>{ "may only go down" }</option>
                        }
                    </select>
                }
            </li>
        }
    };

    let results = match &*found {
        None => {
            html! { <p class="note">{ "Find the smallest changes that would turn this decision into “" }{ &props.cleared }{ "”." }</p> }
        }
        Some(found) => {
            let stale = found.applicant != props.applicant || found.cutoff != props.cutoff;
            match &found.result {
                Err(message) => html! { <p class="score-error" role="alert">{ message }</p> },
                Ok(list) if list.is_empty() => html! {
                    <p id="no-counterfactual">{ "No change within the locks and the training ranges clears this decision (at most four attributes changed). Free more attributes and search again." }</p>
                },
                Ok(list) => html! {
                    <>
                        if stale {
                            <p class="stale-note">{ "The applicant or the cut-off changed since this search: search again." }</p>
                        }
                        <ol class="counterfactuals" id="counterfactuals">
                            { for list.iter().enumerate().map(|(k, cf)| suggestion(manifest, k, cf, &props.on_apply)) }
                        </ol>
                        <p class="note timing" id="recourse-time" data-ms={found.elapsed_ms.to_string()}>
                            { format!("Searched in {:.0} ms on this device.", found.elapsed_ms) }
                        </p>
                    </>
                },
            }
        }
    };

    html! {
        <section class="recourse" id="recourse" aria-labelledby="recourse-title">
            <h3 id="recourse-title">{ "What would change the decision" }</h3>
            <details class="locks">
                <summary>{ "Attributes the search may change" }</summary>
                if manifest.sequence.is_some() {
                    <p class="note">{ "The monthly history is the past, so it is kept as it is; free a month's fields to ask what a different history would have done." }</p>
                }
                <ul class="lock-list">{ for (0..manifest.features.len()).map(lock_row) }</ul>
            </details>
            <button type="button" class="primary" id="find-counterfactuals" onclick={on_search}>{ "Find changes" }</button>
            { results }
        </section>
    }
}

fn suggestion(
    manifest: &Manifest,
    k: usize,
    cf: &Counterfactual,
    on_apply: &Callback<Vec<(usize, String)>>,
) -> Html {
    let fields: Vec<(usize, String)> = cf
        .changes
        .iter()
        .map(|c| (c.feature_idx, value_text(manifest, c.feature_idx, c.to)))
        .collect();
    let onclick = {
        let on_apply = on_apply.clone();
        Callback::from(move |_| on_apply.emit(fields.clone()))
    };
    html! {
        <li class="counterfactual" data-score={cf.score.to_string()}>
            <ul>
                { for cf.changes.iter().map(|c| html! {
                    <li data-feature={manifest.features[c.feature_idx].name.clone()}>
                        <strong>{ &manifest.features[c.feature_idx].label }</strong>
                        { format!(": {} → {}", describe_value(manifest, c.feature_idx, c.from), describe_value(manifest, c.feature_idx, c.to)) }
                    </li>
                }) }
            </ul>
            <p>{ format!("New score {}.", score_text(manifest, cf.score)) }</p>
            <button type="button" class="apply-counterfactual" id={format!("apply-{k}")} {onclick}>{ "Apply to the form" }</button>
        </li>
    }
}
