//! The `model` fuzz target's reach into files no manifest describes: such a file is loaded as
//! its declared input and first float output suggest, so fuzzed ONNX-ML attributes (tree
//! ensembles above all: ids, rules, sizes) go through the runtime's own operators. Seeds: the
//! conversion corpus's tree models.

use riskscope_core::compat::Report;
use riskscope_runtime::{Io, Model, ScoreRange};

/// Default exports of tree models (`tests/fixtures/onnx-ml/`), seeds with no manifest: a
/// decision tree, gradient boosting (LOGISTIC, a base value), LightGBM with categorical splits
/// (BRANCH_EQ chains sharing nodes, missing-value tracks), and the ONNX project's opset 5
/// TreeEnsemble with set membership (tensor attributes, leaf indices), each within the target's
/// 64 KiB.
pub const TREE_SEEDS: [(&str, &[u8]); 4] = [
    (
        "german-decision-tree.onnx",
        include_bytes!("../../../tests/fixtures/onnx-ml/german-decision-tree.onnx"),
    ),
    (
        "german-gradient-boosting.onnx",
        include_bytes!("../../../tests/fixtures/onnx-ml/german-gradient-boosting.onnx"),
    ),
    (
        "german-lightgbm-categorical.onnx",
        include_bytes!("../../../tests/fixtures/onnx-ml/german-lightgbm-categorical.onnx"),
    ),
    (
        "tree-ensemble-set-membership.onnx",
        include_bytes!(
            "../../../tests/fixtures/onnx-backend-ml/test_ai_onnx_ml_tree_ensemble_set_membership/model.onnx"
        ),
    ),
];

/// Loads `onnx` with its first input (`[N, k]`, k declared) and the first float output's column
/// 0, then scores a row of zeros and a row of NaNs: an error or a score, never a panic.
pub fn load_as_declared(onnx: &[u8], report: &Report) {
    // As the page does: only a file the check passes reaches tract (a graph output nothing
    // produces, for one, makes tract's parser panic, and the fuzz build aborts on a panic).
    if !report.is_loadable() {
        return;
    }
    let Some(input) = report.inputs.first() else {
        return;
    };
    let Some(columns) = input.last_fixed().filter(|&k| (1..=4096).contains(&k)) else {
        return;
    };
    let Some(output) = report.outputs.iter().find(|o| o.elem == "float") else {
        return;
    };
    let io = Io::one(
        &input.name,
        columns,
        &output.name,
        0,
        ScoreRange::NonNegative,
    );
    if let Ok(model) = Model::load(onnx, &io) {
        let mut rows = vec![0.0; columns];
        rows.extend(std::iter::repeat_n(f32::NAN, columns));
        let _ = model.predict(&rows);
    }
}
