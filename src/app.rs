//! The page: a masthead with the privacy promise, the model picker, and the scoring workspace.

use std::rc::Rc;

use yew::prelude::*;

use super::byo::{ByoPanel, UserModel};
use super::hooks::{Loading, SharedScorer, use_catalog, use_scorer, use_settled_when};
use super::i18n::{self, Lang, LanguageSwitch, Localized, Tr, use_tr};
use super::kept::{self, Unreadable};
use super::model_picker::ModelPicker;
use super::store::ModelStore;
use super::workspace::Workspace;
use crate::tr;
use riskscope_core::catalog::Catalog;

#[component]
pub fn App() -> Html {
    let lang = use_state(i18n::initial);
    // Above the language's provider: the language is given, not read from the context.
    let catalog = use_catalog();
    {
        let lang = *lang;
        use_effect_with(lang, move |_| i18n::apply(lang));
    }
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| lang.set(next))
    };
    // A catalog that failed is as settled as the page gets (a ready one settles in Models).
    use_settled_when(matches!(catalog, Loading::Failed(_)));
    let tr = Tr(*lang);
    html! {
        <ContextProvider<Tr> context={tr}>
            <header class="masthead">
                <div class="masthead-top">
                    <h1>{ "RiskScope" }</h1>
                    <LanguageSwitch lang={*lang} on_change={on_lang} />
                </div>
                <p class="privacy">{ tr!(tr, "app-privacy") }</p>
            </header>
            <main id="main">
                {
                    match catalog {
                        Loading::Pending => html! {
                            <p class="status" role="status">{ tr!(tr, "app-catalog-loading") }</p>
                        },
                        Loading::Failed(error) => html! {
                            <p class="status load-error" role="alert">{ tr!(tr, "app-catalog-failed", error = error.message()) }</p>
                        },
                        Loading::Ready(catalog) => html! { <Store {catalog} /> },
                    }
                }
            </main>
        </ContextProvider<Tr>>
    }
}

#[derive(Properties, PartialEq)]
struct ModelsProps {
    catalog: Rc<Catalog>,
}

/// Gives the page's one model store to every view below.
#[component]
fn Store(props: &ModelsProps) -> Html {
    let store = use_memo(props.catalog.clone(), |catalog| {
        ModelStore::new(catalog.clone())
    });
    html! {
        <ContextProvider<ModelStore> context={(*store).clone()}>
            <Models catalog={props.catalog.clone()} />
        </ContextProvider<ModelStore>>
    }
}

/// The picked model's workspace; each catalog model is loaded when first picked, a user's own
/// model when it passed its check.
#[component]
fn Models(props: &ModelsProps) -> Html {
    let tr = use_tr();
    let first = props
        .catalog
        .models
        .first()
        .map(|m| m.id.clone())
        .unwrap_or_default();
    let selected = use_state(|| first);
    let yours = use_state(Vec::<UserModel>::new);
    let unreadable = use_kept(&yours);
    let own = yours.iter().find(|m| m.entry.id == *selected).cloned();
    let scorer = use_scorer((*selected).clone());
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
    let on_remove = {
        let first = props.catalog.models.first().map(|m| m.id.clone());
        remove_kept(&yours, &unreadable, &selected, first.unwrap_or_default())
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
    // The views read labels, reasons and decisions from the manifest: give them its texts in
    // the page's language (the model itself is shared, not reloaded).
    let scorer = use_localized(scorer, tr.lang());
    use_settled_when(!matches!(scorer, Loading::Pending));
    html! {
        <>
            <ModelPicker catalog={props.catalog.clone()} yours={own_list.clone()} selected={(*selected).clone()} {on_select} />
            <ByoPanel {on_model} kept={own_list.clone()} unreadable={(*unreadable).clone()} {on_remove} />
            {
                match (scorer, entry) {
                    (Loading::Ready(scorer), Some(entry)) => {
                        // Keyed by model and by its files: picking another model, or bringing
                        // the same ONNX file again with another manifest, starts afresh (a
                        // fresh form and batch worker).
                        let key = format!("{}@{:p}", *selected, Rc::as_ptr(&scorer.files));
                        html! { <Workspace {key} {scorer} {entry} /> }
                    }
                    (Loading::Failed(error), _) => html! {
                        <p class="status load-error" role="alert">{ tr!(tr, "app-model-failed", error = error.message()) }</p>
                    },
                    _ => html! { <p class="status" role="status">{ tr!(tr, "app-model-loading") }</p> },
                }
            }
        </>
    }
}

/// The models kept on this device, read back once when the page opens into `yours`; those
/// that could not be read back.
#[hook]
fn use_kept(yours: &UseStateHandle<Vec<UserModel>>) -> UseStateHandle<Vec<Unreadable>> {
    let unreadable = use_state(Vec::<Unreadable>::new);
    {
        let (yours, unreadable) = (yours.clone(), unreadable.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let (models, bad) = kept::kept().await;
                if !models.is_empty() {
                    yours.set(models);
                }
                unreadable.set(bad);
            });
        });
    }
    unreadable
}

/// Removes a model from this device and from the list; a removed model that was picked gives
/// way to `first` (the catalog's first). A removal that failed is listed with why.
fn remove_kept(
    yours: &UseStateHandle<Vec<UserModel>>,
    unreadable: &UseStateHandle<Vec<Unreadable>>,
    selected: &UseStateHandle<String>,
    first: String,
) -> Callback<String> {
    let (yours, unreadable, selected) = (yours.clone(), unreadable.clone(), selected.clone());
    Callback::from(move |id: String| {
        let (yours, unreadable, selected, first) = (
            yours.clone(),
            unreadable.clone(),
            selected.clone(),
            first.clone(),
        );
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = kept::forget(&id).await;
            let mut bad: Vec<Unreadable> = (*unreadable).clone();
            bad.retain(|u| u.id != id);
            match outcome {
                Ok(()) => {
                    let mut next: Vec<UserModel> = (*yours).clone();
                    next.retain(|m| m.entry.id != id);
                    yours.set(next);
                    if *selected == id {
                        selected.set(first);
                    }
                }
                Err(reason) => bad.push(Unreadable { id, reason }),
            }
            unreadable.set(bad);
        });
    })
}

/// The scorer with its manifest's texts in `lang`, made once per model and language.
#[hook]
fn use_localized(scorer: Loading<SharedScorer>, lang: Lang) -> Loading<SharedScorer> {
    let made = use_mut_ref(|| None::<(SharedScorer, Lang, SharedScorer)>);
    let Loading::Ready(scorer) = scorer else {
        return scorer;
    };
    if lang == Lang::En {
        return Loading::Ready(scorer);
    }
    let mut made = made.borrow_mut();
    if let Some((from, made_lang, localized)) = made.as_ref()
        && Rc::ptr_eq(&from.scorer, &scorer.scorer)
        && *made_lang == lang
    {
        return Loading::Ready(localized.clone());
    }
    let localized = SharedScorer {
        scorer: Rc::new(scorer.scorer.localized(lang)),
        files: scorer.files.clone(),
    };
    *made = Some((scorer, lang, localized.clone()));
    Loading::Ready(localized)
}
