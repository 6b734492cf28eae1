//! The model manifest: every raw feature, how features become the input tensor, and how the output is read.
//!
//! A manifest is written by the training pipeline (`models/pipeline`) beside its ONNX file and
//! is the single source of truth for the form, the encoder and the decision. [`Manifest::parse`]
//! checks every cross-reference once, so code that holds a `Manifest` may index without fear.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Localized, Message};

mod actionable;
mod check;
mod policy;
mod translations;
pub use actionable::{Actionable, Lock};
pub use policy::{Imputation, ImputedFrom, ImputedValue, Missing, Outside, ValuePolicy};
pub use translations::{DecisionTexts, FeatureTexts, Texts};

/// The only manifest format this build reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: u32,
    pub id: String,
    pub title: String,
    pub task: Task,
    pub description: String,
    pub features: Vec<Feature>,
    pub encoding: Vec<EncodingBlock>,
    pub model: ModelSpec,
    pub decision: DecisionRule,
    pub risk_bands: Vec<RiskBand>,
    /// Present for points scorecards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scorecard: Option<Scorecard>,
    /// Present when some features are a monthly history: how the form lays them out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<Sequence>,
    /// Present when the model ships a reference sample for attribution, recourse and cut-offs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
    /// The label column of the data the model was brought in with (a user's model): a data
    /// file with a column of this name is evaluated with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LabelSpec>,
    /// Texts in other languages, by language tag ("zh-CN"); see [`Manifest::localized`].
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: std::collections::BTreeMap<String, Texts>,
    /// Index into `features` of each encoding block, filled by [`Manifest::parse`].
    #[serde(skip)]
    block_features: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    Credit,
    Fraud,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    pub name: String,
    pub label: String,
    pub description: String,
    #[serde(flatten)]
    pub kind: FeatureKind,
    /// A person cannot change it (age, sex): recourse must leave it alone.
    #[serde(default)]
    pub immutable: bool,
    /// What recourse may suggest for it by default.
    #[serde(default, skip_serializing_if = "Actionable::is_free")]
    pub recourse: Actionable,
    /// What happens to a value outside the training range and to a missing value.
    #[serde(default, skip_serializing_if = "ValuePolicy::is_strict")]
    pub policy: ValuePolicy,
    /// The adverse-action reason this feature gives when it pushes toward the positive class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<ReasonTemplate>,
}

/// Plain-language reason text with placeholders, filled by [`crate::reasons`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ReasonTemplate {
    /// Category features: `{category}` becomes the category's label.
    Category(String),
    /// Number features: `high` when the value is at or above the reference median, else `low`;
    /// `{value}` and `{typical}` (the median) are written with the feature's unit.
    Number { high: String, low: String },
}

/// A data file's label column by name, and the texts that mark a positive and a negative row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSpec {
    pub column: String,
    pub positive: String,
    pub negative: String,
}

/// Where the reference sample is, and whether exact additive attribution applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explain {
    /// The reference file, beside the manifest.
    pub reference: String,
    /// SHA-256 of the reference file, lower-case hex.
    pub reference_sha256: String,
    /// The model's log-odds is a sum of one term per feature (logistic regression, scorecard):
    /// attributions are then exact, computed from one term per feature.
    #[serde(default)]
    pub additive: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FeatureKind {
    Number(Numeric),
    Integer(Numeric),
    Category(Categorical),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Numeric {
    #[serde(default)]
    pub unit: Option<String>,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    /// The smallest and largest value seen in training; values outside are extrapolation.
    #[serde(default)]
    pub training_range: Option<[f64; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Categorical {
    pub categories: Vec<Category>,
    pub default: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// The value as it is written in the data set.
    pub value: String,
    /// An alternative coding accepted on input (the UCI code such as `A11`).
    #[serde(default)]
    pub code: Option<String>,
    /// Plain-language text shown to a person.
    pub label: String,
    /// Stands for every value not listed (the last category of a `text` block's feature, when
    /// the model's own encoder accepts values it has not seen): such a value is fed to the
    /// model as an unseen text, and noted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unseen: bool,
}

impl Categorical {
    /// The index of the category written as `text` (its value or its code), if any.
    pub fn find(&self, text: &str) -> Option<usize> {
        self.categories
            .iter()
            .position(|c| c.value == text || c.code.as_deref() == Some(text))
    }

    pub fn default_index(&self) -> usize {
        self.find(&self.default).unwrap_or(0)
    }

    /// The category standing for every value not listed, if the feature has one.
    pub fn unseen_index(&self) -> Option<usize> {
        self.categories.iter().position(|c| c.unseen)
    }

    /// The categories a value can be written as: all but the one standing for unseen values.
    pub fn known(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| !c.unseen)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncodingBlock {
    pub feature: String,
    #[serde(flatten)]
    pub kind: EncodingKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EncodingKind {
    /// One column per category, 1.0 for the applicant's category and 0.0 for the others.
    OneHot,
    /// One column holding the number as it is.
    Numeric,
    /// One column holding the weight of evidence of the bin the value falls in.
    Woe { bins: Vec<WoeBin> },
    /// One column holding the category's position in `categories` (0 for the first): a yes/no
    /// column a model reads as 0/1.
    Ordinal,
    /// One column, fed to a string input of the model as the category's `value` (the model's
    /// own encoder reads it): a scikit-learn pipeline's one input per text column.
    Text,
}

/// A scorecard bin: numbers below `upper` (and at or above the previous bin's), or the listed categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WoeBin {
    /// Absent on the last numeric bin, which is open above, and on category bins.
    #[serde(default)]
    pub upper: Option<f64>,
    /// Category values in the bin (category features only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    pub woe: f64,
}

/// Points scaling of a scorecard: score = offset - factor * ln(odds of bad), factor = pdo / ln 2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub points0: f64,
    pub odds0: f64,
    pub pdo: f64,
    pub base_points: f64,
    /// Points of each bin, per encoding block (all blocks are WOE blocks).
    pub points: Vec<Vec<f64>>,
}

impl Scorecard {
    pub fn factor(&self) -> f64 {
        self.pdo / std::f64::consts::LN_2
    }

    pub fn offset(&self) -> f64 {
        self.points0 + self.factor() * self.odds0.ln()
    }

    /// P(bad) implied by a total score.
    pub fn probability(&self, score: f64) -> f64 {
        1.0 / (1.0 + ((score - self.offset()) / self.factor()).exp())
    }
}

/// A history of several series over the same steps (months): the features at (series, step).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sequence {
    /// Step labels, oldest first ("April 2005", ...).
    pub steps: Vec<String>,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub label: String,
    /// One feature name per step.
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSpec {
    pub file: String,
    /// SHA-256 of the ONNX file, lower-case hex.
    pub sha256: String,
    /// The one `[rows, columns]` float input (absent when `inputs` lists the graph's inputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<InputSpec>,
    /// A graph with one input per column or group of columns (a scikit-learn
    /// `ColumnTransformer` export), in the order their columns come in the encoding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<GraphInput>,
    pub output: OutputSpec,
    /// What the probability is the probability of.
    pub positive_class: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputSpec {
    pub name: String,
    pub columns: usize,
}

/// One input of a graph with several: its name, its columns and its element type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphInput {
    pub name: String,
    #[serde(default = "one_column")]
    pub columns: usize,
    #[serde(default, rename = "type")]
    pub elem: InputType,
}

fn one_column() -> usize {
    1
}

/// What a graph input holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputType {
    /// float32 numbers.
    #[default]
    Float,
    /// Texts, one column: a category the graph's own encoder reads.
    String,
}

impl ModelSpec {
    /// The graph's inputs in column order: the one float input, or `inputs`.
    pub fn graph_inputs(&self) -> Vec<GraphInput> {
        match &self.input {
            Some(input) => vec![GraphInput {
                name: input.name.clone(),
                columns: input.columns,
                elem: InputType::Float,
            }],
            None => self.inputs.clone(),
        }
    }

    /// The width of one input row.
    pub fn width(&self) -> usize {
        match &self.input {
            Some(input) => input.columns,
            None => self.inputs.iter().map(|i| i.columns).sum(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputSpec {
    pub name: String,
    /// Which column of a `[N, k]` output holds the score.
    pub column: usize,
    #[serde(default)]
    pub kind: OutputKind,
    /// An `[N, input columns]` output: each input's squared reconstruction error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_errors: Option<String>,
}

/// What the model's score is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    /// P(positive), in [0, 1].
    #[default]
    Probability,
    /// A non-negative number, larger for rows less like the training data (an autoencoder's
    /// reconstruction error); not a probability.
    AnomalyScore,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRule {
    pub cutoff: f64,
    /// What the decision is called when P(positive) >= cutoff ("Decline", "Alert").
    pub at_or_above: String,
    /// What it is called below the cut-off ("Approve", "Pass").
    pub below: String,
    /// How the cut-off was chosen, in words.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskBand {
    pub name: String,
    pub label: String,
    /// Scores below this (and at or above the previous band's) fall in this band; absent on
    /// the last band of an anomaly score, which is open above.
    pub upper: Option<f64>,
}

/// Why a manifest was refused. Where and what are messages of the `manifest` area
/// (`crates/core/locales/<lang>/manifest.ftl`), so the page writes them in its language; `Display` is
/// English.
#[derive(Debug, Error, PartialEq)]
pub enum ManifestError {
    /// The JSON reader's own words (English).
    #[error("manifest is not valid JSON for this format: {0}")]
    Json(String),
    #[error("manifest {at}: {problem}")]
    Invalid { at: Message, problem: Message },
}

impl Localized for ManifestError {
    fn message(&self) -> Message {
        match self {
            ManifestError::Json(e) => Message::new("manifest-json").arg("error", e.as_str()),
            ManifestError::Invalid { at, problem } => Message::new("manifest-invalid")
                .arg("at", at)
                .arg("problem", problem),
        }
    }
}

fn invalid(at: &Message, problem: Message) -> ManifestError {
    ManifestError::Invalid {
        at: at.clone(),
        problem,
    }
}

/// Where: a field of the manifest, named as in its JSON (`decision.cutoff`).
fn field(name: &str) -> Message {
    Message::new("manifest-at-field").arg("field", name)
}

/// Where: the feature named `name`.
fn feature_at(name: &str) -> Message {
    Message::new("manifest-at-feature").arg("feature", name)
}

impl Manifest {
    /// Parses and checks a manifest; every name it refers to exists and every number is sane.
    pub fn parse(json: &str) -> Result<Manifest, ManifestError> {
        let mut manifest: Manifest =
            serde_json::from_str(json).map_err(|e| ManifestError::Json(e.to_string()))?;
        manifest.check()?;
        Ok(manifest)
    }

    /// The width of one input row: the sum of the encoding blocks' widths.
    pub fn input_width(&self) -> usize {
        self.model.width()
    }

    /// Encoding blocks with the index of the feature each reads.
    pub fn blocks(&self) -> impl Iterator<Item = (&EncodingBlock, usize)> {
        self.encoding
            .iter()
            .zip(self.block_features.iter().copied())
    }

    /// The input columns each feature's block writes, in manifest feature order.
    pub fn feature_columns(&self) -> Vec<std::ops::Range<usize>> {
        let mut columns = vec![0..0; self.features.len()];
        let mut start = 0;
        for (block, feature_idx) in self.blocks() {
            let end = start + block.width(&self.features[feature_idx]);
            columns[feature_idx] = start..end;
            start = end;
        }
        columns
    }

    pub fn feature_index(&self, name: &str) -> Option<usize> {
        self.features.iter().position(|f| f.name == name)
    }

    /// The grid cell (series, step) of a feature that belongs to the sequence.
    pub fn sequence_cell(&self, name: &str) -> Option<(usize, usize)> {
        let sequence = self.sequence.as_ref()?;
        sequence.series.iter().enumerate().find_map(|(s, series)| {
            let step = series.features.iter().position(|f| f == name)?;
            Some((s, step))
        })
    }
}

impl EncodingBlock {
    /// How many input columns the block writes for `feature`.
    pub fn width(&self, feature: &Feature) -> usize {
        match (&self.kind, &feature.kind) {
            (EncodingKind::OneHot, FeatureKind::Category(c)) => c.categories.len(),
            _ => 1,
        }
    }

    /// The WOE bin of a value of the block's feature; `None` for other block kinds.
    pub fn woe_bin(&self, feature: &Feature, value: Value) -> Option<usize> {
        let EncodingKind::Woe { bins } = &self.kind else {
            return None;
        };
        match (value, &feature.kind) {
            (Value::Number(x), _) => bins.iter().position(|b| b.upper.is_none_or(|u| x < u)),
            (Value::Category(k), FeatureKind::Category(c)) => {
                let text = &c.categories.get(k)?.value;
                bins.iter().position(|b| b.categories.contains(text))
            }
            (Value::Category(_), _) => None,
        }
    }
}

/// A value that passed the manifest's checks (an [`crate::applicant::Applicant`] holds one per
/// feature).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(f64),
    /// Index into the feature's categories.
    Category(usize),
}

/// The names inside `{...}` in a template (a reason text), in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names
}
