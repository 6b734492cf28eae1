//! `riskscope explain`: one applicant as the page's workspace shows them — score, decision and
//! risk band, the principal reasons and the notice, every attribute's attribution, and the
//! smallest changes that would clear a flagged decision — as text or JSON.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;
use serde_json::Value as Json;

use crate::model::{self, ModelArgs};
use crate::unreadable;
use riskscope_core::applicant::{Applicant, RawApplicant};
use riskscope_core::assessment::Assessment;
use riskscope_core::explain::{Attribution, Method};
use riskscope_core::i18n::{Lang, Localized, Message};
use riskscope_core::manifest::{DecisionRule, FeatureKind, Manifest, Value};
use riskscope_core::reasons::notes::note_message;
use riskscope_core::reasons::{Reason, describe_value, notice_in, principal_reasons};
use riskscope_core::recourse::{
    Change, Counterfactual, SearchSettings, counterfactuals, default_locks,
};
use riskscope_core::scorer::Scorer;

#[derive(Args)]
pub struct ExplainArgs {
    /// The model: a catalog id or a model directory (leave it out with --onnx and --manifest).
    #[arg(value_name = "MODEL")]
    model_name: Option<String>,
    #[command(flatten)]
    model: ModelArgs,
    /// The applicant: a JSON object of attribute names and values ({"duration_in_month": 24,
    /// "purpose": "car (new)", …}), a category by its value as the data has it; an attribute left
    /// out or null is missing (imputed where the model allows). - reads standard input.
    #[arg(long, value_name = "FILE.json")]
    applicant: PathBuf,
    /// The cut-off the decision is taken at (the model's when left out).
    #[arg(long, value_name = "P")]
    cutoff: Option<f64>,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Explanation {
    model: String,
    score: f32,
    decision: String,
    band: String,
    cutoff: f64,
    reasons: Vec<ReasonOut>,
    /// Values the model did not score as given, in words.
    notes: Vec<String>,
    attribution: Option<AttributionOut>,
    counterfactuals: Vec<CounterfactualOut>,
}

#[derive(Serialize)]
struct ReasonOut {
    feature: String,
    text: String,
    contribution: f64,
}

#[derive(Serialize)]
struct AttributionOut {
    method: String,
    /// Permutation walks for a sampled attribution.
    walks: Option<usize>,
    baseline: f64,
    value: f64,
    features: Vec<FeatureOut>,
}

#[derive(Serialize)]
struct FeatureOut {
    feature: String,
    label: String,
    value: String,
    contribution: f64,
    /// Half-width of the 95 % interval; 0 when exact.
    half_width: f64,
}

#[derive(Serialize)]
struct CounterfactualOut {
    score: f32,
    cost: f64,
    changes: Vec<ChangeOut>,
}

#[derive(Serialize)]
struct ChangeOut {
    feature: String,
    label: String,
    from: String,
    to: String,
    /// The new value as an applicant file gives it (a category's value, a number).
    value: Json,
}

/// What the workspace computes for one applicant.
struct Outcome {
    assessment: Assessment,
    rule: DecisionRule,
    attribution: Option<Attribution>,
    reasons: Vec<Reason>,
    found: Vec<Counterfactual>,
}

pub fn run(args: &ExplainArgs, lang: Lang) -> Result<u8, Message> {
    let scorer = model::load(&args.model, args.model_name.as_deref())?;
    let scorer = match lang {
        Lang::En => scorer,
        _ => scorer.localized(lang),
    };
    let applicant = read_applicant(&scorer, &args.applicant)?;
    let manifest = scorer.manifest();
    let mut rule = manifest.decision.clone();
    if let Some(cutoff) = args.cutoff {
        if !cutoff.is_finite() {
            return Err(Message::new("cli-cutoff").arg("cutoff", cutoff.to_string()));
        }
        rule.cutoff = cutoff;
    }
    let assessment = scorer
        .assess(&applicant)
        .map_err(|e| e.message())?
        .under(&rule, &manifest.risk_bands);
    let attribution = match scorer.explainer() {
        Some(_) => Some(scorer.explain(&applicant).map_err(|e| e.message())?),
        None => None,
    };
    let reasons = match &attribution {
        Some(a) => principal_reasons(manifest, scorer.reference(), &applicant, &assessment, a),
        None => Vec::new(),
    };
    let locks = default_locks(manifest);
    let settings = SearchSettings::default();
    let found = counterfactuals(&scorer, &applicant, &locks, rule.cutoff, settings)
        .map_err(|e| Message::quoted(e.to_string()))?;
    let outcome = Outcome {
        assessment,
        rule,
        attribution,
        reasons,
        found,
    };
    if args.json {
        let explanation = explanation(&scorer, &applicant, &outcome, lang);
        let text = serde_json::to_string_pretty(&explanation).map_err(Message::quoted)?;
        crate::emit(&format!("{text}\n"))?;
    } else {
        crate::emit(&text(&scorer, &applicant, &outcome, lang))?;
    }
    Ok(0)
}

fn explanation(scorer: &Scorer, applicant: &Applicant, o: &Outcome, lang: Lang) -> Explanation {
    let manifest = scorer.manifest();
    let change = |ch: &Change| ChangeOut {
        feature: manifest.features[ch.feature_idx].name.clone(),
        label: manifest.features[ch.feature_idx].label.clone(),
        from: describe_value(manifest, ch.feature_idx, ch.from),
        to: describe_value(manifest, ch.feature_idx, ch.to),
        value: raw_value(manifest, ch.feature_idx, ch.to),
    };
    Explanation {
        model: manifest.id.clone(),
        score: o.assessment.score,
        decision: o.assessment.decision_label(&o.rule).to_owned(),
        band: manifest
            .risk_bands
            .get(o.assessment.band_idx)
            .map(|b| b.label.clone())
            .unwrap_or_default(),
        cutoff: o.rule.cutoff,
        reasons: o
            .reasons
            .iter()
            .map(|r| ReasonOut {
                feature: manifest.features[r.feature_idx].name.clone(),
                text: r.text.clone(),
                contribution: r.contribution,
            })
            .collect(),
        notes: notes(scorer, applicant, lang),
        attribution: o
            .attribution
            .as_ref()
            .map(|a| attribution_out(scorer, applicant, a)),
        counterfactuals: o
            .found
            .iter()
            .map(|c| CounterfactualOut {
                score: c.score,
                cost: c.cost,
                changes: c.changes.iter().map(change).collect(),
            })
            .collect(),
    }
}

/// The notice the page prints, then the attribution and the changes that would clear it.
fn text(scorer: &Scorer, applicant: &Applicant, o: &Outcome, lang: Lang) -> String {
    let mut manifest = scorer.manifest().clone();
    manifest.decision = o.rule.clone();
    let mut out = notice_in(lang, &manifest, applicant, &o.assessment, &o.reasons);
    if let Some(a) = &o.attribution {
        let title = Message::new("support-attribution-title").in_lang(lang);
        let _ = writeln!(out, "\n{title}");
        for f in attribution_out(scorer, applicant, a).features {
            let interval = match f.half_width > 0.0 {
                true => format!(" ± {:.3}", f.half_width),
                false => String::new(),
            };
            let (c, label, value) = (f.contribution, f.label, f.value);
            let _ = writeln!(out, "  {c:>+8.3}{interval:<10} {label}: {value}");
        }
    }
    if !o.found.is_empty() {
        let title = Message::new("support-recourse-title").in_lang(lang);
        let _ = writeln!(out, "\n{title}");
        for (k, c) in o.found.iter().enumerate() {
            let changes: Vec<String> = c
                .changes
                .iter()
                .map(|ch| {
                    let change = Message::new("support-recourse-change")
                        .arg("from", describe_value(&manifest, ch.feature_idx, ch.from))
                        .arg("to", describe_value(&manifest, ch.feature_idx, ch.to));
                    let label = &manifest.features[ch.feature_idx].label;
                    format!("{label}{}", change.in_lang(lang))
                })
                .collect();
            let margin = format!("{:.4}", o.rule.cutoff - f64::from(c.score));
            let score = Message::new("support-recourse-new-score")
                .arg("score", format!("{:.4}", c.score))
                .arg("margin", margin)
                .in_lang(lang);
            let _ = writeln!(out, "  {}. {} — {score}", k + 1, changes.join("; "));
        }
    }
    out
}

/// A value as the applicant file writes it.
fn raw_value(manifest: &Manifest, feature_idx: usize, value: Value) -> Json {
    match (manifest.features.get(feature_idx).map(|f| &f.kind), value) {
        (Some(FeatureKind::Category(c)), Value::Category(k)) => c
            .categories
            .get(k)
            .map_or(Json::Null, |c| Json::String(c.value.clone())),
        (_, Value::Number(x)) => serde_json::Number::from_f64(x).map_or(Json::Null, Json::Number),
        _ => Json::Null,
    }
}

fn notes(scorer: &Scorer, applicant: &Applicant, lang: Lang) -> Vec<String> {
    applicant
        .notes()
        .iter()
        .map(|n| note_message(scorer.manifest(), applicant, n).in_lang(lang))
        .collect()
}

/// Every attribute's contribution, the largest push toward the positive class first.
fn attribution_out(scorer: &Scorer, applicant: &Applicant, a: &Attribution) -> AttributionOut {
    let manifest = scorer.manifest();
    let (method, walks) = match a.method {
        Method::Additive => ("additive", None),
        Method::Exact => ("exact", None),
        Method::Trees => ("trees", None),
        Method::Sampled { walks } => ("sampled", Some(walks)),
    };
    AttributionOut {
        method: method.to_owned(),
        walks,
        baseline: a.baseline,
        value: a.value,
        features: a
            .order_by_push()
            .into_iter()
            .map(|j| FeatureOut {
                feature: manifest.features[j].name.clone(),
                label: manifest.features[j].label.clone(),
                value: applicant
                    .values()
                    .get(j)
                    .map(|&v| describe_value(manifest, j, v))
                    .unwrap_or_default(),
                contribution: a.contributions[j],
                half_width: a.half_width.get(j).copied().unwrap_or(0.0),
            })
            .collect(),
    }
}

/// The applicant's JSON: each attribute's value as text (a number as written), as the page's
/// form reads it.
fn read_applicant(scorer: &Scorer, path: &std::path::Path) -> Result<Applicant, Message> {
    let bytes = match path == std::path::Path::new("-") {
        true => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| unreadable(path, e))?;
            bytes
        }
        false => std::fs::read(path).map_err(|e| unreadable(path, e))?,
    };
    let name = path.display().to_string();
    let json: Json = serde_json::from_slice(&bytes).map_err(|e| {
        Message::new("cli-at-file")
            .arg("path", name.as_str())
            .arg("message", Message::quoted(e))
    })?;
    let Json::Object(fields) = json else {
        return Err(Message::new("cli-applicant-object").arg("path", name.as_str()));
    };
    let manifest = scorer.manifest();
    let mut raw = RawApplicant::default();
    for (key, value) in &fields {
        if !manifest.features.iter().any(|f| &f.name == key) {
            let names: Vec<&str> = manifest.features.iter().map(|f| f.name.as_str()).collect();
            return Err(Message::new("cli-applicant-unknown")
                .arg("path", name.as_str())
                .arg("feature", key.as_str())
                .arg("features", names.join(", ")));
        }
        let text = match value {
            Json::Null => continue,
            Json::String(s) => s.clone(),
            Json::Number(n) => n.to_string(),
            Json::Bool(b) => b.to_string(),
            other => other.to_string(),
        };
        raw.insert(key.as_str(), text);
    }
    scorer.parse(&raw).map_err(|e| {
        Message::new("cli-at-file")
            .arg("path", name.as_str())
            .arg("message", e.message())
    })
}
