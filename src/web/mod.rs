//! The yew UI (feature `web`): views over the scoring core, with effects kept in hooks.
//!
//! Components render props and raise callbacks; form state changes go through the reducer in
//! [`state`]; loading the model is the [`hooks::use_scorer`] hook's business.

mod app;
mod assessment_view;
mod field;
mod form;
mod hooks;
mod loader;
mod state;

pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<app::App>::new().render();
}
