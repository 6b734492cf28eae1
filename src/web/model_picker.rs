//! The model picker: every catalog model, grouped by task, with its held-out AUC, and the
//! user's own models.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::catalog::Catalog;
use crate::manifest::Task;

#[derive(Properties, PartialEq)]
pub struct ModelPickerProps {
    pub catalog: Rc<Catalog>,
    /// The user's own models: (id, title).
    pub yours: Vec<(String, String)>,
    pub selected: String,
    pub on_select: Callback<String>,
}

#[function_component]
pub fn ModelPicker(props: &ModelPickerProps) -> Html {
    let onchange = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: Event| {
            on_select.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let group = |task: Task, label: &str| {
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
            <optgroup label={label.to_owned()}>
                {
                    for models.into_iter().map(|m| html! {
                        <option value={m.id.clone()} selected={m.id == props.selected}>
                            { format!("{} (AUC {:.3})", m.title, m.metrics.auc) }
                        </option>
                    })
                }
            </optgroup>
        }
    };
    html! {
        <div class="model-picker">
            <label for="model">{ "Model" }</label>
            <select id="model" {onchange}>
                { group(Task::Credit, "Credit: probability of default") }
                { group(Task::Fraud, "Fraud: probability of fraud") }
                if !props.yours.is_empty() {
                    <optgroup label="Your models">
                        { for props.yours.iter().map(|(id, title)| html! {
                            <option value={id.clone()} selected={*id == props.selected}>{ title }</option>
                        }) }
                    </optgroup>
                }
            </select>
        </div>
    }
}
