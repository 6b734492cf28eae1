//! The principal reasons for a flagged applicant, and the notice to print or save.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::reasons::Reason;

#[derive(Properties, PartialEq)]
pub struct ReasonsViewProps {
    pub reasons: Vec<Reason>,
    /// The full notice as plain text.
    pub notice: String,
    /// What a flagged decision is called ("Decline", "Alert").
    pub decision: String,
}

/// Offers `text` as a file download; nothing leaves the device.
fn save_text(file_name: &str, text: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys_array(text);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).map_err(fail)
}

fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let array = js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
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
