//! The autoencoder's reasons: each input's reconstruction error for the transaction on screen
//! against the typical error of that input on legitimate transactions, largest ratio first.

use yew::prelude::*;

use super::TeachView;
use crate::assessment::Assessment;
use crate::teach::reconstruction::{error_ratios, typical_errors};
use crate::web::hooks::SharedScorer;

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

#[function_component]
pub fn ReconstructionView(props: &ReconstructionViewProps) -> Html {
    // The background's errors are the same for every transaction: computed once per model.
    let typical = use_memo(props.scorer.clone(), |scorer| {
        typical_errors(scorer).map_err(|e| e.to_string())
    });
    let manifest = props.scorer.manifest();
    let what = "why the autoencoder finds this transaction unusual. For each input the bar is its reconstruction error divided by the typical (median) error of that input over 200 legitimate transactions the model was trained on: 1 means as well rebuilt as usual, 50 means fifty times worse. The inputs the model could not rebuild, compared with what is normal for them, come first; the anomaly score is the mean of all the errors.".to_owned();
    let body = match (&*typical, &props.assessment) {
        (Err(message), _) => html! { <p class="note" role="alert">{ message.clone() }</p> },
        (_, None) => {
            html! { <p class="placeholder">{ "Fill in a valid transaction to see its errors." }</p> }
        }
        (Ok(typical), Some(assessment)) => match error_ratios(assessment, typical) {
            Err(e) => html! { <p class="note" role="alert">{ e.to_string() }</p> },
            Ok(ratios) => {
                let shown = &ratios[..ratios.len().min(BARS)];
                let largest = shown.first().map_or(1.0, |r| f64::from(r.ratio)).max(1.0);
                let height = ROW * shown.len() as f64 + 24.0;
                let scale =
                    |v: f64| LABEL_W + (W - LABEL_W - VALUE_W) * (v / largest).clamp(0.0, 1.0);
                let label = format!(
                    "Bar chart of reconstruction error over typical error, largest first: {}.",
                    shown
                        .iter()
                        .map(|r| format!(
                            "{} {:.1} times",
                            manifest.features[r.feature_idx].label, r.ratio
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                html! {
                    <>
                        <figure class="chart ratio-chart" id="teach-autoencoder-chart">
                            <svg viewBox={format!("0 0 {W} {height:.0}")} role="img" aria-label={label}>
                                <line class="axis one" x1={format!("{:.1}", scale(1.0))} x2={format!("{:.1}", scale(1.0))} y1="0" y2={format!("{:.0}", height - 20.0)} />
                                <text class="tick" x={format!("{:.1}", scale(1.0))} y={format!("{:.0}", height - 6.0)} text-anchor="middle">{ "typical" }</text>
                                { for shown.iter().enumerate().map(|(i, r)| {
                                    let y = i as f64 * ROW;
                                    let ratio = f64::from(r.ratio);
                                    html! {
                                        <g class={classes!("ratio", (ratio > 1.0).then_some("above"))}>
                                            <text class="tick" x={(LABEL_W - 6.0).to_string()} y={format!("{:.1}", y + 12.0)} text-anchor="end">{ &manifest.features[r.feature_idx].name }</text>
                                            <rect class="bar" x={LABEL_W.to_string()} y={format!("{:.1}", y + 3.0)} width={format!("{:.1}", (scale(ratio) - LABEL_W).max(1.0))} height={(ROW - 6.0).to_string()}>
                                                <title>{ format!("{}: error {:.3}, typical {:.3}", manifest.features[r.feature_idx].label, r.error, r.typical) }</title>
                                            </rect>
                                            <text class="tick" x={format!("{:.1}", scale(ratio) + 4.0)} y={format!("{:.1}", y + 12.0)}>{ format!("× {:.1}", ratio) }</text>
                                        </g>
                                    }
                                }) }
                            </svg>
                            <figcaption>{ format!("Reconstruction error ÷ typical error on legitimate transactions, the {} largest (the line marks 1, the typical error)", shown.len()) }</figcaption>
                        </figure>
                        <details>
                            <summary>{ format!("All {} inputs", ratios.len()) }</summary>
                            <table class="teach-table" id="teach-autoencoder-table">
                                <thead><tr><th scope="col">{ "Input" }</th><th scope="col" class="num">{ "Error" }</th><th scope="col" class="num">{ "Typical" }</th><th scope="col" class="num">{ "Ratio" }</th></tr></thead>
                                <tbody>
                                    { for ratios.iter().map(|r| html! {
                                        <tr data-feature={manifest.features[r.feature_idx].name.clone()} data-error={r.error.to_string()} data-typical={r.typical.to_string()} data-ratio={r.ratio.to_string()}>
                                            <td>{ &manifest.features[r.feature_idx].label }</td>
                                            <td class="num">{ format!("{:.3}", r.error) }</td>
                                            <td class="num">{ format!("{:.3}", r.typical) }</td>
                                            <td class="num">{ format!("{:.1}", r.ratio) }</td>
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
        <TeachView id="teach-autoencoder" title="The autoencoder's errors" {what}>
            { body }
        </TeachView>
    }
}
