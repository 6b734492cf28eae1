//! The assessment panel: the score (a probability, or an anomaly score with the inputs behind
//! it), the decision at the cut-off, and the risk band.

use yew::prelude::*;

use super::hooks::SharedScorer;
use super::i18n::{Tr, use_tr};
use super::points_table::PointsTable;
use super::state::Outcome;
use crate::tr;
use riskscope_core::applicant::Applicant;
use riskscope_core::assessment::{Assessment, Decision};
use riskscope_core::manifest::{DecisionRule, Manifest, OutputKind};
use riskscope_core::reasons::notes::{note_key, note_message};

/// How many of an anomaly score's largest feature errors are listed.
const TOP_ERRORS: usize = 8;

/// The score as shown, its caption, and the cut-off in the same units.
fn score_text(tr: Tr, manifest: &Manifest, score: f32, cutoff: f64) -> (String, String, String) {
    let percent = |points: f64| tr!(tr, "decision-percent", value = tr.num(points, 1));
    match manifest.model.output.kind {
        OutputKind::Probability => (
            percent(f64::from(score * 100.0)),
            tr!(
                tr,
                "decision-probability-of",
                positive = &manifest.model.positive_class
            ),
            percent(cutoff * 100.0),
        ),
        OutputKind::AnomalyScore => (
            tr.num(f64::from(score), 2),
            tr!(tr, "decision-anomaly-score"),
            tr.num(cutoff, 2),
        ),
    }
}

/// The inputs with the largest reconstruction errors, largest first, with their share.
fn feature_errors(tr: Tr, manifest: &Manifest, assessment: &Assessment) -> Html {
    let total: f32 = assessment.feature_errors.iter().sum();
    if assessment.feature_errors.is_empty() || total <= 0.0 {
        return Html::default();
    }
    let mut order: Vec<usize> = (0..assessment.feature_errors.len()).collect();
    order.sort_by(|&a, &b| assessment.feature_errors[b].total_cmp(&assessment.feature_errors[a]));
    let largest = assessment.feature_errors[order[0]];
    html! {
        <>
            <p class="feature-errors-title">{ tr!(tr, "decision-feature-errors") }</p>
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
                                <span class="num">{ tr!(tr, "decision-feature-error", error = tr.num(f64::from(error), 2), share = tr.num(f64::from(100.0 * error / total), 0)) }</span>
                            </li>
                        }
                    })
                }
            </ol>
        </>
    }
}

/// The values the model did not score as given (imputed, outside what it learnt from).
fn value_notes(tr: Tr, manifest: &Manifest, applicant: &Applicant) -> Html {
    if applicant.notes().is_empty() {
        return Html::default();
    }
    html! {
        <div class="value-notes" id="value-notes">
            <p class="value-notes-title">{ tr!(tr, "support-notes-title") }</p>
            <ul>
                { for applicant.notes().iter().map(|n| html! {
                    <li data-feature={manifest.features[n.feature_idx].name.clone()} data-note={note_key(n.note)}>
                        { tr.m(&note_message(manifest, applicant, n)) }
                    </li>
                }) }
            </ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AssessmentViewProps {
    pub scorer: SharedScorer,
    pub outcome: Outcome,
    /// The decision rule in force: the manifest's, with the cut-off the user chose.
    pub rule: DecisionRule,
}

#[component]
pub fn AssessmentView(props: &AssessmentViewProps) -> Html {
    let tr = use_tr();
    let manifest = props.scorer.manifest();
    let rule = &props.rule;
    let body = match &props.outcome {
        Outcome::None => html! {
            <p class="placeholder">{ tr!(tr, "decision-placeholder") }</p>
        },
        Outcome::Failed(message) => html! {
            <p class="score-error" role="alert">{ tr!(tr, "decision-score-failed", error = message) }</p>
        },
        Outcome::Scored { scored, stale } => {
            let points = &scored.points;
            let assessment = &scored.assessment.under(rule, &manifest.risk_bands);
            let band = manifest.risk_bands.get(assessment.band_idx);
            let decision_class = match assessment.decision {
                Decision::Flagged => "flagged",
                Decision::Cleared => "cleared",
            };
            let (figure, caption, cutoff) = score_text(tr, manifest, assessment.score, rule.cutoff);
            html! {
                <div class={classes!("result", decision_class, stale.then_some("stale"))}>
                    <p class="score">
                        <span id="result-score" class="figure" data-score={assessment.score.to_string()}>
                            { figure }
                        </span>
                        <span class="figure-label">{ caption }</span>
                    </p>
                    <p class="decision">
                        { tr!(tr, "decision-decision") }<strong id="decision">{ assessment.decision_label(rule) }</strong>
                    </p>
                    if let Some(band) = band {
                        <p class="band">
                            { tr!(tr, "decision-band") }<strong id="risk-band">{ &band.name }</strong>{ tr!(tr, "decision-band-label", label = &band.label) }
                        </p>
                    }
                    if let Some(points) = points {
                        <PointsTable manifest={manifest.clone()} points={points.clone()} />
                    }
                    { feature_errors(tr, manifest, assessment) }
                    { value_notes(tr, manifest, &scored.applicant) }
                    if rule.cutoff == manifest.decision.cutoff {
                        <p class="rule">{ tr!(tr, "decision-cutoff", cutoff = cutoff, rule = &rule.rule) }</p>
                    } else {
                        <p class="rule">{ tr!(tr, "decision-cutoff-chosen", cutoff = cutoff, own = score_text(tr, manifest, 0.0, manifest.decision.cutoff).2) }</p>
                    }
                    if *stale {
                        <p class="stale-note">{ tr!(tr, "decision-stale") }</p>
                    }
                </div>
            }
        }
    };
    html! {
        <section class="assessment" aria-labelledby="assessment-title" aria-live="polite">
            <h2 id="assessment-title">{ tr!(tr, "decision-title") }</h2>
            { body }
        </section>
    }
}
