//! One form field for a manifest feature: a number input with its range, or a select of labelled categories.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::applicant::Problem;
use riskscope_core::manifest::{Categorical, Feature, FeatureKind, ImputedValue, Missing, Numeric};
use riskscope_core::reasons::format_feature_number;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub idx: usize,
    pub feature: Feature,
    pub value: String,
    pub error: Option<Problem>,
    pub on_change: Callback<(usize, String)>,
    /// A cell of the history grid: the label and hint are read by screen readers, not shown.
    #[prop_or_default]
    pub compact: bool,
}

/// "months, 1 to 120" for a number; nothing for a category.
fn range_hint(tr: Tr, numeric: &Numeric) -> String {
    // The bounds as the manifest writes them (what the field accepts), not rounded.
    let (min, max) = (numeric.min.to_string(), numeric.max.to_string());
    match numeric.unit.as_deref() {
        Some(unit) => tr!(tr, "form-range-unit", unit = unit, min = min, max = max),
        None => tr!(tr, "form-range", min = min, max = max),
    }
}

/// How to leave the field unknown and what it is then scored as; `None` when the feature's
/// policy refuses a missing value.
fn unknown_hint(tr: Tr, feature: &Feature) -> Option<String> {
    let Missing::Impute(imputation) = &feature.policy.missing else {
        return None;
    };
    let kind = match feature.kind {
        FeatureKind::Category(_) => "category",
        _ => "number",
    };
    let value = match (&feature.kind, &imputation.value) {
        (FeatureKind::Category(c), ImputedValue::Text(text)) => c
            .find(text)
            .map(|k| c.categories[k].label.clone())
            .unwrap_or_else(|| text.clone()),
        // Written as the value notes write it once scored.
        (FeatureKind::Number(_) | FeatureKind::Integer(_), ImputedValue::Number(x)) => {
            format_feature_number(feature, *x)
        }
        (_, value) => value.text(),
    };
    Some(tr!(tr, "form-unknown-allowed", value = value, kind = kind))
}

/// A select of the feature's labelled categories, with "Unknown" first where the policy imputes.
fn category_control(
    tr: Tr,
    props: &FieldProps,
    categorical: &Categorical,
    id: &str,
    described_by: &str,
    invalid: &'static str,
) -> Html {
    let feature = &props.feature;
    let idx = props.idx;
    let imputes = matches!(feature.policy.missing, Missing::Impute(_));
    let on_change = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        on_change.emit((idx, e.target_unchecked_into::<HtmlSelectElement>().value()));
    });
    html! {
        <select id={id.to_owned()} name={feature.name.clone()} {onchange}
            aria-invalid={invalid} aria-describedby={described_by.to_owned()}>
            if imputes {
                <option value="" selected={props.value.is_empty()}>{ tr!(tr, "form-unknown-option") }</option>
            }
            {
                for categorical.categories.iter().map(|c| html! {
                    <option value={c.value.clone()} selected={c.value == props.value}>{ &c.label }</option>
                })
            }
        </select>
    }
}

#[component]
pub fn Field(props: &FieldProps) -> Html {
    let tr = use_tr();
    let feature = &props.feature;
    let id = format!("f-{}", feature.name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = if props.error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let invalid = if props.error.is_some() {
        "true"
    } else {
        "false"
    };
    let idx = props.idx;

    let (control, hint) = match &feature.kind {
        FeatureKind::Number(numeric) | FeatureKind::Integer(numeric) => {
            let on_change = props.on_change.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                on_change.emit((idx, e.target_unchecked_into::<HtmlInputElement>().value()));
            });
            let step = if matches!(feature.kind, FeatureKind::Integer(_)) {
                "1"
            } else {
                "any"
            };
            // A slider over the training range beside the exact field, for what-if dragging.
            let [lo, hi] = numeric.training_range.unwrap_or([numeric.min, numeric.max]);
            let (lo, hi) = (lo.max(numeric.min), hi.min(numeric.max));
            let slider_step = if step == "1" {
                "1".to_string()
            } else {
                ((hi - lo) / 200.0).to_string()
            };
            let on_slide = {
                let on_change = props.on_change.clone();
                Callback::from(move |e: InputEvent| {
                    on_change.emit((idx, e.target_unchecked_into::<HtmlInputElement>().value()));
                })
            };
            let control = html! {
                <>
                    <input type="number" id={id.clone()} name={feature.name.clone()}
                        min={numeric.min.to_string()} max={numeric.max.to_string()} {step}
                        value={props.value.clone()} {oninput}
                        aria-invalid={invalid} aria-describedby={described_by.clone()} />
                    if !props.compact && hi > lo {
                        <input type="range" class="slider" id={format!("{id}-slider")}
                            min={lo.to_string()} max={hi.to_string()} step={slider_step}
                            value={props.value.clone()} oninput={on_slide}
                            aria-label={tr!(tr, "form-slider", label = &feature.label)} />
                    }
                </>
            };
            (
                control,
                tr!(
                    tr,
                    "form-hint",
                    description = &feature.description,
                    range = range_hint(tr, numeric)
                ),
            )
        }
        FeatureKind::Category(categorical) => (
            category_control(tr, props, categorical, &id, &described_by, invalid),
            feature.description.clone(),
        ),
    };
    let hint = match unknown_hint(tr, feature) {
        Some(unknown) => format!("{hint} {unknown}"),
        None => hint,
    };

    let hidden = props.compact.then_some("visually-hidden");
    html! {
        <div class={classes!("field", props.compact.then_some("compact"), props.error.is_some().then_some("invalid"))}>
            <label for={id} class={classes!(hidden)}>{ &feature.label }</label>
            { control }
            <p class={classes!("hint", hidden)} id={hint_id}>{ hint }</p>
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id}>{ tr.m(error) }</p>
            }
        </div>
    }
}
