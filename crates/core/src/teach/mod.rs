//! The teaching views' computing: a model's anatomy read from its ONNX bytes ([`anatomy`]),
//! a scorecard's evidence per bin ([`woe`]), the risk after each month of a history
//! ([`history`]), an autoencoder's errors against their typical size ([`reconstruction`]) and
//! one applicant carried across models ([`compare`]). The page only draws what these return.

pub mod anatomy;
pub mod compare;
pub mod history;
pub mod reconstruction;
pub mod woe;

use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, PartialEq)]
pub enum TeachError {
    /// The ONNX file could not be parsed (the parser's own words).
    Onnx(String),
    /// The ONNX file holds no graph.
    NoGraph,
    NoSequence,
    /// The feature has no value for a month without activity.
    NoQuietMonth(String),
    NoReference,
    NoFeatureErrors,
    NotAScorecard,
    /// What is wrong with the labelled sample.
    Sample(Message),
    /// Scoring failed (the scorer's own words).
    Score(String),
}

impl TeachError {
    /// The error in `lang` (messages `teach-error-*`).
    pub fn in_lang(&self, lang: Lang) -> String {
        let message = match self {
            TeachError::Onnx(error) => Message::new("teach-error-onnx").arg("error", error),
            TeachError::NoGraph => Message::new("teach-error-no-graph"),
            TeachError::NoSequence => Message::new("teach-error-no-sequence"),
            TeachError::NoQuietMonth(feature) => {
                Message::new("teach-error-no-quiet-month").arg("feature", feature)
            }
            TeachError::NoReference => Message::new("teach-error-no-reference"),
            TeachError::NoFeatureErrors => Message::new("teach-error-no-feature-errors"),
            TeachError::NotAScorecard => Message::new("teach-error-not-a-scorecard"),
            TeachError::Sample(problem) => {
                Message::new("teach-error-sample").arg("problem", problem.in_lang(lang))
            }
            TeachError::Score(error) => Message::new("teach-error-score").arg("error", error),
        };
        message.in_lang(lang)
    }
}

/// English.
impl std::fmt::Display for TeachError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

impl std::error::Error for TeachError {}
