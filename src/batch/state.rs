//! The batch panel's state: which file, where the job is, and the export in progress.

use std::rc::Rc;

use web_sys::File;
use yew::prelude::*;

use super::protocol::{Phase, Progress};
use crate::i18n::Message;
use riskscope_core::batch::export::ExportKind;
use riskscope_core::batch::{BatchResults, FileHead, Mapping};

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
        reasons: FlaggedReasons,
    },
    Cancelled {
        rows: u64,
        elapsed_ms: f64,
    },
    /// Why, in the order the reasons came (a dying worker says why, then the browser that it
    /// died).
    Failed(Vec<Message>),
}

/// The flagged rows' reasons, which the worker finds after the results: kept beside them, so
/// the results (hundreds of thousands of rows) are never copied to take them in.
#[derive(Clone, Debug, Default)]
pub struct FlaggedReasons {
    /// Flagged rows explained so far, of how many; equal when the reasons are in.
    pub done: u64,
    pub total: u64,
    /// (index into the results' `scored`, its reasons), in index order, once they are in.
    found: Rc<Vec<(u32, Vec<u16>)>>,
}

impl FlaggedReasons {
    /// The reasons of the scored row at index `k` (none before they are in, or if not flagged).
    pub fn of(&self, k: u32) -> &[u16] {
        self.found
            .binary_search_by_key(&k, |(i, _)| *i)
            .map_or(&[], |at| &self.found[at].1)
    }

    pub fn pending(&self) -> bool {
        self.done < self.total
    }
}

impl PartialEq for FlaggedReasons {
    fn eq(&self, other: &FlaggedReasons) -> bool {
        (self.done, self.total) == (other.done, other.total)
            && Rc::ptr_eq(&self.found, &other.found)
    }
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
    Failed(Message),
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
        saved: Result<(), Message>,
    },
    Failed(Message),
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
                    (reasons.done, reasons.total) = (done, total);
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
                    reasons: FlaggedReasons {
                        total: reasons_pending,
                        ..FlaggedReasons::default()
                    },
                }
            }
            BatchAction::Reasons(mut found) => {
                if let RunStage::Done { reasons, .. } = &mut next.stage {
                    found.sort_unstable_by_key(|(k, _)| *k);
                    reasons.found = Rc::new(found);
                    reasons.done = reasons.total;
                }
            }
            BatchAction::Cancelled { rows, elapsed_ms } => {
                if matches!(next.export, ExportStatus::Running(..)) {
                    next.export = ExportStatus::Failed(Message::new("batch-export-cancelled"));
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
    fn fail(&mut self, message: Message) {
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
