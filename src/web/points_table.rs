//! A scorecard's points for the applicant on screen: each attribute's bin and points, adding up to the score.

use yew::prelude::*;

use crate::manifest::{EncodingKind, FeatureKind, Manifest};
use crate::scorecard::Points;

/// "< 12", "12 to 24", "≥ 36" for numeric bins; the category labels for category bins.
pub(super) fn bin_text(manifest: &Manifest, feature_idx: usize, bin_idx: usize) -> String {
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
            .join(", ");
    }
    let lower = bin_idx
        .checked_sub(1)
        .and_then(|i| bins.get(i))
        .and_then(|b| b.upper);
    match (lower, bin.upper) {
        (None, Some(u)) => format!("below {u}"),
        (Some(l), Some(u)) => format!("{l} to under {u}"),
        (Some(l), None) => format!("{l} or more"),
        (None, None) => "any value".to_owned(),
    }
}

#[derive(Properties, PartialEq)]
pub struct PointsTableProps {
    pub manifest: Manifest,
    pub points: Points,
}

#[function_component]
pub fn PointsTable(props: &PointsTableProps) -> Html {
    let manifest = &props.manifest;
    html! {
        <details class="points">
            <summary>{ format!("Scorecard: {:.0} points", props.points.total) }</summary>
            <table>
                <caption>{ "Points by attribute (higher is safer)" }</caption>
                <thead><tr><th scope="col">{ "Attribute" }</th><th scope="col">{ "Bin" }</th><th scope="col" class="num">{ "Points" }</th></tr></thead>
                <tbody>
                    <tr><td>{ "Base points" }</td><td></td><td class="num">{ format!("{:.1}", props.points.base) }</td></tr>
                    {
                        for props.points.by_attribute.iter().map(|a| html! {
                            <tr>
                                <td>{ &manifest.features[a.feature_idx].label }</td>
                                <td>{ bin_text(manifest, a.feature_idx, a.bin_idx) }</td>
                                // Rounded first, so a bin worth -0.01 points does not read "-0.0".
                                <td class="num">{ format!("{:+.1}", (a.points * 10.0).round() / 10.0 + 0.0) }</td>
                            </tr>
                        })
                    }
                </tbody>
                <tfoot><tr><th scope="row" colspan="2">{ "Total" }</th><td class="num" id="points-total">{ format!("{:.1}", props.points.total) }</td></tr></tfoot>
            </table>
        </details>
    }
}
