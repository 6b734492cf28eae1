//! The model manifest: every raw feature, how features become the input tensor, and how the output is read.
//!
//! A manifest is written by the training pipeline (`models/pipeline`) beside its ONNX file and
//! is the single source of truth for the form, the encoder and the decision. [`Manifest::parse`]
//! checks every cross-reference once, so code that holds a `Manifest` may index without fear.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::Message;

mod translations;
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
    pub input: InputSpec,
    pub output: OutputSpec,
    /// What the probability is the probability of.
    pub positive_class: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputSpec {
    pub name: String,
    pub columns: usize,
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

impl ManifestError {
    /// The whole error, for the page to write in its language.
    pub fn message(&self) -> Message {
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
        self.model.input.columns
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

    fn check(&mut self) -> Result<(), ManifestError> {
        if self.format_version != FORMAT_VERSION {
            return Err(invalid(
                &field("format_version"),
                Message::new("manifest-format-version")
                    .arg("version", self.format_version.to_string())
                    .arg("reads", FORMAT_VERSION.to_string()),
            ));
        }
        if self.features.is_empty() {
            return Err(invalid(&field("features"), Message::new("manifest-empty")));
        }
        for (i, feature) in self.features.iter().enumerate() {
            let at = feature_at(&feature.name);
            if feature.name.trim().is_empty() {
                return Err(invalid(
                    &Message::new("manifest-at-feature-number").arg("number", (i + 1).to_string()),
                    Message::new("manifest-no-name"),
                ));
            }
            if self.features[..i].iter().any(|f| f.name == feature.name) {
                return Err(invalid(&at, Message::new("manifest-listed-twice")));
            }
            check_kind(&at, &feature.kind)?;
            if let Some(reason) = &feature.reason {
                check_reason(&at, &feature.kind, reason)?;
            }
        }
        self.block_features = self.check_encoding()?;
        self.check_sequence()?;
        self.check_explain()?;
        self.check_decision()?;
        // Last: the translations are laid over everything checked above.
        self.check_translations()
    }

    fn check_explain(&self) -> Result<(), ManifestError> {
        let Some(explain) = &self.explain else {
            return Ok(());
        };
        let file = &explain.reference;
        if file.is_empty() || file.contains('/') || file.contains('\\') || file.starts_with('.') {
            return Err(invalid(
                &field("explain.reference"),
                Message::new("manifest-explain-reference-file").arg("file", file.as_str()),
            ));
        }
        check_sha256("explain.reference_sha256", &explain.reference_sha256)?;
        if explain.additive && self.model.output.kind != OutputKind::Probability {
            return Err(invalid(
                &field("explain.additive"),
                Message::new("manifest-additive-not-probability"),
            ));
        }
        Ok(())
    }

    fn check_sequence(&self) -> Result<(), ManifestError> {
        let Some(sequence) = &self.sequence else {
            return Ok(());
        };
        if sequence.steps.is_empty() || sequence.series.is_empty() {
            return Err(invalid(
                &field("sequence"),
                Message::new("manifest-sequence-empty"),
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        for series in &sequence.series {
            let at = Message::new("manifest-at-series").arg("series", series.label.as_str());
            if series.features.len() != sequence.steps.len() {
                return Err(invalid(
                    &at,
                    Message::new("manifest-series-length")
                        .arg("features", series.features.len().to_string())
                        .arg("steps", sequence.steps.len().to_string()),
                ));
            }
            for name in &series.features {
                if self.feature_index(name).is_none() {
                    return Err(invalid(
                        &at,
                        Message::new("manifest-series-unknown-feature").arg("feature", name),
                    ));
                }
                if seen.contains(&name.as_str()) {
                    return Err(invalid(
                        &at,
                        Message::new("manifest-series-placed-twice").arg("feature", name),
                    ));
                }
                seen.push(name);
            }
        }
        Ok(())
    }

    /// The grid cell (series, step) of a feature that belongs to the sequence.
    pub fn sequence_cell(&self, name: &str) -> Option<(usize, usize)> {
        let sequence = self.sequence.as_ref()?;
        sequence.series.iter().enumerate().find_map(|(s, series)| {
            let step = series.features.iter().position(|f| f == name)?;
            Some((s, step))
        })
    }

    fn check_encoding(&self) -> Result<Vec<usize>, ManifestError> {
        let mut used = vec![false; self.features.len()];
        let mut block_features = Vec::with_capacity(self.encoding.len());
        let mut width = 0;
        for block in &self.encoding {
            let at = Message::new("manifest-at-encoding").arg("feature", block.feature.as_str());
            let idx = self
                .feature_index(&block.feature)
                .ok_or_else(|| invalid(&at, Message::new("manifest-encoding-unknown-feature")))?;
            if std::mem::replace(&mut used[idx], true) {
                return Err(invalid(&at, Message::new("manifest-encoding-twice")));
            }
            let feature = &self.features[idx];
            check_block(&at, block, feature)?;
            width += block.width(feature);
            block_features.push(idx);
        }
        if let Some(idx) = used.iter().position(|u| !u) {
            let name = &self.features[idx].name;
            return Err(invalid(
                &field("encoding"),
                Message::new("manifest-never-encoded").arg("feature", name),
            ));
        }
        if width != self.model.input.columns {
            return Err(invalid(
                &field("model.input.columns"),
                Message::new("manifest-input-columns")
                    .arg("columns", self.model.input.columns.to_string())
                    .arg("width", width.to_string()),
            ));
        }
        check_sha256("model.sha256", &self.model.sha256)?;
        if let Some(scorecard) = &self.scorecard {
            let bins = self.encoding.iter().map(|b| match &b.kind {
                EncodingKind::Woe { bins } => Some(bins.len()),
                _ => None,
            });
            let fits = scorecard.points.len() == self.encoding.len()
                && scorecard
                    .points
                    .iter()
                    .zip(bins)
                    .all(|(p, n)| Some(p.len()) == n);
            if !fits {
                return Err(invalid(
                    &field("scorecard.points"),
                    Message::new("manifest-scorecard-points"),
                ));
            }
        }
        Ok(block_features)
    }

    fn check_decision(&self) -> Result<(), ManifestError> {
        let cutoff = self.decision.cutoff;
        let kind = self.model.output.kind;
        let cutoff_ok = match kind {
            OutputKind::Probability => cutoff > 0.0 && cutoff < 1.0,
            OutputKind::AnomalyScore => cutoff > 0.0 && cutoff.is_finite(),
        };
        if !cutoff_ok {
            let problem = match kind {
                OutputKind::Probability => Message::new("manifest-cutoff-probability"),
                OutputKind::AnomalyScore => Message::new("manifest-cutoff-anomaly"),
            };
            return Err(invalid(
                &field("decision.cutoff"),
                problem.arg("cutoff", cutoff.to_string()),
            ));
        }
        let (last, inner) = self
            .risk_bands
            .split_last()
            .ok_or_else(|| invalid(&field("risk_bands"), Message::new("manifest-empty")))?;
        let band_at = |name: &str| Message::new("manifest-at-risk-band").arg("band", name);
        let mut lower = 0.0;
        for band in inner {
            match band.upper {
                Some(upper) if upper > lower && upper.is_finite() => lower = upper,
                _ => {
                    return Err(invalid(
                        &band_at(&band.name),
                        Message::new("manifest-band-upper").arg("lower", lower.to_string()),
                    ));
                }
            }
        }
        let at = band_at(&last.name);
        match (kind, last.upper) {
            (OutputKind::Probability, Some(upper)) if upper == 1.0 && upper > lower => Ok(()),
            (OutputKind::Probability, _) => Err(invalid(
                &at,
                Message::new("manifest-band-last-probability").arg("lower", lower.to_string()),
            )),
            (OutputKind::AnomalyScore, None) => Ok(()),
            (OutputKind::AnomalyScore, Some(_)) => {
                Err(invalid(&at, Message::new("manifest-band-last-anomaly")))
            }
        }
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

fn check_block(
    at: &Message,
    block: &EncodingBlock,
    feature: &Feature,
) -> Result<(), ManifestError> {
    let numeric = matches!(
        feature.kind,
        FeatureKind::Number(_) | FeatureKind::Integer(_)
    );
    match (&block.kind, &feature.kind) {
        (EncodingKind::OneHot, FeatureKind::Category(_)) => Ok(()),
        (EncodingKind::OneHot, _) => Err(invalid(
            at,
            Message::new("manifest-one-hot-needs-category").arg("kind", "one_hot"),
        )),
        (EncodingKind::Numeric, _) if numeric => Ok(()),
        (EncodingKind::Numeric, _) => Err(invalid(
            at,
            Message::new("manifest-numeric-needs-number").arg("kind", "numeric"),
        )),
        (EncodingKind::Woe { bins }, kind) => {
            if bins.iter().any(|b| !b.woe.is_finite()) {
                return Err(invalid(at, Message::new("manifest-woe-not-finite")));
            }
            if let FeatureKind::Category(c) = kind {
                for category in &c.categories {
                    let n = bins
                        .iter()
                        .filter(|b| b.categories.contains(&category.value))
                        .count();
                    if n != 1 {
                        return Err(invalid(
                            at,
                            Message::new("manifest-woe-category-bins")
                                .arg("category", category.value.as_str())
                                .arg("bins", n.to_string()),
                        ));
                    }
                }
                if bins
                    .iter()
                    .any(|b| b.upper.is_some() || b.categories.iter().any(|v| c.find(v).is_none()))
                {
                    return Err(invalid(at, Message::new("manifest-woe-unknown-category")));
                }
                return Ok(());
            }
            let uppers: Vec<Option<f64>> = bins.iter().map(|b| b.upper).collect();
            let (last, inner) = uppers
                .split_last()
                .ok_or_else(|| invalid(at, Message::new("manifest-woe-no-bins")))?;
            let ascending = inner.iter().all(Option::is_some)
                && inner.windows(2).all(|w| w[0] < w[1])
                && inner.iter().flatten().all(|u| u.is_finite());
            if last.is_some() || !ascending || bins.iter().any(|b| !b.categories.is_empty()) {
                return Err(invalid(at, Message::new("manifest-woe-numeric-bins")));
            }
            Ok(())
        }
    }
}

fn check_sha256(at: &str, sha: &str) -> Result<(), ManifestError> {
    if sha.len() != 64
        || !sha
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(invalid(
            &field(at),
            Message::new("manifest-sha256").arg("sha", sha),
        ));
    }
    Ok(())
}

/// The placeholders a template may hold, by the kind of feature it describes.
fn check_reason(
    at: &Message,
    kind: &FeatureKind,
    reason: &ReasonTemplate,
) -> Result<(), ManifestError> {
    let (texts, allowed): (Vec<&String>, &[&str]) = match (kind, reason) {
        (FeatureKind::Category(_), ReasonTemplate::Category(text)) => (vec![text], &["category"]),
        (
            FeatureKind::Number(_) | FeatureKind::Integer(_),
            ReasonTemplate::Number { high, low },
        ) => (vec![high, low], &["value", "typical"]),
        (FeatureKind::Category(_), ReasonTemplate::Number { .. }) => {
            return Err(invalid(
                at,
                Message::new("manifest-reason-category-high-low")
                    .arg("placeholder", "{category}")
                    .arg("high", "high")
                    .arg("low", "low"),
            ));
        }
        (_, ReasonTemplate::Category(_)) => {
            return Err(invalid(
                at,
                Message::new("manifest-reason-number-one-text")
                    .arg("high", "high")
                    .arg("low", "low"),
            ));
        }
    };
    for text in texts {
        if text.trim().is_empty() {
            return Err(invalid(at, Message::new("manifest-reason-empty")));
        }
        for placeholder in placeholders(text) {
            if !allowed.contains(&placeholder) {
                return Err(invalid(
                    at,
                    Message::new("manifest-reason-placeholder")
                        .arg("text", text)
                        .arg("placeholder", format!("{{{placeholder}}}")),
                ));
            }
        }
    }
    Ok(())
}

fn check_kind(at: &Message, kind: &FeatureKind) -> Result<(), ManifestError> {
    match kind {
        FeatureKind::Number(n) | FeatureKind::Integer(n) => {
            if !(n.min.is_finite() && n.max.is_finite() && n.min <= n.max) {
                return Err(invalid(
                    at,
                    Message::new("manifest-range-not-range")
                        .arg("min", n.min.to_string())
                        .arg("max", n.max.to_string()),
                ));
            }
            if !(n.min..=n.max).contains(&n.default) {
                return Err(invalid(
                    at,
                    Message::new("manifest-default-outside")
                        .arg("default", n.default.to_string())
                        .arg("min", n.min.to_string())
                        .arg("max", n.max.to_string()),
                ));
            }
            if matches!(kind, FeatureKind::Integer(_)) && n.default.fract() != 0.0 {
                return Err(invalid(
                    at,
                    Message::new("manifest-default-not-whole")
                        .arg("default", n.default.to_string()),
                ));
            }
        }
        FeatureKind::Category(c) => {
            if c.categories.is_empty() {
                return Err(invalid(at, Message::new("manifest-no-categories")));
            }
            for (i, category) in c.categories.iter().enumerate() {
                let spellings = [Some(&category.value), category.code.as_ref()];
                for text in spellings.into_iter().flatten() {
                    if c.find(text) != Some(i) {
                        return Err(invalid(
                            at,
                            Message::new("manifest-category-ambiguous").arg("category", text),
                        ));
                    }
                }
            }
            if c.find(&c.default).is_none() {
                return Err(invalid(
                    at,
                    Message::new("manifest-default-not-category")
                        .arg("default", c.default.as_str()),
                ));
            }
        }
    }
    Ok(())
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
