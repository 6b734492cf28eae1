//! The operators: what RiskScope does itself, what the runtime lacks, what is slow.

use super::*;

/// Encoders the runtime does not implement (text features, dictionaries): their presence in the
/// graph is a blocker with one fix, encoding in the manifest.
pub(super) const ENCODERS: [&str; 5] = [
    "DictVectorizer",
    "StringNormalizer",
    "Tokenizer",
    "TfIdfVectorizer",
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
            _ if ENCODERS.contains(&name) => report.add(
                Severity::Blocker,
                nodes(Message::new("compat-encoder")),
                Message::new("compat-encoder-fix"),
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

/// The ONNX-ML operators the runtime runs with RiskScope's own implementations: a note naming
/// them, so a user knows what was converted (ZipMap read as its probabilities, trees compiled).
pub(super) fn own_operators(report: &mut Report) {
    let own: Vec<&str> = riskscope_runtime::ml::OPERATORS
        .iter()
        .copied()
        .filter(|op| {
            report.operators.contains_key(*op)
                || report.operators.contains_key(&format!("ai.onnx.ml:{op}"))
        })
        .collect();
    if own.is_empty() {
        return;
    }
    report.add(
        Severity::Note,
        Message::new("compat-ml-own").arg("ops", own.join(", ")),
        Message::new("compat-ml-own-fix").arg("output", "ZipMap"),
    );
}
