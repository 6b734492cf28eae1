//! One applicant under several models: which catalog models read the same attributes, and the
//! applicant carried from one model's manifest to another's.

use crate::applicant::{Applicant, Value};
use crate::i18n::Localized;
use crate::manifest::{FeatureKind, Manifest};

use super::TeachError;

/// Models of the same task whose manifests ask for the same attributes (names, and for
/// categories the same values) can score the same applicant.
pub fn comparable(a: &Manifest, b: &Manifest) -> bool {
    a.task == b.task
        && a.features.len() == b.features.len()
        && a.features.iter().all(|fa| {
            b.features.iter().any(|fb| {
                fa.name == fb.name
                    && match (&fa.kind, &fb.kind) {
                        (FeatureKind::Category(ca), FeatureKind::Category(cb)) => {
                            ca.categories.len() == cb.categories.len()
                                && ca.categories.iter().all(|c| cb.find(&c.value).is_some())
                        }
                        (FeatureKind::Category(_), _) | (_, FeatureKind::Category(_)) => false,
                        _ => true,
                    }
            })
        })
}

/// The applicant of `from`, as `to` reads it: each value written as text (a category as its
/// value) and parsed by `to`'s manifest, so its ranges are checked again.
pub fn transfer(
    applicant: &Applicant,
    from: &Manifest,
    to: &Manifest,
) -> Result<Applicant, TeachError> {
    let texts: Vec<Option<String>> = to
        .features
        .iter()
        .map(|feature| {
            let idx = from.feature_index(&feature.name)?;
            let value = applicant.values().get(idx)?;
            match (value, &from.features[idx].kind) {
                (Value::Number(x), _) => Some(format!("{x}")),
                (Value::Category(k), FeatureKind::Category(c)) => {
                    c.categories.get(*k).map(|c| c.value.clone())
                }
                (Value::Category(_), _) => None,
            }
        })
        .collect();
    Applicant::parse_fields(to, |idx| texts.get(idx).and_then(|t| t.as_deref()))
        .map_err(|e| TeachError::Score(e.message()))
}
