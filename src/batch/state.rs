//! The batch panel's state: which file, where the job is, and the export in progress.

use std::rc::Rc;

use web_sys::File;
use yew::prelude::*;

use super::protocol::{Phase, Progress};
use crate::i18n::{Message, Tr};
use riskscope_core::batch::export::ExportKind;
use riskscope_core::batch::{BatchResults, FileHead, Mapping};

/// Why something failed: a message of the page's, written in whatever language the page is in
/// when it is shown, or a text already written (by the worker, in the language the request
/// asked for, or a technical detail from the browser).
#[derive(Clone, PartialEq, Debug)]
pub enum RunFailure {
    Message(Message),
    Text(String),
}

impl RunFailure {
    pub fn text(&self, tr: Tr) -> String {
        match self {
            RunFailure::Message(message) => tr.m(message),
            RunFailure::Text(text) => text.clone(),
        }
    }
}

impl From<Message> for RunFailure {
    fn from(message: Message) -> RunFailure {
        RunFailure::Message(message)
    }
}

impl From<String> for RunFailure {
    fn from(text: String) -> RunFailure {
        RunFailure::Text(text)
    }
}

#[derive(Clone, PartialEq, Default)]
pub enum RunStage {
    #[default]
    Idle,
    Inspecting,
    /// The header is read; the user checks the mapping and starts.
    Mapping {
        head: FileHead,
        mapping: Mapping,
        bytes: u64,
    },
    Running(Progress),
    Done {
        results: Rc<BatchResults>,
        timing: Timing,
        /// Flagged rows explained so far, of how many; equal when the reasons are in.
        reasons: (u64, u64),
    },
    Cancelled {
        rows: u64,
        elapsed_ms: f64,
    },
    /// Why, in the order the reasons came (a dying worker says why, then the browser that it
    /// died).
    Failed(Vec<RunFailure>),
}

/// How long a finished run took, and the worker's memory after it.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Timing {
    pub elapsed_ms: f64,
    pub scoring_ms: f64,
    pub memory_bytes: f64,
}

#[derive(Clone, PartialEq, Default)]
pub enum ExportStatus {
    #[default]
    None,
    Running(ExportKind, f64),
    Saved(ExportKind, u64),
    Failed(RunFailure),
}

#[derive(Clone, PartialEq, Default)]
pub struct BatchState {
    pub file: Option<File>,
    pub stage: RunStage,
    pub export: ExportStatus,
}

pub enum BatchAction {
    Inspect(File),
    Head {
        head: FileHead,
        mapping: Mapping,
        bytes: u64,
    },
    Start,
    Progress(Progress),
    Done {
        results: Rc<BatchResults>,
        timing: Timing,
        reasons_pending: u64,
    },
    Reasons(Vec<(u32, Vec<u16>)>),
    Cancelled {
        rows: u64,
        elapsed_ms: f64,
    },
    Exporting(ExportKind),
    Exported {
        kind: ExportKind,
        rows: u64,
        saved: Result<(), RunFailure>,
    },
    Failed(RunFailure),
}

impl Reducible for BatchState {
    type Action = BatchAction;

    fn reduce(self: Rc<Self>, action: BatchAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            BatchAction::Inspect(file) => {
                next = BatchState {
                    file: Some(file),
                    stage: RunStage::Inspecting,
                    export: ExportStatus::None,
                };
            }
            BatchAction::Head {
                head,
                mapping,
                bytes,
            } => {
                next.stage = RunStage::Mapping {
                    head,
                    mapping,
                    bytes,
                }
            }
            BatchAction::Start => {
                next.export = ExportStatus::None;
                next.stage = RunStage::Running(Progress {
                    phase: Phase::Scoring,
                    bytes_done: 0,
                    bytes_total: next.file.as_ref().map_or(0, |f| f.size() as u64),
                    rows: 0,
                    elapsed_ms: 0.0,
                });
            }
            BatchAction::Progress(progress) if progress.phase == Phase::Exporting => {
                if let ExportStatus::Running(kind, _) = next.export {
                    let share = progress.bytes_done as f64 / progress.bytes_total.max(1) as f64;
                    next.export = ExportStatus::Running(kind, share);
                }
            }
            BatchAction::Progress(Progress {
                phase: Phase::Reasons { done, total },
                ..
            }) if matches!(next.stage, RunStage::Done { .. }) => {
                if let RunStage::Done { reasons, .. } = &mut next.stage {
                    *reasons = (done, total);
                }
            }
            BatchAction::Progress(progress) => next.stage = RunStage::Running(progress),
            BatchAction::Done {
                results,
                timing,
                reasons_pending,
            } => {
                next.stage = RunStage::Done {
                    results,
                    timing,
                    reasons: (0, reasons_pending),
                }
            }
            BatchAction::Reasons(found) => next.stage.merge_reasons(found),
            BatchAction::Cancelled { rows, elapsed_ms } => {
                if matches!(next.export, ExportStatus::Running(..)) {
                    next.export =
                        ExportStatus::Failed(Message::new("batch-export-cancelled").into());
                } else {
                    next.stage = RunStage::Cancelled { rows, elapsed_ms };
                }
            }
            BatchAction::Exporting(kind) => next.export = ExportStatus::Running(kind, 0.0),
            BatchAction::Exported { kind, rows, saved } => {
                next.export = match saved {
                    Ok(()) => ExportStatus::Saved(kind, rows),
                    Err(message) => ExportStatus::Failed(message),
                }
            }
            BatchAction::Failed(message) => next.fail(message),
        }
        Rc::new(next)
    }
}

impl BatchState {
    /// A failure ends the export that is running, or else the run. A worker that dies says why
    /// first (its panic hook), then its error event arrives: keep both.
    fn fail(&mut self, message: RunFailure) {
        if matches!(self.export, ExportStatus::Running(..)) {
            self.export = ExportStatus::Failed(message);
        } else {
            self.stage = match &self.stage {
                RunStage::Failed(first) => {
                    let mut all = first.clone();
                    all.push(message);
                    RunStage::Failed(all)
                }
                _ => RunStage::Failed(vec![message]),
            };
        }
    }
}

impl RunStage {
    /// The flagged rows' reasons, which arrive after the results: merged into them.
    fn merge_reasons(&mut self, found: Vec<(u32, Vec<u16>)>) {
        if let RunStage::Done {
            results, reasons, ..
        } = self
        {
            let mut merged = (**results).clone();
            for (k, r) in found {
                if let Some(row) = merged.scored.get_mut(k as usize) {
                    row.reasons = r;
                }
            }
            *results = Rc::new(merged);
            *reasons = (reasons.1, reasons.1);
        }
    }
}
