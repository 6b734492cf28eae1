//! Hooks that own the UI's effects: loading the catalog once, and each model once, when picked.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::i18n::{Lang, Message, use_tr};
use super::loader::{self, FetchError};
use super::state::{Action, FormState, NoAttribution, Scored};
use riskscope_core::catalog::Catalog;
use riskscope_core::scorecard;
use riskscope_core::scorer::Scorer;

/// A loaded scorer shared by components, with the files it was loaded from (for the batch
/// worker); equal when it is the same load.
#[derive(Clone)]
pub struct SharedScorer {
    pub scorer: Rc<Scorer>,
    pub files: Rc<loader::FetchedModel>,
}

impl PartialEq for SharedScorer {
    fn eq(&self, other: &SharedScorer) -> bool {
        Rc::ptr_eq(&self.scorer, &other.scorer)
    }
}

impl std::ops::Deref for SharedScorer {
    type Target = Scorer;

    fn deref(&self) -> &Scorer {
        &self.scorer
    }
}

/// Where something the page fetches is in its life.
#[derive(Clone, PartialEq)]
pub enum Loading<T> {
    Pending,
    Ready(T),
    /// Why it failed, in the page's language.
    Failed(String),
}

/// A load as kept by a hook: its error still in every language.
#[derive(Clone, PartialEq)]
enum Fetch<T> {
    Pending,
    Ready(T),
    Failed(FetchError),
}

impl<T: Clone> Fetch<T> {
    fn in_lang(&self, lang: Lang) -> Loading<T> {
        match self {
            Fetch::Pending => Loading::Pending,
            Fetch::Ready(value) => Loading::Ready(value.clone()),
            Fetch::Failed(error) => Loading::Failed(error.in_lang(lang)),
        }
    }
}

/// Fetches the model catalog once, its error in `lang` (for the component that provides the
/// language and so cannot read it as context).
#[hook]
pub fn use_catalog_in(lang: Lang) -> Loading<Rc<Catalog>> {
    let state = use_state(|| Fetch::Pending);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match loader::load_catalog().await {
                    Ok(catalog) => Fetch::Ready(Rc::new(catalog)),
                    Err(error) => Fetch::Failed(error),
                });
            });
        });
    }
    state.in_lang(lang)
}

/// Loads the model `model_id` of the catalog; each model is fetched and optimised once per page.
#[hook]
pub fn use_scorer(catalog: Rc<Catalog>, model_id: String) -> Loading<SharedScorer> {
    let tr = use_tr();
    let loaded = use_mut_ref(HashMap::<String, Fetch<SharedScorer>>::new);
    let rerender = use_force_update();
    let current = loaded.borrow().get(&model_id).map(|l| l.in_lang(tr.lang()));
    {
        let loaded = loaded.clone();
        use_effect_with(model_id.clone(), move |model_id| {
            if !loaded.borrow().contains_key(model_id) {
                loaded.borrow_mut().insert(model_id.clone(), Fetch::Pending);
                let model_id = model_id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match catalog.entry(&model_id) {
                        None => Fetch::Failed(FetchError::Text(
                            Message::new("form-load-no-model").arg("model", model_id.as_str()),
                        )),
                        Some(entry) => match loader::load_model(entry).await {
                            Ok((scorer, files)) => Fetch::Ready(SharedScorer {
                                scorer: Rc::new(scorer),
                                files: Rc::new(files),
                            }),
                            Err(error) => Fetch::Failed(error),
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

/// The window event the page raises once it has settled: its first model's form is on screen,
/// or an error says why it is not. `register-sw.js` waits for it before registering the service
/// worker, whose download of the whole site would otherwise compete with the page's first load.
pub const SETTLED_EVENT: &str = "riskscope-settled";

/// Raises [`SETTLED_EVENT`] once `settled` holds (from an effect, so after the DOM shows it).
#[hook]
pub fn use_settled_when(settled: bool) {
    use_effect_with(settled, |settled| {
        if *settled {
            announce_settled();
        }
    });
}

/// Raises [`SETTLED_EVENT`] on the window, the first time only.
fn announce_settled() {
    thread_local! {
        static ANNOUNCED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if ANNOUNCED.with(|done| done.replace(true)) {
        return;
    }
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(SETTLED_EVENT)) {
        // The return value says whether a listener cancelled the event; none does.
        let _ = window.dispatch_event(&event);
    }
}

/// Milliseconds since the page started, for the timings the page shows.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Scores and explains the form whenever a field changes (the what-if loop): the applicant,
/// its assessment and its attribution, or the field errors when it does not parse.
#[hook]
pub fn use_live_assessment(scorer: SharedScorer, form: UseReducerHandle<FormState>) {
    let values = form.values.clone();
    use_effect_with(values, move |_| {
        form.dispatch(assess(&scorer, &form));
    });
}

pub fn assess(scorer: &Scorer, form: &FormState) -> Action {
    let manifest = scorer.manifest();
    let start = now_ms();
    let applicant = match scorer.parse(&form.raw(manifest)) {
        Ok(applicant) => applicant,
        Err(errors) => return Action::Rejected(errors.0),
    };
    let assessment = match scorer.assess(&applicant) {
        Ok(assessment) => assessment,
        Err(error) => return Action::Failed(error.to_string()),
    };
    let attribution = if scorer.explainer().is_some() {
        scorer
            .explain(&applicant)
            .map_err(|e| NoAttribution::Failed(e.to_string()))
    } else {
        Err(NoAttribution::NoReference)
    };
    let elapsed_ms = now_ms() - start;
    Action::Scored(Box::new(Scored {
        points: scorecard::points(manifest, &applicant),
        applicant,
        assessment,
        attribution,
        elapsed_ms,
    }))
}
