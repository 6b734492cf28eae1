//! The teaching views' computing: a model's anatomy read from its ONNX bytes ([`anatomy`]),
//! a scorecard's evidence per bin ([`woe`]), the risk after each month of a history
//! ([`history`]), an autoencoder's errors against their typical size ([`reconstruction`]) and
//! one applicant carried across models ([`compare`]). The page only draws what these return.

pub mod anatomy;
pub mod compare;
pub mod history;
pub mod reconstruction;
pub mod woe;

use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum TeachError {
    #[error("the ONNX file could not be read: {0}")]
    Onnx(String),
    #[error("the model has no monthly history")]
    NoSequence,
    #[error("\"{0}\" has no value for a month without activity")]
    NoQuietMonth(String),
    #[error("the model ships no reference sample")]
    NoReference,
    #[error("the model gives no per-input reconstruction errors")]
    NoFeatureErrors,
    #[error("the model is not a points scorecard")]
    NotAScorecard,
    #[error("the labelled sample: {0}")]
    Sample(String),
    #[error("scoring failed: {0}")]
    Score(String),
}
