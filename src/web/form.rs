//! The applicant form, generated from the manifest's features: one field each, then Score.

use yew::prelude::*;

use super::field::Field;
use super::hooks::SharedScorer;

#[derive(Properties, PartialEq)]
pub struct ApplicantFormProps {
    pub scorer: SharedScorer,
    pub values: Vec<String>,
    pub errors: Vec<Option<String>>,
    pub on_change: Callback<(usize, String)>,
    pub on_submit: Callback<()>,
}

#[function_component]
pub fn ApplicantForm(props: &ApplicantFormProps) -> Html {
    let manifest = props.scorer.manifest();
    let onsubmit = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_submit.emit(());
        })
    };
    let n_errors = props.errors.iter().flatten().count();
    html! {
        // The core checks every field and says what is wrong beside it; the browser's own
        // validation would block submission with a generic bubble instead.
        <form class="applicant-form" novalidate=true {onsubmit} aria-labelledby="form-title">
            <h2 id="form-title">{ "Applicant" }</h2>
            <div class="fields">
                {
                    for manifest.features.iter().enumerate().map(|(idx, feature)| html! {
                        <Field
                            key={feature.name.clone()}
                            {idx}
                            feature={feature.clone()}
                            value={props.values.get(idx).cloned().unwrap_or_default()}
                            error={props.errors.get(idx).cloned().flatten()}
                            on_change={props.on_change.clone()}
                        />
                    })
                }
            </div>
            <div class="actions">
                <button type="submit" class="primary" id="score">{ "Score" }</button>
                if n_errors > 0 {
                    <p class="form-error" role="alert">
                        { format!("{n_errors} field{} need{} attention.", if n_errors == 1 { "" } else { "s" }, if n_errors == 1 { "s" } else { "" }) }
                    </p>
                }
            </div>
        </form>
    }
}
