//! `riskscope check`: the compatibility report the page shows before it loads a user's model,
//! as text; the exit status is the verdict (0 runs, 1 runs with warnings, 2 refused).

use std::path::Path;

use riskscope_core::compat::{self, Report, Severity, TensorInfo};
use riskscope_core::i18n::{Lang, Message};
use riskscope_core::manifest::Manifest;

use crate::unreadable;

pub fn run(onnx: &Path, manifest: Option<&Path>, lang: Lang) -> Result<u8, Message> {
    let bytes = std::fs::read(onnx).map_err(|e| unreadable(onnx, e))?;
    let parsed = match manifest {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| unreadable(path, e))?;
            Some(Manifest::parse(&text))
        }
        None => None,
    };
    let report = match &parsed {
        Some(Ok(m)) => compat::check(&bytes, Some(m)),
        Some(Err(e)) => {
            let mut report = compat::check(&bytes, None);
            report.findings.push(compat::unreadable_manifest(e));
            report
        }
        None => compat::check(&bytes, None),
    };
    crate::emit(&text(&report, &onnx.display().to_string(), lang))?;
    // The worst finding is the verdict: 0 runs, 1 runs with warnings, 2 refused.
    Ok(report
        .findings
        .iter()
        .map(|f| rank(&f.severity))
        .max()
        .unwrap_or(0))
}

fn rank(severity: &Severity) -> u8 {
    match severity {
        Severity::Note => 0,
        Severity::Warning => 1,
        Severity::Blocker => 2,
    }
}

fn tensors(list: &[TensorInfo], lang: Lang) -> String {
    let each: Vec<String> = list
        .iter()
        .map(|t| {
            if t.elem == "not a tensor" {
                return Message::new("byo-tensor-sequence")
                    .arg("name", t.name.as_str())
                    .in_lang(lang);
            }
            let shape = match t.shape {
                Some(_) => t.shape_text(),
                None => lang.text("byo-shape-undeclared"),
            };
            Message::new("byo-tensor")
                .arg("name", t.name.as_str())
                .arg("type", t.elem.as_str())
                .arg("shape", shape)
                .in_lang(lang)
        })
        .collect();
    each.join(", ")
}

/// The report as the page lays it out, one line per fact and per finding.
pub fn text(report: &Report, file: &str, lang: Lang) -> String {
    let t = |id: &str| lang.text(id).trim_end().to_owned();
    let mut out = format!("{file}\n");
    let mut line = |label: String, value: String| out.push_str(&format!("  {label}: {value}\n"));
    line(t("byo-sha256"), report.sha256.clone());
    line(
        t("byo-size"),
        Message::new("byo-size-value")
            .arg("bytes", report.bytes.to_string())
            .arg("parameters", report.parameters.to_string())
            .in_lang(lang),
    );
    if !report.producer.is_empty() {
        line(
            t("byo-made-by"),
            format!("{} (opset {})", report.producer, report.opset),
        );
    }
    line(t("byo-inputs"), tensors(&report.inputs, lang));
    line(t("byo-outputs"), tensors(&report.outputs, lang));
    let operators: Vec<String> = report
        .operators
        .iter()
        .map(|(op, n)| format!("{op} ×{n}"))
        .collect();
    line(t("byo-operators"), operators.join(", "));
    out.push_str(&t(if report.is_loadable() {
        "byo-verdict-ok"
    } else {
        "byo-verdict-blocked"
    }));
    out.push('\n');
    for finding in &report.findings {
        let tag = match finding.severity {
            Severity::Blocker => "byo-blocker",
            Severity::Warning => "byo-warning",
            Severity::Note => "byo-note",
        };
        out.push_str(&format!(
            "  {}{}\n",
            lang.text(tag),
            finding.what.in_lang(lang)
        ));
        if let Some(fix) = &finding.fix {
            let fix = Message::new("byo-fix").arg("fix", fix.clone());
            out.push_str(&format!("    {}\n", fix.in_lang(lang)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_rank_blocker_above_warning_above_note() {
        assert_eq!(
            [Severity::Note, Severity::Warning, Severity::Blocker].map(|s| rank(&s)),
            [0, 1, 2]
        );
        // A report's messages are all in the language asked for.
        let report = compat::check(b"not onnx at all", None);
        let zh = text(&report, "x.onnx", Lang::ZhCn);
        assert!(zh.contains("SHA-256") && !zh.contains("Blocker"), "{zh}");
        assert!(text(&report, "x.onnx", Lang::En).contains("Blocker: "));
    }
}
