//! `riskscope explain` on golden applicants: the score is onnxruntime's, the attribution adds
//! up to the score's distance from the baseline, the reasons are the largest pushes, and each
//! suggested change, applied to the applicant and explained again, scores what it said, below
//! the cut-off.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Map, Value};

const CLI: &str = env!("CARGO_BIN_EXE_riskscope");

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

fn explain(id: &str, applicant: &Map<String, Value>, extra: &[&str]) -> Output {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let file = std::env::temp_dir().join(format!(
        "riskscope-cli-explain-{}-{call}.json",
        std::process::id()
    ));
    std::fs::write(&file, serde_json::to_vec(applicant).unwrap()).unwrap();
    let models = models();
    let mut args = vec![
        "explain",
        id,
        "--applicant",
        file.to_str().unwrap(),
        "--models",
        models.to_str().unwrap(),
    ];
    args.extend(extra);
    let out = Command::new(CLI).args(&args).output().unwrap();
    std::fs::remove_file(&file).unwrap();
    out
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The model's golden rows (raw values as text, onnxruntime's score).
fn golden(id: &str) -> Vec<(Map<String, Value>, f64)> {
    let golden: Value =
        serde_json::from_slice(&std::fs::read(models().join(id).join("golden.json")).unwrap())
            .unwrap();
    golden["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["raw"].as_object().unwrap().clone(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn explain_scores_attributes_and_suggests_changes_that_hold() {
    for id in [
        "german-credit-logistic",
        "german-credit-mlp",
        "german-credit-lightgbm",
    ] {
        let rows = golden(id);
        let cutoff = 1.0 / 6.0;
        let (applicant, want) = rows
            .iter()
            .find(|(_, score)| *score >= cutoff + 0.05)
            .unwrap_or_else(|| panic!("{id}: no clearly flagged golden row"));
        let e = json(&explain(id, applicant, &["--json"]));
        let score = e["score"].as_f64().unwrap();
        assert!(
            (score - want).abs() < 1e-5,
            "{id}: {score} vs onnxruntime's {want}"
        );
        assert_eq!(e["decision"], "Decline", "{id}");
        let a = &e["attribution"];
        let total: f64 = a["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["contribution"].as_f64().unwrap())
            .sum();
        let gap = a["value"].as_f64().unwrap() - a["baseline"].as_f64().unwrap();
        assert!(
            (total - gap).abs() < 1e-6,
            "{id}: contributions {total}, value - baseline {gap}"
        );
        let reasons = e["reasons"].as_array().unwrap();
        assert!(
            !reasons.is_empty() && reasons.len() <= 4,
            "{id}: {reasons:?}"
        );
        for (r, f) in reasons.iter().zip(a["features"].as_array().unwrap()) {
            assert_eq!(
                r["feature"], f["feature"],
                "{id}: reasons are the largest pushes"
            );
            assert!(r["contribution"].as_f64().unwrap() > 0.0);
        }
        let suggestions = e["counterfactuals"].as_array().unwrap();
        assert!(!suggestions.is_empty(), "{id}: no change suggested");
        for s in suggestions {
            let said = s["score"].as_f64().unwrap();
            assert!(said < cutoff, "{id}: a suggestion at {said}");
            let mut changed = applicant.clone();
            for c in s["changes"].as_array().unwrap() {
                let value = match &c["value"] {
                    Value::Number(n) => Value::String(n.to_string()),
                    other => other.clone(),
                };
                changed.insert(c["feature"].as_str().unwrap().to_owned(), value);
            }
            let again = json(&explain(id, &changed, &["--json"]));
            let rescored = again["score"].as_f64().unwrap();
            assert!(
                (rescored - said).abs() < 1e-6,
                "{id}: said {said}, scores {rescored}"
            );
            assert_eq!(again["decision"], "Approve", "{id}");
        }
    }
}

#[test]
fn explain_prints_the_notice_in_either_language_and_refuses_a_bad_applicant() {
    let (applicant, _) = golden("german-credit-logistic").swap_remove(0);
    let out = explain("german-credit-logistic", &applicant, &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("STATEMENT OF PRINCIPAL REASONS") && text.contains("Why this score"));
    let out = explain("german-credit-logistic", &applicant, &["--lang", "zh-CN"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("Why this score") && text.contains("决定"),
        "{text}"
    );

    let mut unknown = applicant.clone();
    unknown.insert("shoe_size".into(), Value::from(42));
    let mut bad = applicant.clone();
    bad.insert("duration_in_month".into(), Value::from("twelve"));
    for (applicant, says) in [
        (unknown, "\"shoe_size\" is not an attribute of this model"),
        (bad, "\"twelve\" is not a number"),
    ] {
        let out = explain("german-credit-logistic", &applicant, &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(says), "{err}");
    }
}
