//! Native parity: the core reproduces onnxruntime's output on every golden row of every model, raw strings in.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use riskscope_core::manifest::FeatureKind;

#[test]
fn every_model_reproduces_every_golden_vector_from_onnxruntime() {
    for (id, worst) in common::assert_every_model_matches_onnxruntime() {
        eprintln!(
            "{id}: worst gap to onnxruntime over the golden rows: {:e} (score), {:e} (feature errors)",
            worst.score, worst.feature_errors
        );
    }
}

/// The conversion corpus's default exports (trees, forests, boosting, scikit-learn pipelines with
/// one string input per text column), loaded as the app loads a model (tests/wasm.rs runs
/// the same in the browser).
#[test]
fn default_exports_of_practitioners_models_match_onnxruntime() {
    for (name, worst) in common::corpus::assert_corpus_matches_onnxruntime() {
        eprintln!("{name}: worst gap to onnxruntime: {worst:e}");
    }
}

#[test]
fn golden_rows_written_in_uci_codes_score_like_their_texts() {
    for fixture in common::MODELS {
        let scorer = fixture.scorer();
        let manifest = scorer.manifest().clone();
        for row in fixture.golden().rows.iter().take(50) {
            let mut coded = common::raw(row);
            for feature in &manifest.features {
                if let FeatureKind::Category(c) = &feature.kind {
                    let idx = c.find(coded.get(&feature.name).unwrap()).unwrap();
                    // Only German Credit has a second coding (UCI's A11, ...).
                    if let Some(code) = c.categories[idx].code.clone() {
                        coded.insert(&feature.name, code);
                    }
                }
            }
            let by_text = scorer.assess_raw(&common::raw(row)).unwrap();
            let by_code = scorer.assess_raw(&coded).unwrap();
            assert_eq!(by_text, by_code, "{}", fixture.id);
        }
    }
}

#[test]
fn scorecard_points_add_up_to_the_models_probability() {
    let fixture = common::fixture("german-credit-scorecard");
    let scorer = fixture.scorer();
    let card = scorer.manifest().scorecard.clone().unwrap();
    for row in fixture.golden().rows {
        let applicant = scorer.parse(&common::raw(&row)).unwrap();
        let points = riskscope_core::scorecard::points(scorer.manifest(), &applicant).unwrap();
        assert_eq!(points.by_attribute.len(), scorer.manifest().features.len());
        let sum = points.base + points.by_attribute.iter().map(|a| a.points).sum::<f64>();
        assert!((sum - points.total).abs() < 1e-9);
        // The points are the logistic regression's log-odds, rescaled: they imply its probability.
        let implied = card.probability(points.total);
        assert!(
            (implied - f64::from(row.score)).abs() < 1e-5,
            "{implied} vs {}",
            row.score
        );
    }
}
