//! One model's workspace: what the model is and how well it does, the applicant form with its
//! live assessment, and decision support (attribution, reasons, recourse, cut-off and cost,
//! the global view).

use yew::prelude::*;

use super::assessment_view::AssessmentView;
use super::attribution_view::AttributionView;
use super::batch::BatchPanel;
use super::cost_view::CostView;
use super::form::ApplicantForm;
use super::global_view::GlobalView;
use super::hooks::{SharedScorer, assess, use_live_assessment};
use super::i18n::{Tr, use_tr};
use super::reasons_view::ReasonsView;
use super::recourse_view::RecourseView;
use super::state::{Action, FormState, NoAttribution, Outcome};
use super::teach::TeachPanel;
use crate::tr;
use riskscope_core::assessment::Decision;
use riskscope_core::catalog::{CatalogEntry, IntervalMethod, Origin};
use riskscope_core::manifest::DecisionRule;
use riskscope_core::reasons;

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    pub scorer: SharedScorer,
    pub entry: CatalogEntry,
}

#[component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    let tr = use_tr();
    let scorer = props.scorer.clone();
    let form = use_reducer(|| FormState::new(scorer.manifest()));
    use_live_assessment(scorer.clone(), form.clone());
    let manifest = scorer.manifest();
    let cutoff = use_state(|| manifest.decision.cutoff);
    let rule = DecisionRule {
        cutoff: *cutoff,
        ..manifest.decision.clone()
    };

    let on_change = {
        let form = form.dispatcher();
        Callback::from(move |(idx, text)| form.dispatch(Action::SetField(idx, text)))
    };
    let on_submit = {
        let form = form.clone();
        let scorer = scorer.clone();
        Callback::from(move |()| form.dispatch(assess(&scorer, &form)))
    };
    let on_apply = {
        let form = form.dispatcher();
        Callback::from(move |fields| form.dispatch(Action::SetFields(fields)))
    };
    let on_cutoff = {
        let cutoff = cutoff.clone();
        Callback::from(move |c: f64| cutoff.set(c))
    };

    let support = match &form.outcome {
        Outcome::Scored { scored, .. } => {
            let assessment = scored.assessment.under(&rule, &manifest.risk_bands);
            let flagged = assessment.decision == Decision::Flagged;
            match &scored.attribution {
                Err(missing) => {
                    let message = match missing {
                        NoAttribution::NoReference => tr!(tr, "form-attribution-no-reference"),
                        NoAttribution::Failed(error) => {
                            tr!(tr, "form-attribution-failed", error = error)
                        }
                    };
                    html! { <p class="note" id="attribution-missing">{ message }</p> }
                }
                Ok(attribution) => {
                    let found = reasons::principal_reasons(
                        manifest,
                        scorer.reference(),
                        &scored.applicant,
                        &assessment,
                        attribution,
                    );
                    let applicant = &scored.applicant;
                    let notice =
                        reasons::notice_in(tr.lang(), manifest, applicant, &assessment, &found);
                    html! {
                        <>
                            <AttributionView manifest={manifest.clone()} applicant={scored.applicant.clone()}
                                attribution={attribution.clone()} elapsed_ms={scored.elapsed_ms} />
                            if flagged {
                                <ReasonsView reasons={found} {notice} decision={rule.at_or_above.clone()} />
                                <RecourseView scorer={scorer.clone()} applicant={scored.applicant.clone()}
                                    cutoff={*cutoff} cleared={rule.below.clone()} on_apply={on_apply.clone()} />
                            }
                        </>
                    }
                }
            }
        }
        _ => Html::default(),
    };

    html! {
        <div class="workspace">
            <ModelInfo title={manifest.title.clone()} description={manifest.description.clone()} entry={props.entry.clone()} />
            <ApplicantForm
                scorer={scorer.clone()}
                values={form.values.clone()}
                errors={form.errors.clone()}
                {on_change}
                {on_submit}
            />
            <div class="result-column">
                <AssessmentView scorer={scorer.clone()} outcome={form.outcome.clone()} rule={rule.clone()} />
                { support }
            </div>
            if let Some(reference) = scorer.reference() {
                <div class="model-wide">
                    <CostView manifest={manifest.clone()} evaluation={reference.evaluation.clone()} cutoff={*cutoff} {on_cutoff} />
                    <GlobalView scorer={scorer.clone()} />
                </div>
            }
            <BatchPanel scorer={scorer.clone()} entry={props.entry.clone()} cutoff={*cutoff} />
            <TeachPanel scorer={scorer.clone()} entry={props.entry.clone()} outcome={form.outcome.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ModelInfoProps {
    title: String,
    description: String,
    entry: CatalogEntry,
}

/// How the held-out figures' 95 % intervals were computed, in one sentence.
pub fn interval_note(tr: &Tr, method: IntervalMethod) -> String {
    match method {
        IntervalMethod::Bootstrap => tr!(tr, "form-metrics-intervals-bootstrap"),
        IntervalMethod::CorrectedCv => tr!(tr, "form-metrics-intervals-corrected-cv"),
    }
}

/// What the model is and how well it did on held-out data (or, for a model the user brought,
/// on the user's labelled file).
#[component]
fn ModelInfo(props: &ModelInfoProps) -> Html {
    let tr = use_tr();
    let m = &props.entry.metrics;
    let within = props.entry.intervals.as_ref();
    // A model the user brought is titled and described in the user's own words.
    let yours = (props.entry.origin == Origin::User).then_some("no");
    let brier = m
        .brier
        .map(|b| {
            let b = tr.num_within(b, within.and_then(|i| i.brier), 4);
            tr!(tr, "form-metrics-brier", brier = b)
        })
        .unwrap_or_default();
    let cost = m
        .cost_per_applicant
        .map(|c| {
            let c = tr.num_within(c, within.and_then(|i| i.cost_per_applicant), 3);
            tr!(tr, "form-metrics-cost", cost = c)
        })
        .unwrap_or_default();
    let (auc, ap, ks) = (
        tr.num_within(m.auc, within.map(|i| i.auc), 3),
        tr.num_within(m.average_precision, within.map(|i| i.average_precision), 3),
        tr.num_within(m.ks, within.map(|i| i.ks), 3),
    );
    let method = props
        .entry
        .interval_method
        .map(|method| interval_note(&tr, method));
    html! {
        <section class="model-info" aria-labelledby="model-title">
            <h2 id="model-title" translate={yours}>{ &props.title }</h2>
            <p translate={yours}>{ &props.description }</p>
            <p class="metrics">
                {
                    if m.auc.is_nan() {
                        tr!(tr, "form-metrics-unmeasured")
                    } else if props.entry.origin == Origin::User {
                        tr!(tr, "form-metrics-yours", auc = auc, ap = ap, ks = ks, brier = brier)
                    } else {
                        tr!(tr, "form-metrics-held-out", auc = auc, ap = ap, ks = ks, brier = brier, cost = cost)
                    }
                }
            </p>
            if let Some(method) = method {
                <p class="note metrics-intervals">{ method }</p>
            }
        </section>
    }
}
