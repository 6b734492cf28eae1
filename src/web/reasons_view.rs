//! The principal reasons for a flagged applicant, and the notice to print or save.

use yew::prelude::*;

use super::download::save_text;
use crate::reasons::Reason;

#[derive(Properties, PartialEq)]
pub struct ReasonsViewProps {
    pub reasons: Vec<Reason>,
    /// The full notice as plain text.
    pub notice: String,
    /// What a flagged decision is called ("Decline", "Alert").
    pub decision: String,
}

#[function_component]
pub fn ReasonsView(props: &ReasonsViewProps) -> Html {
    let save_error = use_state(|| None::<String>);
    let on_save = {
        let notice = props.notice.clone();
        let save_error = save_error.clone();
        Callback::from(move |_| {
            save_error.set(save_text("adverse-action-notice.txt", &notice).err())
        })
    };
    let on_print = Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <section class="reasons" id="reasons" aria-labelledby="reasons-title">
            <h3 id="reasons-title">{ format!("Principal reasons for “{}”", props.decision) }</h3>
            if props.reasons.is_empty() {
                <p>{ "No attribute raised the score above the average applicant's." }</p>
            } else {
                <ol id="reason-list">
                    { for props.reasons.iter().map(|r| html! {
                        <li data-feature-idx={r.feature_idx.to_string()} data-contribution={r.contribution.to_string()}>{ &r.text }</li>
                    }) }
                </ol>
            }
            <div class="actions">
                <button type="button" id="print-notice" onclick={on_print}>{ "Print notice" }</button>
                <button type="button" id="save-notice" onclick={on_save}>{ "Save notice as a file" }</button>
            </div>
            if let Some(error) = &*save_error {
                <p class="score-error" role="alert">{ format!("The notice could not be saved: {error}") }</p>
            }
            <pre class="notice-print" id="notice-text">{ &props.notice }</pre>
        </section>
    }
}
