//! The conversion corpus's classifiers (`tests/fixtures/onnx-ml/`, default exports of
//! scikit-learn, XGBoost and LightGBM models with onnxruntime's outputs), compiled in so the
//! runtime's `Model` is checked against onnxruntime natively and in the browser: one float
//! input, or one input per column with string categories (a row holds a category's index among
//! the texts the graph's encoder knows, as the compatibility check reads them; a text it does not
//! know is fed as an unseen one). The regressors are checked at tract's level in
//! `crates/runtime/tests/onnx_ml.rs` (`Model` reads a probability).

use riskscope_core::compat;
use riskscope_runtime::{Feed, Input, Io, Model, ScoreRange};
use serde_json::Value;

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
    "bench-lightgbm-300",
    "bench-random-forest-200",
    "bench-xgboost-300",
    "german-decision-tree",
    "german-extra-trees",
    "german-gradient-boosting",
    "german-hist-gradient-boosting",
    "german-lightgbm-categorical",
    "german-logreg-normalizer-binarizer",
    "german-logreg-onehot-single-input",
    "german-logreg-pipeline",
    "german-ordinal-forest-string-labels",
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
            let d: Value = serde_json::from_str(file.json).unwrap();
            let report = compat::check(file.onnx, None);
            let inputs = d["inputs"].as_array().unwrap();
            let known: Vec<Vec<String>> = inputs
                .iter()
                .map(|input| {
                    let name = input["name"].as_str().unwrap();
                    let info = report.inputs.iter().find(|i| i.name == name).unwrap();
                    info.categories
                        .as_ref()
                        .map_or_else(Vec::new, |c| c.values.clone())
                })
                .collect();
            let (rows, unseen) = row_major(inputs, &known);
            if file.name.contains("pipeline") || file.name.contains("string-labels") {
                assert!(
                    unseen > 0,
                    "{}: no golden row has an unseen category",
                    file.name
                );
            }
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
                inputs: inputs
                    .iter()
                    .zip(&known)
                    .map(|(input, texts)| Input {
                        name: input["name"].as_str().unwrap(),
                        feed: if input["type"] == "string" {
                            Feed::Texts(texts.iter().map(String::as_str).collect())
                        } else {
                            Feed::Floats(input["shape"][1].as_u64().unwrap() as usize)
                        },
                    })
                    .collect(),
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

/// The golden inputs as one row-major buffer, inputs side by side in the file's order: numbers
/// as they are (NaN for null), a text as its index among the encoder's `known` texts (past the
/// end when unknown); and how many texts were unknown.
fn row_major(inputs: &[Value], known: &[Vec<String>]) -> (Vec<f32>, usize) {
    let rows = inputs[0]["shape"][0].as_u64().unwrap() as usize;
    let mut buffer = Vec::new();
    let mut unseen = 0;
    for r in 0..rows {
        for (input, texts) in inputs.iter().zip(known) {
            let k = input["shape"][1].as_u64().unwrap() as usize;
            let values = input["values"].as_array().unwrap();
            for v in &values[r * k..(r + 1) * k] {
                buffer.push(match v.as_str() {
                    Some(text) => {
                        let index = texts.iter().position(|t| t == text);
                        unseen += usize::from(index.is_none());
                        index.unwrap_or(texts.len()) as f32
                    }
                    None => v.as_f64().map_or(f32::NAN, |f| f as f32),
                });
            }
        }
    }
    (buffer, unseen)
}
