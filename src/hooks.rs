//! Hooks that own the UI's effects: loading the catalog once, and each model once (through the
//! page's [`ModelStore`]), when picked.

use std::rc::Rc;

use futures::FutureExt;
use yew::prelude::*;

use super::loader::{self, FetchError};
use super::state::{Action, FormState, NoAttribution, Scored};
use super::store::{ModelStore, Once};
use riskscope_core::catalog::Catalog;
use riskscope_core::i18n::Localized;
use riskscope_core::scorecard;
use riskscope_core::scorer::Scorer;

pub use super::store::SharedScorer;

/// Where something the page fetches is in its life.
#[derive(Clone, PartialEq)]
pub enum Loading<T> {
    Pending,
    Ready(T),
    Failed(FetchError),
}

impl<T: Clone> Loading<T> {
    /// A load's state as of now.
    fn of(once: &Once<T>) -> Loading<T> {
        match once.peek() {
            None => Loading::Pending,
            Some(Ok(value)) => Loading::Ready(value.clone()),
            Some(Err(error)) => Loading::Failed(error.clone()),
        }
    }
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
                    Err(error) => Loading::Failed(error),
                });
            });
        });
    }
    (*state).clone()
}

/// The page's model store (given by the app once the catalog is in).
#[hook]
pub fn use_store() -> Option<ModelStore> {
    use_context::<ModelStore>()
}

/// Waits for `once` (which drives the load) and renders again when it is done.
#[hook]
fn use_once<T: Clone + 'static>(key: String, once: Option<Once<T>>) -> Loading<T> {
    let rerender = use_force_update();
    {
        let once = once.clone();
        use_effect_with(key, move |_| {
            if let Some(once) = once.filter(|o| o.peek().is_none()) {
                wasm_bindgen_futures::spawn_local(once.map(move |_| rerender.force_update()));
            }
        });
    }
    once.map_or(Loading::Pending, |once| Loading::of(&once))
}

/// The catalog model `model_id`, from the page's store.
#[hook]
pub fn use_scorer(model_id: String) -> Loading<SharedScorer> {
    let once = use_store().map(|store| store.scorer(&model_id));
    use_once(model_id, once)
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
        Err(error) => return Action::Failed(error.message()),
    };
    let attribution = if scorer.explainer().is_some() {
        scorer
            .explain(&applicant)
            .map_err(|e| NoAttribution::Failed(e.message()))
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
