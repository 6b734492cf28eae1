//! The assessment panel: probability, decision at the cut-off, and risk band.

use yew::prelude::*;

use super::hooks::SharedScorer;
use super::points_table::PointsTable;
use super::state::Outcome;
use crate::assessment::Decision;

#[derive(Properties, PartialEq)]
pub struct AssessmentViewProps {
    pub scorer: SharedScorer,
    pub outcome: Outcome,
}

#[function_component]
pub fn AssessmentView(props: &AssessmentViewProps) -> Html {
    let manifest = props.scorer.manifest();
    let rule = &manifest.decision;
    let body = match &props.outcome {
        Outcome::None => html! {
            <p class="placeholder">{ "Fill in the applicant and press Score." }</p>
        },
        Outcome::Failed(message) => html! { <p class="score-error" role="alert">{ message }</p> },
        Outcome::Scored {
            assessment,
            points,
            stale,
        } => {
            let band = manifest.risk_bands.get(assessment.band_idx);
            let decision_class = match assessment.decision {
                Decision::Flagged => "flagged",
                Decision::Cleared => "cleared",
            };
            html! {
                <div class={classes!("result", decision_class, stale.then_some("stale"))}>
                    <p class="probability">
                        <span id="probability" class="figure"
                            data-probability={assessment.probability.to_string()}>
                            { format!("{:.1} %", assessment.probability * 100.0) }
                        </span>
                        <span class="figure-label">{ format!("probability of {}", manifest.model.positive_class) }</span>
                    </p>
                    <p class="decision">
                        { "Decision: " }<strong id="decision">{ assessment.decision_label(rule) }</strong>
                    </p>
                    if let Some(band) = band {
                        <p class="band">
                            { "Risk band " }<strong id="risk-band">{ &band.name }</strong>{ format!(": {}", band.label) }
                        </p>
                    }
                    if let Some(points) = points {
                        <PointsTable manifest={manifest.clone()} points={points.clone()} />
                    }
                    <p class="rule">{ format!("Cut-off {:.1} %: {}.", rule.cutoff * 100.0, rule.rule) }</p>
                    if *stale {
                        <p class="stale-note">{ "The applicant changed since this score: press Score again." }</p>
                    }
                </div>
            }
        }
    };
    html! {
        <section class="assessment" aria-labelledby="assessment-title" aria-live="polite">
            <h2 id="assessment-title">{ "Assessment" }</h2>
            { body }
        </section>
    }
}
