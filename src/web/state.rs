//! The form's state and its reducer: field texts, field errors, and the last assessment.

use std::rc::Rc;

use yew::Reducible;

use crate::applicant::{FieldError, RawApplicant};
use crate::assessment::Assessment;
use crate::manifest::{FeatureKind, Manifest};
use crate::scorecard::Points;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    None,
    Scored {
        assessment: Assessment,
        points: Option<Points>,
        stale: bool,
    },
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    /// The text of each field, in manifest order.
    pub values: Vec<String>,
    /// The error shown beside each field, in manifest order.
    pub errors: Vec<Option<String>>,
    pub outcome: Outcome,
}

pub enum Action {
    SetField(usize, String),
    Scored {
        assessment: Assessment,
        points: Option<Points>,
    },
    Rejected(Vec<FieldError>),
    Failed(String),
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
            Action::SetField(idx, text) => {
                if let Some(value) = next.values.get_mut(idx) {
                    *value = text;
                }
                if let Some(error) = next.errors.get_mut(idx) {
                    *error = None;
                }
                if let Outcome::Scored { stale, .. } = &mut next.outcome {
                    *stale = true;
                }
            }
            Action::Scored { assessment, points } => {
                next.errors.iter_mut().for_each(|e| *e = None);
                next.outcome = Outcome::Scored {
                    assessment,
                    points,
                    stale: false,
                };
            }
            Action::Rejected(field_errors) => {
                next.errors.iter_mut().for_each(|e| *e = None);
                for error in field_errors {
                    if let Some(slot) = next.errors.get_mut(error.feature_idx) {
                        *slot = Some(error.problem.to_string());
                    }
                }
                next.outcome = Outcome::None;
            }
            Action::Failed(message) => next.outcome = Outcome::Failed(message),
        }
        Rc::new(next)
    }
}
