//! A scorecard's points for the applicant on screen: each attribute's bin and points, adding up to the score.

use yew::prelude::*;

use super::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::manifest::{EncodingKind, FeatureKind, Manifest};
use riskscope_core::scorecard::Points;

/// "below 12", "12 to under 24", "36 or more" for numeric bins; the category labels for
/// category bins.
pub(super) fn bin_text_in(
    tr: Tr,
    manifest: &Manifest,
    feature_idx: usize,
    bin_idx: usize,
) -> String {
    let feature = &manifest.features[feature_idx];
    let Some((block, _)) = manifest.blocks().find(|(_, f)| *f == feature_idx) else {
        return String::new();
    };
    let EncodingKind::Woe { bins } = &block.kind else {
        return String::new();
    };
    let Some(bin) = bins.get(bin_idx) else {
        return String::new();
    };
    if let FeatureKind::Category(c) = &feature.kind {
        return bin
            .categories
            .iter()
            .filter_map(|v| c.find(v).map(|k| c.categories[k].label.clone()))
            .collect::<Vec<_>>()
            .join(&tr!(tr, "decision-bin-separator"));
    }
    let lower = bin_idx
        .checked_sub(1)
        .and_then(|i| bins.get(i))
        .and_then(|b| b.upper);
    // The bin edges as the manifest writes them, not rounded.
    match (lower, bin.upper) {
        (None, Some(u)) => tr!(tr, "decision-bin-below", upper = u.to_string()),
        (Some(l), Some(u)) => tr!(
            tr,
            "decision-bin-between",
            lower = l.to_string(),
            upper = u.to_string()
        ),
        (Some(l), None) => tr!(tr, "decision-bin-from", lower = l.to_string()),
        (None, None) => tr!(tr, "decision-bin-any"),
    }
}

/// Points with their sign ("+12.3", "-4.0"), one decimal.
fn signed(tr: Tr, points: f64) -> String {
    // Rounded first, so a bin worth -0.01 points does not read "-0.0".
    let points = (points * 10.0).round() / 10.0 + 0.0;
    if points >= 0.0 {
        format!("+{}", tr.num(points, 1))
    } else {
        tr.num(points, 1)
    }
}

#[derive(Properties, PartialEq)]
pub struct PointsTableProps {
    pub manifest: Manifest,
    pub points: Points,
}

#[component]
pub fn PointsTable(props: &PointsTableProps) -> Html {
    let tr = use_tr();
    let manifest = &props.manifest;
    html! {
        <details class="points">
            <summary>{ tr!(tr, "decision-points-summary", points = tr.num(props.points.total, 0)) }</summary>
            <table>
                <caption>{ tr!(tr, "decision-points-caption") }</caption>
                <thead><tr><th scope="col">{ tr!(tr, "decision-points-attribute") }</th><th scope="col">{ tr!(tr, "decision-points-bin") }</th><th scope="col" class="num">{ tr!(tr, "decision-points-points") }</th></tr></thead>
                <tbody>
                    <tr><td>{ tr!(tr, "decision-points-base") }</td><td></td><td class="num">{ tr.num(props.points.base, 1) }</td></tr>
                    {
                        for props.points.by_attribute.iter().map(|a| html! {
                            <tr>
                                <td>{ &manifest.features[a.feature_idx].label }</td>
                                <td>{ bin_text_in(tr, manifest, a.feature_idx, a.bin_idx) }</td>
                                <td class="num">{ signed(tr, a.points) }</td>
                            </tr>
                        })
                    }
                </tbody>
                <tfoot><tr><th scope="row" colspan="2">{ tr!(tr, "decision-points-total") }</th><td class="num" id="points-total">{ tr.num(props.points.total, 1) }</td></tr></tfoot>
            </table>
        </details>
    }
}
