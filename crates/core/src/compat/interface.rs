//! The model's input and output against what RiskScope feeds and reads (and the manifest).

use super::*;
use crate::manifest::{GraphInput, InputType};

/// Float inputs of shape [N, k] and string inputs of shape [N, 1] (one per text column, read by
/// the graph's own encoder), matching the manifest's inputs by name, type and width.
pub(super) fn check_input(report: &mut Report, manifest: Option<&Manifest>) {
    let inputs = report.inputs.clone();
    let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    if inputs.is_empty() {
        report.add(
            Severity::Blocker,
            Message::new("compat-input-count")
                .arg("count", "0")
                .arg("names", ""),
            Message::new("compat-input-count-fix")
                .arg("method", "forward")
                .arg("type", "FloatTensorType([None, k])"),
        );
        return;
    }
    if inputs.len() > 1 {
        report.findings.push(Finding {
            severity: Severity::Note,
            what: Message::new("compat-inputs-per-column")
                .arg("count", inputs.len().to_string())
                .arg("names", names.join(", "))
                .arg("field", "model.inputs"),
            fix: None,
        });
    }
    let expected = manifest.map(|m| m.model.graph_inputs());
    for input in &inputs {
        let declared = expected
            .as_ref()
            .and_then(|e| e.iter().find(|g| g.name == input.name));
        check_elem(report, input, declared);
        check_shape(report, input, declared.map(|g| g.columns));
    }
    let Some(expected) = expected else {
        return;
    };
    if let ([graph], [declared]) = (inputs.as_slice(), expected.as_slice())
        && graph.name != declared.name
    {
        report.add(
            Severity::Blocker,
            Message::new("compat-input-name")
                .arg("input", &graph.name)
                .arg("expected", &declared.name),
            Message::new("compat-input-name-fix")
                .arg("field", "model.input.name")
                .arg("input", &graph.name),
        );
        return;
    }
    for input in inputs
        .iter()
        .filter(|i| !expected.iter().any(|g| g.name == i.name))
    {
        report.add(
            Severity::Blocker,
            Message::new("compat-input-not-fed").arg("input", &input.name),
            Message::new("compat-input-not-fed-fix").arg("field", "model.inputs"),
        );
    }
    for declared in expected
        .iter()
        .filter(|g| !names.contains(&g.name.as_str()))
    {
        report.add(
            Severity::Blocker,
            Message::new("compat-input-absent")
                .arg("input", &declared.name)
                .arg("inputs", names.join(", ")),
            Message::new("compat-input-not-fed-fix").arg("field", "model.inputs"),
        );
    }
}

/// The input's element type: float, or strings the manifest feeds as text.
fn check_elem(report: &mut Report, input: &TensorInfo, declared: Option<&GraphInput>) {
    let wanted = declared.map(|g| g.elem);
    match (input.elem.as_str(), wanted) {
        ("float", None | Some(InputType::Float)) => {}
        ("string", None | Some(InputType::String)) => {
            if input.last_fixed().is_some_and(|k| k != 1) {
                report.add(
                    Severity::Blocker,
                    Message::new("compat-input-strings")
                        .arg("input", &input.name)
                        .arg("shape", input.shape_text()),
                    Message::new("compat-input-strings-fix")
                        .arg("type", "StringTensorType([None, 1])"),
                );
            } else if input.categories.is_none() {
                report.add(
                    Severity::Warning,
                    Message::new("compat-input-strings-unread").arg("input", &input.name),
                    Message::new("compat-input-strings-unread-fix"),
                );
            }
        }
        ("float" | "string", Some(_)) => report.add(
            Severity::Blocker,
            Message::new("compat-input-elem-mismatch")
                .arg("input", &input.name)
                .arg("type", &input.elem),
            Message::new("compat-input-elem-mismatch-fix")
                .arg("field", "model.inputs")
                .arg("type", &input.elem),
        ),
        ("double", _) => report.add(
            Severity::Blocker,
            Message::new("compat-input-double").arg("input", &input.name),
            Message::new("compat-input-double-fix")
                .arg("type", "FloatTensorType")
                .arg("call", "model.float()"),
        ),
        (other, _) => report.add(
            Severity::Blocker,
            Message::new("compat-input-type")
                .arg("input", &input.name)
                .arg("type", other),
            Message::new("compat-input-type-fix"),
        ),
    }
}

/// The input's declared shape: [batch, columns], the batch dynamic and the columns the
/// manifest's (`expected`).
fn check_shape(report: &mut Report, input: &TensorInfo, expected: Option<usize>) {
    let Some(dims) = &input.shape else {
        return;
    };
    let [batch, width] = dims.as_slice() else {
        report.add(
            Severity::Blocker,
            Message::new("compat-input-shape")
                .arg("input", &input.name)
                .arg("shape", input.shape_text()),
            Message::new("compat-input-shape-fix").arg("op", "Reshape"),
        );
        return;
    };
    match batch {
        Dim::Fixed(1) => report.add(
            Severity::Warning,
            Message::new("compat-batch-one").arg("input", &input.name),
            dynamic_batch(Message::new("compat-batch-one-fix")),
        ),
        Dim::Fixed(n) => report.add(
            Severity::Blocker,
            Message::new("compat-fixed-batch")
                .arg("input", &input.name)
                .arg("rows", n.to_string()),
            dynamic_batch(Message::new("compat-fixed-batch-fix")),
        ),
        _ => {}
    }
    if let (Dim::Fixed(k), Some(columns)) = (width, expected)
        && usize::try_from(*k).ok() != Some(columns)
    {
        report.add(
            Severity::Blocker,
            Message::new("compat-input-width")
                .arg("input", &input.name)
                .arg("width", k.to_string())
                .arg("columns", columns.to_string()),
            Message::new("compat-input-width-fix").arg("field", "model.input.columns"),
        );
    }
}

/// The manifest's output exists, is float, and has the column it reads.
pub(super) fn check_output(report: &mut Report, manifest: Option<&Manifest>) {
    let Some(manifest) = manifest else {
        if !report.outputs.iter().any(|o| o.elem == "float") {
            report.add(
                Severity::Blocker,
                Message::new("compat-no-float-output"),
                Message::new("compat-no-float-output-fix")
                    .arg("option", "zipmap False")
                    .arg("sigmoid", "torch.sigmoid")
                    .arg("softmax", "softmax"),
            );
        }
        return;
    };
    let spec = &manifest.model.output;
    let names: Vec<&str> = report.outputs.iter().map(|o| o.name.as_str()).collect();
    let listed = names.join(", ");
    for (name, role) in std::iter::once((&spec.name, "score"))
        .chain(spec.feature_errors.iter().map(|n| (n, "errors")))
    {
        let Some(output) = report.outputs.iter().find(|o| &o.name == name).cloned() else {
            report.add(
                Severity::Blocker,
                Message::new("compat-output-missing")
                    .arg("role", role)
                    .arg("output", name)
                    .arg("outputs", &listed),
                Message::new("compat-output-missing-fix")
                    .arg("field", "model.output.name")
                    .arg("name", "probabilities")
                    .arg("option", "output_names"),
            );
            continue;
        };
        if output.elem != "float" {
            let what = if output.elem == "int64" {
                Message::new("compat-output-label")
            } else {
                Message::new("compat-output-not-float")
            };
            report.add(
                Severity::Blocker,
                what.arg("output", name).arg("type", &output.elem),
                Message::new("compat-output-not-float-fix")
                    .arg("field", "model.output.name")
                    .arg("outputs", &listed),
            );
            continue;
        }
        if role == "score"
            && let Some(k) = output.last_fixed()
            && output.shape.as_ref().is_some_and(|s| s.len() == 2)
            && spec.column >= k
        {
            report.add(
                Severity::Blocker,
                Message::new("compat-output-column")
                    .arg("column", spec.column.to_string())
                    .arg("output", name)
                    .arg("width", k.to_string())
                    .arg("shape", output.shape_text()),
                Message::new("compat-output-column-fix"),
            );
        }
    }
}

/// The fix's way to a dynamic batch, in PyTorch and in skl2onnx.
pub(super) fn dynamic_batch(fix: Message) -> Message {
    fix.arg(
        "export",
        "torch.onnx.export(..., dynamic_axes={\"input\": {0: \"batch\"}})",
    )
    .arg("shape", "[None, k]")
}
