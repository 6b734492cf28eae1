//! The model catalog (`models/catalog.json`): which models the app offers and where their files are.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Localized, Message};
use crate::manifest::{OutputKind, Task};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub models: Vec<CatalogEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    pub id: String,
    pub title: String,
    pub task: Task,
    /// Paths relative to the catalog's folder.
    pub manifest: String,
    pub onnx: String,
    /// SHA-256 of the ONNX file, checked again before the model is used.
    pub sha256: String,
    /// The model card, markdown.
    pub card: String,
    /// What the model's score is.
    #[serde(default)]
    pub output: OutputKind,
    /// Held-out metrics (means over the model's evaluation split).
    pub metrics: CatalogMetrics,
    /// Each held-out figure's 95 % interval, and how it was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervals: Option<CatalogIntervals>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_method: Option<IntervalMethod>,
    /// A labelled file to try batch scoring on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<SampleEntry>,
    /// The entry's texts in other languages, by language tag.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: std::collections::BTreeMap<String, EntryTexts>,
    /// Where the model comes from; never in a catalog file.
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a model the page offers comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Origin {
    /// The catalog's: trained by the pipeline, described by its card.
    #[default]
    Catalog,
    /// Brought by the user: titled in the user's words, measured on the user's labelled rows.
    User,
}

/// A catalog entry's texts in another language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryTexts {
    pub title: String,
    /// The bundled sample's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_note: Option<String>,
}

impl CatalogEntry {
    /// The title in `lang`, English when the catalog has none.
    pub fn title_in(&self, lang: crate::i18n::Lang) -> &str {
        self.translations
            .get(lang.tag())
            .map_or(&self.title, |t| &t.title)
    }

    /// What the bundled sample's rows are, in `lang` (English when the catalog has none).
    pub fn sample_note_in(&self, lang: crate::i18n::Lang) -> Option<&str> {
        let sample = self.sample.as_ref()?;
        Some(
            self.translations
                .get(lang.tag())
                .and_then(|t| t.sample_note.as_deref())
                .unwrap_or(&sample.note),
        )
    }
}

/// A bundled, labelled CSV (written by the pipeline with its scikit-learn figures beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleEntry {
    /// Relative to the catalog's folder.
    pub path: String,
    pub sha256: String,
    pub rows: u64,
    /// The label column's name.
    pub label: String,
    /// Columns that make sensible fairness groups.
    #[serde(default)]
    pub groups: Vec<String>,
    /// What the rows are, in one sentence.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogMetrics {
    pub auc: f64,
    pub average_precision: f64,
    pub ks: f64,
    /// Probabilities only: an anomaly score has no Brier score.
    #[serde(default)]
    pub brier: Option<f64>,
    /// Credit models judged at a cost matrix only.
    #[serde(default)]
    pub cost_per_applicant: Option<f64>,
    #[serde(default)]
    pub approval_rate: Option<f64>,
}

/// The 95 % interval of each of [`CatalogMetrics`]' figures, as `[low, high]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogIntervals {
    pub auc: [f64; 2],
    pub average_precision: [f64; 2],
    pub ks: [f64; 2],
    #[serde(default)]
    pub brier: Option<[f64; 2]>,
    #[serde(default)]
    pub cost_per_applicant: Option<[f64; 2]>,
    #[serde(default)]
    pub approval_rate: Option<[f64; 2]>,
}

/// How a model's intervals were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// A percentile bootstrap of a single hold-out's rows.
    Bootstrap,
    /// The corrected resampled t of a repeated cross-validation's mean (Nadeau & Bengio).
    CorrectedCv,
}

#[derive(Debug, Error, PartialEq)]
pub enum CatalogError {
    /// The JSON reader's own words (English).
    #[error("model catalog is not valid: {0}")]
    Json(String),
    #[error("model catalog is not valid: it lists no model")]
    Empty,
}

impl Localized for CatalogError {
    fn message(&self) -> Message {
        let error = match self {
            CatalogError::Json(e) => Message::quoted(e),
            CatalogError::Empty => Message::new("core-catalog-empty"),
        };
        Message::new("core-catalog-invalid").arg("error", error)
    }
}

impl Catalog {
    pub fn parse(json: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog =
            serde_json::from_str(json).map_err(|e| CatalogError::Json(e.to_string()))?;
        if catalog.models.is_empty() {
            return Err(CatalogError::Empty);
        }
        Ok(catalog)
    }

    pub fn entry(&self, id: &str) -> Option<&CatalogEntry> {
        self.models.iter().find(|m| m.id == id)
    }
}
