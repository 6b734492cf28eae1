//! Scorecard: every attribute's bins with their counts, weight of evidence and points, each
//! attribute's information value, and the applicant's points adding up to the score.

use yew::prelude::*;

use super::TeachView;
use crate::catalog::CatalogEntry;
use crate::scorecard::Points;
use crate::scorer::sha256_hex;
use crate::teach::woe::{Evidence, evidence};
use crate::web::hooks::{Loading, SharedScorer};
use crate::web::loader;
use crate::web::points_table::bin_text;

#[derive(Properties, PartialEq)]
pub struct ScorecardViewProps {
    pub scorer: SharedScorer,
    pub entry: CatalogEntry,
    /// The applicant's points, when one is on screen.
    pub points: Option<Points>,
}

/// The bundled labelled sample, its hash checked against the catalog, weighed bin by bin.
async fn load_evidence(scorer: &SharedScorer, entry: &CatalogEntry) -> Result<Evidence, String> {
    let sample = entry
        .sample
        .as_ref()
        .ok_or("this model has no labelled sample to count its bins on, so the information value cannot be computed")?;
    let bytes = loader::fetch(&format!("models/{}", sample.path)).await?;
    if sha256_hex(&bytes) != sample.sha256 {
        return Err(format!(
            "{}: the file is not the one the catalog lists",
            sample.path
        ));
    }
    evidence(scorer.manifest(), &bytes).map_err(|e| e.to_string())
}

/// The conventional reading of an information value (Siddiqi, "Credit Risk Scorecards").
fn strength(iv: f64) -> &'static str {
    match iv {
        x if x < 0.02 => "not predictive",
        x if x < 0.1 => "weak",
        x if x < 0.3 => "medium",
        x if x < 0.5 => "strong",
        _ => "very strong",
    }
}

fn attribute_tables(scorer: &SharedScorer, evidence: &Evidence, points: Option<&Points>) -> Html {
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
                            <span class="num">{ format!("IV {:.3}", attribute.iv) }</span>
                            <span class="iv-strength">{ strength(attribute.iv) }</span>
                        </summary>
                        <table>
                            <caption>{ format!("{}: bins, counts in the sample, weight of evidence and points", feature.label) }</caption>
                            <thead><tr>
                                <th scope="col">{ "Bin" }</th><th scope="col" class="num">{ "Bad" }</th><th scope="col" class="num">{ "Good" }</th>
                                <th scope="col" class="num">{ "WOE" }</th><th scope="col" class="num">{ "IV part" }</th><th scope="col" class="num">{ "Points" }</th>
                            </tr></thead>
                            <tbody>
                                { for attribute.bins.iter().enumerate().map(|(bin_idx, bin)| {
                                    let mine = chosen == Some(bin_idx);
                                    html! {
                                        <tr class={classes!(mine.then_some("applicant-bin"))}>
                                            <td>{ bin_text(manifest, attribute.feature_idx, bin_idx) }{ if mine { " (this applicant)" } else { "" } }</td>
                                            <td class="num">{ bin.bad }</td>
                                            <td class="num">{ bin.good }</td>
                                            <td class="num">{ format!("{:+.3}", bin.woe) }</td>
                                            <td class="num">{ format!("{:.3}", bin.iv) }</td>
                                            <td class="num">{ format!("{:+.1}", (bin_points.get(bin_idx).copied().unwrap_or(0.0) * 10.0).round() / 10.0 + 0.0) }</td>
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
fn addition(scorer: &SharedScorer, points: &Points) -> Html {
    let Some(scorecard) = &scorer.manifest().scorecard else {
        return Html::default();
    };
    let attributes: f64 = points.by_attribute.iter().map(|a| a.points).sum();
    let probability = scorecard.probability(points.total);
    html! {
        <p class="scorecard-sum" id="scorecard-sum" data-total={points.total.to_string()} data-probability={probability.to_string()}>
            { format!("This applicant: base {:.1} + the attributes' points {:+.1} = ", points.base, attributes) }
            <strong>{ format!("{:.1} points", points.total) }</strong>
            { format!(". Points turn into a probability by the scorecard's scaling ({:.0} points at odds of 1 bad to {:.0} good, {:.0} points to double the odds): P(bad) = 1 / (1 + exp((points − {:.1}) / {:.2})) = ", scorecard.points0, 1.0 / scorecard.odds0, scorecard.pdo, scorecard.offset(), scorecard.factor()) }
            <strong>{ format!("{:.1} %", probability * 100.0) }</strong>
            { ", the score shown in the assessment (its points table lists the same bins)." }
        </p>
    }
}

#[function_component]
pub fn ScorecardView(props: &ScorecardViewProps) -> Html {
    let loaded = use_state(|| Loading::<Result<Evidence, String>>::Pending);
    {
        let (loaded, scorer, entry) = (loaded.clone(), props.scorer.clone(), props.entry.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                loaded.set(Loading::Ready(load_evidence(&scorer, &entry).await));
            });
        });
    }
    let what = "a points scorecard. Every attribute is cut into bins; each bin's weight of evidence (WOE) is the log of how much more common bad borrowers are in it than good ones (positive: riskier than average). A bin's points are its WOE times the attribute's weight, scaled so that more points mean safer. The information value (IV) of an attribute adds up, over its bins, the difference between the share of bad and of good borrowers times the WOE: how well the attribute alone separates bad from good. The applicant's bin in each attribute is marked, and their points add up to the score.".to_owned();
    let body = match &*loaded {
        Loading::Pending | Loading::Failed(_) => {
            html! { <p class="status" role="status">{ "Counting the bins on the bundled sample…" }</p> }
        }
        Loading::Ready(Err(message)) => html! {
            <p class="note" role="alert">{ format!("Information values need each bin's bad and good counts: {message}.") }</p>
        },
        Loading::Ready(Ok(evidence)) => {
            let verified = if evidence.max_woe_gap < 1e-6 {
                format!(
                    "The WOE recomputed from these counts equals the model's in every bin (largest difference {:.1e}): they are the rows the bins were fitted on.",
                    evidence.max_woe_gap
                )
            } else {
                format!(
                    "The WOE recomputed from these counts differs from the model's by up to {:.3}: the sample is not the data the bins were fitted on, so these IVs describe the sample.",
                    evidence.max_woe_gap
                )
            };
            html! {
                <>
                    <p class="note" id="scorecard-counts" data-rows={evidence.rows.to_string()} data-woe-gap={evidence.max_woe_gap.to_string()}>
                        { format!("Counts from the bundled labelled sample: {} applicants, {} bad and {} good. {verified} Attributes are listed strongest first; open one to see its bins.", evidence.rows, evidence.bad, evidence.good) }
                    </p>
                    { attribute_tables(&props.scorer, evidence, props.points.as_ref()) }
                </>
            }
        }
    };
    html! {
        <TeachView id="teach-scorecard" title="Scorecard: bins, evidence and points" {what}>
            if let Some(points) = &props.points {
                { addition(&props.scorer, points) }
            } else {
                <p class="placeholder">{ "Fill in a valid applicant to see their points add up." }</p>
            }
            { body }
        </TeachView>
    }
}
