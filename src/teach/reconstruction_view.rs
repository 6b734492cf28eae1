//! The autoencoder's reasons: each input's reconstruction error for the transaction on screen
//! against the typical error of that input on legitimate transactions, largest ratio first.

use yew::prelude::*;

use super::TeachView;
use crate::hooks::SharedScorer;
use crate::i18n::use_tr;
use crate::tr;
use riskscope_core::assessment::Assessment;
use riskscope_core::teach::reconstruction::{error_ratios, typical_errors};

/// Bars drawn; the rest are in the table.
const BARS: usize = 12;
const W: f64 = 480.0;
const ROW: f64 = 18.0;
const LABEL_W: f64 = 70.0;
const VALUE_W: f64 = 70.0;

#[derive(Properties, PartialEq)]
pub struct ReconstructionViewProps {
    pub scorer: SharedScorer,
    pub assessment: Option<Assessment>,
}

#[component]
pub fn ReconstructionView(props: &ReconstructionViewProps) -> Html {
    let tr = use_tr();
    // The background's errors are the same for every transaction: computed once per model.
    let typical = use_memo(props.scorer.clone(), |scorer| typical_errors(scorer));
    let manifest = props.scorer.manifest();
    let what = tr!(tr, "teach-autoencoder-what");
    let body = match (&*typical, &props.assessment) {
        (Err(error), _) => {
            html! { <p class="note" role="alert">{ tr.m(error) }</p> }
        }
        (_, None) => {
            html! { <p class="placeholder">{ tr!(tr, "teach-autoencoder-placeholder") }</p> }
        }
        (Ok(typical), Some(assessment)) => match error_ratios(assessment, typical) {
            Err(e) => html! { <p class="note" role="alert">{ tr.m(&e) }</p> },
            Ok(ratios) => {
                let shown = &ratios[..ratios.len().min(BARS)];
                let largest = shown.first().map_or(1.0, |r| f64::from(r.ratio)).max(1.0);
                let height = ROW * shown.len() as f64 + 24.0;
                let scale =
                    |v: f64| LABEL_W + (W - LABEL_W - VALUE_W) * (v / largest).clamp(0.0, 1.0);
                let label = tr!(
                    tr,
                    "teach-autoencoder-chart-label",
                    bars = shown
                        .iter()
                        .map(|r| tr!(
                            tr,
                            "teach-autoencoder-chart-bar",
                            input = &manifest.features[r.feature_idx].label,
                            ratio = tr.num(f64::from(r.ratio), 1)
                        ))
                        .collect::<Vec<_>>()
                        .join(&tr!(tr, "teach-list-comma"))
                );
                html! {
                    <>
                        <figure class="chart ratio-chart" id="teach-autoencoder-chart">
                            <svg viewBox={format!("0 0 {W} {height:.0}")} role="img" aria-label={label}>
                                <line class="axis one" x1={format!("{:.1}", scale(1.0))} x2={format!("{:.1}", scale(1.0))} y1="0" y2={format!("{:.0}", height - 20.0)} />
                                <text class="tick" x={format!("{:.1}", scale(1.0))} y={format!("{:.0}", height - 6.0)} text-anchor="middle">{ tr!(tr, "teach-autoencoder-typical-mark") }</text>
                                { for shown.iter().enumerate().map(|(i, r)| {
                                    let y = i as f64 * ROW;
                                    let ratio = f64::from(r.ratio);
                                    html! {
                                        <g class={classes!("ratio", (ratio > 1.0).then_some("above"))}>
                                            <text class="tick" x={(LABEL_W - 6.0).to_string()} y={format!("{:.1}", y + 12.0)} text-anchor="end">{ &manifest.features[r.feature_idx].name }</text>
                                            <rect class="bar" x={LABEL_W.to_string()} y={format!("{:.1}", y + 3.0)} width={format!("{:.1}", (scale(ratio) - LABEL_W).max(1.0))} height={(ROW - 6.0).to_string()}>
                                                <title>{ tr!(tr, "teach-autoencoder-bar-title", input = &manifest.features[r.feature_idx].label, error = tr.num(f64::from(r.error), 3), typical = tr.num(f64::from(r.typical), 3)) }</title>
                                            </rect>
                                            <text class="tick" x={format!("{:.1}", scale(ratio) + 4.0)} y={format!("{:.1}", y + 12.0)}>{ tr!(tr, "teach-autoencoder-ratio", ratio = tr.num(ratio, 1)) }</text>
                                        </g>
                                    }
                                }) }
                            </svg>
                            <figcaption>{ tr!(tr, "teach-autoencoder-caption", count = shown.len().to_string()) }</figcaption>
                        </figure>
                        <details>
                            <summary>{ tr!(tr, "teach-autoencoder-all", count = ratios.len().to_string()) }</summary>
                            <table class="teach-table" id="teach-autoencoder-table">
                                <thead><tr><th scope="col">{ tr!(tr, "teach-autoencoder-col-input") }</th><th scope="col" class="num">{ tr!(tr, "teach-autoencoder-col-error") }</th><th scope="col" class="num">{ tr!(tr, "teach-autoencoder-col-typical") }</th><th scope="col" class="num">{ tr!(tr, "teach-autoencoder-col-ratio") }</th></tr></thead>
                                <tbody>
                                    { for ratios.iter().map(|r| html! {
                                        <tr data-feature={manifest.features[r.feature_idx].name.clone()} data-error={r.error.to_string()} data-typical={r.typical.to_string()} data-ratio={r.ratio.to_string()}>
                                            <td>{ &manifest.features[r.feature_idx].label }</td>
                                            <td class="num">{ tr.num(f64::from(r.error), 3) }</td>
                                            <td class="num">{ tr.num(f64::from(r.typical), 3) }</td>
                                            <td class="num">{ tr.num(f64::from(r.ratio), 1) }</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </details>
                    </>
                }
            }
        },
    };
    html! {
        <TeachView id="teach-autoencoder" title={tr!(tr, "teach-autoencoder-title")} {what}>
            { body }
        </TeachView>
    }
}
