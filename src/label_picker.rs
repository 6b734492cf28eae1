//! A data file's label column and the values that mark a positive row (a default, a fraud) and
//! a negative one: proposed from the file's values, chosen here. The batch mapping and the
//! bring-your-own panel both use it.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{Arg, use_tr};
use crate::tr;
use riskscope_core::batch::{ColumnValues, LabelColumn};

#[derive(Properties, PartialEq)]
pub struct LabelPickerProps {
    /// The prefix of the controls' ids: `{id}-label`, `{id}-positive`, `{id}-negative`.
    pub id: AttrValue,
    pub columns: Vec<String>,
    /// Each column's values, as far as they were read.
    pub values: Vec<ColumnValues>,
    pub label: Option<LabelColumn>,
    /// The "no label" choice's text, when a file may have none.
    #[prop_or_default]
    pub none: Option<AttrValue>,
    /// The message that says what becomes of a row with another value.
    pub note: &'static str,
    pub on_change: Callback<Option<LabelColumn>>,
}

/// "Label: [column] written for a default or fraud as [yes] and otherwise as [no]": the
/// values are choices when the column shows a few, boxes to type in when it shows many.
#[component]
pub fn LabelPicker(props: &LabelPickerProps) -> Html {
    let tr = use_tr();
    let id = |part: &str| format!("{}-{part}", props.id);
    let on_label = {
        let (values, on_change) = (props.values.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let label = select.value().parse::<usize>().ok().map(|column| {
                let seen = values.get(column).cloned().unwrap_or_default();
                LabelColumn::from_values(column, &seen)
            });
            on_change.emit(label);
        })
    };
    let set = |positive: bool| {
        let (label, on_change) = (props.label.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<HtmlSelectElement>()
                .map(|s| s.value())
                .or_else(|| e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()))
                .unwrap_or_default()
                .trim()
                .to_owned();
            let mut label = label.clone();
            if let Some(label) = label.as_mut() {
                let (this, other) = if positive {
                    (&mut label.positive, &mut label.negative)
                } else {
                    (&mut label.negative, &mut label.positive)
                };
                // Choosing the other side's value swaps the two.
                if *other == value {
                    *other = this.clone();
                }
                *this = value;
            }
            on_change.emit(label);
        })
    };
    let selected = props.label.as_ref().map(|l| l.column);
    let few = props
        .label
        .as_ref()
        .and_then(|l| props.values.get(l.column))
        .and_then(ColumnValues::few)
        .filter(|few| !few.is_empty());
    let value_control = |part: &str, current: &str, onchange: Callback<Event>| match few {
        Some(few) => html! {
            <select id={id(part)} {onchange}>
                if !few.iter().any(|(v, _)| v == current) {
                    <option value={current.to_owned()} selected=true>{ current }</option>
                }
                { for few.iter().map(|(v, n)| html! {
                    <option value={v.clone()} selected={v == current}>
                        { tr!(tr, "batch-label-value", value = v.as_str(), rows = n.to_string()) }
                    </option>
                }) }
            </select>
        },
        None => html! {
            <input id={id(part)} size="6" value={current.to_owned()} {onchange} />
        },
    };
    html! {
        <p class="label-picker" id={id("label-choice")}>
            <label for={id("label")}>{ format!("{} ", tr!(tr, "batch-label")) }</label>
            <select id={id("label")} onchange={on_label}>
                if let Some(none) = &props.none {
                    <option value="" selected={selected.is_none()}>{ none }</option>
                }
                { for props.columns.iter().enumerate().map(|(c, name)| html! {
                    <option value={c.to_string()} selected={selected == Some(c)}>{ name }</option>
                }) }
            </select>
            if let Some(label) = &props.label {
                <label for={id("positive")}>{ format!(" {} ", tr!(tr, "batch-label-positive")) }</label>
                { value_control("positive", &label.positive, set(true)) }
                <label for={id("negative")}>{ format!(" {} ", tr!(tr, "batch-label-negative")) }</label>
                { value_control("negative", &label.negative, set(false)) }
                <span class="note">{ format!(" {}", tr.f(props.note, &[
                    ("positive", Arg::from(label.positive.as_str())),
                    ("negative", Arg::from(label.negative.as_str())),
                ])) }</span>
            }
        </p>
    }
}
