//! The operators: what RiskScope does itself, what the runtime lacks, what is slow.

use super::*;

/// Encoders RiskScope does itself, from the manifest: their presence in the graph is a blocker
/// with one fix.
pub(super) const ENCODERS: [&str; 9] = [
    "OneHotEncoder",
    "LabelEncoder",
    "DictVectorizer",
    "StringNormalizer",
    "Tokenizer",
    "TfIdfVectorizer",
    "Imputer",
    "Binarizer",
    "FeatureVectorizer",
];

pub(super) fn check_operators(operators: &BTreeMap<String, usize>, report: &mut Report) {
    let known = graph::known_operators();
    for (op, count) in operators {
        let (domain, name) = op.split_once(':').unwrap_or(("", op));
        // "1 node" / "3 nodes": the count selects the form, the text is shown.
        let nodes = |message: Message| {
            message
                .arg("op", name)
                .arg("count", *count)
                .arg("nodes", count.to_string())
        };
        match name {
            "ZipMap" => report.add(
                Severity::Blocker,
                Message::new("compat-zipmap"),
                Message::new("compat-zipmap-fix").arg(
                    "call",
                    "to_onnx(model, X, options={id(model): {\"zipmap\": False}})",
                ),
            ),
            "Scaler" => report.add(
                Severity::Blocker,
                Message::new("compat-scaler")
                    .arg("domain", "ai.onnx.ml")
                    .arg("op", "Scaler")
                    .arg("class", "StandardScaler"),
                Message::new("compat-scaler-fix")
                    .arg("option", "{id(scaler): {\"div\": \"div\"}}")
                    .arg("sub", "Sub")
                    .arg("div", "Div"),
            ),
            _ if ENCODERS.contains(&name) => report.add(
                Severity::Blocker,
                nodes(Message::new("compat-encoder")),
                Message::new("compat-encoder-fix"),
            ),
            "TreeEnsembleRegressor" => report.add(
                Severity::Blocker,
                Message::new("compat-tree-regressor").arg("op", "TreeEnsembleRegressor"),
                Message::new("compat-tree-regressor-fix")
                    .arg("library", "hummingbird-ml")
                    .arg("call", "convert(model, \"onnx\")"),
            ),
            _ if !domain.is_empty() && domain != "ai.onnx.ml" => report.add(
                Severity::Blocker,
                nodes(Message::new("compat-custom-domain")).arg("domain", domain),
                Message::new("compat-custom-domain-fix").arg(
                    "setting",
                    "SessionOptions.graph_optimization_level = ORT_DISABLE_ALL",
                ),
            ),
            _ if !known.contains(name) => report.add(
                Severity::Blocker,
                nodes(Message::new("compat-unknown-op")),
                Message::new("compat-unknown-op-fix"),
            ),
            _ => {}
        }
    }
}

/// tract's tree op walks leaves one by one: warn, with the measured time when there is one.
pub(super) fn tree_speed(report: &mut Report) {
    if !report.operators.contains_key("TreeEnsembleClassifier")
        && !report
            .operators
            .contains_key("ai.onnx.ml:TreeEnsembleClassifier")
    {
        return;
    }
    let what = match report.probe.as_ref().and_then(|p| p.ms_per_row) {
        Some(ms) => Message::new("compat-tree-slow-measured").arg("ms", format!("{ms:.2}")),
        None => Message::new("compat-tree-slow"),
    };
    report.add(
        Severity::Warning,
        what.arg("op", "TreeEnsembleClassifier"),
        Message::new("compat-tree-slow-fix")
            .arg("library", "hummingbird-ml")
            .arg("call", "convert(model, \"onnx\")"),
    );
}
