//! The assessment panel: the score (a probability, or an anomaly score with the inputs behind
//! it), the decision at the cut-off, and the risk band.

use yew::prelude::*;

use super::hooks::SharedScorer;
use super::points_table::PointsTable;
use super::state::Outcome;
use crate::assessment::{Assessment, Decision};
use crate::manifest::{DecisionRule, Manifest, OutputKind};

/// How many of an anomaly score's largest feature errors are listed.
const TOP_ERRORS: usize = 8;

/// The score as shown, its caption, and the cut-off in the same units.
fn score_text(manifest: &Manifest, score: f32, cutoff: f64) -> (String, String, String) {
    match manifest.model.output.kind {
        OutputKind::Probability => (
            format!("{:.1} %", score * 100.0),
            format!("probability of {}", manifest.model.positive_class),
            format!("{:.1} %", cutoff * 100.0),
        ),
        OutputKind::AnomalyScore => (
            format!("{score:.2}"),
            "anomaly score: mean squared reconstruction error".to_string(),
            format!("{cutoff:.2}"),
        ),
    }
}

/// The inputs with the largest reconstruction errors, largest first, with their share.
fn feature_errors(manifest: &Manifest, assessment: &Assessment) -> Html {
    let total: f32 = assessment.feature_errors.iter().sum();
    if assessment.feature_errors.is_empty() || total <= 0.0 {
        return Html::default();
    }
    let mut order: Vec<usize> = (0..assessment.feature_errors.len()).collect();
    order.sort_by(|&a, &b| assessment.feature_errors[b].total_cmp(&assessment.feature_errors[a]));
    let largest = assessment.feature_errors[order[0]];
    html! {
        <>
            <p class="feature-errors-title">{ "Inputs the autoencoder could not reproduce (squared error, share of the total):" }</p>
            <ol class="feature-errors" id="feature-errors">
                {
                    for order.iter().take(TOP_ERRORS).map(|&idx| {
                        let error = assessment.feature_errors[idx];
                        let feature = &manifest.features[idx];
                        let width = format!("width: {:.1}%", 100.0 * error / largest);
                        html! {
                            <li data-feature={feature.name.clone()} data-error={error.to_string()}>
                                <span>{ &feature.label }</span>
                                <span class="bar" style={width}></span>
                                <span class="num">{ format!("{error:.2} · {:.0} %", 100.0 * error / total) }</span>
                            </li>
                        }
                    })
                }
            </ol>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct AssessmentViewProps {
    pub scorer: SharedScorer,
    pub outcome: Outcome,
    /// The decision rule in force: the manifest's, with the cut-off the user chose.
    pub rule: DecisionRule,
}

#[function_component]
pub fn AssessmentView(props: &AssessmentViewProps) -> Html {
    let manifest = props.scorer.manifest();
    let rule = &props.rule;
    let body = match &props.outcome {
        Outcome::None => html! {
            <p class="placeholder">{ "Fill in the applicant: the score follows every change." }</p>
        },
        Outcome::Failed(message) => html! { <p class="score-error" role="alert">{ message }</p> },
        Outcome::Scored { scored, stale } => {
            let points = &scored.points;
            let assessment = &Assessment {
                feature_errors: scored.assessment.feature_errors.clone(),
                ..Assessment::new(scored.assessment.score, rule, &manifest.risk_bands)
            };
            let band = manifest.risk_bands.get(assessment.band_idx);
            let decision_class = match assessment.decision {
                Decision::Flagged => "flagged",
                Decision::Cleared => "cleared",
            };
            let (figure, caption, cutoff) = score_text(manifest, assessment.score, rule.cutoff);
            html! {
                <div class={classes!("result", decision_class, stale.then_some("stale"))}>
                    <p class="score">
                        <span id="result-score" class="figure" data-score={assessment.score.to_string()}>
                            { figure }
                        </span>
                        <span class="figure-label">{ caption }</span>
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
                    { feature_errors(manifest, assessment) }
                    if rule.cutoff == manifest.decision.cutoff {
                        <p class="rule">{ format!("Cut-off {cutoff}: {}.", rule.rule) }</p>
                    } else {
                        <p class="rule">{ format!("Cut-off {cutoff}, chosen below (the model's own is {}).", score_text(manifest, 0.0, manifest.decision.cutoff).2) }</p>
                    }
                    if *stale {
                        <p class="stale-note">{ "Some fields above are not valid: this is the score of the last valid applicant." }</p>
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
