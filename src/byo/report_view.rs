//! The compatibility check's report: the file's description and every finding with its fix.

use super::*;

#[derive(Properties, PartialEq)]
pub(super) struct ReportViewProps {
    pub(super) report: Rc<Report>,
}

#[component]
pub(super) fn ReportView(props: &ReportViewProps) -> Html {
    let tr = use_tr();
    let r = &props.report;
    let io = |list: &[TensorInfo]| -> String {
        list.iter()
            .map(|t| tensor_text(tr, t))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let operators = r
        .operators
        .iter()
        .map(|(op, n)| format!("{op} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let verdict = if r.is_loadable() {
        tr!(tr, "byo-verdict-ok")
    } else {
        tr!(tr, "byo-verdict-blocked")
    };
    let producer = if r.producer.is_empty() {
        tr!(tr, "byo-producer-unknown")
    } else {
        r.producer.clone()
    };
    html! {
        <div class="byo-report" id="byo-report" data-loadable={r.is_loadable().to_string()}>
            <dl>
                <dt>{ tr!(tr, "byo-sha256") }</dt><dd id="byo-sha256"><code>{ &r.sha256 }</code></dd>
                <dt>{ tr!(tr, "byo-size") }</dt>
                <dd>{ tr!(tr, "byo-size-value", bytes = r.bytes.to_string(), parameters = r.parameters.to_string()) }</dd>
                <dt>{ tr!(tr, "byo-made-by") }</dt>
                <dd><span translate="no">{ producer }</span>{ tr!(tr, "byo-opset", opset = r.opset.to_string()) }</dd>
                // Tensor names, element types and operators are the file's own identifiers.
                <dt>{ tr!(tr, "byo-inputs") }</dt><dd translate="no">{ io(&r.inputs) }</dd>
                <dt>{ tr!(tr, "byo-outputs") }</dt><dd translate="no">{ io(&r.outputs) }</dd>
                <dt>{ tr!(tr, "byo-operators") }</dt><dd translate="no">{ operators }</dd>
                if let Some(probe) = &r.probe {
                    <dt>{ tr!(tr, "byo-probe") }</dt>
                    <dd>
                        { tr!(tr, "byo-probe-value", rows = tr.num(probe.rows as f64, 0),
                            min = tr.num(f64::from(probe.min_score), 4), max = tr.num(f64::from(probe.max_score), 4)) }
                        { probe.ms_per_row.map(|ms| tr!(tr, "byo-probe-speed", ms = tr.num(ms, 3))).unwrap_or_default() }
                    </dd>
                }
            </dl>
            <p class="byo-verdict">{ verdict }</p>
            if !r.findings.is_empty() {
                <ul class="byo-findings" id="byo-findings">
                    { for r.findings.iter().map(|f| {
                        let (class, tag) = match f.severity {
                            Severity::Blocker => ("finding blocker", tr!(tr, "byo-blocker")),
                            Severity::Warning => ("finding warning", tr!(tr, "byo-warning")),
                            Severity::Note => ("finding note", tr!(tr, "byo-note")),
                        };
                        html! {
                            <li class={class}>
                                <strong>{ tag }</strong>{ tr.m(&f.what) }
                                if let Some(fix) = &f.fix {
                                    <br /><span class="fix">{ tr!(tr, "byo-fix", fix = tr.m(fix)) }</span>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

/// An input or output as the report lists it: "x (float [N, 30])".
pub(super) fn tensor_text(tr: Tr, t: &TensorInfo) -> String {
    // compat.rs names a sequence or map (ZipMap's output) "not a tensor": it has no shape.
    if t.elem == "not a tensor" {
        return tr!(tr, "byo-tensor-sequence", name = t.name.as_str());
    }
    let elem = t.elem.clone();
    let shape = if t.shape.is_none() {
        tr!(tr, "byo-shape-undeclared")
    } else {
        t.shape_text()
    };
    tr!(tr, "byo-tensor", name = t.name.as_str(), type = elem, shape = shape)
}
