//! Files the page hands to the user: made in the page, saved by the browser; nothing leaves
//! the device.

use wasm_bindgen::JsCast;
use web_sys::Blob;

fn fail(e: wasm_bindgen::JsValue) -> String {
    format!("{e:?}")
}

/// Offers `blob` as a download named `file_name`.
pub fn save_blob(file_name: &str, blob: &Blob) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
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

/// Offers `text` as a plain-text download.
pub fn save_text(file_name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::new();
    parts.push(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    save_blob(file_name, &blob)
}
