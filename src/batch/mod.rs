//! Batch scoring in the page: pick or drop a CSV (or a bundled sample), check how its columns
//! map to the model, and watch the worker score it; then results, evaluation, fairness and
//! drift. The scoring itself runs in the worker ([`worker`]), never on the page's thread.

mod evaluation_view;
mod hook;
mod mapping_view;
mod noted_view;
mod picker;
mod population_view;
pub mod protocol;
mod results_view;
mod state;
mod table_view;
pub mod worker;

use std::rc::Rc;

use yew::prelude::*;

use self::hook::{phase_text, use_batch_job};
use self::mapping_view::MappingView;
use self::noted_view::NotedEvaluation;
use self::picker::FilePicker;
use self::population_view::DriftView;
use self::protocol::Progress;
use self::results_view::ResultsView;
use self::state::RunStage;
use crate::hooks::SharedScorer;
use crate::i18n::use_tr;
use crate::tr;
use riskscope_core::batch::BatchResults;
use riskscope_core::catalog::CatalogEntry;

/// Finished results shared by the views; equal when they are the same run.
#[derive(Clone)]
pub struct SharedResults(pub Rc<BatchResults>);

impl PartialEq for SharedResults {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct BatchPanelProps {
    pub scorer: SharedScorer,
    pub entry: CatalogEntry,
    /// The workspace's current cut-off.
    pub cutoff: f64,
}

#[component]
pub fn BatchPanel(props: &BatchPanelProps) -> Html {
    let tr = use_tr();
    let job = use_batch_job(props.scorer.clone());
    let manifest = props.scorer.manifest();
    let busy = matches!(job.state.stage, RunStage::Running(_) | RunStage::Inspecting);
    let body = match &job.state.stage {
        RunStage::Idle => html! {},
        RunStage::Inspecting => {
            html! { <p class="status" role="status">{ tr!(tr, "batch-reading-header") }</p> }
        }
        RunStage::Mapping {
            head,
            mapping,
            bytes,
        } => html! {
            <MappingView manifest={manifest.clone()} head={head.clone()} mapping={mapping.clone()}
                bytes={*bytes} on_start={job.start.clone()} on_encoding={job.reread.clone()} />
        },
        RunStage::Running(Progress {
            phase,
            bytes_done,
            bytes_total,
            rows,
            elapsed_ms,
        }) => {
            let share = *bytes_done as f64 / (*bytes_total).max(1) as f64;
            let seconds = (elapsed_ms / 1000.0).max(1e-3);
            let on_cancel = job.cancel.reform(|_: MouseEvent| ());
            html! {
                <div class="batch-progress" role="status" aria-live="polite">
                    <progress id="batch-progress" max="1" value={share.to_string()}>
                        { tr!(tr, "batch-percent", value = tr.num(share * 100.0, 0)) }
                    </progress>
                    <p id="batch-rate" data-rows={rows.to_string()}>
                        { tr!(tr, "batch-rate",
                            phase = phase_text(tr, *phase),
                            rows = tr.num(*rows as f64, 0),
                            rate = tr.num(*rows as f64 / seconds, 0),
                            speed = tr.num(*bytes_done as f64 / 1e6 / seconds, 1),
                            seconds = tr.num(seconds, 1)) }
                    </p>
                    <button type="button" id="batch-cancel" onclick={on_cancel}>{ tr!(tr, "batch-cancel") }</button>
                </div>
            }
        }
        RunStage::Cancelled { rows, elapsed_ms } => html! {
            <p class="status" id="batch-cancelled" role="status">
                // The row count ungrouped: the end-to-end test reads it as digits.
                { tr!(tr, "batch-cancelled", rows = rows.to_string(), seconds = tr.num(elapsed_ms / 1000.0, 2)) }
            </p>
        },
        RunStage::Failed(failures) => {
            let error = failures
                .iter()
                .map(|f| tr.m(f))
                .reduce(|first, next| tr!(tr, "batch-failed-then", first = first, next = next))
                .unwrap_or_default();
            html! {
                <p class="status load-error" id="batch-error" role="alert">{ tr!(tr, "batch-failed", error = error) }</p>
            }
        }
        RunStage::Done {
            results,
            timing,
            reasons,
        } => {
            let shared = SharedResults(results.clone());
            let groups = props
                .entry
                .sample
                .as_ref()
                .map(|s| s.groups.clone())
                .unwrap_or_default();
            html! {
                <>
                    <ResultsView scorer={props.scorer.clone()} results={shared.clone()} cutoff={props.cutoff}
                        timing={*timing} reasons={reasons.clone()} export={job.state.export.clone()}
                        on_export={job.export.clone()} />
                    <NotedEvaluation manifest={manifest.clone()} results={shared.clone()} cutoff={props.cutoff} preferred={groups} />
                    <DriftView manifest={manifest.clone()} results={shared} />
                </>
            }
        }
    };
    html! {
        <section class="batch" aria-labelledby="batch-title">
            <h2 id="batch-title">{ tr!(tr, "batch-title") }</h2>
            <p class="note">{ tr!(tr, "batch-intro") }</p>
            <FilePicker entry={props.entry.clone()} disabled={busy} on_file={job.inspect.clone()} />
            { body }
        </section>
    }
}
