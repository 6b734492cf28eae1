//! `riskscope evaluate` on every bundled sample against the pipeline's own figures
//! (scikit-learn and numpy on onnxruntime's scores of the same rows,
//! `models/<id>/sample.expected.json`), its report in both languages, and its refusals.
//! tests/e2e/batch.test.mjs holds the same figures against the page's.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;
use serde_json::Value;

const CLI: &str = env!("CARGO_BIN_EXE_riskscope");

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

fn run(args: &[&str]) -> Output {
    Command::new(CLI).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[derive(Deserialize)]
struct Expected {
    rows: u64,
    positives: u64,
    auc: f64,
    average_precision: f64,
    ks: f64,
    gini: f64,
    brier: Option<f64>,
    cutoff: f64,
    flagged: u64,
    score_psi: f64,
    feature_psi: BTreeMap<String, f64>,
    adverse_impact_ratio: BTreeMap<String, f64>,
    tpr_gap: BTreeMap<String, f64>,
}

/// Ranking figures move only if two rows swap (tract's and onnxruntime's scores differ by
/// ~1e-7); a score's decile bin can flip for a row on an edge (tests/samples.rs says more).
const RANKING: f64 = 1e-4;
const SCORE_PSI: f64 = 2e-3;

fn number(v: &Value, path: &[&str]) -> f64 {
    let mut at = v;
    for key in path {
        at = &at[key];
    }
    at.as_f64()
        .unwrap_or_else(|| panic!("{path:?} is not a number: {at}"))
}

#[test]
fn evaluate_gives_the_pipelines_figures_for_every_sample() {
    let catalog: Value =
        serde_json::from_slice(&std::fs::read(models().join("catalog.json")).unwrap()).unwrap();
    let models_dir = models();
    let models_dir = models_dir.to_str().unwrap();
    for entry in catalog["models"].as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        let dir = models().join(id);
        let expected: Expected =
            serde_json::from_slice(&std::fs::read(dir.join("sample.expected.json")).unwrap())
                .unwrap();
        let sample = dir.join("sample.csv");
        let mut args = vec![
            "evaluate",
            id,
            sample.to_str().unwrap(),
            "--models",
            models_dir,
            "--json",
            "-q",
        ];
        for column in expected.adverse_impact_ratio.keys() {
            args.extend(["--group", column.as_str()]);
        }
        let out = run(&args);
        assert!(out.status.success(), "{id}: {}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let close = |what: &str, got: f64, want: f64, tol: f64| {
            assert!(
                (got - want).abs() <= tol,
                "{id}: {what} {got} vs the pipeline's {want}"
            );
        };
        assert_eq!(report["rows"], expected.rows, "{id}");
        assert_eq!(report["errors"], 0, "{id}");
        assert_eq!(number(&report, &["cutoff"]), expected.cutoff, "{id}");
        let p = &report["performance"];
        assert_eq!(p["positives"], expected.positives, "{id}");
        close("AUC", number(p, &["auc"]), expected.auc, RANKING);
        close(
            "AP",
            number(p, &["average_precision"]),
            expected.average_precision,
            RANKING,
        );
        close("KS", number(p, &["ks"]), expected.ks, RANKING);
        close("Gini", number(p, &["gini"]), expected.gini, 2.0 * RANKING);
        match expected.brier {
            Some(b) => close("Brier", number(p, &["brier"]), b, 1e-6),
            None => assert!(
                p["brier"].is_null(),
                "{id}: a Brier score for a non-probability"
            ),
        }
        let flagged = number(p, &["confusion", "tp"]) + number(p, &["confusion", "fp"]);
        assert_eq!(
            flagged, expected.flagged as f64,
            "{id}: flagged at the cut-off"
        );
        let lift = p["lift"].as_array().unwrap();
        assert_eq!(lift.len(), 10, "{id}: lift by tenth");
        let drift = report["drift"].as_array().unwrap();
        assert_eq!(
            drift[0]["name"], "score",
            "{id}: the score's PSI comes first"
        );
        close(
            "score PSI",
            number(&drift[0], &["psi"]),
            expected.score_psi,
            SCORE_PSI,
        );
        for (name, want) in &expected.feature_psi {
            let row = drift
                .iter()
                .find(|d| d["name"] == name.as_str())
                .unwrap_or_else(|| panic!("{id}: no PSI for {name}"));
            close(
                &format!("PSI of {name}"),
                number(row, &["psi"]),
                *want,
                1e-9,
            );
        }
        let groups = report["fairness"].as_array().unwrap();
        assert_eq!(groups.len(), expected.adverse_impact_ratio.len(), "{id}");
        for g in groups {
            let column = g["column"].as_str().unwrap();
            let air = expected.adverse_impact_ratio[column];
            close(
                &format!("AIR by {column}"),
                number(g, &["adverse_impact_ratio"]),
                air,
                1e-12,
            );
            let gap = expected.tpr_gap[column];
            close(
                &format!("TPR gap by {column}"),
                number(g, &["tpr_gap"]),
                gap,
                1e-12,
            );
            assert_eq!(g["four_fifths_flag"], air < 0.8, "{id}: {column}");
            let rows: u64 = g["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["rows"].as_u64().unwrap())
                .sum();
            assert_eq!(
                rows, expected.rows,
                "{id}: every row in one group of {column}"
            );
        }
    }
}

#[test]
fn the_readable_report_is_in_the_chosen_language() {
    let sample = models().join("german-credit-logistic/sample.csv");
    let models_dir = models();
    for (lang, words) in [
        (
            "en",
            [
                "ROC AUC",
                "Lift by tenth",
                "Adverse-impact ratio",
                "Drift against",
            ],
        ),
        ("zh-CN", ["ROC AUC", "提升度", "不利影响比", "漂移"]),
    ] {
        let out = run(&[
            "evaluate",
            "german-credit-logistic",
            sample.to_str().unwrap(),
            "--models",
            models_dir.to_str().unwrap(),
            "--group",
            "personal_status_and_sex",
            "--lang",
            lang,
            "-q",
        ]);
        assert!(out.status.success(), "{lang}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        for word in words {
            assert!(text.contains(word), "{lang}: no {word:?} in\n{text}");
        }
        assert!(
            text.contains("0.8303"),
            "{lang}: the AUC to four places\n{text}"
        );
    }
}

#[test]
fn evaluate_refuses_what_it_cannot_evaluate_and_says_why() {
    let dir = std::env::temp_dir().join(format!("riskscope-cli-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(models().join("german-credit-logistic/sample.csv")).unwrap();
    // The label column dropped: nothing to evaluate against.
    let unlabelled: String = text
        .lines()
        .map(|l| l.rsplit_once(',').unwrap().0.to_owned() + "\n")
        .collect();
    let file = dir.join("unlabelled.csv");
    std::fs::write(&file, unlabelled).unwrap();
    let models_dir = models();
    let base = |file: &Path| -> Vec<String> {
        [
            "evaluate",
            "german-credit-logistic",
            file.to_str().unwrap(),
            "--models",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .chain([models_dir.to_str().unwrap().to_owned(), "-q".to_owned()])
        .collect()
    };
    let sample = models().join("german-credit-logistic/sample.csv");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (base(&file), "no label column found"),
        (
            [base(&sample), vec!["--label".into(), "outcome".into()]].concat(),
            "no column \"outcome\" in the file",
        ),
        (
            [
                base(&sample),
                vec!["--group".into(), "credit_amount".into()],
            ]
            .concat(),
            "\"credit_amount\" is not a group column of this file",
        ),
        (
            [base(&sample), vec!["--cutoff".into(), "NaN".into()]].concat(),
            "the cut-off NaN is not a number",
        ),
    ];
    for (args, says) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: no report");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
