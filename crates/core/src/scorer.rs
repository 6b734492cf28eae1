//! A model ready to score: its manifest and its tract plan, verified against each other once.

use thiserror::Error;

use crate::applicant::{Applicant, InputErrors, RawApplicant};
use crate::assessment::Assessment;
use crate::encoding::{self, ForeignApplicant};
use crate::explain::{Attribution, ExplainError, Explainer};
use crate::i18n::{Localized, Message};
use crate::manifest::{Manifest, ManifestError};
use crate::model::{Model, ModelError};
use crate::reference::{Reference, ReferenceError};

#[derive(Debug, Error, PartialEq)]
pub enum LoadError {
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error(
        "the ONNX file's SHA-256 is {actual}, but the manifest of \"{model_id}\" expects {expected}: the file is not the one the manifest describes"
    )]
    HashMismatch {
        model_id: String,
        expected: String,
        actual: String,
    },
    #[error(transparent)]
    Model(#[from] ModelError),
}

#[derive(Debug, Error, PartialEq)]
pub enum ScoreError {
    #[error(transparent)]
    Input(#[from] InputErrors),
    #[error(transparent)]
    Foreign(#[from] ForeignApplicant),
    #[error(transparent)]
    Model(#[from] ModelError),
}

#[derive(Debug, Error, PartialEq)]
pub enum SupportError {
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error("the reference sample could not be scored: {0}")]
    Explain(#[from] ExplainError),
}

impl Localized for LoadError {
    fn message(&self) -> Message {
        match self {
            LoadError::Manifest(e) => e.message(),
            LoadError::HashMismatch {
                model_id,
                expected,
                actual,
            } => Message::new("core-hash-mismatch")
                .arg("actual", actual)
                .arg("model", model_id)
                .arg("expected", expected),
            LoadError::Model(e) => e.message(),
        }
    }
}

impl Localized for ScoreError {
    fn message(&self) -> Message {
        match self {
            ScoreError::Input(e) => e.message(),
            ScoreError::Foreign(e) => e.message(),
            ScoreError::Model(e) => e.message(),
        }
    }
}

impl Localized for SupportError {
    fn message(&self) -> Message {
        match self {
            SupportError::Reference(e) => e.message(),
            SupportError::Explain(e) => {
                Message::new("manifest-reference-unscored").arg("error", e.message())
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Scorer {
    manifest: Manifest,
    model: Model,
    support: Option<Support>,
}

/// What decision support needs beyond the model: its reference sample, and the explainer
/// built on the sample's background.
#[derive(Debug, Clone)]
struct Support {
    reference: Reference,
    explainer: Explainer,
}

pub use crate::hash::sha256_hex;

impl Scorer {
    /// The same model with its manifest's texts in `lang` (labels, reasons, decisions, bands).
    pub fn localized(&self, lang: crate::i18n::Lang) -> Scorer {
        let mut support = self.support.clone();
        if let (Some(support), Some(source)) = (
            &mut support,
            self.manifest
                .translations
                .get(lang.tag())
                .and_then(|t| t.evaluation_source.as_ref()),
        ) {
            support.reference.evaluation.source = source.clone();
        }
        Scorer {
            manifest: self.manifest.localized(lang),
            model: self.model.clone(),
            support,
        }
    }

    /// Parses the manifest, checks the ONNX bytes are the ones it names, and loads them.
    pub fn load(manifest_json: &str, onnx: &[u8]) -> Result<Scorer, LoadError> {
        let manifest = Manifest::parse(manifest_json)?;
        let actual = sha256_hex(onnx);
        if actual != manifest.model.sha256 {
            return Err(LoadError::HashMismatch {
                model_id: manifest.id.clone(),
                expected: manifest.model.sha256.clone(),
                actual,
            });
        }
        let model = Model::load(onnx, &manifest)?;
        Ok(Scorer {
            manifest,
            model,
            support: None,
        })
    }

    /// Checks the reference sample against the manifest's hash, parses it, and scores its
    /// background once, enabling attribution, recourse and cut-off curves.
    pub fn attach_reference(&mut self, bytes: &[u8]) -> Result<(), SupportError> {
        let reference = Reference::parse(&self.manifest, bytes)?;
        let additive = self.manifest.explain.as_ref().is_some_and(|e| e.additive);
        let mut explainer =
            Explainer::new(&self.manifest, &reference.background, additive, &|rows| {
                self.model.predict(rows)
            })?;
        if let Some(margin) = self.model.margin().filter(|_| !additive) {
            explainer = explainer.with_trees(margin);
        }
        self.support = Some(Support {
            reference,
            explainer,
        });
        Ok(())
    }

    pub fn reference(&self) -> Option<&Reference> {
        self.support.as_ref().map(|s| &s.reference)
    }

    pub fn explainer(&self) -> Option<&Explainer> {
        self.support.as_ref().map(|s| &s.explainer)
    }

    /// The model's raw scores for encoded rows (row-major, `manifest.input_width()` wide).
    pub fn predict_rows(&self, rows: &[f32]) -> Result<Vec<f32>, ModelError> {
        self.model.predict(rows)
    }

    /// The model's scores for applicants, in one call.
    pub fn predict(&self, applicants: &[Applicant]) -> Result<Vec<f32>, ScoreError> {
        let rows = encoding::encode(&self.manifest, applicants)?;
        Ok(self.model.predict(&rows)?)
    }

    /// The applicant's attribution against the reference background.
    pub fn explain(&self, applicant: &Applicant) -> Result<Attribution, ExplainError> {
        let explainer = self.explainer().ok_or(ExplainError::NoBackground)?;
        let x = encoding::encode(&self.manifest, std::slice::from_ref(applicant))?;
        explainer.explain(&x, &|rows| self.model.predict(rows))
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Parses raw fields against this model's manifest.
    pub fn parse(&self, raw: &RawApplicant) -> Result<Applicant, InputErrors> {
        Applicant::parse(&self.manifest, raw)
    }

    pub fn assess(&self, applicant: &Applicant) -> Result<Assessment, ScoreError> {
        let assessments = self.assess_many(std::slice::from_ref(applicant))?;
        assessments
            .into_iter()
            .next()
            .ok_or_else(|| ScoreError::Model(ModelError::Run("the model returned no row".into())))
    }

    /// Scores applicants as one batch: one model call for all of them.
    pub fn assess_many(&self, applicants: &[Applicant]) -> Result<Vec<Assessment>, ScoreError> {
        let rows = encoding::encode(&self.manifest, applicants)?;
        let out = self.model.run(&rows)?;
        let m = &self.manifest;
        let width = self.model.width();
        Ok(out
            .scores
            .into_iter()
            .enumerate()
            .map(|(row_idx, score)| {
                let mut assessment = Assessment::new(score, &m.decision, &m.risk_bands);
                if let Some(errors) = &out.feature_errors {
                    let row = &errors[row_idx * width..(row_idx + 1) * width];
                    assessment.feature_errors = self.per_feature(row);
                }
                assessment
            })
            .collect())
    }

    /// Sums a row's per-column values over each feature's encoding block.
    fn per_feature(&self, row: &[f32]) -> Vec<f32> {
        let m = &self.manifest;
        let mut out = vec![0.0; m.features.len()];
        let mut start = 0;
        for (block, feature_idx) in m.blocks() {
            let end = start + block.width(&m.features[feature_idx]);
            out[feature_idx] = row[start..end].iter().sum();
            start = end;
        }
        out
    }

    /// Parses and scores in one step.
    pub fn assess_raw(&self, raw: &RawApplicant) -> Result<Assessment, ScoreError> {
        self.assess(&self.parse(raw)?)
    }
}
