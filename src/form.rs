//! The applicant form, generated from the manifest's features: one field each, then Score.

use yew::prelude::*;

use super::field::Field;
use super::hooks::SharedScorer;
use super::i18n::use_tr;
use crate::tr;
use riskscope_core::applicant::Problem;

#[derive(Properties, PartialEq)]
pub struct ApplicantFormProps {
    pub scorer: SharedScorer,
    pub values: Vec<String>,
    /// What is wrong with each field, in manifest order.
    pub errors: Vec<Option<Problem>>,
    pub on_change: Callback<(usize, String)>,
    pub on_submit: Callback<()>,
}

#[component]
pub fn ApplicantForm(props: &ApplicantFormProps) -> Html {
    let tr = use_tr();
    let manifest = props.scorer.manifest();
    let onsubmit = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_submit.emit(());
        })
    };
    let n_errors = props.errors.iter().flatten().count();
    let field = |idx: usize, compact: bool| {
        let feature = &manifest.features[idx];
        html! {
            <Field
                key={feature.name.clone()}
                {idx}
                feature={feature.clone()}
                value={props.values.get(idx).cloned().unwrap_or_default()}
                error={props.errors.get(idx).cloned().flatten()}
                on_change={props.on_change.clone()}
                {compact}
            />
        }
    };
    let history = manifest.sequence.as_ref().map(|sequence| {
        html! {
            <fieldset class="history">
                <legend>{ tr!(tr, "form-history") }</legend>
                <div class="history-scroll">
                    <table>
                        <thead>
                            <tr>
                                <td></td>
                                { for sequence.series.iter().map(|series| html! { <th scope="col">{ &series.label }</th> }) }
                            </tr>
                        </thead>
                        <tbody>
                            {
                                for sequence.steps.iter().enumerate().map(|(step, label)| html! {
                                    <tr>
                                        <th scope="row">{ label }</th>
                                        {
                                            for sequence.series.iter()
                                                .filter_map(|series| series.features.get(step))
                                                .filter_map(|name| manifest.feature_index(name))
                                                .map(|idx| html! { <td>{ field(idx, true) }</td> })
                                        }
                                    </tr>
                                })
                            }
                        </tbody>
                    </table>
                </div>
            </fieldset>
        }
    });
    html! {
        // The core checks every field and says what is wrong beside it; the browser's own
        // validation would block submission with a generic bubble instead.
        <form class="applicant-form" novalidate=true {onsubmit} aria-labelledby="form-title">
            <h2 id="form-title">{ tr!(tr, "form-title") }</h2>
            <div class="fields">
                {
                    for manifest.features.iter().enumerate()
                        .filter(|(_, feature)| manifest.sequence_cell(&feature.name).is_none())
                        .map(|(idx, _)| field(idx, false))
                }
            </div>
            { for history }
            <div class="actions">
                <button type="submit" class="primary" id="score">{ tr!(tr, "form-score") }</button>
                if n_errors > 0 {
                    <p class="form-error" role="alert">
                        { tr!(tr, "form-errors", count = n_errors, fields = tr.num(n_errors as f64, 0)) }
                    </p>
                }
            </div>
        </form>
    }
}
