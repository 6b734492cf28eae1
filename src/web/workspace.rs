//! One model's workspace: what the model is and how well it does, the applicant form, and the assessment.

use yew::prelude::*;

use super::assessment_view::AssessmentView;
use super::form::ApplicantForm;
use super::hooks::SharedScorer;
use super::state::{Action, FormState};
use crate::catalog::CatalogEntry;
use crate::scorecard;

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    pub scorer: SharedScorer,
    pub entry: CatalogEntry,
}

#[function_component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    let scorer = props.scorer.clone();
    let form = use_reducer(|| FormState::new(scorer.manifest()));
    let manifest = scorer.manifest();

    let on_change = {
        let form = form.dispatcher();
        Callback::from(move |(idx, text)| form.dispatch(Action::SetField(idx, text)))
    };
    let on_submit = {
        let form = form.clone();
        let scorer = scorer.clone();
        Callback::from(move |()| {
            let action = match scorer.parse(&form.raw(scorer.manifest())) {
                Err(errors) => Action::Rejected(errors.0),
                Ok(applicant) => match scorer.assess(&applicant) {
                    Ok(assessment) => Action::Scored {
                        assessment,
                        points: scorecard::points(scorer.manifest(), &applicant),
                    },
                    Err(error) => Action::Failed(error.to_string()),
                },
            };
            form.dispatch(action);
        })
    };

    let m = &props.entry.metrics;
    let brier = m
        .brier
        .map(|b| format!(", Brier {b:.4}"))
        .unwrap_or_default();
    let cost = m
        .cost_per_applicant
        .map(|c| format!(", cost per applicant {c:.3}"))
        .unwrap_or_default();
    html! {
        <div class="workspace">
            <section class="model-info" aria-labelledby="model-title">
                <h2 id="model-title">{ &manifest.title }</h2>
                <p>{ &manifest.description }</p>
                <p class="metrics">
                    { format!("Held out: AUC {:.3}, average precision {:.3}, KS {:.3}{brier}{cost}.", m.auc, m.average_precision, m.ks) }
                </p>
            </section>
            <ApplicantForm
                scorer={scorer.clone()}
                values={form.values.clone()}
                errors={form.errors.clone()}
                {on_change}
                {on_submit}
            />
            <AssessmentView {scorer} outcome={form.outcome.clone()} />
        </div>
    }
}
