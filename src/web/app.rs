//! The page: a masthead with the privacy promise, then the scoring workspace once the model is loaded.

use yew::prelude::*;

use super::assessment_view::AssessmentView;
use super::form::ApplicantForm;
use super::hooks::{ModelState, SharedScorer, use_scorer};
use super::state::{Action, FormState};

#[function_component]
pub fn App() -> Html {
    let model = use_scorer();
    html! {
        <>
            <header class="masthead">
                <h1>{ "RiskScope" }</h1>
                <p class="privacy">
                    { "Your data stays on this device: the model runs inside this page, and nothing you enter is sent anywhere." }
                </p>
            </header>
            <main id="main">
                {
                    match model {
                        ModelState::Loading => html! {
                            <p class="status" role="status">{ "Loading the model…" }</p>
                        },
                        ModelState::Failed(message) => html! {
                            <p class="status load-error" role="alert">{ format!("The model could not be loaded. {message}") }</p>
                        },
                        ModelState::Ready(scorer) => html! { <Workspace {scorer} /> },
                    }
                }
            </main>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct WorkspaceProps {
    scorer: SharedScorer,
}

/// One applicant's form and assessment, for the loaded model.
#[function_component]
fn Workspace(props: &WorkspaceProps) -> Html {
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
                    Ok(assessment) => Action::Scored(assessment),
                    Err(error) => Action::Failed(error.to_string()),
                },
            };
            form.dispatch(action);
        })
    };

    html! {
        <div class="workspace">
            <section class="model-info" aria-labelledby="model-title">
                <h2 id="model-title">{ &manifest.title }</h2>
                <p>{ &manifest.description }</p>
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
