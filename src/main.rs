//! The browser app that Trunk builds (feature `web`): yew views over the scoring core
//! (`riskscope-core`), with effects kept in hooks.
//!
//! Components render props and raise callbacks; form state changes go through the reducer in
//! [`state`]; loading the catalog and models is the business of [`hooks`].

mod app;
mod assessment_view;
mod attribution_view;
mod batch;
pub mod bench;
mod byo;
mod chart;
mod cost_view;
mod download;
mod field;
mod form;
mod global_view;
mod hooks;
pub mod i18n;
mod kept;
mod label_picker;
mod loader;
mod model_picker;
mod points_table;
mod reasons_view;
mod recourse_view;
mod state;
mod store;
mod teach;
mod workspace;

/// Starts the page, or, inside the batch worker (`worker.js` loads this same binary), the
/// worker's message loop.
fn main() {
    console_error_panic_hook::set_once();
    if wasm_bindgen::JsCast::has_type::<web_sys::DedicatedWorkerGlobalScope>(&js_sys::global()) {
        batch::worker::run();
    } else {
        yew::Renderer::<app::App>::new().render();
    }
}
