//! Hooks that own the UI's effects: loading the model once per page.

use std::rc::Rc;

use yew::prelude::*;

use super::loader;
use crate::scorer::Scorer;

/// A loaded scorer shared by components; equal when it is the same load.
#[derive(Clone)]
pub struct SharedScorer(pub Rc<Scorer>);

impl PartialEq for SharedScorer {
    fn eq(&self, other: &SharedScorer) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedScorer {
    type Target = Scorer;

    fn deref(&self) -> &Scorer {
        &self.0
    }
}

/// Where the page's model is in its life.
#[derive(Clone, PartialEq)]
pub enum ModelState {
    Loading,
    Ready(SharedScorer),
    Failed(String),
}

/// Fetches and loads the catalog's model once, when the component first renders.
#[hook]
pub fn use_scorer() -> ModelState {
    let state = use_state(|| ModelState::Loading);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match loader::load_default_model().await {
                    Ok(scorer) => ModelState::Ready(SharedScorer(Rc::new(scorer))),
                    Err(message) => ModelState::Failed(message),
                });
            });
        });
    }
    (*state).clone()
}
