//! Which column feeds which attribute, and which holds the label; names that match (case and
//! separators aside) are proposed, the rest chosen here.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::batch::{FileHead, LabelColumn, Mapping};
use crate::manifest::Manifest;

#[derive(Properties, PartialEq)]
pub struct MappingViewProps {
    pub manifest: Manifest,
    pub head: FileHead,
    pub mapping: Mapping,
    pub bytes: u64,
    pub on_start: Callback<Mapping>,
}

fn column_options(columns: &[String], selected: Option<usize>, none: &str) -> Html {
    html! {
        <>
            <option value="" selected={selected.is_none()}>{ none }</option>
            { for columns.iter().enumerate().map(|(c, name)| html! {
                <option value={c.to_string()} selected={selected == Some(c)}>{ name }</option>
            }) }
        </>
    }
}

fn selected_column(e: &Event) -> Option<usize> {
    let select: HtmlSelectElement = e.target_unchecked_into();
    select.value().parse().ok()
}

#[function_component]
pub fn MappingView(props: &MappingViewProps) -> Html {
    let mapping = use_state(|| props.mapping.clone());
    let manifest = &props.manifest;
    let unmatched = mapping.unmatched(manifest);
    let matched_all = props.mapping.unmatched(manifest).is_empty();
    let set_feature = |j: usize| {
        let mapping = mapping.clone();
        Callback::from(move |e: Event| {
            let mut next = (*mapping).clone();
            next.features[j] = selected_column(&e);
            mapping.set(next);
        })
    };
    let on_label = {
        let mapping = mapping.clone();
        Callback::from(move |e: Event| {
            let mut next = (*mapping).clone();
            next.label = selected_column(&e).map(|column| LabelColumn {
                column,
                positive: "1".into(),
                negative: "0".into(),
            });
            mapping.set(next);
        })
    };
    let on_positive = {
        let mapping = mapping.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*mapping).clone();
            if let Some(label) = next.label.as_mut() {
                label.positive = input.value().trim().to_owned();
                label.negative = if label.positive == "1" { "0" } else { "1" }.into();
            }
            mapping.set(next);
        })
    };
    let on_start = {
        let (mapping, on_start) = (mapping.clone(), props.on_start.clone());
        Callback::from(move |_: MouseEvent| on_start.emit((*mapping).clone()))
    };
    let separator = match props.head.separator {
        b'\t' => "tab".to_owned(),
        s => format!("\"{}\"", s as char),
    };
    html! {
        <div class="batch-mapping">
            <p id="batch-head">
                { format!("{} columns separated by {separator}, {:.1} MB. ", props.head.columns.len(), props.bytes as f64 / 1e6) }
                if matched_all {
                    { "Every attribute was found by name." }
                } else {
                    { format!("{} attribute(s) need a column: choose it below.", props.mapping.unmatched(manifest).len()) }
                }
            </p>
            <details open={!matched_all}>
                <summary>{ "Columns used for each attribute" }</summary>
                <table class="mapping">
                    <thead><tr><th scope="col">{ "Attribute" }</th><th scope="col">{ "Column in the file" }</th></tr></thead>
                    <tbody>
                        { for manifest.features.iter().enumerate().map(|(j, f)| html! {
                            <tr>
                                <th scope="row"><label for={format!("map-{}", f.name)}>{ &f.label }</label></th>
                                <td>
                                    <select id={format!("map-{}", f.name)} onchange={set_feature(j)}>
                                        { column_options(&props.head.columns, mapping.features[j], "— choose a column —") }
                                    </select>
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
            <p>
                <label for="map-label">{ "Label (the outcome, for evaluation): " }</label>
                <select id="map-label" onchange={on_label}>
                    { column_options(&props.head.columns, mapping.label.as_ref().map(|l| l.column), "— no label —") }
                </select>
                if let Some(label) = &mapping.label {
                    <label for="map-positive">{ " written for a default or fraud as " }</label>
                    <input id="map-positive" size="4" value={label.positive.clone()} onchange={on_positive} />
                    <span class="note">{ format!(" (any other value than {} or {} is a row error)", label.positive, label.negative) }</span>
                }
            </p>
            {
                for props.mapping.duplicate_names().into_iter().map(|(name, columns)| {
                    let numbers: Vec<String> = columns.iter().map(|c| (c + 1).to_string()).collect();
                    html! {
                        <p class="field-error batch-duplicate">
                            { format!("Columns {} are all named \"{name}\": choose which one feeds the attribute.", numbers.join(", ")) }
                        </p>
                    }
                })
            }
            if !unmatched.is_empty() {
                <p class="field-error" id="batch-unmatched">{ format!("No column chosen for: {}.", unmatched.join(", ")) }</p>
            }
            <button type="button" id="batch-start" disabled={!unmatched.is_empty()} onclick={on_start}>{ "Score the file" }</button>
        </div>
    }
}
