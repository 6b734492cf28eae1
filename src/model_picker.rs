//! The model picker: every catalog model, grouped by task, with its held-out AUC, and the
//! user's own models.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::i18n::use_tr;
use crate::tr;
use riskscope_core::catalog::Catalog;
use riskscope_core::manifest::Task;

#[derive(Properties, PartialEq)]
pub struct ModelPickerProps {
    pub catalog: Rc<Catalog>,
    /// The user's own models: (id, title).
    pub yours: Vec<(String, String)>,
    pub selected: String,
    pub on_select: Callback<String>,
}

#[component]
pub fn ModelPicker(props: &ModelPickerProps) -> Html {
    let tr = use_tr();
    let onchange = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: Event| {
            on_select.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let group = |task: Task, label: String| {
        let models: Vec<_> = props
            .catalog
            .models
            .iter()
            .filter(|m| m.task == task)
            .collect();
        if models.is_empty() {
            return html! {};
        }
        html! {
            <optgroup {label}>
                {
                    for models.into_iter().map(|m| html! {
                        <option value={m.id.clone()} selected={m.id == props.selected}>
                            { tr!(tr, "form-picker-model", title = m.title_in(tr.lang()), auc = tr.num(m.metrics.auc, 3)) }
                        </option>
                    })
                }
            </optgroup>
        }
    };
    html! {
        <div class="model-picker">
            <label for="model">{ tr!(tr, "form-picker-label") }</label>
            <select id="model" {onchange}>
                { group(Task::Credit, tr!(tr, "form-picker-credit")) }
                { group(Task::Fraud, tr!(tr, "form-picker-fraud")) }
                if !props.yours.is_empty() {
                    <optgroup label={tr!(tr, "form-picker-yours")}>
                        { for props.yours.iter().map(|(id, title)| html! {
                            // The user's own words: not the page's to translate.
                            <option value={id.clone()} selected={*id == props.selected} translate="no">{ title }</option>
                        }) }
                    </optgroup>
                }
            </select>
        </div>
    }
}
