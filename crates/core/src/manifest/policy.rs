//! What a feature's value policy says about values the model did not learn from, and about no
//! value at all: score and flag, clamp, impute, or refuse.
//!
//! The training range (`training_range`, else `min`..`max`) is what the model learnt from. A
//! value outside it is always noted beside the score ([`crate::applicant::Note`]); the policy
//! decides whether it is scored as given, moved to the range's nearest edge, or refused when it
//! also lies outside `min`..`max`. A manifest without a policy refuses both, as format 1 always
//! did.

use serde::{Deserialize, Serialize};

use super::{Feature, FeatureKind, Numeric, invalid};
use crate::i18n::Message;
use crate::manifest::ManifestError;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValuePolicy {
    #[serde(default)]
    pub outside: Outside,
    #[serde(default)]
    pub missing: Missing,
}

impl ValuePolicy {
    /// Format 1's rule, and the default: refuse what is outside `min`..`max` and what is missing.
    pub fn is_strict(&self) -> bool {
        self.outside == Outside::Refuse && self.missing == Missing::Refuse
    }
}

/// A number outside the training range.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outside {
    /// Scored as given and noted; outside `min`..`max` it is a row error.
    #[default]
    Refuse,
    /// Scored as given and noted, whatever the value; `min`..`max` only bound the form's field.
    Flag,
    /// Scored at the training range's nearest edge and noted; outside `min`..`max` it is a row
    /// error.
    Clamp,
}

/// No value at all (an empty cell, a field left unknown).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Missing {
    #[default]
    Refuse,
    /// Scored with this value in its place, and noted.
    Impute(Imputation),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Imputation {
    /// A number for a number feature; a category's value (as the data writes it) for a category.
    pub value: ImputedValue,
    pub from: ImputedFrom,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ImputedValue {
    Number(f64),
    Text(String),
}

/// Where the imputed value comes from, so the page and the card can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImputedFrom {
    /// The training rows' median.
    Median,
    /// The training rows' most common category.
    Mode,
    /// A value the manifest's author declared.
    Declared,
    /// The value the model's own graph puts in place of a missing number (a scikit-learn
    /// pipeline's SimpleImputer, exported as an ONNX-ML Imputer).
    Model,
}

impl Numeric {
    /// What the model learnt from: the training range, else the allowed range.
    pub fn learnt(&self) -> [f64; 2] {
        self.training_range.unwrap_or([self.min, self.max])
    }
}

/// The policy fits its feature: clamping needs a number, an imputed value is one the feature
/// accepts (a number inside `min`..`max`, whole for an integer; one of the categories).
pub(super) fn check_policy(at: &Message, feature: &Feature) -> Result<(), ManifestError> {
    let policy = &feature.policy;
    let is_number = !matches!(feature.kind, FeatureKind::Category(_));
    if policy.outside != Outside::Refuse && !is_number {
        return Err(invalid(
            at,
            Message::new("manifest-policy-outside-category"),
        ));
    }
    let Missing::Impute(imputation) = &policy.missing else {
        return Ok(());
    };
    let fits = match (&feature.kind, &imputation.value) {
        (FeatureKind::Number(n), ImputedValue::Number(x)) => (n.min..=n.max).contains(x),
        // The model's own imputer may give a whole-number feature its mean.
        (FeatureKind::Integer(n), ImputedValue::Number(x)) => {
            (n.min..=n.max).contains(x)
                && (x.fract() == 0.0 || imputation.from == ImputedFrom::Model)
        }
        (FeatureKind::Category(c), ImputedValue::Text(text)) => c.find(text).is_some(),
        _ => false,
    };
    let from_fits = match imputation.from {
        ImputedFrom::Median | ImputedFrom::Model => is_number,
        ImputedFrom::Mode => !is_number,
        ImputedFrom::Declared => true,
    };
    if fits && from_fits {
        Ok(())
    } else {
        Err(invalid(
            at,
            Message::new("manifest-policy-imputed-value").arg("value", imputation.value.text()),
        ))
    }
}

impl ImputedValue {
    pub fn text(&self) -> String {
        match self {
            ImputedValue::Number(x) => x.to_string(),
            ImputedValue::Text(t) => t.clone(),
        }
    }
}
