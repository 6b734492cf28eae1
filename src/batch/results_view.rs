//! A finished run: what was scored and what was not, the downloads, the score histogram, and
//! a table over every row that renders only the rows in view.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::SharedResults;
use super::hook::export_name;
use super::state::{ExportStatus, FlaggedReasons, Timing};
use super::table_view::{Order, VirtualTable};
use crate::chart::{BarChart, Marker};
use crate::hooks::SharedScorer;
use crate::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::batch::BatchResults;
use riskscope_core::batch::export::ExportKind;
use riskscope_core::evaluation::histogram;
use riskscope_core::manifest::OutputKind;

const SHOWN_ERRORS: usize = 20;

#[derive(Properties, PartialEq)]
pub struct ResultsViewProps {
    pub scorer: SharedScorer,
    pub results: SharedResults,
    pub cutoff: f64,
    pub timing: Timing,
    pub reasons: FlaggedReasons,
    pub export: ExportStatus,
    pub on_export: Callback<ExportKind>,
}

#[component]
pub fn ResultsView(props: &ResultsViewProps) -> Html {
    let tr = use_tr();
    let r = &props.results.0;
    let manifest = props.scorer.manifest();
    let order = use_state(|| Order::File);
    let on_order = {
        let order = order.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            order.set(match select.value().as_str() {
                "high" => Order::HighFirst,
                "low" => Order::LowFirst,
                _ => Order::File,
            });
        })
    };
    let export = |kind: ExportKind| props.on_export.reform(move |_: MouseEvent| kind);
    // The worker's copy is complete (and exportable) once the reasons are in.
    let exporting = matches!(props.export, ExportStatus::Running(..)) || props.reasons.pending();
    let export_status = export_status(tr, &props.export);

    let summary = summary(tr, props);

    let (lower, upper) = match manifest.model.output.kind {
        OutputKind::Probability => (0.0, 1.0),
        OutputKind::AnomalyScore => (0.0, (props.cutoff * 3.0).max(1e-6)),
    };
    let n_bins = 25;
    let counts = use_memo(
        (props.results.clone(), upper.to_bits()),
        move |(results, _)| histogram(&results.0.scores(), lower, upper, n_bins),
    );
    let width = (upper - lower) / n_bins as f64;
    let bars: Vec<(f64, f64, u64)> = counts
        .iter()
        .enumerate()
        .map(|(b, &n)| (lower + b as f64 * width, lower + (b + 1) as f64 * width, n))
        .collect();
    let markers = vec![Marker {
        x: props.cutoff,
        label: tr!(tr, "batch-cutoff-marker"),
        class: "chosen",
    }];

    html! {
        <div class="batch-results">
            <p id="batch-summary" data-rows={r.rows.to_string()} data-scored={r.scored.len().to_string()}
                data-errors={r.errors.len().to_string()} data-ms={format!("{:.1}", props.timing.elapsed_ms)}
                data-scoring-ms={format!("{:.1}", props.timing.scoring_ms)}
                data-worker-mb={format!("{:.0}", props.timing.memory_bytes / 1e6)}>{ summary }</p>
            { text_report(tr, r) }
            <p class="actions">
                <button type="button" id="batch-download" disabled={exporting} onclick={export(ExportKind::Scored)}>
                    { tr!(tr, "batch-download") }
                </button>
                if !r.errors.is_empty() {
                    <button type="button" id="batch-download-errors" disabled={exporting} onclick={export(ExportKind::Errors)}>
                        { tr!(tr, "batch-download-errors", errors = tr.num(r.errors.len() as f64, 0)) }
                    </button>
                }
                <span id="batch-export-status" role="status">{ export_status }</span>
                if props.reasons.pending() {
                    <span id="batch-reasons-status" role="status">
                        { format!(" {}", tr!(tr, "batch-reasons-status",
                            done = tr.num(props.reasons.done as f64, 0), total = tr.num(props.reasons.total as f64, 0))) }
                    </span>
                }
            </p>
            if !r.errors.is_empty() {
                <details id="batch-errors">
                    <summary>{
                        if r.errors.len() > SHOWN_ERRORS {
                            tr!(tr, "batch-row-errors-first", errors = tr.num(r.errors.len() as f64, 0), shown = SHOWN_ERRORS.to_string())
                        } else {
                            tr!(tr, "batch-row-errors", errors = tr.num(r.errors.len() as f64, 0))
                        }
                    }</summary>
                    <ul>{ for r.errors.iter().take(SHOWN_ERRORS).map(|e| html! { <li>{ tr.m(e) }</li> }) }</ul>
                </details>
            }
            <BarChart id="batch-histogram" title={tr!(tr, "batch-histogram")} x_label={tr!(tr, "batch-histogram-x")}
                y_label={tr!(tr, "batch-histogram-y")} {bars} {markers} />
            <p>
                <label for="batch-sort">{ format!("{} ", tr!(tr, "batch-order")) }</label>
                <select id="batch-sort" onchange={on_order}>
                    <option value="file" selected={*order == Order::File}>{ tr!(tr, "batch-order-file") }</option>
                    <option value="high" selected={*order == Order::HighFirst}>{ tr!(tr, "batch-order-high") }</option>
                    <option value="low" selected={*order == Order::LowFirst}>{ tr!(tr, "batch-order-low") }</option>
                </select>
            </p>
            <VirtualTable key={format!("{:?}", *order)} manifest={manifest.clone()} results={props.results.clone()}
                reasons={props.reasons.clone()} order={*order} cutoff={props.cutoff} />
        </div>
    }
}

/// Where an export stands, in the page's language.
fn export_status(tr: Tr, export: &ExportStatus) -> String {
    match export {
        ExportStatus::None => String::new(),
        ExportStatus::Running(kind, share) => tr!(
            tr,
            "batch-export-writing",
            file = export_name(*kind),
            percent = tr.num(share * 100.0, 0)
        ),
        ExportStatus::Saved(kind, rows) => tr!(
            tr,
            "batch-export-saved",
            file = export_name(*kind),
            rows = tr.num(*rows as f64, 0)
        ),
        ExportStatus::Failed(failure) => tr!(tr, "batch-export-failed", error = failure),
    }
}

/// The run in one sentence: rows read, scored, errors, flagged at the cut-off, and the time.
fn summary(tr: Tr, props: &ResultsViewProps) -> String {
    let r = &props.results.0;
    let manifest = props.scorer.manifest();
    let seconds = (props.timing.elapsed_ms / 1000.0).max(1e-3);
    let flagged = r
        .scored
        .iter()
        .filter(|s| f64::from(s.score) >= props.cutoff)
        .count();
    let walks = if r.reason_walks > 0 {
        tr!(
            tr,
            "batch-summary-walks",
            walks = r.reason_walks.to_string()
        )
    } else {
        String::new()
    };
    tr!(
        tr,
        "batch-summary",
        rows = tr.num(r.rows as f64, 0),
        scored = tr.num(r.scored.len() as f64, 0),
        errors = tr.num(r.errors.len() as f64, 0),
        flagged = tr.num(flagged as f64, 0),
        decision = manifest.decision.at_or_above.as_str(),
        cutoff = tr.num(props.cutoff, 3),
        seconds = tr.num(seconds, 2),
        scoring = tr.num(props.timing.scoring_ms / 1000.0, 2),
        rate = tr.num(
            r.rows as f64 / (props.timing.scoring_ms / 1000.0).max(1e-3),
            0
        ),
        walks = walks,
    )
}

/// How the file's text was read, and how many byte sequences were not text in it.
fn text_report(tr: Tr, r: &BatchResults) -> Html {
    html! {
        <p id="batch-text" data-encoding={r.text.encoding.name.clone()} data-replaced={r.text.replaced.to_string()}
                class={classes!((r.text.replaced > 0).then_some("field-error"))}>
                { tr.m(&r.text.encoding) }
                if r.text.replaced > 0 {
                    { format!(" {}", tr!(tr, "batch-encoding-replaced",
                        count = tr.num(r.text.replaced as f64, 0), encoding = r.text.encoding.name.as_str())) }
                }
            </p>
    }
}
