//! The form's state and its reducer: field texts, field errors, and the last assessment with
//! its attribution.

use std::rc::Rc;

use yew::Reducible;

use riskscope_core::applicant::{Applicant, FieldError, Problem, RawApplicant, Value};
use riskscope_core::assessment::Assessment;
use riskscope_core::explain::Attribution;
use riskscope_core::i18n::Message;
use riskscope_core::manifest::{FeatureKind, Manifest};
use riskscope_core::scorecard::Points;

/// The last applicant that parsed, as the model saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub applicant: Applicant,
    pub assessment: Assessment,
    pub points: Option<Points>,
    /// The attribution, or why there is none (no reference sample, a model error).
    pub attribution: Result<Attribution, NoAttribution>,
    /// Wall time of score plus attribution, in milliseconds.
    pub elapsed_ms: f64,
}

/// Why a score comes without an attribution.
#[derive(Debug, Clone, PartialEq)]
pub enum NoAttribution {
    /// The model ships no reference sample to attribute the score against.
    NoReference,
    /// The attribution failed.
    Failed(Message),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    None,
    Scored {
        scored: Box<Scored>,
        /// The fields changed since and no longer parse: this is the last valid applicant.
        stale: bool,
    },
    Failed(Message),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    /// The text of each field, in manifest order.
    pub values: Vec<String>,
    /// The problem shown beside each field, in manifest order.
    pub errors: Vec<Option<Problem>>,
    pub outcome: Outcome,
}

pub enum Action {
    SetField(usize, String),
    /// Several fields at once (a counterfactual applied).
    SetFields(Vec<(usize, String)>),
    Scored(Box<Scored>),
    Rejected(Vec<FieldError>),
    Failed(Message),
}

/// A parsed value written back as the form's text.
pub fn value_text(manifest: &Manifest, feature_idx: usize, value: Value) -> String {
    match (manifest.features.get(feature_idx).map(|f| &f.kind), value) {
        (Some(FeatureKind::Category(c)), Value::Category(k)) => c
            .categories
            .get(k)
            .map(|c| c.value.clone())
            .unwrap_or_default(),
        (_, Value::Number(x)) => x.to_string(),
        _ => String::new(),
    }
}

impl FormState {
    /// Every field at the manifest's default.
    pub fn new(manifest: &Manifest) -> FormState {
        let values: Vec<String> = manifest
            .features
            .iter()
            .map(|f| match &f.kind {
                FeatureKind::Number(n) | FeatureKind::Integer(n) => n.default.to_string(),
                FeatureKind::Category(c) => c.default.clone(),
            })
            .collect();
        FormState {
            errors: vec![None; values.len()],
            values,
            outcome: Outcome::None,
        }
    }

    /// The fields as the core parses them.
    pub fn raw(&self, manifest: &Manifest) -> RawApplicant {
        manifest
            .features
            .iter()
            .map(|f| f.name.as_str())
            .zip(self.values.iter().map(String::as_str))
            .collect()
    }
}

impl Reducible for FormState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetField(idx, text) => next.set(idx, text),
            Action::SetFields(fields) => {
                for (idx, text) in fields {
                    next.set(idx, text);
                }
            }
            Action::Scored(scored) => {
                next.errors.iter_mut().for_each(|e| *e = None);
                next.outcome = Outcome::Scored {
                    scored,
                    stale: false,
                };
            }
            Action::Rejected(field_errors) => {
                next.errors.iter_mut().for_each(|e| *e = None);
                for error in field_errors {
                    if let Some(slot) = next.errors.get_mut(error.feature_idx) {
                        *slot = Some(error.problem);
                    }
                }
                if let Outcome::Scored { stale, .. } = &mut next.outcome {
                    *stale = true;
                }
            }
            Action::Failed(message) => next.outcome = Outcome::Failed(message),
        }
        Rc::new(next)
    }
}

impl FormState {
    fn set(&mut self, idx: usize, text: String) {
        if let Some(value) = self.values.get_mut(idx) {
            *value = text;
        }
    }
}
