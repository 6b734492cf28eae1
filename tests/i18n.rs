//! The languages: every message file parses, both languages define the same messages with the
//! same arguments, every message id the code uses exists, nothing in Chinese is English left
//! as it was, and every catalog model's manifest is fully translated.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use riskscope_core::catalog::Catalog;
use riskscope_core::i18n::{AREAS, Bundle, Lang};
use riskscope_core::manifest::Manifest;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Message id -> (area, its variables, its text as written).
type Messages = BTreeMap<String, (String, BTreeSet<String>, String)>;

fn messages(lang: Lang) -> Messages {
    let mut out = Messages::new();
    for area in AREAS {
        let path = Path::new(ROOT).join(format!("crates/core/locales/{}/{area}.ftl", lang.tag()));
        let source = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
        for entry in resource.body {
            match entry {
                Entry::Message(message) => {
                    let id = message.id.name.to_string();
                    let mut vars = BTreeSet::new();
                    let mut text = String::new();
                    if let Some(value) = &message.value {
                        variables(value, &mut vars, &mut text);
                    }
                    assert!(
                        message.value.is_some(),
                        "{}/{area}.ftl: {id} has no text",
                        lang.tag()
                    );
                    let previous = out.insert(id.clone(), (area.to_string(), vars, text));
                    assert!(previous.is_none(), "{}: {id} is defined twice", lang.tag());
                }
                Entry::Term(term) => panic!(
                    "{}/{area}.ftl: terms are not used ({})",
                    lang.tag(),
                    term.id.name
                ),
                Entry::Junk { content } => {
                    panic!("{}/{area}.ftl: cannot parse {content:?}", lang.tag())
                }
                _ => {}
            }
        }
    }
    out
}

fn variables(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable { expression } => expression_vars(expression, vars, text),
        }
    }
}

fn expression_vars(expression: &Expression<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    match expression {
        Expression::Inline(inline) => inline_vars(inline, vars, text),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars, text);
            for variant in variants {
                variables(&variant.value, vars, text);
            }
        }
    }
}

fn inline_vars(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::StringLiteral { value } => text.push_str(value),
        InlineExpression::Placeable { expression } => expression_vars(expression, vars, text),
        _ => {}
    }
}

#[test]
fn every_message_file_parses_into_its_bundle() {
    for lang in Lang::ALL {
        let bundle = Bundle::new(lang);
        assert!(
            bundle.errors.is_empty(),
            "{}: {:?}",
            lang.tag(),
            bundle.errors
        );
        assert!(!Bundle::ids(lang).is_empty());
    }
}

#[test]
fn both_languages_define_the_same_messages_with_the_same_arguments() {
    let en = messages(Lang::En);
    let zh = messages(Lang::ZhCn);
    let mut problems = Vec::new();
    for (id, (area, vars, _)) in &en {
        match zh.get(id) {
            None => problems.push(format!("zh-CN/{area}.ftl lacks {id}")),
            Some((zh_area, zh_vars, _)) => {
                if zh_area != area {
                    problems.push(format!("{id} is in en/{area}.ftl but zh-CN/{zh_area}.ftl"));
                }
                // A translation may drop a count used only to pick an English plural.
                let missing: Vec<_> = vars
                    .difference(zh_vars)
                    .filter(|v| !v.starts_with("count"))
                    .collect();
                let extra: Vec<_> = zh_vars.difference(vars).collect();
                if !missing.is_empty() || !extra.is_empty() {
                    problems.push(format!("{id}: zh-CN lacks {missing:?}, adds {extra:?}"));
                }
            }
        }
    }
    for (id, (area, _, _)) in &zh {
        if !en.contains_key(id) {
            problems.push(format!("en/{area}.ftl lacks {id} (zh-CN has it)"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Words that are the same in a Chinese text: abbreviations, names and units.
const SAME_IN_CHINESE: &[&str] = &[
    "RiskScope",
    "Statlog",
    "Brier",
    "Shapley",
    "tract",
    "onnxruntime",
    "skl2onnx",
    "ZipMap",
    "Sigmoid",
    "Softmax",
    "ReLU",
    "Tanh",
    "Gemm",
    "MatMul",
    "Fluent",
    "PyTorch",
    "scikit",
    "learn",
    "sklearn",
    "initial_h",
    "initial_c",
    "float32",
    "float",
    "int64",
    "zipmap",
    "div",
    "http",
    "https",
    "LightGBM",
    "onnxmltools",
    "n_estimators",
];

fn english_words(text: &str) -> Vec<String> {
    // Paths and file names are names, not words.
    let text: String = text
        .split_whitespace()
        .filter(|token| {
            !token.contains('/')
                && !token.contains(".mjs")
                && !token.contains(".onnx")
                && !token.contains(".json")
                && !token.contains(".csv")
        })
        .collect::<Vec<_>>()
        .join(" ");
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .filter(|w| !w.chars().all(|c| c.is_ascii_uppercase()))
        .filter(|w| !SAME_IN_CHINESE.iter().any(|s| s.eq_ignore_ascii_case(w)))
        .map(str::to_string)
        .collect()
}

#[test]
fn chinese_messages_are_translated() {
    let mut problems = Vec::new();
    for (id, (area, _, text)) in messages(Lang::ZhCn) {
        let words = english_words(&text);
        if !words.is_empty() {
            problems.push(format!(
                "zh-CN/{area}.ftl {id}: English words {words:?} in {text:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The literal message ids in `source`: the first string of `tr!(tr, "id"…)`,
/// `Message::new("id")`, `.t("id")`, `.f("id", …)`, `.text("id")`, `.format("id", …)`.
fn used_ids(source: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for marker in ["tr!(", "Message::new(", ".t(", ".f(", ".text(", ".format("] {
        for (at, _) in source.match_indices(marker) {
            let mut rest = &source[at + marker.len()..];
            if marker == "tr!(" {
                let Some(comma) = rest.find(',') else {
                    continue;
                };
                rest = &rest[comma + 1..];
            }
            let rest = rest.trim_start();
            let Some(rest) = rest.strip_prefix('"') else {
                continue;
            };
            let Some(end) = rest.find('"') else { continue };
            let id = &rest[..end];
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && id.contains('-')
            {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let en = messages(Lang::En);
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for id in used_ids(&source) {
            if !en.contains_key(&id) {
                problems.push(format!("{}: {id} is in no message file", file.display()));
            }
            used.insert(id);
        }
    }
    assert!(
        used.len() > 50,
        "the scan found only {} ids: is it still reading the code?",
        used.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_fallback_and_arguments_work() {
    assert_eq!(
        Lang::ZhCn.format("app-model-failed", &[("error", "x".into())]),
        "无法加载模型。x"
    );
    assert_eq!(Lang::En.text("no-such-message"), "no-such-message");
    assert!(Lang::ZhCn.has("app-privacy") && Lang::En.has("app-privacy"));
}

#[test]
fn every_catalog_model_is_fully_translated() {
    let catalog: Catalog = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("models/catalog.json")).unwrap(),
    )
    .unwrap();
    let mut problems = Vec::new();
    for entry in &catalog.models {
        if !entry.translations.contains_key("zh-CN") {
            problems.push(format!("catalog: {} has no zh-CN title", entry.id));
        }
        let json =
            std::fs::read_to_string(Path::new(ROOT).join("models").join(&entry.manifest)).unwrap();
        let manifest = Manifest::parse(&json).unwrap();
        for missing in manifest.untranslated(Lang::ZhCn) {
            problems.push(format!("{}: zh-CN lacks {missing}", entry.id));
        }
        // Laid over, no label is English any more (units such as DM may stay).
        let zh = manifest.localized(Lang::ZhCn);
        for (en_f, zh_f) in manifest.features.iter().zip(&zh.features) {
            if zh_f.label == en_f.label && !english_words(&en_f.label).is_empty() {
                problems.push(format!(
                    "{}: feature {} label is still English",
                    entry.id, en_f.name
                ));
            }
        }
        // Only the words for what the score is the probability of change in the model's spec.
        let mut model = zh.model.clone();
        model.positive_class = manifest.model.positive_class.clone();
        assert_ne!(
            zh.model.positive_class, manifest.model.positive_class,
            "{}",
            entry.id
        );
        assert_eq!(model, manifest.model, "localizing must not touch the model");
        assert_eq!(zh.encoding, manifest.encoding);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every error of the core becomes words one way, `Localized::message`; in English that
/// message reads exactly as the error's `Display` (the one written for logs and tests), and in
/// Chinese it is another text.
#[test]
fn errors_read_in_english_as_their_display_and_are_translated() {
    use riskscope_core::applicant::{FieldError, InputErrors, Problem};
    use riskscope_core::catalog::CatalogError;
    use riskscope_core::encoding::ForeignApplicant;
    use riskscope_core::explain::ExplainError;
    use riskscope_core::i18n::Localized;
    use riskscope_core::model::{ModelError, ScoreRange};
    use riskscope_core::scorer::{LoadError, ScoreError};

    fn check(error: &(impl Localized + std::fmt::Display), problems: &mut Vec<String>) {
        let (en, zh) = (
            error.message().in_lang(Lang::En),
            error.message().in_lang(Lang::ZhCn),
        );
        if en != error.to_string() {
            problems.push(format!(
                "English {en:?} is not the Display {:?}",
                error.to_string()
            ));
        }
        if zh == en {
            problems.push(format!("{en:?} is not translated"));
        }
    }
    let field = |feature: &str, problem| FieldError {
        feature: feature.into(),
        feature_idx: 0,
        problem,
    };
    let model_errors = [
        ModelError::Load("no such operator Foo".into()),
        ModelError::Run("shape mismatch".into()),
        ModelError::RaggedInput { got: 7, width: 3 },
        ModelError::OutputShape {
            name: "probabilities".into(),
            shape: vec![1, 2, 3],
            column: 1,
        },
        ModelError::ErrorsShape {
            name: "errors".into(),
            shape: vec![4],
            rows: 4,
            width: 30,
        },
        ModelError::OutOfRange {
            row_idx: 3,
            value: 1.5,
            expected: ScoreRange::Probability,
        },
        ModelError::OutOfRange {
            row_idx: 0,
            value: -1.0,
            expected: ScoreRange::NonNegative,
        },
    ];
    let mut problems = Vec::new();
    for e in model_errors {
        check(&e, &mut problems);
        check(&ExplainError::Model(e), &mut problems);
    }
    let input = InputErrors(vec![
        field("age", Problem::Missing),
        field("duration", Problem::NotANumber { text: "ten".into() }),
        field("amount", Problem::NotAWholeNumber { value: 2.5 }),
        field(
            "age",
            Problem::OutOfRange {
                value: 150.0,
                min: 18.0,
                max: 99.5,
            },
        ),
        field("purpose", Problem::UnknownCategory { text: "A99".into() }),
    ]);
    for f in &input.0 {
        check(f, &mut problems);
        check(&f.problem, &mut problems);
    }
    check(&input, &mut problems);
    check(&ScoreError::Input(input), &mut problems);
    let foreign = ForeignApplicant {
        manifest_id: "german-credit-mlp".into(),
    };
    check(&foreign, &mut problems);
    check(&ExplainError::Foreign(foreign), &mut problems);
    for e in [
        ExplainError::NoBackground,
        ExplainError::UnknownFeature {
            player: 2,
            feature_idx: 31,
        },
        ExplainError::TooManyPlayers { n_players: 24 },
        ExplainError::RowWidth { got: 3, width: 61 },
        ExplainError::ValueWidth {
            feature_idx: 4,
            got: 2,
            width: 10,
        },
    ] {
        check(&e, &mut problems);
    }
    check(
        &LoadError::HashMismatch {
            model_id: "ulb-fraud-mlp".into(),
            expected: "ab".into(),
            actual: "cd".into(),
        },
        &mut problems,
    );
    check(&CatalogError::Empty, &mut problems);
    check(&CatalogError::Json("EOF at line 1".into()), &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
}
