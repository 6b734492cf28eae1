//! The words for values a model scored other than as given: imputed because none was given,
//! outside what the model learnt from, or moved to the edge of that range
//! ([`crate::manifest::ValuePolicy`]). The form, the notice, the reasons and the export all say
//! them with these messages.

use super::{describe_value, format_number};
use crate::applicant::{Applicant, Note, ValueNote};
use crate::i18n::{Lang, Message};
use crate::manifest::{FeatureKind, ImputedFrom, Manifest, Missing};

/// The sentence for one note: which feature, what was given, what was scored and why.
pub fn note_message(manifest: &Manifest, applicant: &Applicant, note: &ValueNote) -> Message {
    let j = note.feature_idx;
    let Some(feature) = manifest.features.get(j) else {
        return Message::new("support-note-short").arg("note", note_key(note.note));
    };
    let scored = applicant
        .values()
        .get(j)
        .map(|&v| describe_value(manifest, j, v))
        .unwrap_or_default();
    let learnt = match &feature.kind {
        FeatureKind::Number(n) | FeatureKind::Integer(n) => Some(n.learnt()),
        FeatureKind::Category(_) => None,
    };
    let range = |message: Message| match learnt {
        Some([lo, hi]) => message
            .arg("low", format_number(manifest, j, lo))
            .arg("high", format_number(manifest, j, hi)),
        None => message,
    };
    match note.note {
        Note::Imputed => {
            let from = match &feature.policy.missing {
                Missing::Impute(i) => match i.from {
                    ImputedFrom::Median => "median",
                    ImputedFrom::Mode => "mode",
                    ImputedFrom::Declared => "declared",
                    ImputedFrom::Model => "model",
                },
                Missing::Refuse => "declared",
            };
            Message::new("support-note-imputed")
                .arg("feature", feature.label.as_str())
                .arg("value", scored)
                .arg("from", from)
        }
        Note::Outside => range(Message::new("support-note-outside"))
            .arg("feature", feature.label.as_str())
            .arg("value", scored),
        Note::Clamped { given } => range(Message::new("support-note-clamped"))
            .arg("feature", feature.label.as_str())
            .arg("given", format_number(manifest, j, given))
            .arg("value", scored),
        Note::Unseen => Message::new("support-note-unseen").arg("feature", feature.label.as_str()),
    }
}

/// The note's one-word key for `support-note-short` and the page's data attributes.
pub fn note_key(note: Note) -> &'static str {
    match note {
        Note::Imputed => "imputed",
        Note::Outside => "outside",
        Note::Clamped { .. } => "clamped",
        Note::Unseen => "unseen",
    }
}

/// Every note of the applicant in `lang`, joined by "; " (the export's cell); empty when the
/// model scored every value as given.
pub fn notes_text(lang: Lang, manifest: &Manifest, applicant: &Applicant) -> String {
    applicant
        .notes()
        .iter()
        .map(|n| note_message(manifest, applicant, n).in_lang(lang))
        .collect::<Vec<_>>()
        .join("; ")
}
