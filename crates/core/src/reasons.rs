//! Reason codes: the attributes that pushed a flagged applicant's score up most, in the plain
//! words of the manifest's templates, and the adverse-action notice built from them.
//!
//! Regulation B (12 CFR 1002.9) asks for the specific principal reasons, related to factors
//! actually scored; they are read off this model's own attribution of this applicant, not a
//! generic list.

use serde::Serialize;

pub mod notes;

use crate::applicant::{Applicant, Note, Value};
use crate::assessment::{Assessment, Decision};
use crate::explain::Attribution;
use crate::i18n::{Lang, Message};
use crate::manifest::{Feature, FeatureKind, Manifest, ReasonTemplate};
use crate::reference::Reference;

/// How many principal reasons a notice gives (the CFPB's sample forms list up to four).
pub const MAX_REASONS: usize = 4;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub feature_idx: usize,
    pub text: String,
    /// The attribution behind it, on the attribution's scale (positive: toward the positive class).
    pub contribution: f64,
    /// The value behind the reason was not scored as given (imputed, outside the training range).
    pub note: Option<Note>,
}

impl Reason {
    /// The reason as a person reads it: its text, and what was noted about its value.
    pub fn message(&self) -> Message {
        match self.note {
            None => Message::quoted(&self.text),
            Some(note) => Message::new("support-reason-noted")
                .arg("reason", self.text.as_str())
                .arg(
                    "note",
                    Message::new("support-note-short").arg("note", notes::note_key(note)),
                ),
        }
    }
}

pub use crate::manifest::placeholders;

/// A number as a person reads it: whole numbers without decimals, others to two places at most,
/// with the unit if the feature has one.
pub fn format_number(manifest: &Manifest, feature_idx: usize, x: f64) -> String {
    match manifest.features.get(feature_idx) {
        Some(feature) => format_feature_number(feature, x),
        None => format_feature_number_unit(None, x),
    }
}

/// [`format_number`] for a feature at hand.
pub fn format_feature_number(feature: &Feature, x: f64) -> String {
    let unit = match &feature.kind {
        FeatureKind::Number(n) | FeatureKind::Integer(n) => n.unit.as_deref(),
        FeatureKind::Category(_) => None,
    };
    format_feature_number_unit(unit, x)
}

fn format_feature_number_unit(unit: Option<&str>, x: f64) -> String {
    let number = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let text = format!("{x:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match unit {
        Some(unit) => format!("{number} {unit}"),
        None => number,
    }
}

/// A value as a person reads it: the category's label, or the number with its unit.
pub fn describe_value(manifest: &Manifest, feature_idx: usize, value: Value) -> String {
    match (manifest.features.get(feature_idx).map(|f| &f.kind), value) {
        (Some(FeatureKind::Category(c)), Value::Category(k)) => c
            .categories
            .get(k)
            .map(|c| c.label.clone())
            .unwrap_or_default(),
        (_, Value::Number(x)) => format_number(manifest, feature_idx, x),
        _ => String::new(),
    }
}

/// The reason text of one feature for this applicant.
pub fn reason_text(
    manifest: &Manifest,
    reference: Option<&Reference>,
    applicant: &Applicant,
    feature_idx: usize,
) -> String {
    let Some(feature) = manifest.features.get(feature_idx) else {
        return String::new();
    };
    let value = applicant.values().get(feature_idx).copied();
    match (&feature.kind, value) {
        (FeatureKind::Category(c), Some(Value::Category(k))) => {
            let label = c
                .categories
                .get(k)
                .map(|c| c.label.as_str())
                .unwrap_or_default();
            match &feature.reason {
                Some(ReasonTemplate::Category(text)) => text.replace("{category}", label),
                _ => format!("{}: {label}", feature.label),
            }
        }
        (_, Some(Value::Number(x))) => {
            let typical = reference.and_then(|r| r.median(manifest, feature_idx));
            let value_text = format_number(manifest, feature_idx, x);
            let typical_text = typical
                .map(|t| format_number(manifest, feature_idx, t))
                .unwrap_or_else(|| "unknown".into());
            match &feature.reason {
                // At the typical value itself, "high" and "low" would both be wrong.
                Some(ReasonTemplate::Number { .. }) if value_text == typical_text => {
                    format!("{}: {value_text}", feature.label)
                }
                Some(ReasonTemplate::Number { high, low }) => {
                    let template = if typical.is_none_or(|t| x >= t) {
                        high
                    } else {
                        low
                    };
                    template
                        .replace("{value}", &value_text)
                        .replace("{typical}", &typical_text)
                }
                _ => format!("{}: {value_text}", feature.label),
            }
        }
        _ => feature.label.clone(),
    }
}

/// The principal reasons for a flagged applicant: the features with the largest positive
/// attributions, at most [`MAX_REASONS`]; none for a cleared applicant.
pub fn principal_reasons(
    manifest: &Manifest,
    reference: Option<&Reference>,
    applicant: &Applicant,
    assessment: &Assessment,
    attribution: &Attribution,
) -> Vec<Reason> {
    if assessment.decision != Decision::Flagged {
        return Vec::new();
    }
    attribution
        .order_by_push()
        .into_iter()
        .filter(|&j| attribution.contributions[j] > 0.0)
        .take(MAX_REASONS)
        .map(|feature_idx| Reason {
            feature_idx,
            text: reason_text(manifest, reference, applicant, feature_idx),
            contribution: attribution.contributions[feature_idx],
            note: applicant.note(feature_idx),
        })
        .collect()
}

/// A plain-text statement of the decision and its principal reasons, to print or save, in
/// English (see [`notice_in`]).
pub fn notice(
    manifest: &Manifest,
    applicant: &Applicant,
    assessment: &Assessment,
    reasons: &[Reason],
) -> String {
    notice_in(Lang::En, manifest, applicant, assessment, reasons)
}

/// The notice in `lang`: its fixed sentences from the message files, the model's texts (title,
/// decision, rule, reasons) from `manifest`, which the caller localizes to the same language.
/// Values the model scored other than as given are listed after the reasons.
pub fn notice_in(
    lang: Lang,
    manifest: &Manifest,
    applicant: &Applicant,
    assessment: &Assessment,
    reasons: &[Reason],
) -> String {
    let rule = &manifest.decision;
    let line = |message: Message| format!("{}\n", message.in_lang(lang));
    let mut text = String::new();
    text.push_str(&line(Message::new("support-notice-heading")));
    text.push('\n');
    text.push_str(&line(
        Message::new("support-notice-model")
            .arg("title", manifest.title.as_str())
            .arg("id", manifest.id.as_str()),
    ));
    text.push_str(&line(
        Message::new("support-notice-decision").arg("decision", assessment.decision_label(rule)),
    ));
    text.push_str(&line(
        Message::new("support-notice-score")
            .arg("score", format!("{:.4}", assessment.score))
            .arg("cutoff", format!("{:.4}", rule.cutoff))
            .arg("rule", rule.rule.as_str()),
    ));
    text.push('\n');
    if reasons.is_empty() {
        text.push_str(&line(Message::new("support-notice-no-reasons")));
    } else {
        text.push_str(&line(Message::new("support-notice-reasons")));
        for (k, reason) in reasons.iter().enumerate() {
            text.push_str(&format!("{}. {}\n", k + 1, reason.message().in_lang(lang)));
        }
    }
    if !applicant.notes().is_empty() {
        text.push('\n');
        text.push_str(&line(Message::new("support-notice-notes")));
        for note in applicant.notes() {
            let sentence = notes::note_message(manifest, applicant, note).in_lang(lang);
            text.push_str(&format!("- {sentence}\n"));
        }
    }
    text.push('\n');
    text.push_str(&line(Message::new("support-notice-basis")));
    text
}
