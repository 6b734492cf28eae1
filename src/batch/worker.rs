//! The batch worker: runs in a dedicated worker (the same wasm binary, started by `worker.js`),
//! holds its own scorer, reads the File in chunks with `Blob.slice`, and calls the very same
//! batch job the native tests call. The page stays free while it works.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{self, Phase, Progress, Request, Response};
use riskscope_core::batch::export::{ExportKind, Exporter};
use riskscope_core::batch::{
    BatchResults, Job, JobSettings, LabelColumn, Mapping, TextEncoding, read_head, read_head_as,
};
use riskscope_core::i18n::{Lang, Localized, Message};
use riskscope_core::scorer::Scorer;

/// Bytes read per step: small enough that Cancel is obeyed within a few tens of milliseconds.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
/// Flagged rows explained between two looks at the message queue.
const REASONS_PER_STEP: usize = 64;

/// The language a request asks for: the manifest's texts (labels, decisions, reasons) and the
/// export are written in it. Errors cross as messages, written by the page in its language.
fn lang_of(tag: &str) -> Lang {
    Lang::from_tag(tag).unwrap_or_default()
}

/// The scorer with its manifest's texts (category labels, decisions, reasons) in `lang`.
fn localized(scorer: Rc<Scorer>, lang: Lang) -> Rc<Scorer> {
    match lang {
        Lang::En => scorer,
        _ => Rc::new(scorer.localized(lang)),
    }
}

#[derive(Default)]
struct WorkerState {
    scorer: Option<Rc<Scorer>>,
    last: Option<Rc<(BatchResults, Mapping)>>,
}

/// Installs the message handler; the worker then lives on messages.
pub fn run() {
    // A panic traps this worker (panic = abort); tell the page why before it dies. The page
    // replaces a dead worker; a user's model is checked in a worker of its own for this.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = riskscope_core::model::panic_message(info.payload()).to_owned();
        post(&Response::Panicked { message }, None);
    }));
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let state = Rc::new(RefCell::new(WorkerState::default()));
    let cancel = Rc::new(Cell::new(false));
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let (request, attachment) = match protocol::decode::<Request>(&event.data()) {
            Ok(decoded) => decoded,
            Err(message) => return post(&Response::Failed { message }, None),
        };
        if let Request::Cancel = request {
            cancel.set(true);
            return;
        }
        cancel.set(false);
        let (state, cancel) = (state.clone(), cancel.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(message) = handle(request, attachment, &state, &cancel).await {
                post(&Response::Failed { message }, None);
            }
        });
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&Response::Started, None);
}

fn post(response: &Response, attachment: Option<&JsValue>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if let Ok(message) = protocol::encode(response, attachment) {
        let _ = scope.post_message(&message);
    }
}

fn cancelled(rows: u64, started: f64) {
    post(
        &Response::Cancelled {
            rows,
            elapsed_ms: now_ms() - started,
        },
        None,
    );
}

/// The size of this wasm instance's linear memory.
fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

fn now_ms() -> f64 {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.performance().map_or(0.0, |p| p.now())
}

/// The browser's own words.
fn js_error(e: JsValue) -> Message {
    Message::quoted(
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| format!("{e:?}")),
    )
}

/// Lets queued messages (Cancel) run before going on.
async fn yield_to_messages() {
    let promise = Promise::new(&mut |resolve, _| {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads `[start, end)` of the file.
fn read(blob: &Blob, start: f64, end: f64) -> Result<JsFuture, Message> {
    let piece = blob.slice_with_f64_and_f64(start, end).map_err(js_error)?;
    Ok(JsFuture::from(piece.array_buffer()))
}

/// Streams the whole file through `on_chunk`, one chunk read ahead; stops early if cancelled.
async fn stream(
    blob: &Blob,
    cancel: &Cell<bool>,
    mut on_chunk: impl FnMut(&[u8], f64) -> Result<(), Message>,
) -> Result<bool, Message> {
    let total = blob.size();
    let mut buffer = Vec::new();
    let mut start = 0.0;
    let mut next = (total > 0.0)
        .then(|| read(blob, 0.0, CHUNK.min(total)))
        .transpose()?;
    while let Some(pending) = next {
        let array = Uint8Array::new(&pending.await.map_err(js_error)?);
        let end = (start + CHUNK).min(total);
        next = (end < total)
            .then(|| read(blob, end, (end + CHUNK).min(total)))
            .transpose()?;
        buffer.resize(array.length() as usize, 0);
        array.copy_to(&mut buffer);
        on_chunk(&buffer, end)?;
        start = end;
        if cancel.get() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The compatibility report of a user's model, with a draft manifest when it came without one.
fn check(
    onnx: &[u8],
    manifest: Option<&str>,
    data: Option<&[u8]>,
    label: Option<&LabelColumn>,
) -> Response {
    let parsed = manifest.map(riskscope_core::manifest::Manifest::parse);
    let report = match &parsed {
        Some(Err(e)) => {
            let mut report = riskscope_core::compat::check(onnx, None);
            report
                .findings
                .push(riskscope_core::compat::unreadable_manifest(e));
            report
        }
        Some(Ok(m)) => riskscope_core::compat::check_with_clock(onnx, Some(m), Some(&now_ms)),
        None => riskscope_core::compat::check(onnx, None),
    };
    let (draft, fit) = if manifest.is_some() || !report.is_loadable() {
        (None, None)
    } else {
        match riskscope_core::byo::Draft::propose(&report) {
            Err(e) => (Some(Err(e.message())), None),
            Ok(mut draft) => {
                let fit = data.map(|d| draft.fill_from_data(d, label).map_err(|e| e.message()));
                (Some(Ok(Box::new(draft))), fit)
            }
        }
    };
    Response::Checked {
        report: Box::new(report),
        draft,
        fit,
    }
}

fn scorer_of(state: &RefCell<WorkerState>) -> Result<Rc<Scorer>, Message> {
    state
        .borrow()
        .scorer
        .clone()
        .ok_or_else(|| Message::new("batch-worker-no-model"))
}

fn blob_of(attachment: &JsValue) -> Result<Blob, Message> {
    attachment
        .dyn_ref::<Blob>()
        .cloned()
        .ok_or_else(|| Message::new("batch-worker-no-file"))
}

async fn handle(
    request: Request,
    attachment: JsValue,
    state: &RefCell<WorkerState>,
    cancel: &Cell<bool>,
) -> Result<(), Message> {
    match request {
        Request::Cancel => Ok(()),
        Request::Load {
            manifest,
            onnx,
            reference,
        } => {
            let mut scorer = Scorer::load(&manifest, &onnx).map_err(|e| e.message())?;
            if let Some(bytes) = reference {
                scorer.attach_reference(&bytes).map_err(|e| e.message())?;
            }
            state.borrow_mut().scorer = Some(Rc::new(scorer));
            post(&Response::Loaded, None);
            Ok(())
        }
        Request::Check {
            onnx,
            manifest,
            data,
            label,
        } => {
            let response = check(&onnx, manifest.as_deref(), data.as_deref(), label.as_ref());
            post(&response, None);
            Ok(())
        }
        Request::Complete { onnx, draft, data } => {
            let completed = riskscope_core::byo::complete(&draft, &onnx, data.as_deref())
                .map_err(|e| e.message())?;
            let parsed = riskscope_core::manifest::Manifest::parse(&completed.manifest)
                .map_err(|e| e.message())?;
            let report =
                riskscope_core::compat::check_with_clock(&onnx, Some(&parsed), Some(&now_ms));
            post(
                &Response::Completed {
                    report: Box::new(report),
                    manifest: completed.manifest,
                    reference: completed.reference.map(|r| r.bytes),
                },
                None,
            );
            Ok(())
        }
        Request::Inspect { encoding } => {
            // The header is matched against the model's own (English) names and labels.
            let scorer = scorer_of(state)?;
            let blob = blob_of(&attachment)?;
            let end = (64.0 * 1024.0f64).min(blob.size());
            let start = Uint8Array::new(&read(&blob, 0.0, end)?.await.map_err(js_error)?).to_vec();
            let head = match encoding.as_deref().and_then(TextEncoding::chosen) {
                Some(chosen) => read_head_as(&start, chosen),
                None => read_head(&start),
            }
            .map_err(|e| e.message())?;
            let mapping = Mapping::propose(scorer.manifest(), &head);
            post(
                &Response::Head {
                    head,
                    mapping,
                    bytes: blob.size() as u64,
                },
                None,
            );
            Ok(())
        }
        Request::Score { mapping, lang } => {
            let lang = lang_of(&lang);
            let scorer = localized(scorer_of(state)?, lang);
            let blob = blob_of(&attachment)?;
            score(&scorer, mapping, &blob, state, cancel).await
        }
        Request::Export { kind, lang } => {
            let lang = lang_of(&lang);
            let scorer = localized(scorer_of(state)?, lang);
            let blob = blob_of(&attachment)?;
            let last = state
                .borrow()
                .last
                .clone()
                .ok_or_else(|| Message::new("batch-worker-nothing-scored"))?;
            export(&scorer, &last, kind, &blob, cancel, lang).await
        }
    }
}

async fn score(
    scorer: &Scorer,
    mapping: Mapping,
    blob: &Blob,
    state: &RefCell<WorkerState>,
    cancel: &Cell<bool>,
) -> Result<(), Message> {
    let started = now_ms();
    let total = blob.size() as u64;
    let mut job =
        Job::new(scorer, mapping.clone(), JobSettings::default()).map_err(|e| e.message())?;
    let mut last_post = started;
    let complete = stream(blob, cancel, |chunk, _| {
        job.feed(scorer, chunk).map_err(|e| e.message())?;
        let now = now_ms();
        if now - last_post > 50.0 {
            last_post = now;
            post(
                &Response::Progress(Progress {
                    phase: Phase::Scoring,
                    bytes_done: job.bytes(),
                    bytes_total: total,
                    rows: job.rows(),
                    elapsed_ms: now - started,
                }),
                None,
            );
        }
        Ok(())
    })
    .await?;
    if !complete {
        cancelled(job.rows(), started);
        return Ok(());
    }
    let flagged = job.finish(scorer).map_err(|e| e.message())?;
    let scoring_ms = now_ms() - started;
    // The results go to the page at once; the flagged rows' reasons follow.
    post(
        &Response::Done {
            results: Box::new(job.results()),
            elapsed_ms: now_ms() - started,
            scoring_ms,
            memory_bytes: wasm_memory_bytes(),
            reasons_pending: flagged as u64,
        },
        None,
    );
    let mut left = flagged;
    while left > 0 {
        yield_to_messages().await;
        if cancel.get() {
            break;
        }
        left = job.explain_next(scorer, REASONS_PER_STEP);
        post(
            &Response::Progress(Progress {
                phase: Phase::Reasons {
                    done: (flagged - left) as u64,
                    total: flagged as u64,
                },
                bytes_done: total,
                bytes_total: total,
                rows: job.rows(),
                elapsed_ms: now_ms() - started,
            }),
            None,
        );
    }
    post(
        &Response::Reasons {
            reasons: job.reasons(),
        },
        None,
    );
    state.borrow_mut().last = Some(Rc::new((job.into_results(), mapping)));
    Ok(())
}

async fn export(
    scorer: &Scorer,
    last: &(BatchResults, Mapping),
    kind: ExportKind,
    blob: &Blob,
    cancel: &Cell<bool>,
    lang: Lang,
) -> Result<(), Message> {
    let (results, mapping) = last;
    let total = blob.size() as u64;
    let started = now_ms();
    let mut exporter = Exporter::new(results, mapping, kind).with_lang(lang);
    let parts = Array::new();
    let complete = stream(blob, cancel, |chunk, end| {
        let bytes = exporter.feed(scorer, chunk).map_err(Message::quoted)?;
        parts.push(&Uint8Array::from(bytes.as_slice()));
        post(
            &Response::Progress(Progress {
                phase: Phase::Exporting,
                bytes_done: end as u64,
                bytes_total: total,
                rows: exporter.rows(),
                elapsed_ms: now_ms() - started,
            }),
            None,
        );
        Ok(())
    })
    .await?;
    if !complete {
        cancelled(exporter.rows(), started);
        return Ok(());
    }
    let tail = exporter.finish(scorer).map_err(Message::quoted)?;
    parts.push(&Uint8Array::from(tail.as_slice()));
    let options = BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let out = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_error)?;
    post(
        &Response::Exported {
            kind,
            rows: exporter.rows(),
        },
        Some(&out),
    );
    Ok(())
}
