//! Which column feeds which attribute, and which holds the label; names that match (case and
//! separators aside) are proposed, the rest chosen here.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::use_tr;
use crate::label_picker::LabelPicker;
use crate::tr;
use riskscope_core::batch::text::CHOICES;
use riskscope_core::batch::{FileHead, LabelColumn, Mapping, TextEncoding};
use riskscope_core::manifest::Manifest;

#[derive(Properties, PartialEq)]
pub struct MappingViewProps {
    pub manifest: Manifest,
    pub head: FileHead,
    pub mapping: Mapping,
    pub bytes: u64,
    pub on_start: Callback<Mapping>,
    /// The user chose another encoding (its name): the header is read again in it.
    pub on_encoding: Callback<String>,
}

/// "Read as GBK (guessed from the file's start)", and a choice of another encoding.
#[component]
fn EncodingChoice(props: &EncodingChoiceProps) -> Html {
    let tr = use_tr();
    let current = &props.encoding.name;
    let on_change = {
        let on_encoding = props.on_encoding.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_encoding.emit(select.value());
        })
    };
    let listed = CHOICES.contains(&current.as_str());
    html! {
        <p id="batch-encoding" data-encoding={current.clone()}>
            { tr.m(&props.encoding) }{ " " }
            <label for="batch-encoding-choice">{ tr!(tr, "batch-encoding-choose") }</label>{ " " }
            <select id="batch-encoding-choice" translate="no" onchange={on_change}>
                if !listed {
                    <option value={current.clone()} selected=true>{ current }</option>
                }
                { for CHOICES.iter().map(|name| html! {
                    <option value={*name} selected={name == current}>{ *name }</option>
                }) }
            </select>
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct EncodingChoiceProps {
    encoding: TextEncoding,
    on_encoding: Callback<String>,
}

fn column_options(columns: &[String], selected: Option<usize>, none: String) -> Html {
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

#[component]
pub fn MappingView(props: &MappingViewProps) -> Html {
    let tr = use_tr();
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
        Callback::from(move |label: Option<LabelColumn>| {
            let mut next = (*mapping).clone();
            next.label = label;
            mapping.set(next);
        })
    };
    let on_start = {
        let (mapping, on_start) = (mapping.clone(), props.on_start.clone());
        Callback::from(move |_: MouseEvent| on_start.emit((*mapping).clone()))
    };
    let separator = match props.head.separator {
        b'\t' => tr!(tr, "batch-separator-tab"),
        s => tr!(tr, "batch-separator-char", char = (s as char).to_string()),
    };
    let list_separator = tr!(tr, "batch-list-separator");
    html! {
        <div class="batch-mapping">
            <p id="batch-head">
                { format!("{} ", tr!(tr, "batch-head",
                    columns = tr.num(props.head.columns.len() as f64, 0),
                    separator = separator,
                    size = tr.num(props.bytes as f64 / 1e6, 1))) }
                if matched_all {
                    { tr!(tr, "batch-all-matched") }
                } else {
                    { tr!(tr, "batch-some-unmatched", count = props.mapping.unmatched(manifest).len().to_string()) }
                }
            </p>
            <EncodingChoice encoding={props.head.encoding.clone()} on_encoding={props.on_encoding.clone()} />
            <details open={!matched_all}>
                <summary>{ tr!(tr, "batch-mapping-summary") }</summary>
                <table class="mapping">
                    <thead><tr>
                        <th scope="col">{ tr!(tr, "batch-mapping-attribute") }</th>
                        <th scope="col">{ tr!(tr, "batch-mapping-column") }</th>
                    </tr></thead>
                    <tbody>
                        { for manifest.features.iter().enumerate().map(|(j, f)| html! {
                            <tr>
                                <th scope="row"><label for={format!("map-{}", f.name)}>{ &f.label }</label></th>
                                <td>
                                    <select id={format!("map-{}", f.name)} onchange={set_feature(j)}>
                                        { column_options(&props.head.columns, mapping.features[j], tr!(tr, "batch-choose-column")) }
                                    </select>
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
            <LabelPicker id="map" columns={props.head.columns.clone()} values={props.head.values.clone()}
                label={mapping.label.clone()} none={AttrValue::from(tr!(tr, "batch-no-label"))}
                note="batch-label-note" on_change={on_label} />
            {
                for props.mapping.duplicate_names().into_iter().map(|(name, columns)| {
                    let numbers: Vec<String> = columns.iter().map(|c| (c + 1).to_string()).collect();
                    html! {
                        <p class="field-error batch-duplicate">
                            { tr!(tr, "batch-duplicate", columns = numbers.join(&list_separator), name = name) }
                        </p>
                    }
                })
            }
            if !unmatched.is_empty() {
                <p class="field-error" id="batch-unmatched">
                    { tr!(tr, "batch-unmatched", features = unmatched.join(&list_separator)) }
                </p>
            }
            <button type="button" id="batch-start" disabled={!unmatched.is_empty()} onclick={on_start}>{ tr!(tr, "batch-start") }</button>
        </div>
    }
}
