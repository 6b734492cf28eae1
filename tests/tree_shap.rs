//! Exact attribution for tree ensembles (interventional TreeSHAP, `crates/core/src/explain/trees.rs`)
//! against three oracles: the `shap` package's values on the same bytes and background
//! (`tests/fixtures/treeshap/`, written by `python -m riskscope_train.shap_golden`), every
//! coalition enumerated by scoring hybrid rows through the model, and the page's own sampled
//! Shapley values within their 95 % intervals.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use common::{fixture, raw};
use riskscope_core::applicant::Applicant;
use riskscope_core::encoding;
use riskscope_core::explain::{Explainer, Method, Scale, tree_shap};
use riskscope_core::model::Model;
use riskscope_core::scorer::Scorer;
use riskscope_runtime::{Io, ScoreRange};
use serde::Deserialize;

const TREE_MODELS: [&str; 3] = [
    "german-credit-lightgbm",
    "taiwan-credit-lightgbm",
    "ulb-fraud-lightgbm",
];

#[derive(Deserialize)]
struct ShapGolden {
    expected_value: f64,
    rows: Vec<ShapRow>,
}

#[derive(Deserialize)]
struct ShapRow {
    raw: BTreeMap<String, String>,
    shap: Vec<f64>,
}

fn shap_golden(id: &str) -> ShapGolden {
    let path = format!(
        "{}/tests/fixtures/treeshap/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

struct Loaded {
    scorer: Scorer,
    model: Model,
    background: Vec<f32>,
}

fn load(id: &str) -> Loaded {
    let files = fixture(id);
    let scorer = files.supported_scorer();
    let m = scorer.manifest();
    let model = Model::load(files.onnx, m).unwrap();
    let background = encoding::encode(m, &scorer.reference().unwrap().background).unwrap();
    Loaded {
        scorer,
        model,
        background,
    }
}

fn applicant(scorer: &Scorer, raw_fields: &BTreeMap<String, String>) -> Applicant {
    let fields = raw_fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    scorer.parse(&fields).unwrap()
}

/// Exact Shapley values by enumeration: the worth of a coalition is the mean of `g` over the
/// background rows with the coalition's columns taken from `x`.
fn enumerate(
    g: &dyn Fn(&[f32]) -> Vec<f64>,
    player_of: &[usize],
    x: &[f32],
    background: &[f32],
) -> Vec<f64> {
    let width = x.len();
    let players = player_of.iter().max().unwrap() + 1;
    let n = background.len() / width;
    let mut rows = Vec::new();
    for mask in 0..1usize << players {
        for b in background.chunks_exact(width) {
            rows.extend((0..width).map(|c| {
                if mask & (1 << player_of[c]) != 0 {
                    x[c]
                } else {
                    b[c]
                }
            }));
        }
    }
    let worth: Vec<f64> = g(&rows)
        .chunks(n)
        .map(|w| w.iter().sum::<f64>() / n as f64)
        .collect();
    let factorial = |k: usize| (1..=k).map(|i| i as f64).product::<f64>();
    (0..players)
        .map(|p| {
            (0..1usize << players)
                .filter(|m| m & (1 << p) == 0)
                .map(|m| {
                    let s = m.count_ones() as usize;
                    factorial(s) * factorial(players - s - 1) / factorial(players)
                        * (worth[m | 1 << p] - worth[m])
                })
                .sum()
        })
        .collect()
}

#[test]
fn the_catalogs_tree_models_are_explained_exactly_and_agree_with_the_shap_package() {
    for id in TREE_MODELS {
        let t = load(id);
        let m = t.scorer.manifest();
        let width = m.input_width();
        let golden = shap_golden(id);
        assert!(t.scorer.explainer().unwrap().is_tree(), "{id}");
        let identity: Vec<usize> = (0..width).collect();
        let margin = t.model.margin().expect("a LightGBM export has a margin");
        let mut worst: f64 = 0.0;
        for row in &golden.rows {
            let a = applicant(&t.scorer, &row.raw);
            let x = encoding::encode(m, std::slice::from_ref(&a)).unwrap();
            // Per column, as shap computes them.
            let (baseline, value, phi) = tree_shap(margin, &identity, &x, &t.background).unwrap();
            assert!(
                (baseline - golden.expected_value).abs() < 1e-9,
                "{id}: baseline {baseline} against shap's {}",
                golden.expected_value
            );
            for (c, (mine, theirs)) in phi.iter().zip(&row.shap).enumerate() {
                worst = worst.max((mine - theirs).abs());
                // shap's values come within about 2e-8 of the f64 enumeration's (below).
                assert!(
                    (mine - theirs).abs() <= 1e-6,
                    "{id}: column {c}: {mine} against shap's {theirs}"
                );
            }
            // Per attribute, as the page shows them.
            let attribution = t.scorer.explain(&a).unwrap();
            assert_eq!(attribution.method, Method::Trees, "{id}");
            assert_eq!(attribution.scale, Scale::LogOdds);
            assert!((attribution.baseline - golden.expected_value).abs() < 1e-9);
            assert!((attribution.value - value).abs() < 1e-12);
            let sum: f64 = attribution.contributions.iter().sum();
            assert!(
                (sum - (value - baseline)).abs() < 1e-9,
                "{id}: the attributions sum to {sum}, not {}",
                value - baseline
            );
            let p = t.scorer.predict(std::slice::from_ref(&a)).unwrap()[0];
            assert!((Scale::LogOdds.invert(value) - f64::from(p)).abs() < 1e-6);
            // Where every attribute is one column, the two views are the same numbers.
            if m.feature_columns().iter().all(|cols| cols.len() == 1) {
                for (j, cols) in m.feature_columns().iter().enumerate() {
                    let theirs = row.shap[cols.start];
                    let mine = attribution.contributions[j];
                    assert!((mine - theirs).abs() <= 1e-6, "{id}");
                }
            }
        }
        eprintln!("{id}: largest gap to shap's per-column values {worst:e}");
    }
}

/// Attributes grouped into five players, so every coalition can be scored: through the trees'
/// margin in f64 (the values are exact to rounding) and through the model (its f32
/// probabilities, read back as log-odds).
#[test]
fn grouped_values_equal_every_coalition_scored_through_the_model() {
    for id in ["german-credit-lightgbm", "taiwan-credit-lightgbm"] {
        let t = load(id);
        let m = t.scorer.manifest();
        let mut player_of = vec![0; m.input_width()];
        for (j, cols) in m.feature_columns().into_iter().enumerate() {
            player_of[cols].fill(j % 5);
        }
        let g = |rows: &[f32]| -> Vec<f64> {
            let scores = t.scorer.predict_rows(rows).unwrap();
            scores.iter().map(|&s| Scale::LogOdds.apply(s)).collect()
        };
        for row in common::fixture(id).golden().rows.iter().take(4) {
            let a = t.scorer.parse(&raw(row)).unwrap();
            let x = encoding::encode(m, std::slice::from_ref(&a)).unwrap();
            let (_, _, phi) =
                tree_shap(t.model.margin().unwrap(), &player_of, &x, &t.background).unwrap();
            let want = enumerate(&g, &player_of, &x, &t.background);
            let margin = t.model.margin().unwrap();
            let exact = |rows: &[f32]| -> Vec<f64> {
                rows.chunks_exact(x.len())
                    .map(|r| margin.margin(r))
                    .collect()
            };
            let want_exact = enumerate(&exact, &player_of, &x, &t.background);
            for (p, mine) in phi.iter().enumerate() {
                assert!(
                    (mine - want[p]).abs() < 1e-4,
                    "{id}: player {p}: {mine} against {} through the model",
                    want[p]
                );
                assert!(
                    (mine - want_exact[p]).abs() < 1e-10,
                    "{id}: player {p}: {mine} against {} through the margin",
                    want_exact[p]
                );
            }
        }
    }
}

/// XGBoost (base value, missing values sent down their learnt side) and scikit-learn's gradient
/// boosting, as their converters export them, against enumeration through the runtime's model.
#[test]
fn converter_exports_with_base_values_and_missing_values_match_enumeration() {
    for (name, input, output) in [
        ("taiwan-xgboost-missing", "input", "probabilities"),
        ("german-gradient-boosting", "X", "output_probability"),
    ] {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/onnx-ml/");
        let onnx = std::fs::read(format!("{dir}{name}.onnx")).unwrap();
        let d: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}{name}.json")).unwrap())
                .unwrap();
        let values = &d["inputs"][0];
        let width = values["shape"][1].as_u64().unwrap() as usize;
        let rows: Vec<f32> = values["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().map_or(f32::NAN, |f| f as f32))
            .collect();
        let io = Io::one(input, width, output, 1, ScoreRange::Probability);
        let model = riskscope_runtime::Model::load(&onnx, &io).unwrap();
        let margin = model
            .margin()
            .unwrap_or_else(|| panic!("{name}: no margin"));
        let background = &rows[..40 * width];
        let player_of: Vec<usize> = (0..width).map(|c| c % 5).collect();
        let g = |r: &[f32]| -> Vec<f64> {
            let scores = model.predict(r).unwrap();
            scores.iter().map(|&s| Scale::LogOdds.apply(s)).collect()
        };
        let mut nan_rows = 0;
        for x in rows.chunks_exact(width).skip(40).take(6) {
            nan_rows += usize::from(x.iter().any(|v| v.is_nan()));
            let (baseline, value, phi) = tree_shap(margin, &player_of, x, background).unwrap();
            let sum: f64 = phi.iter().sum();
            assert!((sum - (value - baseline)).abs() < 1e-9, "{name}");
            assert!((value - g(x)[0]).abs() < 1e-4, "{name}: margin {value}");
            let want = enumerate(&g, &player_of, x, background);
            for (p, (mine, theirs)) in phi.iter().zip(&want).enumerate() {
                assert!(
                    (mine - theirs).abs() < 1e-4,
                    "{name}: player {p}: {mine} vs {theirs}"
                );
            }
        }
        if name.ends_with("missing") {
            assert!(nan_rows > 0, "{name}: no explained row has a missing value");
        }
    }
}

/// Forests average probabilities: their score is no link of one sum of leaves, and they are
/// explained by sampling.
#[test]
fn forests_have_no_margin() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/onnx-ml/");
    let onnx = std::fs::read(format!("{dir}taiwan-random-forest.onnx")).unwrap();
    let io = Io::one("X", 23, "output_probability", 1, ScoreRange::Probability);
    let model = riskscope_runtime::Model::load(&onnx, &io).unwrap();
    assert!(model.margin().is_none());
}

/// The page's sampled estimate (one walk per background row) and its 95 % intervals hold the
/// exact values about as often as the intervals promise.
#[test]
fn exact_values_fall_inside_the_sampled_intervals() {
    for id in TREE_MODELS {
        let t = load(id);
        let m = t.scorer.manifest();
        let explainer = t.scorer.explainer().unwrap();
        let players: Vec<Vec<usize>> = (0..m.features.len()).map(|j| vec![j]).collect();
        let eval = |rows: &[f32]| t.scorer.predict_rows(rows);
        let (mut covered, mut total) = (0, 0);
        for row in common::fixture(id).golden().rows.iter().take(4) {
            let a = t.scorer.parse(&raw(row)).unwrap();
            let x = encoding::encode(m, std::slice::from_ref(&a)).unwrap();
            let exact = t.scorer.explain(&a).unwrap();
            let sampled = explainer
                .explain_sampled(&x, &players, explainer.n_background(), &eval)
                .unwrap();
            for j in 0..players.len() {
                total += 1;
                let gap = (exact.contributions[j] - sampled.contributions[j]).abs();
                covered += usize::from(gap <= sampled.half_width[j]);
                assert!(
                    gap <= 3.0 * sampled.half_width[j] + 1e-3,
                    "{id}: {} exact {} sampled {} ± {}",
                    m.features[j].name,
                    exact.contributions[j],
                    sampled.contributions[j],
                    sampled.half_width[j]
                );
            }
        }
        assert!(
            covered * 100 >= total * 85,
            "{id}: {covered} of {total} intervals hold the exact value"
        );
    }
}

/// A model whose scores are not its trees' (here: every probability scaled by 0.9) keeps the
/// sampled explanation: the trees are taken to be the model only when they give its scores.
#[test]
fn trees_that_do_not_give_the_models_scores_are_not_used() {
    let t = load("german-credit-lightgbm");
    let m = t.scorer.manifest();
    let background = &t.scorer.reference().unwrap().background;
    let scaled = |rows: &[f32]| {
        t.scorer
            .predict_rows(rows)
            .map(|s| s.iter().map(|p| p * 0.9).collect())
    };
    let explainer = Explainer::new(m, background, false, &scaled)
        .unwrap()
        .with_trees(t.model.margin().unwrap());
    assert!(!explainer.is_tree());
    let honest = |rows: &[f32]| t.scorer.predict_rows(rows);
    let explainer = Explainer::new(m, background, false, &honest)
        .unwrap()
        .with_trees(t.model.margin().unwrap());
    assert!(explainer.is_tree());
}
