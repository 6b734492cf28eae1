//! A finished run: what was scored and what was not, the downloads, the score histogram, and
//! a table over every row that renders only the rows in view.

use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use super::SharedResults;
use super::hook::export_name;
use super::state::{ExportStatus, Timing};
use crate::batch::export::ExportKind;
use crate::evaluation::histogram;
use crate::manifest::OutputKind;
use crate::web::chart::{BarChart, Marker};
use crate::web::hooks::SharedScorer;

/// Row height in the table, in pixels (fixed in the stylesheet: the table is virtual).
const ROW_PX: f64 = 28.0;
const VISIBLE_ROWS: usize = 14;
const SHOWN_ERRORS: usize = 20;

#[derive(Properties, PartialEq)]
pub struct ResultsViewProps {
    pub scorer: SharedScorer,
    pub results: SharedResults,
    pub cutoff: f64,
    pub timing: Timing,
    pub export: ExportStatus,
    pub on_export: Callback<ExportKind>,
}

#[derive(Clone, Copy, PartialEq)]
enum Order {
    File,
    HighFirst,
    LowFirst,
}

#[function_component]
pub fn ResultsView(props: &ResultsViewProps) -> Html {
    let r = &props.results.0;
    let manifest = props.scorer.manifest();
    let order = use_state(|| Order::File);
    let first = use_state(|| 0usize);
    let sorted = {
        let results = props.results.clone();
        use_memo((results, *order), |(results, order)| {
            let scored = &results.0.scored;
            let mut idx: Vec<u32> = (0..scored.len() as u32).collect();
            match order {
                Order::File => {}
                Order::HighFirst => idx.sort_by(|&a, &b| {
                    scored[b as usize]
                        .score
                        .total_cmp(&scored[a as usize].score)
                }),
                Order::LowFirst => idx.sort_by(|&a, &b| {
                    scored[a as usize]
                        .score
                        .total_cmp(&scored[b as usize].score)
                }),
            }
            idx
        })
    };
    let on_scroll = {
        let first = first.clone();
        Callback::from(move |e: Event| {
            let el: Element = e.target_unchecked_into();
            first.set((f64::from(el.scroll_top()) / ROW_PX) as usize);
        })
    };
    let on_order = {
        let (order, first) = (order.clone(), first.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            order.set(match select.value().as_str() {
                "high" => Order::HighFirst,
                "low" => Order::LowFirst,
                _ => Order::File,
            });
            first.set(0);
        })
    };
    let export = |kind: ExportKind| props.on_export.reform(move |_: MouseEvent| kind);
    let exporting = matches!(props.export, ExportStatus::Running(..));
    let export_status = match &props.export {
        ExportStatus::None => String::new(),
        ExportStatus::Running(kind, share) => {
            format!("Writing {}: {:.0} %", export_name(*kind), share * 100.0)
        }
        ExportStatus::Saved(kind, rows) => format!("Saved {} ({rows} rows).", export_name(*kind)),
        ExportStatus::Failed(message) => format!("The export failed: {message}"),
    };

    let seconds = (props.timing.elapsed_ms / 1000.0).max(1e-3);
    let flagged = r
        .scored
        .iter()
        .filter(|s| f64::from(s.score) >= props.cutoff)
        .count();
    let summary = format!(
        "{} rows read: {} scored, {} with errors. {} {} at the cut-off {:.3}. {:.2} s in all ({:.2} s reading and scoring, {:.0} rows/s){}.",
        r.rows,
        r.scored.len(),
        r.errors.len(),
        flagged,
        manifest.decision.at_or_above,
        props.cutoff,
        seconds,
        props.timing.scoring_ms / 1000.0,
        r.rows as f64 / (props.timing.scoring_ms / 1000.0).max(1e-3),
        if r.reason_walks > 0 {
            format!(
                "; reasons from {} permutation walks per flagged row",
                r.reason_walks
            )
        } else {
            String::new()
        },
    );

    let scores = r.scores();
    let (lower, upper) = match manifest.model.output.kind {
        OutputKind::Probability => (0.0, 1.0),
        OutputKind::AnomalyScore => (0.0, (props.cutoff * 3.0).max(1e-6)),
    };
    let n_bins = 25;
    let counts = histogram(&scores, lower, upper, n_bins);
    let width = (upper - lower) / n_bins as f64;
    let bars: Vec<(f64, f64, u64)> = counts
        .iter()
        .enumerate()
        .map(|(b, &n)| (lower + b as f64 * width, lower + (b + 1) as f64 * width, n))
        .collect();
    let markers = vec![Marker {
        x: props.cutoff,
        label: "cut-off".into(),
        class: "chosen",
    }];

    let total = sorted.len();
    let start = (*first).min(total.saturating_sub(VISIBLE_ROWS));
    let end = (start + VISIBLE_ROWS + 2).min(total);
    let has_labels = r.has_labels();
    let rows = sorted[start..end].iter().map(|&i| {
        let s = &r.scored[i as usize];
        let flagged = f64::from(s.score) >= props.cutoff;
        let reason = s
            .reasons
            .first()
            .and_then(|&j| manifest.features.get(usize::from(j)))
            .map(|f| f.label.clone())
            .unwrap_or_default();
        html! {
            <tr class={classes!(flagged.then_some("flagged"))}>
                <td>{ s.row }</td>
                <td class="num">{ format!("{:.4}", s.score) }</td>
                <td>{ if flagged { &manifest.decision.at_or_above } else { &manifest.decision.below } }</td>
                <td>{ reason }</td>
                if has_labels {
                    <td>{ if r.labels[i as usize] { "1" } else { "0" } }</td>
                }
            </tr>
        }
    });

    html! {
        <div class="batch-results">
            <p id="batch-summary" data-rows={r.rows.to_string()} data-scored={r.scored.len().to_string()}
                data-errors={r.errors.len().to_string()} data-ms={format!("{:.1}", props.timing.elapsed_ms)}
                data-scoring-ms={format!("{:.1}", props.timing.scoring_ms)}
                data-worker-mb={format!("{:.0}", props.timing.memory_bytes / 1e6)}>{ summary }</p>
            <p class="actions">
                <button type="button" id="batch-download" disabled={exporting} onclick={export(ExportKind::Scored)}>
                    { "Download the scored file" }
                </button>
                if !r.errors.is_empty() {
                    <button type="button" id="batch-download-errors" disabled={exporting} onclick={export(ExportKind::Errors)}>
                        { format!("Download the {} rows with errors", r.errors.len()) }
                    </button>
                }
                <span id="batch-export-status" role="status">{ export_status }</span>
            </p>
            if !r.errors.is_empty() {
                <details id="batch-errors">
                    <summary>{ format!("Row errors ({}{})", r.errors.len(), if r.errors.len() > SHOWN_ERRORS { format!(", the first {SHOWN_ERRORS} shown") } else { String::new() }) }</summary>
                    <ul>{ for r.errors.iter().take(SHOWN_ERRORS).map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
                </details>
            }
            <BarChart id="batch-histogram" title="Scores of the file's rows" x_label="score" y_label="rows" {bars} {markers} />
            <p>
                <label for="batch-sort">{ "Order: " }</label>
                <select id="batch-sort" onchange={on_order}>
                    <option value="file" selected={*order == Order::File}>{ "as in the file" }</option>
                    <option value="high" selected={*order == Order::HighFirst}>{ "highest score first" }</option>
                    <option value="low" selected={*order == Order::LowFirst}>{ "lowest score first" }</option>
                </select>
            </p>
            <div class="table-scroll" id="batch-table" onscroll={on_scroll} tabindex="0" aria-label="Scored rows"
                data-total={total.to_string()}>
                <table class="virtual">
                    <thead><tr>
                        <th scope="col">{ "Row" }</th><th scope="col">{ "Score" }</th><th scope="col">{ "Decision" }</th>
                        <th scope="col">{ "Top reason" }</th>
                        if has_labels { <th scope="col">{ "Label" }</th> }
                    </tr></thead>
                    <tbody>
                        <tr class="spacer" style={format!("height: {}px", start as f64 * ROW_PX)} aria-hidden="true" />
                        { for rows }
                        <tr class="spacer" style={format!("height: {}px", (total - end) as f64 * ROW_PX)} aria-hidden="true" />
                    </tbody>
                </table>
            </div>
        </div>
    }
}
