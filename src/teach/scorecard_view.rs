//! Scorecard: every attribute's bins with their counts, weight of evidence and points, each
//! attribute's information value, and the applicant's points adding up to the score.

use yew::prelude::*;

use super::TeachView;
use crate::hooks::{Loading, SharedScorer};
use crate::i18n::{Localized, Message, Tr, use_tr};
use crate::loader::{self, FetchError};
use crate::points_table::bin_text_in;
use crate::tr;
use riskscope_core::catalog::CatalogEntry;
use riskscope_core::scorecard::Points;
use riskscope_core::scorer::sha256_hex;
use riskscope_core::teach::TeachError;
use riskscope_core::teach::woe::{Evidence, evidence};

#[derive(Properties, PartialEq)]
pub struct ScorecardViewProps {
    pub scorer: SharedScorer,
    pub entry: CatalogEntry,
    /// The applicant's points, when one is on screen.
    pub points: Option<Points>,
}

/// Why the bins could not be counted.
enum EvidenceError {
    NoSample,
    Fetch(FetchError),
    /// The sample's path: its hash is not the catalog's.
    Changed(String),
    Teach(TeachError),
}

impl Localized for EvidenceError {
    fn message(&self) -> Message {
        match self {
            EvidenceError::NoSample => Message::new("teach-scorecard-no-sample"),
            EvidenceError::Fetch(error) => error.message(),
            EvidenceError::Changed(path) => {
                Message::new("teach-scorecard-sample-changed").arg("path", path)
            }
            EvidenceError::Teach(e) => e.message(),
        }
    }
}

/// The bundled labelled sample, its hash checked against the catalog, weighed bin by bin.
async fn load_evidence(
    scorer: &SharedScorer,
    entry: &CatalogEntry,
) -> Result<Evidence, EvidenceError> {
    let sample = entry.sample.as_ref().ok_or(EvidenceError::NoSample)?;
    let bytes = loader::fetch(&format!("models/{}", sample.path))
        .await
        .map_err(EvidenceError::Fetch)?;
    if sha256_hex(&bytes) != sample.sha256 {
        return Err(EvidenceError::Changed(sample.path.clone()));
    }
    evidence(scorer.manifest(), &bytes).map_err(EvidenceError::Teach)
}

/// `x` with its sign ("+0.123", "-1.5").
fn signed(tr: Tr, x: f64, decimals: usize) -> String {
    let text = tr.num(x, decimals);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// The conventional reading of an information value (Siddiqi, "Credit Risk Scorecards").
fn strength(tr: Tr, iv: f64) -> String {
    match iv {
        x if x < 0.02 => tr!(tr, "teach-iv-none"),
        x if x < 0.1 => tr!(tr, "teach-iv-weak"),
        x if x < 0.3 => tr!(tr, "teach-iv-medium"),
        x if x < 0.5 => tr!(tr, "teach-iv-strong"),
        _ => tr!(tr, "teach-iv-very-strong"),
    }
}

fn attribute_tables(
    tr: Tr,
    scorer: &SharedScorer,
    evidence: &Evidence,
    points: Option<&Points>,
) -> Html {
    let manifest = scorer.manifest();
    let Some(scorecard) = &manifest.scorecard else {
        return Html::default();
    };
    let mut order: Vec<usize> = (0..evidence.attributes.len()).collect();
    order.sort_by(|&a, &b| {
        evidence.attributes[b]
            .iv
            .total_cmp(&evidence.attributes[a].iv)
    });
    html! {
        <div class="scorecard-attributes">
            { for order.into_iter().map(|block_idx| {
                let attribute = &evidence.attributes[block_idx];
                let feature = &manifest.features[attribute.feature_idx];
                let chosen = points.and_then(|p| p.by_attribute.iter().find(|a| a.feature_idx == attribute.feature_idx)).map(|a| a.bin_idx);
                let bin_points = scorecard.points.get(block_idx).cloned().unwrap_or_default();
                html! {
                    <details class="scorecard-attribute" data-feature={feature.name.clone()} data-iv={attribute.iv.to_string()}>
                        <summary>
                            <span class="attribute-name">{ &feature.label }</span>
                            <span class="num">{ tr!(tr, "teach-scorecard-iv", iv = tr.num(attribute.iv, 3)) }</span>
                            <span class="iv-strength">{ strength(tr, attribute.iv) }</span>
                        </summary>
                        <table>
                            <caption>{ tr!(tr, "teach-scorecard-caption", attribute = &feature.label) }</caption>
                            <thead><tr>
                                <th scope="col">{ tr!(tr, "teach-scorecard-col-bin") }</th><th scope="col" class="num">{ tr!(tr, "teach-scorecard-col-bad") }</th><th scope="col" class="num">{ tr!(tr, "teach-scorecard-col-good") }</th>
                                <th scope="col" class="num">{ tr!(tr, "teach-scorecard-col-woe") }</th><th scope="col" class="num">{ tr!(tr, "teach-scorecard-col-iv") }</th><th scope="col" class="num">{ tr!(tr, "teach-scorecard-col-points") }</th>
                            </tr></thead>
                            <tbody>
                                { for attribute.bins.iter().enumerate().map(|(bin_idx, bin)| {
                                    let mine = chosen == Some(bin_idx);
                                    html! {
                                        <tr class={classes!(mine.then_some("applicant-bin"))}>
                                            <td>{ bin_text_in(tr, manifest, attribute.feature_idx, bin_idx) }{ if mine { tr!(tr, "teach-scorecard-this-applicant") } else { String::new() } }</td>
                                            <td class="num">{ bin.bad }</td>
                                            <td class="num">{ bin.good }</td>
                                            <td class="num">{ signed(tr, bin.woe, 3) }</td>
                                            <td class="num">{ tr.num(bin.iv, 3) }</td>
                                            <td class="num">{ signed(tr, (bin_points.get(bin_idx).copied().unwrap_or(0.0) * 10.0).round() / 10.0 + 0.0, 1) }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </details>
                }
            }) }
        </div>
    }
}

/// Base points plus the applicant's points per attribute, the total, and the probability it implies.
fn addition(tr: Tr, scorer: &SharedScorer, points: &Points) -> Html {
    let Some(scorecard) = &scorer.manifest().scorecard else {
        return Html::default();
    };
    let attributes: f64 = points.by_attribute.iter().map(|a| a.points).sum();
    let probability = scorecard.probability(points.total);
    html! {
        <p class="scorecard-sum" id="scorecard-sum" data-total={points.total.to_string()} data-probability={probability.to_string()}>
            { tr!(tr, "teach-scorecard-sum-start", base = tr.num(points.base, 1), attributes = signed(tr, attributes, 1)) }
            <strong>{ tr!(tr, "teach-scorecard-sum-points", total = tr.num(points.total, 1)) }</strong>
            { tr!(
                tr,
                "teach-scorecard-sum-scaling",
                points0 = tr.num(scorecard.points0, 0),
                odds = tr.num(1.0 / scorecard.odds0, 0),
                pdo = tr.num(scorecard.pdo, 0),
                offset = tr.num(scorecard.offset(), 1),
                factor = tr.num(scorecard.factor(), 2)
            ) }
            <strong>{ tr!(tr, "teach-percent", value = tr.num(probability * 100.0, 1)) }</strong>
            { tr!(tr, "teach-scorecard-sum-end") }
        </p>
    }
}

#[component]
pub fn ScorecardView(props: &ScorecardViewProps) -> Html {
    let tr = use_tr();
    let loaded = use_state(|| Loading::<Result<Evidence, EvidenceError>>::Pending);
    {
        let (loaded, scorer, entry) = (loaded.clone(), props.scorer.clone(), props.entry.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                loaded.set(Loading::Ready(load_evidence(&scorer, &entry).await));
            });
        });
    }
    let what = tr!(tr, "teach-scorecard-what");
    let body = match &*loaded {
        Loading::Pending | Loading::Failed(_) => {
            html! { <p class="status" role="status">{ tr!(tr, "teach-scorecard-counting") }</p> }
        }
        Loading::Ready(Err(error)) => html! {
            <p class="note" role="alert">{ tr!(tr, "teach-scorecard-failed", error = error.message()) }</p>
        },
        Loading::Ready(Ok(evidence)) => {
            let verified = if evidence.max_woe_gap < 1e-6 {
                tr!(
                    tr,
                    "teach-scorecard-verified",
                    gap = format!("{:.1e}", evidence.max_woe_gap)
                )
            } else {
                tr!(
                    tr,
                    "teach-scorecard-differs",
                    gap = tr.num(evidence.max_woe_gap, 3)
                )
            };
            html! {
                <>
                    <p class="note" id="scorecard-counts" data-rows={evidence.rows.to_string()} data-woe-gap={evidence.max_woe_gap.to_string()}>
                        { tr!(
                            tr,
                            "teach-scorecard-counts",
                            rows = tr.num(evidence.rows as f64, 0),
                            bad = tr.num(evidence.bad as f64, 0),
                            good = tr.num(evidence.good as f64, 0),
                            verified = verified
                        ) }
                    </p>
                    { attribute_tables(tr, &props.scorer, evidence, props.points.as_ref()) }
                </>
            }
        }
    };
    html! {
        <TeachView id="teach-scorecard" title={tr!(tr, "teach-scorecard-title")} {what}>
            if let Some(points) = &props.points {
                { addition(tr, &props.scorer, points) }
            } else {
                <p class="placeholder">{ tr!(tr, "teach-scorecard-placeholder") }</p>
            }
            { body }
        </TeachView>
    }
}
