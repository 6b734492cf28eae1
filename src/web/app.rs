//! The page: a masthead with the privacy promise, the model picker, and the scoring workspace.

use std::rc::Rc;

use yew::prelude::*;

use super::byo::{ByoPanel, UserModel};
use super::hooks::{Loading, use_catalog, use_scorer};
use super::model_picker::ModelPicker;
use super::workspace::Workspace;
use crate::catalog::Catalog;

#[function_component]
pub fn App() -> Html {
    let catalog = use_catalog();
    html! {
        <>
            <header class="masthead">
                <h1>{ "RiskScope" }</h1>
                <p class="privacy">
                    { "Private by design: nothing you enter or load leaves this device, and after the first visit RiskScope works offline (tested in tests/e2e/privacy.test.mjs and tests/e2e/offline.test.mjs)." }
                </p>
            </header>
            <main id="main">
                {
                    match catalog {
                        Loading::Pending => html! {
                            <p class="status" role="status">{ "Loading the model catalog…" }</p>
                        },
                        Loading::Failed(message) => html! {
                            <p class="status load-error" role="alert">{ format!("The model catalog could not be loaded. {message}") }</p>
                        },
                        Loading::Ready(catalog) => html! { <Models {catalog} /> },
                    }
                }
            </main>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ModelsProps {
    catalog: Rc<Catalog>,
}

/// The picked model's workspace; each catalog model is loaded when first picked, a user's own
/// model when it passed its check.
#[function_component]
fn Models(props: &ModelsProps) -> Html {
    let first = props
        .catalog
        .models
        .first()
        .map(|m| m.id.clone())
        .unwrap_or_default();
    let selected = use_state(|| first);
    let yours = use_state(Vec::<UserModel>::new);
    let own = yours.iter().find(|m| m.entry.id == *selected).cloned();
    let scorer = use_scorer(props.catalog.clone(), (*selected).clone());
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: String| selected.set(id))
    };
    let on_model = {
        let (yours, selected) = (yours.clone(), selected.clone());
        Callback::from(move |model: UserModel| {
            let mut next: Vec<UserModel> = (*yours).clone();
            next.retain(|m| m.entry.id != model.entry.id);
            selected.set(model.entry.id.clone());
            next.push(model);
            yours.set(next);
        })
    };
    let own_list: Vec<(String, String)> = yours
        .iter()
        .map(|m| (m.entry.id.clone(), m.entry.title.clone()))
        .collect();
    let entry = own
        .as_ref()
        .map(|m| m.entry.clone())
        .or_else(|| props.catalog.entry(&selected).cloned());
    let scorer = match own {
        Some(model) => Loading::Ready(model.scorer),
        None => scorer,
    };
    html! {
        <>
            <ModelPicker catalog={props.catalog.clone()} yours={own_list} selected={(*selected).clone()} {on_select} />
            <ByoPanel {on_model} />
            {
                match (scorer, entry) {
                    (Loading::Ready(scorer), Some(entry)) => html! {
                        // Keyed by model: picking another model starts a fresh form.
                        <Workspace key={(*selected).clone()} {scorer} {entry} />
                    },
                    (Loading::Failed(message), _) => html! {
                        <p class="status load-error" role="alert">{ format!("The model could not be loaded. {message}") }</p>
                    },
                    _ => html! { <p class="status" role="status">{ "Loading the model…" }</p> },
                }
            }
        </>
    }
}
