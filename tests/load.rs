//! Loading a model: a changed, broken or mismatched ONNX file is refused with a clear error, never a panic.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use riskscope_core::applicant::Applicant;
use riskscope_core::model::Model;
use riskscope_core::scorer::{LoadError, Scorer, sha256_hex};
use serde_json::Value;

/// The committed manifest, with its hash pointed at `onnx` so that only the content is tested.
fn manifest_for(onnx: &[u8], edit: impl FnOnce(&mut Value)) -> String {
    let mut json: Value = serde_json::from_str(common::MANIFEST).unwrap();
    json["model"]["sha256"] = Value::from(sha256_hex(onnx));
    edit(&mut json);
    json.to_string()
}

#[test]
fn a_changed_onnx_file_is_refused_by_its_hash() {
    let mut tampered = common::ONNX.to_vec();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;
    match Scorer::load(common::MANIFEST, &tampered) {
        Err(LoadError::HashMismatch {
            model_id,
            expected,
            actual,
        }) => {
            assert_eq!(model_id, "german-credit-logistic");
            assert_ne!(expected, actual);
            assert_eq!(actual, sha256_hex(&tampered));
        }
        other => panic!("expected a hash mismatch, got {other:?}"),
    }
}

#[test]
fn bytes_that_are_not_onnx_give_a_load_error() {
    for junk in [&b""[..], b"not an onnx file", &[0xff; 4096]] {
        let err = Scorer::load(&manifest_for(junk, |_| ()), junk).unwrap_err();
        assert!(matches!(err, LoadError::Model(_)), "{err}");
        assert!(
            err.to_string()
                .starts_with("the ONNX model could not be loaded"),
            "{err}"
        );
    }
}

#[test]
fn a_truncated_onnx_file_gives_a_load_error() {
    let half = &common::ONNX[..common::ONNX.len() / 2];
    let err = Scorer::load(&manifest_for(half, |_| ()), half).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the ONNX model could not be loaded"),
        "{err}"
    );
}

#[test]
fn a_manifest_naming_the_wrong_input_or_output_is_refused() {
    let wrong_input = manifest_for(common::ONNX, |m| {
        m["model"]["input"]["name"] = "features".into()
    });
    let err = Scorer::load(&wrong_input, common::ONNX)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("its input is named \"X\", the manifest says \"features\""),
        "{err}"
    );

    let wrong_output = manifest_for(common::ONNX, |m| {
        m["model"]["output"]["name"] = "label".into()
    });
    let err = Scorer::load(&wrong_output, common::ONNX)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("the ONNX model could not be loaded"),
        "{err}"
    );
}

#[test]
fn a_manifest_whose_width_disagrees_with_the_model_is_refused_at_load() {
    // 20 numeric features instead of 61 one-hot and numeric columns: the tensor no longer fits.
    let narrow = manifest_for(common::ONNX, |m| {
        // The translations describe the categories this edit removes.
        m.as_object_mut().unwrap().remove("translations");
        let names: Vec<Value> = m["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].clone())
            .collect();
        for f in m["features"].as_array_mut().unwrap() {
            f.as_object_mut()
                .unwrap()
                .retain(|k, _| ["name", "label", "description"].contains(&k.as_str()));
            f["kind"] = "number".into();
            f["min"] = 0.0.into();
            f["max"] = 1.0.into();
            f["default"] = 0.0.into();
        }
        m["encoding"] = names
            .into_iter()
            .map(|n| serde_json::json!({"feature": n, "kind": "numeric"}))
            .collect();
        m["model"]["input"]["columns"] = 20.into();
    });
    let err = match Scorer::load(&narrow, common::ONNX) {
        Ok(scorer) => scorer
            .assess(&Applicant::defaults(scorer.manifest()))
            .unwrap_err()
            .to_string(),
        Err(err) => err.to_string(),
    };
    assert!(err.contains("ONNX model"), "{err}");
}

#[test]
fn predict_refuses_a_ragged_buffer() {
    let manifest: riskscope_core::manifest::Manifest =
        riskscope_core::manifest::Manifest::parse(common::MANIFEST).unwrap();
    let model = Model::load(common::ONNX, &manifest).unwrap();
    let err = model.predict(&[0.0; 62]).unwrap_err().to_string();
    assert_eq!(err, "62 input values is not a whole number of rows of 61");
    assert_eq!(model.predict(&[]).unwrap(), Vec::<f32>::new());
}
