//! Counterfactual recourse: which attributes the search may change (and which way), the
//! suggestions it finds, and a button that applies one to the form.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::hooks::{SharedScorer, now_ms};
use super::i18n::{Tr, use_tr};
use super::state::value_text;
use crate::tr;
use riskscope_core::applicant::Applicant;
use riskscope_core::manifest::{FeatureKind, Manifest, OutputKind};
use riskscope_core::reasons::describe_value;
use riskscope_core::recourse::{self, Counterfactual, Lock, RecourseError, SearchSettings};

#[derive(Properties, PartialEq)]
pub struct RecourseViewProps {
    pub scorer: SharedScorer,
    pub applicant: Applicant,
    pub cutoff: f64,
    /// What a cleared decision is called ("Approve").
    pub cleared: String,
    pub on_apply: Callback<Vec<(usize, String)>>,
}

#[derive(PartialEq)]
struct Found {
    applicant: Applicant,
    cutoff: f64,
    result: Result<Vec<Counterfactual>, RecourseError>,
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

fn score_text(tr: Tr, manifest: &Manifest, score: f32) -> String {
    match manifest.model.output.kind {
        OutputKind::Probability => tr!(
            tr,
            "support-percent",
            number = tr.num(100.0 * f64::from(score), 1)
        ),
        OutputKind::AnomalyScore => tr.num(f64::from(score), 2),
    }
}

#[component]
pub fn RecourseView(props: &RecourseViewProps) -> Html {
    let tr = use_tr();
    let manifest = props.scorer.manifest();
    // The manifest's locks to start from: the history months are the past, balances only grow;
    // the user may lock or free any attribute but the immutable ones.
    let locks = use_state(|| recourse::default_locks(manifest));
    // The user's permitted range of each number, as typed ("" for no bound).
    let ranges = use_state(|| vec![(String::new(), String::new()); manifest.features.len()]);
    let found = use_state(|| None::<Found>);
    let effective = recourse::effective_locks(manifest, &locks);

    let on_search = {
        let scorer = props.scorer.clone();
        let applicant = props.applicant.clone();
        let cutoff = props.cutoff;
        let locks = locks.clone();
        let ranges = ranges.clone();
        let found = found.clone();
        Callback::from(move |_| {
            let start = now_ms();
            let result = recourse::counterfactuals_within(
                &scorer,
                &applicant,
                &locks,
                &permitted_ranges(&ranges),
                cutoff,
                SearchSettings::default(),
            );
            found.set(Some(Found {
                applicant: applicant.clone(),
                cutoff,
                result,
                elapsed_ms: now_ms() - start,
            }));
        })
    };

    let results = match &*found {
        None => {
            html! { <p class="note">{ tr!(tr, "support-recourse-intro", cleared = &props.cleared) }</p> }
        }
        Some(found) => {
            let stale = found.applicant != props.applicant || found.cutoff != props.cutoff;
            match &found.result {
                Err(error) => {
                    html! { <p class="score-error" role="alert">{ tr.m(error) }</p> }
                }
                Ok(list) if list.is_empty() => html! {
                    <p id="no-counterfactual">{ tr!(tr, "support-recourse-none") }</p>
                },
                Ok(list) => html! {
                    <>
                        if stale {
                            <p class="stale-note">{ tr!(tr, "support-recourse-stale") }</p>
                        }
                        <ol class="counterfactuals" id="counterfactuals">
                            { for list.iter().enumerate().map(|(k, cf)| suggestion(tr, manifest, found.cutoff, k, cf, &props.on_apply)) }
                        </ol>
                        <p class="note timing" id="recourse-time" data-ms={found.elapsed_ms.to_string()}>
                            { tr!(tr, "support-recourse-time", ms = tr.num(found.elapsed_ms, 0)) }
                        </p>
                    </>
                },
            }
        }
    };

    html! {
        <section class="recourse" id="recourse" aria-labelledby="recourse-title">
            <h3 id="recourse-title">{ tr!(tr, "support-recourse-title") }</h3>
            <details class="locks">
                <summary>{ tr!(tr, "support-recourse-locks-summary") }</summary>
                if manifest.sequence.is_some() {
                    <p class="note">{ tr!(tr, "support-recourse-history-note") }</p>
                }
                <ul class="lock-list">{ for (0..manifest.features.len()).map(|j| lock_row(tr, manifest, &effective, &locks, &ranges, j)) }</ul>
            </details>
            <button type="button" class="primary" id="find-counterfactuals" onclick={on_search}>{ tr!(tr, "support-recourse-find") }</button>
            { results }
        </section>
    }
}

/// The typed ranges as the search takes them: a number per bound, an empty side unbounded.
fn permitted_ranges(typed: &[(String, String)]) -> Vec<Option<[f64; 2]>> {
    typed
        .iter()
        .map(|(lo, hi)| {
            let lo = lo.trim().parse::<f64>().ok();
            let hi = hi.trim().parse::<f64>().ok();
            (lo.is_some() || hi.is_some())
                .then(|| [lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY)])
        })
        .collect()
}

/// Two fields for a number's permitted range ("from", "to"); either may stay empty.
fn range_fields(
    tr: Tr,
    label: &str,
    name: &str,
    ranges: &UseStateHandle<Vec<(String, String)>>,
    j: usize,
) -> Html {
    let typed = ranges.get(j).cloned().unwrap_or_default();
    let set = |upper: bool| {
        let ranges = ranges.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = (*ranges).clone();
            if let Some(slot) = next.get_mut(j) {
                if upper { slot.1 = text } else { slot.0 = text }
            }
            ranges.set(next);
        })
    };
    html! {
        <span class="range">
            <input type="number" step="any" id={format!("range-from-{name}")} value={typed.0}
                aria-label={tr!(tr, "support-recourse-range-from", label = label)}
                placeholder={tr!(tr, "support-recourse-range-from-short")} oninput={set(false)} />
            <input type="number" step="any" id={format!("range-to-{name}")} value={typed.1}
                aria-label={tr!(tr, "support-recourse-range-to", label = label)}
                placeholder={tr!(tr, "support-recourse-range-to-short")} oninput={set(true)} />
        </span>
    }
}

/// One attribute's lock: free, fixed, or (for numbers) up or down only, and a number's permitted
/// range; immutable ones say so.
fn lock_row(
    tr: Tr,
    manifest: &Manifest,
    effective: &[Lock],
    locks: &UseStateHandle<Vec<Lock>>,
    ranges: &UseStateHandle<Vec<(String, String)>>,
    j: usize,
) -> Html {
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
                <span class="immutable" id={id}>{ tr!(tr, "support-recourse-immutable") }</span>
            } else {
                <select {id} {onchange}>
                    <option value="free" selected={current == "free"}>{ tr!(tr, "support-recourse-lock-free") }</option>
                    <option value="fixed" selected={current == "fixed"}>{ tr!(tr, "support-recourse-lock-fixed") }</option>
                    if numeric {
                        <option value="up" selected={current == "up"}>{ tr!(tr, "support-recourse-lock-up") }</option>
                        <option value="down" selected={current == "down"}>{ tr!(tr, "support-recourse-lock-down") }</option>
                    }
                </select>
                if feature.recourse.moves.is_some() {
                    <span class="note">{ format!(" {}", tr!(tr, "support-recourse-moves")) }</span>
                }
                if numeric {
                    { range_fields(tr, &feature.label, &feature.name, ranges, j) }
                }
            }
        </li>
    }
}

/// How far below the cut-off a suggestion's score is: percentage points for a probability.
fn margin_text(tr: Tr, manifest: &Manifest, margin: f64) -> String {
    match manifest.model.output.kind {
        OutputKind::Probability => tr!(tr, "support-points", number = tr.num(100.0 * margin, 2)),
        OutputKind::AnomalyScore => tr.num(margin, 2),
    }
}

fn suggestion(
    tr: Tr,
    manifest: &Manifest,
    cutoff: f64,
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
                        { tr!(tr, "support-recourse-change", from = describe_value(manifest, c.feature_idx, c.from), to = describe_value(manifest, c.feature_idx, c.to)) }
                    </li>
                }) }
            </ul>
            <p>{ tr!(tr, "support-recourse-new-score", score = score_text(tr, manifest, cf.score),
                margin = margin_text(tr, manifest, cutoff - f64::from(cf.score))) }</p>
            <button type="button" class="apply-counterfactual" id={format!("apply-{k}")} {onclick}>{ tr!(tr, "support-recourse-apply") }</button>
        </li>
    }
}
