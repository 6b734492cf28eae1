//! The page's side of the batch worker: starts it (lazily, once per model workspace), sends it
//! the model and files, and turns its messages into [`BatchState`] actions. Terminated when the
//! workspace goes.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, File, MessageEvent, Worker};
use yew::prelude::*;

use super::protocol::{self, Phase, Request, Response};
use super::state::{BatchAction, BatchState, Timing};
use crate::download::save_blob;
use crate::hooks::SharedScorer;
use crate::i18n::{Message, Tr, use_tr};
use crate::tr;
use riskscope_core::batch::Mapping;
use riskscope_core::batch::export::ExportKind;

/// A running worker and the requests waiting for it to start.
struct Link {
    worker: Worker,
    started: bool,
    queue: Vec<Array>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

type SharedLink = Rc<RefCell<Option<Link>>>;

#[derive(Clone)]
pub struct BatchHandle {
    pub state: UseReducerHandle<BatchState>,
    pub inspect: Callback<File>,
    /// Reads the file's header again in the encoding named (the user's choice).
    pub reread: Callback<String>,
    pub start: Callback<Mapping>,
    pub cancel: Callback<()>,
    pub export: Callback<ExportKind>,
}

fn send(link: &SharedLink, request: &Request, attachment: Option<&JsValue>) -> Result<(), Message> {
    let message = protocol::encode(request, attachment)?;
    let mut link = link.borrow_mut();
    let link = link
        .as_mut()
        .ok_or_else(|| Message::new("batch-worker-not-running"))?;
    if link.started {
        link.worker
            .post_message(&message)
            .map_err(|e| Message::quoted(format!("{e:?}")))
    } else {
        link.queue.push(message);
        Ok(())
    }
}

/// Starts the worker if it is not running and hands it the model.
fn ensure_worker(
    link: &SharedLink,
    scorer: &SharedScorer,
    state: &UseReducerHandle<BatchState>,
) -> Result<(), Message> {
    if link.borrow().is_some() {
        return Ok(());
    }
    let worker = protocol::start_worker("batch-worker-not-started")?;
    let on_message = {
        let link = link.clone();
        let dispatcher = state.dispatcher();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match protocol::decode::<Response>(&event.data()) {
                Ok((Response::Started, _)) => {
                    if let Some(link) = link.borrow_mut().as_mut() {
                        link.started = true;
                        for message in link.queue.drain(..) {
                            let _ = link.worker.post_message(&message);
                        }
                    }
                }
                Ok((response, attachment)) => on_response(&dispatcher, response, attachment),
                Err(message) => dispatcher.dispatch(BatchAction::Failed(message)),
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_error = {
        let (dispatcher, link) = (state.dispatcher(), link.clone());
        Closure::<dyn FnMut(JsValue)>::new(move |_| {
            // A dead worker (a trap) is dropped; the next file starts a fresh one.
            if let Ok(mut slot) = link.try_borrow_mut()
                && let Some(dead) = slot.take()
            {
                dead.worker.terminate();
            }
            dispatcher.dispatch(BatchAction::Failed(Message::new("batch-worker-stopped")));
        })
    };
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    *link.borrow_mut() = Some(Link {
        worker,
        started: false,
        queue: Vec::new(),
        _on_message: on_message,
    });
    let files = &scorer.files;
    send(
        link,
        &Request::Load {
            manifest: files.manifest.clone(),
            onnx: files.onnx.clone(),
            reference: files.reference.clone(),
        },
        None,
    )
}

fn on_response(
    dispatcher: &UseReducerDispatcher<BatchState>,
    response: Response,
    attachment: JsValue,
) {
    let action = match response {
        Response::Started
        | Response::Loaded
        | Response::Checked { .. }
        | Response::Completed { .. } => {
            return;
        }
        Response::Head {
            head,
            mapping,
            bytes,
        } => BatchAction::Head {
            head,
            mapping,
            bytes,
        },
        Response::Progress(progress) => BatchAction::Progress(progress),
        Response::Done {
            results,
            elapsed_ms,
            scoring_ms,
            memory_bytes,
            reasons_pending,
        } => BatchAction::Done {
            results: Rc::new(*results),
            timing: Timing {
                elapsed_ms,
                scoring_ms,
                memory_bytes,
            },
            reasons_pending,
        },
        Response::Reasons { reasons } => BatchAction::Reasons(reasons),
        Response::Exported { kind, rows } => {
            let saved = match attachment.dyn_ref::<Blob>() {
                Some(blob) => save_blob(export_name(kind), blob).map_err(Message::quoted),
                None => Err(Message::new("batch-export-no-file")),
            };
            BatchAction::Exported { kind, rows, saved }
        }
        Response::Cancelled { rows, elapsed_ms } => BatchAction::Cancelled { rows, elapsed_ms },
        Response::Failed { message } => BatchAction::Failed(message),
        Response::Panicked { message } => {
            BatchAction::Failed(Message::new("batch-worker-panicked").arg("message", message))
        }
    };
    dispatcher.dispatch(action);
}

pub fn export_name(kind: ExportKind) -> &'static str {
    match kind {
        ExportKind::Scored => "scored.csv",
        ExportKind::Errors => "row-errors.csv",
    }
}

/// The batch job of one model workspace.
#[hook]
pub fn use_batch_job(scorer: SharedScorer) -> BatchHandle {
    let tr = use_tr();
    let lang = tr.lang().tag().to_owned();
    let state = use_reducer(BatchState::default);
    let link: SharedLink = use_mut_ref(|| None::<Link>).clone();
    {
        let link = link.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(link) = link.borrow_mut().take() {
                    link.worker.terminate();
                }
            }
        });
    }
    let fail = {
        let dispatcher = state.dispatcher();
        move |result: Result<(), Message>| {
            if let Err(message) = result {
                dispatcher.dispatch(BatchAction::Failed(message));
            }
        }
    };
    let inspect = {
        let (link, state, fail) = (link.clone(), state.clone(), fail.clone());
        Callback::from(move |file: File| {
            state.dispatch(BatchAction::Inspect(file.clone()));
            let request = Request::Inspect { encoding: None };
            fail(
                ensure_worker(&link, &scorer, &state)
                    .and_then(|()| send(&link, &request, Some(&file))),
            );
        })
    };
    let reread = {
        let (link, state, fail) = (link.clone(), state.clone(), fail.clone());
        Callback::from(move |encoding: String| {
            let Some(file) = state.file.clone() else {
                return;
            };
            state.dispatch(BatchAction::Inspect(file.clone()));
            let request = Request::Inspect {
                encoding: Some(encoding),
            };
            fail(send(&link, &request, Some(&file)));
        })
    };
    let start = {
        let (link, state, fail, lang) = (link.clone(), state.clone(), fail.clone(), lang.clone());
        Callback::from(move |mapping: Mapping| {
            let Some(file) = state.file.clone() else {
                return;
            };
            state.dispatch(BatchAction::Start);
            let lang = lang.clone();
            fail(send(&link, &Request::Score { mapping, lang }, Some(&file)));
        })
    };
    let cancel = {
        let (link, fail) = (link.clone(), fail.clone());
        Callback::from(move |()| fail(send(&link, &Request::Cancel, None)))
    };
    let export = {
        let (link, state) = (link, state.clone());
        Callback::from(move |kind: ExportKind| {
            let Some(file) = state.file.clone() else {
                return;
            };
            state.dispatch(BatchAction::Exporting(kind));
            let lang = lang.clone();
            fail(send(&link, &Request::Export { kind, lang }, Some(&file)));
        })
    };
    BatchHandle {
        state,
        inspect,
        reread,
        start,
        cancel,
        export,
    }
}

/// Phase text for the progress line.
pub fn phase_text(tr: Tr, phase: Phase) -> String {
    match phase {
        Phase::Scoring => tr!(tr, "batch-phase-scoring"),
        Phase::Reasons { done, total } => tr!(
            tr,
            "batch-phase-reasons",
            done = tr.num(done as f64, 0),
            total = tr.num(total as f64, 0)
        ),
        Phase::Exporting => tr!(tr, "batch-phase-exporting"),
    }
}
