//! Hooks that own the UI's effects: loading the catalog once, and each model once, when picked.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::loader;
use crate::catalog::Catalog;
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

/// Where something the page fetches is in its life.
#[derive(Clone, PartialEq)]
pub enum Loading<T> {
    Pending,
    Ready(T),
    Failed(String),
}

/// Fetches the model catalog once.
#[hook]
pub fn use_catalog() -> Loading<Rc<Catalog>> {
    let state = use_state(|| Loading::Pending);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match loader::load_catalog().await {
                    Ok(catalog) => Loading::Ready(Rc::new(catalog)),
                    Err(message) => Loading::Failed(message),
                });
            });
        });
    }
    (*state).clone()
}

/// Loads the model `model_id` of the catalog; each model is fetched and optimised once per page.
#[hook]
pub fn use_scorer(catalog: Rc<Catalog>, model_id: String) -> Loading<SharedScorer> {
    let loaded = use_mut_ref(HashMap::<String, Loading<SharedScorer>>::new);
    let rerender = use_force_update();
    let current = loaded.borrow().get(&model_id).cloned();
    {
        let loaded = loaded.clone();
        use_effect_with(model_id.clone(), move |model_id| {
            if !loaded.borrow().contains_key(model_id) {
                loaded
                    .borrow_mut()
                    .insert(model_id.clone(), Loading::Pending);
                let model_id = model_id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match catalog.entry(&model_id) {
                        None => Loading::Failed(format!("the catalog has no model \"{model_id}\"")),
                        Some(entry) => match loader::load_model(entry).await {
                            Ok(scorer) => Loading::Ready(SharedScorer(Rc::new(scorer))),
                            Err(message) => Loading::Failed(message),
                        },
                    };
                    loaded.borrow_mut().insert(model_id, result);
                    rerender.force_update();
                });
            }
        });
    }
    current.unwrap_or(Loading::Pending)
}
