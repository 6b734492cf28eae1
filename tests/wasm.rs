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

#[wasm_bindgen_test]
fn broken_model_bytes_are_an_error_not_a_trap() {
    let err = riskscope::scorer::Scorer::load(common::MANIFEST, b"not an onnx file").unwrap_err();
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
