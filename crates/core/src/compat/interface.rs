//! The model's input and output against what RiskScope feeds and reads (and the manifest).

use super::*;

/// Exactly one float input of shape [N, k], matching the manifest's name and width.
pub(super) fn check_input(report: &mut Report, manifest: Option<&Manifest>) {
    let expected = manifest.map(|m| m.model.input.columns);
    let inputs = report.inputs.clone();
    let [input] = inputs.as_slice() else {
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        report.add(
            Severity::Blocker,
            Message::new("compat-input-count")
                .arg("count", inputs.len().to_string())
                .arg("names", names.join(", ")),
            Message::new("compat-input-count-fix")
                .arg("method", "forward")
                .arg("type", "FloatTensorType([None, k])"),
        );
        return;
    };
    match input.elem.as_str() {
        "float" => {}
        "string" => report.add(
            Severity::Blocker,
            Message::new("compat-input-strings").arg("input", &input.name),
            Message::new("compat-input-strings-fix"),
        ),
        "double" => report.add(
            Severity::Blocker,
            Message::new("compat-input-double").arg("input", &input.name),
            Message::new("compat-input-double-fix")
                .arg("type", "FloatTensorType")
                .arg("call", "model.float()"),
        ),
        other => report.add(
            Severity::Blocker,
            Message::new("compat-input-type")
                .arg("input", &input.name)
                .arg("type", other),
            Message::new("compat-input-type-fix"),
        ),
    }
    if let Some(dims) = &input.shape {
        match dims.as_slice() {
            [batch, width] => {
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
            _ => report.add(
                Severity::Blocker,
                Message::new("compat-input-shape")
                    .arg("input", &input.name)
                    .arg("shape", input.shape_text()),
                Message::new("compat-input-shape-fix").arg("op", "Reshape"),
            ),
        }
    }
    if let Some(manifest) = manifest
        && manifest.model.input.name != input.name
    {
        report.add(
            Severity::Blocker,
            Message::new("compat-input-name")
                .arg("input", &input.name)
                .arg("expected", &manifest.model.input.name),
            Message::new("compat-input-name-fix")
                .arg("field", "model.input.name")
                .arg("input", &input.name),
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
