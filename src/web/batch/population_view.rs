//! Who is approved (fairness across groups at the current cut-off) and whether this file looks
//! like the data the model was trained on (population stability).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::SharedResults;
use crate::evaluation::{FOUR_FIFTHS, Stability, fairness};
use crate::manifest::Manifest;

#[derive(Properties, PartialEq)]
pub struct FairnessViewProps {
    pub manifest: Manifest,
    pub results: SharedResults,
    pub cutoff: f64,
    /// Group columns to offer first (the catalog's suggestion for its sample).
    pub preferred: Vec<String>,
}

fn percent(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{:.1} %", v * 100.0))
}

#[function_component]
pub fn FairnessView(props: &FairnessViewProps) -> Html {
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
            <section class="fairness"><h3>{ "Fairness" }</h3>
                <p class="note">{ "No column of this file has few enough distinct values (at most 50) to form groups." }</p></section>
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
            <h3 id="fairness-title">{ "Fairness across groups" }</h3>
            <p>
                <label for="fairness-group">{ "Group by: " }</label>
                <select id="fairness-group" onchange={on_group}>
                    { for r.groups.iter().enumerate().map(|(k, g)| html! {
                        <option value={k.to_string()} selected={k == *chosen}>{ &g.name }</option>
                    }) }
                </select>
            </p>
            <table id="fairness-table">
                <caption>{ format!("At the cut-off {:.3}", props.cutoff) }</caption>
                <thead><tr>
                    <th scope="col">{ "Group" }</th><th scope="col">{ "Rows" }</th><th scope="col">{ format!("{clear} rate") }</th>
                    if r.has_labels() { <th scope="col">{ "Positives" }</th><th scope="col">{ "True-positive rate" }</th> }
                </tr></thead>
                <tbody>
                    { for f.groups.iter().filter(|g| g.rows > 0).map(|g| html! {
                        <tr>
                            <th scope="row">{ &g.name }</th><td>{ g.rows }</td><td>{ percent(g.approval_rate()) }</td>
                            if r.has_labels() { <td>{ g.positives }</td><td>{ percent(g.true_positive_rate()) }</td> }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p id="air" class={classes!(air_flag.then_some("warning"))} data-value={f.adverse_impact_ratio.map(|a| a.to_string()).unwrap_or_default()}>
                { format!("Adverse-impact ratio (lowest {clear} rate over the highest): {}", f.adverse_impact_ratio.map_or("–".into(), |a| format!("{a:.3}"))) }
                if air_flag { { format!(" — below {FOUR_FIFTHS}: the four-fifths rule flags this cut-off.") } }
            </p>
            if r.has_labels() {
                <p id="tpr-gap" data-value={f.tpr_gap.map(|g| g.to_string()).unwrap_or_default()}>
                    { format!("Equal opportunity: the true-positive rates differ by up to {} between groups.", percent(f.tpr_gap)) }
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

#[function_component]
pub fn DriftView(props: &DriftViewProps) -> Html {
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
        rows.insert(0, ("The score".into(), score));
    }
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <section class="drift" aria-labelledby="drift-title">
            <h3 id="drift-title">{ "Drift against the training reference" }</h3>
            <p class="note">{ "Population stability index of each column against the model's reference sample (deciles of its 200 training rows; one bin per category): below 0.10 stable, 0.10 to 0.25 investigate, above 0.25 shifted." }</p>
            <table id="drift-table">
                <thead><tr><th scope="col">{ "Column" }</th><th scope="col">{ "PSI" }</th><th scope="col">{ "Verdict" }</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|(name, psi)| {
                        let verdict = Stability::of(*psi);
                        html! {
                            <tr class={verdict.label()} data-psi={psi.to_string()}>
                                <th scope="row">{ name }</th><td class="num">{ format!("{psi:.3}") }</td><td>{ verdict.label() }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
