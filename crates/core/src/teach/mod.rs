//! The teaching views' computing: a model's anatomy read from its ONNX bytes ([`anatomy`]),
//! a scorecard's evidence per bin ([`woe`]), the risk after each month of a history
//! ([`history`]), an autoencoder's errors against their typical size ([`reconstruction`]) and
//! one applicant carried across models ([`compare`]). The page only draws what these return.

pub mod anatomy;
pub mod compare;
pub mod history;
pub mod reconstruction;
pub mod woe;

use crate::i18n::{Localized, Message};

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
    /// Scoring failed.
    Score(Message),
}

/// Messages `teach-error-*`.
impl Localized for TeachError {
    fn message(&self) -> Message {
        match self {
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
                Message::new("teach-error-sample").arg("problem", problem)
            }
            TeachError::Score(error) => Message::new("teach-error-score").arg("error", error),
        }
    }
}

/// English.
impl std::fmt::Display for TeachError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for TeachError {}
