//! The bundled samples scored as files: the batch job's evaluation, fairness and drift figures
//! against the pipeline's own (scikit-learn and numpy on onnxruntime's scores of the same rows,
//! `models/<id>/sample.expected.json`).

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use common::MODELS;
use riskscope_core::batch::{JobSettings, Mapping, read_head, score_bytes};
use riskscope_core::catalog::Catalog;
use riskscope_core::evaluation::{Ranking, brier, fairness};
use riskscope_core::manifest::FeatureKind;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    rows: u64,
    label: String,
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
    groups: BTreeMap<String, BTreeMap<String, ExpectedGroup>>,
    adverse_impact_ratio: BTreeMap<String, f64>,
    tpr_gap: BTreeMap<String, f64>,
}

#[derive(Deserialize)]
struct ExpectedGroup {
    rows: u64,
    approved: u64,
}

/// Scores from tract and onnxruntime differ by ~1e-7; ranking figures move only if two rows
/// swap, so they agree far inside this.
const RANKING: f64 = 1e-4;
/// A score's decile bin can flip for a row sitting on an edge (German's sample holds the
/// background rows themselves), moving the score PSI slightly.
const SCORE_PSI: f64 = 2e-3;

#[test]
fn every_sample_reproduces_the_pipelines_figures() {
    let catalog = Catalog::parse(common::CATALOG).unwrap();
    println!("| model | rows | AUC (page / pipeline) | AP | KS | Brier | score PSI |");
    println!("|---|---|---|---|---|---|---|");
    for f in MODELS {
        let entry = catalog.entry(f.id).unwrap();
        let sample = entry
            .sample
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no sample", f.id));
        let dir = format!("{}/models", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(format!("{dir}/{}", sample.path)).unwrap();
        assert_eq!(
            riskscope_core::scorer::sha256_hex(&bytes),
            sample.sha256,
            "{}",
            f.id
        );
        let folder = sample.path.rsplit_once('/').unwrap().0;
        let expected: Expected = serde_json::from_slice(
            &std::fs::read(format!("{dir}/{folder}/sample.expected.json")).unwrap(),
        )
        .unwrap();
        let scorer = f.supported_scorer();
        let manifest = scorer.manifest();
        let mapping = Mapping::propose(manifest, &read_head(&bytes).unwrap());
        assert!(
            mapping.unmatched(manifest).is_empty(),
            "{}: {:?}",
            f.id,
            mapping.unmatched(manifest)
        );
        let label = mapping
            .label
            .as_ref()
            .unwrap_or_else(|| panic!("{}: label not recognised", f.id));
        assert_eq!(mapping.columns[label.column], expected.label);
        let r = score_bytes(&scorer, mapping, JobSettings::default(), &bytes, 1 << 20).unwrap();
        assert!(r.errors.is_empty(), "{}: {}", f.id, r.errors[0]);
        assert_eq!(
            (r.rows, sample.rows),
            (expected.rows, expected.rows),
            "{}",
            f.id
        );
        let scores = r.scores();
        let ranking = Ranking::new(&scores, &r.labels);
        assert_eq!(ranking.positives, expected.positives);
        let close = |what: &str, got: Option<f64>, want: f64, tol: f64| {
            let got = got.unwrap_or(f64::NAN);
            assert!(
                (got - want).abs() <= tol,
                "{}: {what} {got} vs the pipeline's {want}",
                f.id
            );
        };
        close("AUC", ranking.auc(), expected.auc, RANKING);
        close(
            "average precision",
            ranking.average_precision(),
            expected.average_precision,
            RANKING,
        );
        close("KS", ranking.ks().map(|k| k.0), expected.ks, RANKING);
        close("Gini", ranking.gini(), expected.gini, 2.0 * RANKING);
        if let Some(b) = expected.brier {
            close("Brier", brier(&scores, &r.labels), b, 1e-6);
        }
        assert_eq!(manifest.decision.cutoff, expected.cutoff);
        assert_eq!(
            ranking.at(expected.cutoff).flagged(),
            expected.flagged,
            "{}",
            f.id
        );
        close("score PSI", r.drift.score, expected.score_psi, SCORE_PSI);
        for (j, feature) in manifest.features.iter().enumerate() {
            close(
                &format!("PSI of {}", feature.name),
                r.drift.features[j],
                expected.feature_psi[&feature.name],
                1e-9,
            );
        }
        for (column, groups) in &expected.groups {
            let g = r
                .groups
                .iter()
                .find(|g| &g.name == column)
                .unwrap_or_else(|| panic!("{}: no group column {column}", f.id));
            // A categorical feature's groups are shown by their labels.
            let shown = |value: &str| -> String {
                manifest
                    .features
                    .iter()
                    .find(|f| &f.name == column)
                    .and_then(|f| match &f.kind {
                        FeatureKind::Category(c) => c
                            .categories
                            .iter()
                            .find(|c| c.value == value)
                            .map(|c| c.label.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| value.to_owned())
            };
            let outcome = fairness(&scores, &r.labels, &g.codes, &g.values, expected.cutoff);
            for (value, want) in groups {
                let got = outcome
                    .groups
                    .iter()
                    .find(|o| o.name == shown(value))
                    .unwrap_or_else(|| panic!("{}: no group {value}", f.id));
                assert_eq!(
                    (got.rows, got.approved),
                    (want.rows, want.approved),
                    "{}: {column} = {value}",
                    f.id
                );
            }
            close(
                &format!("adverse-impact ratio by {column}"),
                outcome.adverse_impact_ratio,
                expected.adverse_impact_ratio[column],
                1e-12,
            );
            close(
                &format!("TPR gap by {column}"),
                outcome.tpr_gap,
                expected.tpr_gap[column],
                1e-12,
            );
        }
        println!(
            "| {} | {} | {:.4} / {:.4} | {:.4} / {:.4} | {:.4} / {:.4} | {} | {:.4} / {:.4} |",
            f.id,
            r.rows,
            ranking.auc().unwrap_or(f64::NAN),
            expected.auc,
            ranking.average_precision().unwrap_or(f64::NAN),
            expected.average_precision,
            ranking.ks().map_or(f64::NAN, |k| k.0),
            expected.ks,
            expected.brier.map_or("–".into(), |b| format!(
                "{:.4} / {b:.4}",
                brier(&scores, &r.labels).unwrap_or(f64::NAN)
            )),
            r.drift.score.unwrap_or(f64::NAN),
            expected.score_psi,
        );
    }
}
