//! Who is approved (fairness across groups at the current cut-off) and whether this file looks
//! like the data the model was trained on (population stability).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::SharedResults;
use super::evaluation_view::percent;
use crate::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::batch::job::MAX_GROUPS;
use riskscope_core::evaluation::{FOUR_FIFTHS, Stability, fairness};
use riskscope_core::manifest::Manifest;

#[derive(Properties, PartialEq)]
pub struct FairnessViewProps {
    pub manifest: Manifest,
    pub results: SharedResults,
    pub cutoff: f64,
    /// Group columns to offer first (the catalog's suggestion for its sample).
    pub preferred: Vec<String>,
}

#[component]
pub fn FairnessView(props: &FairnessViewProps) -> Html {
    let tr = use_tr();
    let r = &props.results.0;
    let default = props
        .preferred
        .iter()
        .find_map(|p| r.groups.iter().position(|g| &g.name == p))
        .unwrap_or(0);
    let chosen = use_state(|| default);
    let scores = use_memo(props.results.clone(), |results| results.0.scores());
    let on_group = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            chosen.set(select.value().parse().unwrap_or(0));
        })
    };
    let Some(group) = r.groups.get(*chosen) else {
        return html! {
            <section class="fairness"><h3>{ tr!(tr, "batch-fairness") }</h3>
                <p class="note">{ tr!(tr, "batch-fairness-none", max = MAX_GROUPS.to_string()) }</p></section>
        };
    };
    let f = fairness(
        &scores,
        &r.labels,
        &group.codes,
        &group.values,
        props.cutoff,
    );
    let air_flag = f.adverse_impact_ratio.is_some_and(|a| a < FOUR_FIFTHS);
    let clear = props.manifest.decision.below.to_lowercase();
    html! {
        <section class="fairness" aria-labelledby="fairness-title">
            <h3 id="fairness-title">{ tr!(tr, "batch-fairness-title") }</h3>
            <p>
                <label for="fairness-group">{ format!("{} ", tr!(tr, "batch-group-by")) }</label>
                <select id="fairness-group" onchange={on_group}>
                    { for r.groups.iter().enumerate().map(|(k, g)| html! {
                        <option translate="no" value={k.to_string()} selected={k == *chosen}>{ &g.name }</option>
                    }) }
                </select>
            </p>
            <table id="fairness-table">
                <caption>{ tr!(tr, "batch-fairness-caption", cutoff = tr.num(props.cutoff, 3)) }</caption>
                <thead><tr>
                    <th scope="col">{ tr!(tr, "batch-fairness-group") }</th>
                    <th scope="col">{ tr!(tr, "batch-fairness-rows") }</th>
                    <th scope="col">{ tr!(tr, "batch-fairness-rate", decision = clear.as_str()) }</th>
                    if r.has_labels() {
                        <th scope="col">{ tr!(tr, "batch-fairness-positives") }</th>
                        <th scope="col">{ tr!(tr, "batch-fairness-tpr") }</th>
                    }
                </tr></thead>
                <tbody>
                    { for f.groups.iter().filter(|g| g.rows > 0).map(|g| html! {
                        <tr>
                            <th scope="row" translate="no">{ &g.name }</th><td>{ tr.num(g.rows as f64, 0) }</td>
                            <td>{ percent(tr, g.approval_rate()) }</td>
                            if r.has_labels() {
                                <td>{ tr.num(g.positives as f64, 0) }</td><td>{ percent(tr, g.true_positive_rate()) }</td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p id="air" class={classes!(air_flag.then_some("warning"))} data-value={f.adverse_impact_ratio.map(|a| a.to_string()).unwrap_or_default()}>
                { tr!(tr, "batch-air", decision = clear.as_str(),
                    ratio = f.adverse_impact_ratio.map_or("–".into(), |a| tr.num(a, 3))) }
                if air_flag {
                    { format!(" {}", tr!(tr, "batch-air-flag", threshold = FOUR_FIFTHS.to_string())) }
                }
            </p>
            if r.has_labels() {
                <p id="tpr-gap" data-value={f.tpr_gap.map(|g| g.to_string()).unwrap_or_default()}>
                    { tr!(tr, "batch-tpr-gap", gap = percent(tr, f.tpr_gap)) }
                </p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DriftViewProps {
    pub manifest: Manifest,
    pub results: SharedResults,
}

#[component]
pub fn DriftView(props: &DriftViewProps) -> Html {
    let tr = use_tr();
    let r = &props.results.0;
    let mut rows: Vec<(String, f64)> = r
        .drift
        .features
        .iter()
        .zip(&props.manifest.features)
        .filter_map(|(psi, f)| psi.map(|p| (f.label.clone(), p)))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    if let Some(score) = r.drift.score {
        rows.insert(0, (tr!(tr, "batch-drift-score"), score));
    }
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <section class="drift" aria-labelledby="drift-title">
            <h3 id="drift-title">{ tr!(tr, "batch-drift-title") }</h3>
            <p class="note">{ tr!(tr, "batch-drift-note", rows = tr.num(props.results.0.drift.reference_rows as f64, 0)) }</p>
            <table id="drift-table">
                <thead><tr>
                    <th scope="col">{ tr!(tr, "batch-drift-column") }</th>
                    <th scope="col">{ tr!(tr, "batch-drift-psi") }</th>
                    <th scope="col">{ tr!(tr, "batch-drift-verdict") }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|(name, psi)| {
                        let verdict = Stability::of(*psi);
                        html! {
                            <tr class={verdict.label()} data-psi={psi.to_string()}>
                                <th scope="row">{ name }</th><td class="num">{ tr.num(*psi, 3) }</td><td>{ verdict_text(tr, verdict) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// The verdict's word (its [`Stability::label`] stays the row's class).
fn verdict_text(tr: Tr, verdict: Stability) -> String {
    match verdict {
        Stability::Stable => tr!(tr, "batch-drift-stable"),
        Stability::Investigate => tr!(tr, "batch-drift-investigate"),
        Stability::Shifted => tr!(tr, "batch-drift-shifted"),
    }
}
