//! Raw applicant fields (strings, as typed or read from a file) parsed once into a typed [`Applicant`].
//!
//! Parsing checks every field against the manifest and reports every problem, each naming its
//! feature, so a form can show each error beside its field. After parsing nothing else checks.

use std::collections::BTreeMap;
use std::fmt;

use thiserror::Error;

use crate::i18n::{Localized, Message};
use crate::manifest::{Feature, FeatureKind, ImputedValue, Manifest, Missing, Numeric, Outside};

pub use crate::manifest::Value;

/// Field name -> text, exactly as the user gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawApplicant(BTreeMap<String, String>);

impl RawApplicant {
    pub fn insert(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.0.insert(name.into(), text.into());
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for RawApplicant {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        RawApplicant(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

/// One applicant, one value per manifest feature, in manifest order, and a note for each value
/// the model was given other than as the applicant's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Applicant {
    values: Vec<Value>,
    notes: Vec<ValueNote>,
}

/// Why a value the model scored is not simply the one given ([`crate::manifest::ValuePolicy`]).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Note {
    /// No value was given; the policy's value was scored in its place.
    Imputed,
    /// The value is outside what the model learnt from; it was scored as given.
    Outside,
    /// The value is outside what the model learnt from; the range's nearest edge was scored.
    Clamped { given: f64 },
    /// A category the model did not see in training; scored as the model's own encoder scores
    /// any value it has not seen (the feature's category for unseen values).
    Unseen,
}

impl Note {
    /// Bits of a row's notes in a batch: [`Note::bit`] of each note, or-ed.
    pub const fn bit(self) -> u8 {
        match self {
            Note::Imputed => 1,
            Note::Outside => 2,
            Note::Clamped { .. } => 4,
            Note::Unseen => 8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValueNote {
    pub feature_idx: usize,
    pub note: Note,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    Missing,
    NotANumber { text: String },
    NotAWholeNumber { value: f64 },
    OutOfRange { value: f64, min: f64, max: f64 },
    UnknownCategory { text: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing => write!(f, "no value given"),
            Problem::NotANumber { text } => write!(f, "\"{text}\" is not a number"),
            Problem::NotAWholeNumber { value } => write!(f, "{value} is not a whole number"),
            Problem::OutOfRange { value, min, max } => {
                write!(f, "{value} is outside the allowed range {min} to {max}")
            }
            Problem::UnknownCategory { text } => {
                write!(f, "\"{text}\" is not one of the categories")
            }
        }
    }
}

impl Localized for Problem {
    /// Values are written as parsed, as the user typed them.
    fn message(&self) -> Message {
        match self {
            Problem::Missing => Message::new("form-problem-missing"),
            Problem::NotANumber { text } => {
                Message::new("form-problem-not-a-number").arg("text", text)
            }
            Problem::NotAWholeNumber { value } => {
                Message::new("form-problem-not-whole").arg("value", value.to_string())
            }
            Problem::OutOfRange { value, min, max } => Message::new("form-problem-out-of-range")
                .arg("value", value.to_string())
                .arg("min", min.to_string())
                .arg("max", max.to_string()),
            Problem::UnknownCategory { text } => {
                Message::new("form-problem-unknown-category").arg("text", text)
            }
        }
    }
}

/// A problem with one field, naming the field.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("field \"{feature}\": {problem}")]
pub struct FieldError {
    pub feature: String,
    /// Index of the feature in the manifest.
    pub feature_idx: usize,
    pub problem: Problem,
}

/// Every problem found in one applicant, in manifest order; never empty.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct InputErrors(pub Vec<FieldError>);

impl Localized for FieldError {
    fn message(&self) -> Message {
        Message::new("core-input-field")
            .arg("feature", &self.feature)
            .arg("problem", self.problem.message())
    }
}

impl Localized for InputErrors {
    fn message(&self) -> Message {
        Message::list(self.0.iter().map(Localized::message), "core-input-more")
            .unwrap_or_else(|| Message::new("form-problem-missing"))
    }
}

impl Applicant {
    /// Parses every manifest feature from `raw`; fields the manifest does not name are ignored.
    pub fn parse(manifest: &Manifest, raw: &RawApplicant) -> Result<Applicant, InputErrors> {
        Applicant::parse_fields(manifest, |feature_idx| {
            manifest
                .features
                .get(feature_idx)
                .and_then(|f| raw.get(&f.name))
        })
    }

    /// Parses every manifest feature from the text `field(feature_idx)` gives (a file's cell,
    /// a form's field), without building a map first.
    pub fn parse_fields<'t>(
        manifest: &Manifest,
        field: impl Fn(usize) -> Option<&'t str>,
    ) -> Result<Applicant, InputErrors> {
        let mut values = Vec::with_capacity(manifest.features.len());
        let mut notes = Vec::new();
        let mut errors = Vec::new();
        for (feature_idx, feature) in manifest.features.iter().enumerate() {
            match read_value(feature, field(feature_idx)) {
                Ok((value, note)) => {
                    values.push(value);
                    notes.extend(note.map(|note| ValueNote { feature_idx, note }));
                }
                Err(problem) => errors.push(FieldError {
                    feature: feature.name.clone(),
                    feature_idx,
                    problem,
                }),
            }
        }
        if errors.is_empty() {
            Ok(Applicant { values, notes })
        } else {
            Err(InputErrors(errors))
        }
    }

    /// The manifest's default applicant: every feature at its default.
    pub fn defaults(manifest: &Manifest) -> Applicant {
        let values = manifest
            .features
            .iter()
            .map(|f| match &f.kind {
                FeatureKind::Number(n) | FeatureKind::Integer(n) => Value::Number(n.default),
                FeatureKind::Category(c) => Value::Category(c.default_index()),
            })
            .collect();
        Applicant {
            values,
            notes: Vec::new(),
        }
    }

    pub fn values(&self) -> &[Value] {
        &self.values
    }

    /// The values scored other than as given, in manifest order.
    pub fn notes(&self) -> &[ValueNote] {
        &self.notes
    }

    /// The note on one feature's value, if any.
    pub fn note(&self, feature_idx: usize) -> Option<Note> {
        self.notes
            .iter()
            .find(|n| n.feature_idx == feature_idx)
            .map(|n| n.note)
    }

    /// The notes' bits ([`Note::bit`]), or-ed; 0 when every value is the applicant's own.
    pub fn note_bits(&self) -> u8 {
        self.notes.iter().fold(0, |bits, n| bits | n.note.bit())
    }

    /// This applicant with one feature changed, checked as [`Applicant::parse`] checks it.
    pub fn with_value(
        &self,
        manifest: &Manifest,
        feature_idx: usize,
        value: Value,
    ) -> Result<Applicant, FieldError> {
        let feature = manifest.features.get(feature_idx);
        let problem = match (feature.map(|f| &f.kind), value) {
            (Some(FeatureKind::Number(n) | FeatureKind::Integer(n)), Value::Number(x)) => {
                let integer = matches!(feature.map(|f| &f.kind), Some(FeatureKind::Integer(_)));
                if !(x.is_finite() && (n.min..=n.max).contains(&x)) {
                    Some(Problem::OutOfRange {
                        value: x,
                        min: n.min,
                        max: n.max,
                    })
                } else if integer && x.fract() != 0.0 {
                    Some(Problem::NotAWholeNumber { value: x })
                } else {
                    None
                }
            }
            (Some(FeatureKind::Category(c)), Value::Category(k)) if k < c.categories.len() => None,
            _ => Some(Problem::UnknownCategory {
                text: format!("{value:?}"),
            }),
        };
        match (problem, self.values.get(feature_idx)) {
            (None, Some(_)) => {
                // The value is now one chosen for the applicant: its old note goes.
                let mut next = self.clone();
                next.values[feature_idx] = value;
                next.notes.retain(|n| n.feature_idx != feature_idx);
                Ok(next)
            }
            (problem, _) => Err(FieldError {
                feature: feature.map(|f| f.name.clone()).unwrap_or_default(),
                feature_idx,
                problem: problem.unwrap_or(Problem::Missing),
            }),
        }
    }
}

/// Reads one field's text as the feature's kind and value policy ask: the value to score, and
/// the note that goes with it when it is not simply the value given.
pub fn read_value(feature: &Feature, text: Option<&str>) -> Result<(Value, Option<Note>), Problem> {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    let Some(text) = text else {
        return match &feature.policy.missing {
            Missing::Refuse => Err(Problem::Missing),
            Missing::Impute(imputation) => {
                let value = match (&feature.kind, &imputation.value) {
                    (FeatureKind::Category(c), ImputedValue::Text(t)) => {
                        c.find(t).map(Value::Category)
                    }
                    (FeatureKind::Number(_) | FeatureKind::Integer(_), ImputedValue::Number(x)) => {
                        Some(Value::Number(*x))
                    }
                    // `Manifest::parse` checked that the imputed value fits the feature.
                    _ => None,
                };
                value
                    .map(|v| (v, Some(Note::Imputed)))
                    .ok_or(Problem::Missing)
            }
        };
    };
    match &feature.kind {
        FeatureKind::Number(n) => read_number(n, feature.policy.outside, text, false),
        FeatureKind::Integer(n) => read_number(n, feature.policy.outside, text, true),
        FeatureKind::Category(c) => c
            .find(text)
            .map(|k| (Value::Category(k), None))
            .or_else(|| {
                c.unseen_index()
                    .map(|k| (Value::Category(k), Some(Note::Unseen)))
            })
            .ok_or_else(|| Problem::UnknownCategory {
                text: text.to_owned(),
            }),
    }
}

/// Parses one field's text as the feature's kind asks, with format 1's strict rule (a value
/// outside `min`..`max` or none at all is refused), whatever the feature's policy.
pub fn parse_value(kind: &FeatureKind, text: Option<&str>) -> Result<Value, Problem> {
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(Problem::Missing)?;
    match kind {
        FeatureKind::Number(n) => read_number(n, Outside::Refuse, text, false).map(|(v, _)| v),
        FeatureKind::Integer(n) => read_number(n, Outside::Refuse, text, true).map(|(v, _)| v),
        FeatureKind::Category(c) => c
            .find(text)
            .or_else(|| c.unseen_index())
            .map(Value::Category)
            .ok_or_else(|| Problem::UnknownCategory {
                text: text.to_owned(),
            }),
    }
}

fn read_number(
    spec: &Numeric,
    outside: Outside,
    text: &str,
    integer: bool,
) -> Result<(Value, Option<Note>), Problem> {
    let value: f64 = text
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| Problem::NotANumber {
            text: text.to_owned(),
        })?;
    if integer && value.fract() != 0.0 {
        return Err(Problem::NotAWholeNumber { value });
    }
    let allowed = (spec.min..=spec.max).contains(&value);
    if !allowed && outside != Outside::Flag {
        return Err(Problem::OutOfRange {
            value,
            min: spec.min,
            max: spec.max,
        });
    }
    let [lo, hi] = spec.learnt();
    if (lo..=hi).contains(&value) {
        return Ok((Value::Number(value), None));
    }
    Ok(match outside {
        Outside::Clamp => (
            Value::Number(value.clamp(lo, hi)),
            Some(Note::Clamped { given: value }),
        ),
        Outside::Refuse | Outside::Flag => (Value::Number(value), Some(Note::Outside)),
    })
}
