//! RiskScope's scoring core: from ONNX bytes and a manifest to an assessment, knowing nothing of
//! the web, and of tract only what `riskscope-runtime` shows.
//!
//! Data flows one way: manifest JSON -> [`manifest::Manifest`]; raw strings ->
//! [`applicant::Applicant`]; applicant -> input row ([`encoding`]); row -> probability
//! ([`model::Model`]); probability -> [`assessment::Assessment`]. [`scorer::Scorer`] ties them.
//!
//! Decision support works on a model's reference sample ([`reference`]): attribution
//! ([`explain`]), reason codes ([`reasons`]), counterfactual recourse ([`recourse`]) and cut-off
//! costs ([`cost`]).

pub mod applicant;
pub mod assessment;
pub mod batch;
pub mod byo;
pub mod catalog;
pub mod compat;
pub mod cost;
pub mod encoding;
pub mod evaluation;
pub mod explain;
pub mod global;
pub mod hash;
pub mod i18n;
pub mod manifest;
pub mod model;
pub mod reasons;
pub mod recourse;
pub mod reference;
pub mod scorecard;
pub mod scorer;
pub mod teach;
pub mod wire;
