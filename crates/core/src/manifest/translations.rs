//! A manifest's texts in other languages: every label, description, reason, decision and band
//! a person reads, keyed by language tag, laid over the English ones by [`Manifest::localized`].
//!
//! The pipeline writes them from a translator's file (`models/pipeline/translations/`); a
//! missing text falls back to English, and `tests/i18n.rs` requires none to be missing in the
//! catalog.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::check::check_reason;
use super::{FeatureKind, Manifest, ManifestError, ReasonTemplate, invalid};
use crate::i18n::{Lang, Message};

/// One language's texts; every field is optional, absent ones stay English.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Texts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_class: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionTexts>,
    /// Band name -> label.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub risk_bands: BTreeMap<String, String>,
    /// The sequence's step labels, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    /// The sequence's series labels, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<String>,
    /// Feature name -> its texts.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, FeatureTexts>,
    /// What the reference sample's scored rows are (its `evaluation.source`), shown with the
    /// cut-off costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionTexts {
    pub at_or_above: String,
    pub below: String,
    pub rule: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeatureTexts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<ReasonTemplate>,
    /// Category value -> label.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub categories: BTreeMap<String, String>,
}

impl Manifest {
    /// The manifest with its texts in `lang` where it has them (English elsewhere). Everything
    /// a computation reads (names, values, numbers) is untouched.
    pub fn localized(&self, lang: Lang) -> Manifest {
        let mut out = self.clone();
        let Some(texts) = self.translations.get(lang.tag()) else {
            return out;
        };
        set(&mut out.title, &texts.title);
        set(&mut out.description, &texts.description);
        set(&mut out.model.positive_class, &texts.positive_class);
        if let Some(decision) = &texts.decision {
            out.decision.at_or_above = decision.at_or_above.clone();
            out.decision.below = decision.below.clone();
            out.decision.rule = decision.rule.clone();
        }
        for band in &mut out.risk_bands {
            if let Some(label) = texts.risk_bands.get(&band.name) {
                band.label = label.clone();
            }
        }
        if let Some(sequence) = &mut out.sequence {
            for (step, text) in sequence.steps.iter_mut().zip(&texts.steps) {
                *step = text.clone();
            }
            for (series, text) in sequence.series.iter_mut().zip(&texts.series) {
                series.label = text.clone();
            }
        }
        for feature in &mut out.features {
            let Some(t) = texts.features.get(&feature.name) else {
                continue;
            };
            set(&mut feature.label, &t.label);
            set(&mut feature.description, &t.description);
            if t.reason.is_some() {
                feature.reason = t.reason.clone();
            }
            match &mut feature.kind {
                FeatureKind::Number(n) | FeatureKind::Integer(n) => {
                    if t.unit.is_some() {
                        n.unit = t.unit.clone();
                    }
                }
                FeatureKind::Category(c) => {
                    for category in &mut c.categories {
                        if let Some(label) = t.categories.get(&category.value) {
                            category.label = label.clone();
                        }
                    }
                }
            }
        }
        out
    }

    /// What `lang`'s texts leave in English, as "where" strings (empty when complete).
    pub fn untranslated(&self, lang: Lang) -> Vec<String> {
        let mut missing = Vec::new();
        let empty = Texts::default();
        let texts = self.translations.get(lang.tag()).unwrap_or(&empty);
        let mut need = |present: bool, what: String| {
            if !present {
                missing.push(what);
            }
        };
        need(texts.title.is_some(), "title".into());
        need(texts.description.is_some(), "description".into());
        need(texts.positive_class.is_some(), "positive_class".into());
        need(texts.decision.is_some(), "decision".into());
        need(
            self.explain.is_none() || texts.evaluation_source.is_some(),
            "evaluation_source".into(),
        );
        for band in &self.risk_bands {
            need(
                texts.risk_bands.contains_key(&band.name),
                format!("risk band {}", band.name),
            );
        }
        if let Some(sequence) = &self.sequence {
            need(texts.steps.len() == sequence.steps.len(), "steps".into());
            need(texts.series.len() == sequence.series.len(), "series".into());
        }
        let none = FeatureTexts::default();
        for feature in &self.features {
            let t = texts.features.get(&feature.name).unwrap_or(&none);
            let at = format!("feature \"{}\"", feature.name);
            need(t.label.is_some(), format!("{at} label"));
            need(t.description.is_some(), format!("{at} description"));
            need(
                feature.reason.is_none() || t.reason.is_some(),
                format!("{at} reason"),
            );
            match &feature.kind {
                FeatureKind::Number(n) | FeatureKind::Integer(n) => {
                    need(n.unit.is_none() || t.unit.is_some(), format!("{at} unit"));
                }
                FeatureKind::Category(c) => {
                    for category in &c.categories {
                        need(
                            t.categories.contains_key(&category.value),
                            format!("{at} category \"{}\"", category.value),
                        );
                    }
                }
            }
        }
        missing
    }

    /// Translations name only what the manifest has, and their reasons only its placeholders.
    pub(super) fn check_translations(&self) -> Result<(), ManifestError> {
        for (tag, texts) in &self.translations {
            let at = Message::new("manifest-at-translations")
                .arg("field", "translations")
                .arg("tag", tag);
            if Lang::from_tag(tag).is_none()
                && tag.parse::<unic_langid::LanguageIdentifier>().is_err()
            {
                return Err(invalid(&at, Message::new("manifest-not-a-language-tag")));
            }
            for name in texts.risk_bands.keys() {
                if !self.risk_bands.iter().any(|b| &b.name == name) {
                    return Err(invalid(
                        &at,
                        Message::new("manifest-unknown-risk-band").arg("band", name),
                    ));
                }
            }
            let (steps, series) = self
                .sequence
                .as_ref()
                .map_or((0, 0), |s| (s.steps.len(), s.series.len()));
            if !texts.steps.is_empty() && texts.steps.len() != steps {
                return Err(invalid(
                    &at,
                    Message::new("manifest-step-labels")
                        .arg("labels", texts.steps.len().to_string())
                        .arg("steps", steps.to_string()),
                ));
            }
            if !texts.series.is_empty() && texts.series.len() != series {
                return Err(invalid(
                    &at,
                    Message::new("manifest-series-labels")
                        .arg("labels", texts.series.len().to_string())
                        .arg("series", series.to_string()),
                ));
            }
            for (name, t) in &texts.features {
                let Some(feature) = self.features.iter().find(|f| &f.name == name) else {
                    return Err(invalid(
                        &at,
                        Message::new("manifest-unknown-feature").arg("feature", name),
                    ));
                };
                let at = Message::new("manifest-at-translations-feature")
                    .arg("field", "translations")
                    .arg("tag", tag)
                    .arg("feature", name);
                if let Some(reason) = &t.reason {
                    check_reason(&at, &feature.kind, reason)?;
                }
                if let FeatureKind::Category(c) = &feature.kind {
                    for value in t.categories.keys() {
                        if c.find(value).is_none() {
                            return Err(invalid(
                                &at,
                                Message::new("manifest-unknown-category").arg("category", value),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

fn set(text: &mut String, translation: &Option<String>) {
    if let Some(t) = translation {
        *text = t.clone();
    }
}
