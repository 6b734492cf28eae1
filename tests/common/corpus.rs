//! The conversion corpus's classifiers with one float input (`tests/fixtures/onnx-ml/`, default
//! exports of scikit-learn, XGBoost and LightGBM models with onnxruntime's outputs), compiled in
//! so the runtime's `Model` is checked against onnxruntime natively and in the browser. The
//! string-input pipelines and the regressors are checked at tract's level in
//! `crates/runtime/tests/onnx_ml.rs` (`Model` feeds one float tensor and reads a probability).

use riskscope_runtime::{Io, Model, ScoreRange};

pub struct CorpusFile {
    pub name: &'static str,
    pub onnx: &'static [u8],
    pub json: &'static str,
}

macro_rules! corpus {
    ($($name:literal),* $(,)?) => {
        &[$(CorpusFile {
            name: $name,
            onnx: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/onnx-ml/", $name, ".onnx")),
            json: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/onnx-ml/", $name, ".json")),
        }),*]
    };
}

pub const CORPUS: &[CorpusFile] = corpus!(
    "german-decision-tree",
    "german-extra-trees",
    "german-gradient-boosting",
    "german-hist-gradient-boosting",
    "german-lightgbm-categorical",
    "german-logreg-normalizer-binarizer",
    "german-logreg-onehot-single-input",
    "german-random-forest",
    "taiwan-lightgbm",
    "taiwan-lightgbm-multiclass",
    "taiwan-random-forest",
    "taiwan-random-forest-multiclass-strings",
    "taiwan-xgboost-logistic",
    "taiwan-xgboost-missing",
    "ulb-lightgbm",
);

/// Loads each file as the app does and scores its golden rows in one batch; panics on a gap
/// above 1e-5, and returns each file's largest gap.
pub fn assert_corpus_matches_onnxruntime() -> Vec<(&'static str, f32)> {
    CORPUS
        .iter()
        .map(|file| {
            let d: serde_json::Value = serde_json::from_str(file.json).unwrap();
            let input = &d["inputs"][0];
            let width = input["shape"][1].as_u64().unwrap() as usize;
            let rows: Vec<f32> = input["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().map_or(f32::NAN, |f| f as f32))
                .collect();
            let output = d["probability"]["output"].as_str().unwrap();
            // A class's column: the positive one, or the last class of a multi-class model.
            let want = d["outputs"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["name"] == output)
                .unwrap();
            let classes = want["shape"][1].as_u64().unwrap() as usize;
            let column = d["probability"]["positive_column"]
                .as_u64()
                .map_or(classes - 1, |c| c as usize);
            let io = Io {
                input: input["name"].as_str().unwrap(),
                columns: width,
                output,
                column,
                range: ScoreRange::Probability,
                feature_errors: None,
            };
            let model =
                Model::load(file.onnx, &io).unwrap_or_else(|e| panic!("{}: {e}", file.name));
            let scores = model
                .predict(&rows)
                .unwrap_or_else(|e| panic!("{}: {e}", file.name));
            let expected = want["values"].as_array().unwrap();
            let worst = scores
                .iter()
                .enumerate()
                .map(|(r, s)| (s - expected[r * classes + column].as_f64().unwrap() as f32).abs())
                .fold(0.0, f32::max);
            assert!(
                worst <= super::TOLERANCE,
                "{}: worst gap {worst:e}",
                file.name
            );
            (file.name, worst)
        })
        .collect()
}
