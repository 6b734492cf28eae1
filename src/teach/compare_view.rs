//! Compare: the applicant on screen scored by every catalog model that reads the same
//! attributes, side by side with each model's held-out metrics from the catalog.

use std::rc::Rc;

use yew::prelude::*;

use super::TeachView;
use crate::hooks::{Loading, SharedScorer, use_store};
use crate::i18n::{Tr, use_tr};
use crate::loader::FetchError;
use crate::store::ModelStore;
use crate::tr;
use crate::workspace::interval_note;
use riskscope_core::applicant::Applicant;
use riskscope_core::assessment::Assessment;
use riskscope_core::catalog::CatalogEntry;
use riskscope_core::i18n::Localized;
use riskscope_core::manifest::{Manifest, OutputKind};
use riskscope_core::scorer::Scorer;
use riskscope_core::teach::compare::{comparable, transfer};

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    pub scorer: SharedScorer,
    pub entry: CatalogEntry,
    pub applicant: Option<Applicant>,
}

/// Another catalog model, loaded for the comparison.
#[derive(Clone)]
struct Other {
    entry: CatalogEntry,
    scorer: Rc<Scorer>,
}

#[derive(Clone)]
struct Others(Vec<Other>);

impl PartialEq for Others {
    fn eq(&self, other: &Others) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| Rc::ptr_eq(&a.scorer, &b.scorer))
    }
}

/// The catalog's other models that read the same attributes, from the page's store (each
/// manifest first, so a model of other attributes is never downloaded whole).
async fn load_others(
    store: ModelStore,
    current: &Manifest,
    current_id: &str,
) -> Result<Vec<Other>, FetchError> {
    let mut others = Vec::new();
    for entry in store
        .catalog()
        .models
        .iter()
        .filter(|e| e.id != current_id && e.task == current.task)
    {
        let manifest = store.manifest(&entry.id).await?;
        if !comparable(current, &manifest.parsed) {
            continue;
        }
        let loaded = store.scorer(&entry.id).await?;
        others.push(Other {
            entry: entry.clone(),
            scorer: loaded.scorer,
        });
    }
    Ok(others)
}

fn score_text(tr: Tr, kind: OutputKind, score: f32) -> String {
    let percent = f64::from(score * 100.0);
    match kind {
        // A small probability keeps two decimals, so 0.04 % does not read as 0.
        OutputKind::Probability if score < 0.01 => {
            tr!(tr, "teach-percent", value = tr.num(percent, 2))
        }
        OutputKind::Probability => tr!(tr, "teach-percent", value = tr.num(percent, 1)),
        OutputKind::AnomalyScore => {
            tr!(
                tr,
                "teach-compare-anomaly",
                score = tr.num(f64::from(score), 2)
            )
        }
    }
}

fn metric(tr: Tr, value: f64, interval: Option<[f64; 2]>, decimals: usize) -> String {
    if value.is_nan() {
        "–".into()
    } else {
        tr.num_within(value, interval, decimals)
    }
}

fn row(
    tr: Tr,
    entry: &CatalogEntry,
    scorer: &Scorer,
    from: &Manifest,
    applicant: Option<&Applicant>,
    current: bool,
) -> Html {
    let (id, title, metrics) = (&entry.id, entry.title_in(tr.lang()), &entry.metrics);
    let within = entry.intervals.as_ref();
    // The other models are loaded as they are: their decision words in the page's language.
    let localized = scorer.manifest().localized(tr.lang());
    let manifest = &localized;
    let scored = applicant.map(|a| {
        transfer(a, from, manifest)
            .map_err(|e| tr.m(&e))
            .and_then(|a| scorer.assess(&a).map_err(|e| tr.m(&e)))
    });
    let (score, decision, data) = match &scored {
        None => ("–".to_owned(), "–".to_owned(), String::new()),
        Some(Err(message)) => (message.clone(), "–".to_owned(), String::new()),
        Some(Ok(a)) => {
            let assessment = Assessment::new(a.score, &manifest.decision, &manifest.risk_bands);
            (
                score_text(tr, manifest.model.output.kind, a.score),
                assessment.decision_label(&manifest.decision).to_owned(),
                a.score.to_string(),
            )
        }
    };
    html! {
        <tr data-model={id.to_owned()} data-score={data} class={classes!(current.then_some("current-model"))}>
            <th scope="row">{ title }{ if current { tr!(tr, "teach-compare-on-screen") } else { String::new() } }</th>
            <td class="num">{ score }</td>
            <td>{ decision }</td>
            <td class="num">{ metric(tr, metrics.auc, within.map(|i| i.auc), 3) }</td>
            <td class="num">{ metric(tr, metrics.average_precision, within.map(|i| i.average_precision), 3) }</td>
            <td class="num">{ metric(tr, metrics.ks, within.map(|i| i.ks), 3) }</td>
            <td class="num">{ metrics.brier.map_or_else(|| "–".to_owned(), |b| metric(tr, b, within.and_then(|i| i.brier), 4)) }</td>
        </tr>
    }
}

#[component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let tr = use_tr();
    let store = use_store();
    let loaded = use_state(|| Loading::<Others>::Pending);
    {
        let (loaded, scorer, id) = (loaded.clone(), props.scorer.clone(), props.entry.id.clone());
        use_effect_with(store, move |store| {
            if let Some(store) = store.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    loaded.set(match load_others(store, scorer.manifest(), &id).await {
                        Ok(others) => Loading::Ready(Others(others)),
                        Err(error) => Loading::Failed(error),
                    });
                });
            }
        });
    }
    let manifest = props.scorer.manifest();
    let what = tr!(tr, "teach-compare-what");
    let applicant = props.applicant.as_ref();
    let own = row(tr, &props.entry, &props.scorer, manifest, applicant, true);
    let others = match &*loaded {
        Loading::Pending => {
            html! { <tr><td colspan="7" class="status" role="status">{ tr!(tr, "teach-compare-loading") }</td></tr> }
        }
        Loading::Failed(error) => {
            html! { <tr><td colspan="7" class="load-error" role="alert">{ tr!(tr, "teach-compare-failed", error = error.message()) }</td></tr> }
        }
        Loading::Ready(Others(others)) if others.is_empty() => {
            html! { <tr><td colspan="7" class="note">{ tr!(tr, "teach-compare-none") }</td></tr> }
        }
        Loading::Ready(Others(others)) => others
            .iter()
            .map(|o| row(tr, &o.entry, &o.scorer, manifest, applicant, false))
            .collect::<Html>(),
    };
    html! {
        <TeachView id="teach-compare" title={tr!(tr, "teach-compare-title")} {what}>
            if applicant.is_none() {
                <p class="placeholder">{ tr!(tr, "teach-compare-placeholder") }</p>
            }
            <table class="teach-table" id="teach-compare-table" aria-busy={matches!(*loaded, Loading::Pending).to_string()}>
                <caption>{ tr!(tr, "teach-compare-caption") }</caption>
                <thead><tr>
                    <th scope="col">{ tr!(tr, "teach-compare-col-model") }</th><th scope="col" class="num">{ tr!(tr, "teach-compare-col-score") }</th><th scope="col">{ tr!(tr, "teach-compare-col-decision") }</th>
                    <th scope="col" class="num">{ tr!(tr, "teach-compare-col-auc") }</th><th scope="col" class="num">{ tr!(tr, "teach-compare-col-average-precision") }</th><th scope="col" class="num">{ tr!(tr, "teach-compare-col-ks") }</th><th scope="col" class="num">{ tr!(tr, "teach-compare-col-brier") }</th>
                </tr></thead>
                <tbody>
                    { own }
                    { others }
                </tbody>
            </table>
            if let Some(method) = props.entry.interval_method {
                <p class="note">{ interval_note(&tr, method) }</p>
            }
        </TeachView>
    }
}
