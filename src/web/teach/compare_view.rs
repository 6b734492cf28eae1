//! Compare: the applicant on screen scored by every catalog model that reads the same
//! attributes, side by side with each model's held-out metrics from the catalog.

use std::rc::Rc;

use yew::prelude::*;

use super::TeachView;
use crate::applicant::Applicant;
use crate::assessment::Assessment;
use crate::catalog::{CatalogEntry, CatalogMetrics};
use crate::manifest::{Manifest, OutputKind};
use crate::scorer::Scorer;
use crate::teach::compare::{comparable, transfer};
use crate::web::hooks::{Loading, SharedScorer};
use crate::web::loader;

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

/// The catalog's other models that read the same attributes, each fetched and loaded (its
/// manifest first, so a model of other attributes is never downloaded whole).
async fn load_others(current: &Manifest, current_id: &str) -> Result<Vec<Other>, String> {
    let catalog = loader::load_catalog().await?;
    let mut others = Vec::new();
    for entry in catalog
        .models
        .iter()
        .filter(|e| e.id != current_id && e.task == current.task)
    {
        let bytes = loader::fetch(&format!("models/{}", entry.manifest)).await?;
        let text = String::from_utf8(bytes).map_err(|e| format!("{}: {e}", entry.manifest))?;
        let manifest = Manifest::parse(&text).map_err(|e| format!("{}: {e}", entry.manifest))?;
        if !comparable(current, &manifest) {
            continue;
        }
        let (scorer, _) = loader::load_model(entry).await?;
        others.push(Other {
            entry: entry.clone(),
            scorer: Rc::new(scorer),
        });
    }
    Ok(others)
}

fn score_text(kind: OutputKind, score: f32) -> String {
    match kind {
        // A small probability keeps two decimals, so 0.04 % does not read as 0.
        OutputKind::Probability if score < 0.01 => format!("{:.2} %", score * 100.0),
        OutputKind::Probability => format!("{:.1} %", score * 100.0),
        OutputKind::AnomalyScore => format!("{score:.2} (anomaly score)"),
    }
}

fn metric(value: f64) -> String {
    if value.is_nan() {
        "–".into()
    } else {
        format!("{value:.3}")
    }
}

fn row(
    id: &str,
    title: &str,
    scorer: &Scorer,
    from: &Manifest,
    applicant: Option<&Applicant>,
    metrics: &CatalogMetrics,
    current: bool,
) -> Html {
    let manifest = scorer.manifest();
    let scored = applicant.map(|a| {
        transfer(a, from, manifest)
            .map_err(|e| e.to_string())
            .and_then(|a| scorer.assess(&a).map_err(|e| e.to_string()))
    });
    let (score, decision, data) = match &scored {
        None => ("–".to_owned(), "–".to_owned(), String::new()),
        Some(Err(message)) => (message.clone(), "–".to_owned(), String::new()),
        Some(Ok(a)) => {
            let assessment = Assessment::new(a.score, &manifest.decision, &manifest.risk_bands);
            (
                score_text(manifest.model.output.kind, a.score),
                assessment.decision_label(&manifest.decision).to_owned(),
                a.score.to_string(),
            )
        }
    };
    html! {
        <tr data-model={id.to_owned()} data-score={data} class={classes!(current.then_some("current-model"))}>
            <th scope="row">{ title }{ if current { " (on screen)" } else { "" } }</th>
            <td class="num">{ score }</td>
            <td>{ decision }</td>
            <td class="num">{ metric(metrics.auc) }</td>
            <td class="num">{ metric(metrics.average_precision) }</td>
            <td class="num">{ metric(metrics.ks) }</td>
            <td class="num">{ metrics.brier.map_or_else(|| "–".to_owned(), |b| format!("{b:.4}")) }</td>
        </tr>
    }
}

#[function_component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let loaded = use_state(|| Loading::<Others>::Pending);
    {
        let (loaded, scorer, id) = (loaded.clone(), props.scorer.clone(), props.entry.id.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                loaded.set(match load_others(scorer.manifest(), &id).await {
                    Ok(others) => Loading::Ready(Others(others)),
                    Err(message) => Loading::Failed(message),
                });
            });
        });
    }
    let manifest = props.scorer.manifest();
    let what = "the same applicant scored by every model of the catalog that reads the same attributes, trained on the same data in different ways, beside each model's held-out figures from its model card: AUC (how well it ranks bad above good, 0.5 is chance, 1 perfect), average precision (the same for the rare positive class), KS (the largest gap between the score distributions of bad and good) and the Brier score (the mean squared error of its probabilities, lower is better). Models that rank about as well can still disagree on one person: that is worth knowing before trusting any one of them. An autoencoder's anomaly score is not a probability, so compare its decision, not its number.".to_owned();
    let applicant = props.applicant.as_ref();
    let own = row(
        &props.entry.id,
        &props.entry.title,
        &props.scorer,
        manifest,
        applicant,
        &props.entry.metrics,
        true,
    );
    let others = match &*loaded {
        Loading::Pending => {
            html! { <tr><td colspan="7" class="status" role="status">{ "Loading the other models…" }</td></tr> }
        }
        Loading::Failed(message) => {
            html! { <tr><td colspan="7" class="load-error" role="alert">{ format!("The other models could not be loaded: {message}") }</td></tr> }
        }
        Loading::Ready(Others(others)) if others.is_empty() => {
            html! { <tr><td colspan="7" class="note">{ "No other catalog model reads these attributes." }</td></tr> }
        }
        Loading::Ready(Others(others)) => others
            .iter()
            .map(|o| {
                row(
                    &o.entry.id,
                    &o.entry.title,
                    &o.scorer,
                    manifest,
                    applicant,
                    &o.entry.metrics,
                    false,
                )
            })
            .collect::<Html>(),
    };
    html! {
        <TeachView id="teach-compare" title="Compare the models" {what}>
            if applicant.is_none() {
                <p class="placeholder">{ "Fill in a valid applicant to score them with every model." }</p>
            }
            <table class="teach-table" id="teach-compare-table" aria-busy={matches!(*loaded, Loading::Pending).to_string()}>
                <caption>{ "This applicant under each model, with held-out metrics" }</caption>
                <thead><tr>
                    <th scope="col">{ "Model" }</th><th scope="col" class="num">{ "Score" }</th><th scope="col">{ "Decision" }</th>
                    <th scope="col" class="num">{ "AUC" }</th><th scope="col" class="num">{ "Avg. precision" }</th><th scope="col" class="num">{ "KS" }</th><th scope="col" class="num">{ "Brier" }</th>
                </tr></thead>
                <tbody>
                    { own }
                    { others }
                </tbody>
            </table>
        </TeachView>
    }
}
