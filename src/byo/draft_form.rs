//! The draft manifest's form: a model without a manifest is described here before it is used.

use super::*;

/// The draft being completed, shared with the panel (which reads it when "Use this model" is
/// pressed). Fields edit it in place on every keystroke and the form is not re-rendered for it:
/// a re-render would write the draft's last parsed values over what is being typed.
pub(super) type SharedDraft = Rc<RefCell<Option<Draft>>>;

#[derive(Properties)]
pub(super) struct DraftFormProps {
    pub(super) draft: SharedDraft,
}

impl PartialEq for DraftFormProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.draft, &other.draft)
    }
}

/// The proposed manifest, for the user to complete: what the model is, how to read its
/// output, and each input column's name, range and default.
#[component]
pub(super) fn DraftForm(props: &DraftFormProps) -> Html {
    let tr = use_tr();
    let edit = |apply: fn(&mut Draft, String)| {
        let draft = props.draft.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()))
                .unwrap_or_default();
            if let Some(d) = draft.borrow_mut().as_mut() {
                apply(d, value);
            }
        })
    };
    let typed = |apply: fn(&mut Draft, String)| {
        let edit = edit(apply);
        Callback::from(move |e: InputEvent| edit.emit(e.into()))
    };
    let Some(d) = props.draft.borrow().clone() else {
        return Html::default();
    };
    let d = &d;
    html! {
        <fieldset class="byo-draft" id="byo-draft">
            <legend>{ tr!(tr, "byo-draft") }</legend>
            <div class="byo-grid">
                <label for="byo-title">{ tr!(tr, "byo-title") }</label>
                <input id="byo-title" value={d.title.clone()} oninput={typed(|d, v| d.title = v)} />
                <label for="byo-task">{ tr!(tr, "byo-task") }</label>
                <select id="byo-task" onchange={edit(|d, v| d.task = if v == "fraud" { Task::Fraud } else { Task::Credit })}>
                    <option value="credit" selected={d.task == Task::Credit}>{ tr!(tr, "byo-task-credit") }</option>
                    <option value="fraud" selected={d.task == Task::Fraud}>{ tr!(tr, "byo-task-fraud") }</option>
                </select>
                <label for="byo-output">{ tr!(tr, "byo-output") }</label>
                <input id="byo-output" value={d.output_name.clone()} oninput={typed(|d, v| d.output_name = v)} />
                <label for="byo-column">{ tr!(tr, "byo-column") }</label>
                <input id="byo-column" type="number" min="0" step="1" value={d.output_column.to_string()}
                    oninput={typed(|d, v| if let Ok(c) = v.parse() { d.output_column = c })} />
                <label for="byo-kind">{ tr!(tr, "byo-kind") }</label>
                <select id="byo-kind" onchange={edit(|d, v| d.output_kind = if v == "anomaly_score" { OutputKind::AnomalyScore } else { OutputKind::Probability })}>
                    <option value="probability" selected={d.output_kind == OutputKind::Probability}>{ tr!(tr, "byo-kind-probability") }</option>
                    <option value="anomaly_score" selected={d.output_kind == OutputKind::AnomalyScore}>{ tr!(tr, "byo-kind-anomaly") }</option>
                </select>
                <label for="byo-cutoff">{ tr!(tr, "byo-cutoff") }</label>
                <input id="byo-cutoff" type="number" step="any" value={d.cutoff.to_string()}
                    oninput={typed(|d, v| if let Ok(c) = v.parse() { d.cutoff = c })} />
            </div>
            <DraftColumns draft={props.draft.clone()} />
        </fieldset>
    }
}

/// Each input column's name, label, kind, range and default (a string input's categories and
/// its default among them).
#[component]
fn DraftColumns(props: &DraftFormProps) -> Html {
    let tr = use_tr();
    let column_edit = |idx: usize, apply: fn(&mut riskscope_core::byo::DraftColumn, String)| {
        let draft = props.draft.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = if input.type_() == "checkbox" {
                input.checked().to_string()
            } else {
                input.value()
            };
            if let Some(column) = draft
                .borrow_mut()
                .as_mut()
                .and_then(|d| d.columns.get_mut(idx))
            {
                apply(column, value);
            }
        })
    };
    let column_typed = |idx: usize, apply: fn(&mut riskscope_core::byo::DraftColumn, String)| {
        let edit = column_edit(idx, apply);
        Callback::from(move |e: InputEvent| edit.emit(e.into()))
    };
    let text_default = |idx: usize| {
        let draft = props.draft.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut draft = draft.borrow_mut();
            let texts = draft
                .as_mut()
                .and_then(|d| d.columns.get_mut(idx))
                .and_then(|c| c.texts.as_mut());
            if let (Some(texts), Ok(k)) = (texts, select.value().parse::<usize>()) {
                texts.default = k;
            }
        })
    };
    let Some(d) = props.draft.borrow().clone() else {
        return Html::default();
    };
    html! {
        <table class="byo-columns">
            <caption>{ tr!(tr, "byo-columns") }</caption>
            <thead><tr>
                <th scope="col">{ tr!(tr, "byo-col-number") }</th><th scope="col">{ tr!(tr, "byo-col-name") }</th>
                <th scope="col">{ tr!(tr, "byo-col-label") }</th><th scope="col">{ tr!(tr, "byo-col-integer") }</th>
                <th scope="col">{ tr!(tr, "byo-col-min") }</th><th scope="col">{ tr!(tr, "byo-col-max") }</th>
                <th scope="col">{ tr!(tr, "byo-col-default") }</th>
            </tr></thead>
            <tbody>
                { for d.columns.iter().enumerate().map(|(i, c)| html! {
                    <tr>
                        <td>{ i + 1 }</td>
                        <td><input id={format!("byo-name-{i}")} aria-label={tr!(tr, "byo-name-of", n = (i + 1).to_string())} value={c.name.clone()} oninput={column_typed(i, |c, v| c.name = v)} /></td>
                        <td><input aria-label={tr!(tr, "byo-label-of", n = (i + 1).to_string())} value={c.label.clone()} oninput={column_typed(i, |c, v| c.label = v)} /></td>
                        <td><input type="checkbox" aria-label={tr!(tr, "byo-integer-of", n = (i + 1).to_string())} checked={c.integer} disabled={c.texts.is_some()} onchange={column_edit(i, |c, v| c.integer = v == "true")} /></td>
                        if let Some(texts) = &c.texts {
                            // A string input: its encoder's categories, fed as text.
                            <td colspan="2" class="byo-texts" data-known={texts.known.len().to_string()} data-unseen={texts.unseen.to_string()}>
                                { tr!(tr, "byo-col-texts", count = tr.num(texts.known.len() as f64, 0), unseen = texts.unseen.to_string()) }
                            </td>
                            <td>
                                <select aria-label={tr!(tr, "byo-default-of", n = (i + 1).to_string())} onchange={text_default(i)}>
                                    { for texts.known.iter().enumerate().map(|(k, t)| html! {
                                        <option value={k.to_string()} selected={k == texts.default}>{ t.clone() }</option>
                                    }) }
                                </select>
                            </td>
                        } else if let Some([no, yes]) = &c.categories {
                            // A yes/no column: the model reads its two values as 0 and 1.
                            <td colspan="2" class="byo-yes-no">{ tr!(tr, "byo-col-yes-no", no = no.as_str(), yes = yes.as_str()) }</td>
                        } else {
                            <td><input type="number" step="any" aria-label={tr!(tr, "byo-min-of", n = (i + 1).to_string())} value={c.min.to_string()} oninput={column_typed(i, |c, v| if let Ok(x) = v.parse() { c.min = x })} /></td>
                            <td><input type="number" step="any" aria-label={tr!(tr, "byo-max-of", n = (i + 1).to_string())} value={c.max.to_string()} oninput={column_typed(i, |c, v| if let Ok(x) = v.parse() { c.max = x })} /></td>
                        }
                        if c.texts.is_none() {
                            <td><input type="number" step="any" aria-label={tr!(tr, "byo-default-of", n = (i + 1).to_string())} value={c.default.to_string()} oninput={column_typed(i, |c, v| if let Ok(x) = v.parse() { c.default = x })} /></td>
                        }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
