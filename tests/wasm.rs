//! Browser parity: the same golden check as tests/golden.rs, compiled to wasm32 and run in headless Chromium.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_model_reproduces_every_golden_vector_from_onnxruntime_in_the_browser() {
    for (id, worst) in common::assert_every_model_matches_onnxruntime() {
        wasm_bindgen_test::console_log!(
            "{id}: worst gap to onnxruntime in wasm: {:e} (score), {:e} (feature errors)",
            worst.score,
            worst.feature_errors
        );
    }
}

/// The conversion corpus's classifiers (trees, forests, boosting, the 300-tree benchmark files,
/// scikit-learn pipelines with one string input per text column), run by the project's ONNX-ML
/// operators compiled to wasm.
#[wasm_bindgen_test]
fn default_exports_of_practitioners_models_match_onnxruntime_in_the_browser() {
    for (name, worst) in common::corpus::assert_corpus_matches_onnxruntime() {
        wasm_bindgen_test::console_log!("{name}: worst gap to onnxruntime in wasm: {worst:e}");
    }
}

#[wasm_bindgen_test]
fn broken_model_bytes_are_an_error_not_a_trap() {
    let err =
        riskscope_core::scorer::Scorer::load(common::MANIFEST, b"not an onnx file").unwrap_err();
    assert!(err.to_string().contains("SHA-256"), "{err}");
}

#[wasm_bindgen_test]
fn attributions_add_up_in_the_browser_for_every_model() {
    for fixture in common::MODELS {
        let scorer = fixture.supported_scorer();
        for row in fixture.golden().rows.iter().take(3) {
            let applicant = scorer.parse(&common::raw(row)).unwrap();
            let a = scorer.explain(&applicant).unwrap();
            let sum: f64 = a.contributions.iter().sum();
            assert!(
                (sum - (a.value - a.baseline)).abs() <= 1e-4,
                "{}: {sum} vs {}",
                fixture.id,
                a.value - a.baseline
            );
        }
    }
}

/// The fraud trees (one input column per attribute) explained in the browser give the `shap`
/// package's interventional TreeSHAP values (`tests/fixtures/treeshap/`, tests/tree_shap.rs).
#[wasm_bindgen_test]
fn tree_attributions_in_the_browser_are_the_shap_packages() {
    let golden: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/treeshap/ulb-fraud-lightgbm.json")).unwrap();
    let fixture = common::fixture("ulb-fraud-lightgbm");
    let scorer = fixture.supported_scorer();
    let columns = scorer.manifest().feature_columns();
    for row in golden["rows"].as_array().unwrap() {
        let raw: riskscope_core::applicant::RawApplicant = row["raw"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
            .collect();
        let a = scorer.explain(&scorer.parse(&raw).unwrap()).unwrap();
        assert_eq!(a.method, riskscope_core::explain::Method::Trees);
        let expected = golden["expected_value"].as_f64().unwrap();
        assert!((a.baseline - expected).abs() < 1e-9);
        for (j, cols) in columns.iter().enumerate() {
            let theirs = row["shap"][cols.start].as_f64().unwrap();
            assert!(
                (a.contributions[j] - theirs).abs() <= 1e-6,
                "attribute {j}: {} against shap's {theirs}",
                a.contributions[j]
            );
        }
    }
}

/// Our locale number formats agree with the browser's own (`Intl.NumberFormat`) in every
/// language the page is written in.
#[wasm_bindgen_test]
fn numbers_are_written_as_the_browser_writes_them_for_each_language() {
    use riskscope_core::i18n::Lang;
    let values = [
        0.0,
        0.5,
        1.25,
        7.0,
        12.345,
        999.5,
        1000.0,
        1234.5678,
        12_345.0,
        98_765.432_1,
        1_234_567.891,
        -0.25,
        -1234.5,
        -98_765.0,
        284_807.0,
        5.678_91,
        0.7915,
        2.5,
        0.125,
        999.95,
        9.5,
        0.0005,
    ];
    for lang in Lang::ALL {
        for decimals in [0usize, 1, 2, 3] {
            let options = js_sys::Object::new();
            for key in ["minimumFractionDigits", "maximumFractionDigits"] {
                js_sys::Reflect::set(&options, &key.into(), &(decimals as f64).into()).unwrap();
            }
            let locales = js_sys::Array::of1(&lang.tag().into());
            let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
            for x in values {
                let browser = format
                    .call1(&wasm_bindgen::JsValue::UNDEFINED, &x.into())
                    .unwrap()
                    .as_string()
                    .unwrap();
                let ours = lang.number(x, decimals);
                // Deliberately unlike Intl: a negative value that rounds to zero is written
                // without its sign ("0", not "-0").
                let browser = if ours.chars().all(|c| c == '0' || c == '.') {
                    browser.trim_start_matches('-').to_string()
                } else {
                    browser
                };
                assert_eq!(ours, browser, "{} {x} with {decimals} decimals", lang.tag());
            }
        }
    }
}
