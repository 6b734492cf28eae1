//! Choosing the file: a file input, a drop zone, or the catalog's bundled sample.

use gloo_net::http::Request;
use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::catalog::CatalogEntry;
use riskscope_core::scorer::sha256_hex;

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    pub entry: CatalogEntry,
    pub disabled: bool,
    pub on_file: Callback<File>,
}

/// The bundled sample as a File, its hash checked against the catalog.
async fn fetch_sample(entry: &CatalogEntry, tr: Tr) -> Result<File, String> {
    let sample = entry
        .sample
        .as_ref()
        .ok_or_else(|| tr!(tr, "batch-sample-none"))?;
    let url = format!("models/{}", sample.path);
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(tr!(
            tr,
            "batch-sample-status",
            url = url.as_str(),
            status = response.status().to_string()
        ));
    }
    let bytes = response.binary().await.map_err(|e| format!("{url}: {e}"))?;
    if sha256_hex(&bytes) != sample.sha256 {
        return Err(tr!(tr, "batch-sample-hash", url = url.as_str()));
    }
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes.as_slice()));
    let name = sample.path.rsplit('/').next().unwrap_or("sample.csv");
    File::new_with_u8_array_sequence(&parts, name).map_err(|e| format!("{e:?}"))
}

#[component]
pub fn FilePicker(props: &FilePickerProps) -> Html {
    let tr = use_tr();
    let sample_error = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let on_change = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            // The same file picked again must start again.
            input.set_value("");
        })
    };
    let on_drop = {
        let (on_file, dragging) = (props.on_file.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                on_file.emit(file);
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_sample = {
        let (entry, on_file, sample_error) = (
            props.entry.clone(),
            props.on_file.clone(),
            sample_error.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (entry, on_file, sample_error) =
                (entry.clone(), on_file.clone(), sample_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match fetch_sample(&entry, tr).await {
                    Ok(file) => {
                        sample_error.set(None);
                        on_file.emit(file);
                    }
                    Err(message) => sample_error.set(Some(message)),
                }
            });
        })
    };
    html! {
        <div class={classes!("drop-zone", dragging.then_some("dragging"))}
            ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
            <label for="batch-file">{ format!("{} ", tr!(tr, "batch-drop")) }</label>
            <input type="file" id="batch-file" accept=".csv,.txt,text/csv" disabled={props.disabled} onchange={on_change} />
            if let Some(sample) = &props.entry.sample {
                <p>
                    <button type="button" id="batch-sample" disabled={props.disabled} onclick={on_sample}>
                        { tr!(tr, "batch-sample", rows = tr.num(sample.rows as f64, 0)) }
                    </button>
                    <span class="note">{ format!(" {}", props.entry.sample_note_in(tr.lang()).unwrap_or_default()) }</span>
                </p>
            }
            if let Some(message) = &*sample_error {
                <p class="field-error" role="alert">{ message }</p>
            }
        </div>
    }
}
