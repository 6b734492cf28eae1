//! The principal reasons for a flagged applicant, and the notice to print or save.

use yew::prelude::*;

use super::download::save_text;
use super::i18n::use_tr;
use crate::tr;
use riskscope_core::reasons::Reason;
use riskscope_core::reasons::notes::note_key;

#[derive(Properties, PartialEq)]
pub struct ReasonsViewProps {
    pub reasons: Vec<Reason>,
    /// The full notice as plain text.
    pub notice: String,
    /// What a flagged decision is called ("Decline", "Alert").
    pub decision: String,
}

#[component]
pub fn ReasonsView(props: &ReasonsViewProps) -> Html {
    let tr = use_tr();
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
            <h3 id="reasons-title">{ tr!(tr, "support-reasons-title", decision = &props.decision) }</h3>
            if props.reasons.is_empty() {
                <p>{ tr!(tr, "support-reasons-none") }</p>
            } else {
                <ol id="reason-list">
                    { for props.reasons.iter().map(|r| html! {
                        <li data-feature-idx={r.feature_idx.to_string()} data-contribution={r.contribution.to_string()}
                            data-note={r.note.map(note_key)}>{ tr.m(&r.message()) }</li>
                    }) }
                </ol>
            }
            <div class="actions">
                <button type="button" id="print-notice" onclick={on_print}>{ tr!(tr, "support-reasons-print") }</button>
                <button type="button" id="save-notice" onclick={on_save}>{ tr!(tr, "support-reasons-save") }</button>
            </div>
            if let Some(error) = &*save_error {
                <p class="score-error" role="alert">{ tr!(tr, "support-reasons-save-failed", error = error) }</p>
            }
            <pre class="notice-print" id="notice-text">{ &props.notice }</pre>
        </section>
    }
}
