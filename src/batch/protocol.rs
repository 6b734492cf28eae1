//! What the page and the batch worker say to each other: plain serde data carried as a JS value
//! (serde-wasm-bindgen; byte strings as `Uint8Array`, a result's long columns packed, see
//! `riskscope_core::wire`), with at most one File or Blob travelling beside it (a browser
//! object is passed, not copied). A worker's panic crosses as its own variant.

use js_sys::Array;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use riskscope_core::batch::export::ExportKind;
use riskscope_core::batch::{BatchResults, FileHead, LabelColumn, Mapping};
use riskscope_core::byo::{DataFit, Draft};
use riskscope_core::compat::Report;
use riskscope_core::i18n::Message;

/// The page to the worker.
#[derive(Debug, Serialize, Deserialize)]
pub enum Request {
    /// The model's files, as the page fetched and verified them.
    Load {
        manifest: String,
        #[serde(with = "serde_bytes")]
        onnx: Vec<u8>,
        #[serde(with = "serde_bytes")]
        reference: Option<Vec<u8>>,
    },
    /// Read the attached file's header and propose a mapping: in the encoding named (a WHATWG
    /// label the user chose), or the one the file's start shows.
    Inspect { encoding: Option<String> },
    /// Score the attached file; the groups' category labels in `lang` (a
    /// [`riskscope_core::i18n::Lang`] tag). Errors cross as messages, for the page to write.
    Score { mapping: Mapping, lang: String },
    /// Write an export of the attached file (the last one scored): the reasons, decisions and
    /// row errors in `lang`, the column names as they are.
    Export { kind: ExportKind, lang: String },
    /// Stop the running job at the next chunk.
    Cancel,
    /// Check a user's model (in a worker of its own, which may die of it): with its manifest,
    /// or, without one, propose a draft (completed from the data file when there is one).
    Check {
        #[serde(with = "serde_bytes")]
        onnx: Vec<u8>,
        manifest: Option<String>,
        #[serde(with = "serde_bytes")]
        data: Option<Vec<u8>>,
        /// The data file's label as the user chose it (proposed from the file without one).
        label: Option<LabelColumn>,
    },
    /// Write the manifest (and, from a labelled data file, the reference) a completed draft
    /// describes, and check the model against it.
    Complete {
        #[serde(with = "serde_bytes")]
        onnx: Vec<u8>,
        draft: Box<Draft>,
        #[serde(with = "serde_bytes")]
        data: Option<Vec<u8>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Phase {
    Scoring,
    /// Explaining the flagged rows: `done` of `total`.
    Reasons {
        done: u64,
        total: u64,
    },
    Exporting,
}

/// Where a running job is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub phase: Phase,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub rows: u64,
    pub elapsed_ms: f64,
}

/// The worker to the page.
#[derive(Debug, Serialize, Deserialize)]
pub enum Response {
    /// The worker's handler is installed; requests sent before this wait in the page.
    Started,
    Loaded,
    Head {
        head: FileHead,
        mapping: Mapping,
        bytes: u64,
    },
    Progress(Progress),
    Done {
        results: Box<BatchResults>,
        elapsed_ms: f64,
        scoring_ms: f64,
        /// The worker's wasm memory at the end (it only grows, so this is its peak).
        memory_bytes: f64,
        /// Flagged rows whose reasons follow in a `Reasons` message.
        reasons_pending: u64,
    },
    /// The flagged rows' reasons, found after `Done`: (index into `scored`, reasons).
    Reasons {
        #[serde(with = "riskscope_core::wire::indexed_lists")]
        reasons: Vec<(u32, Vec<u16>)>,
    },
    /// An export, as the attached Blob.
    Exported {
        kind: ExportKind,
        rows: u64,
    },
    Cancelled {
        rows: u64,
        elapsed_ms: f64,
    },
    Failed {
        message: Message,
    },
    /// The worker panicked (and dies of it): the panic's own text.
    Panicked {
        message: String,
    },
    Checked {
        report: Box<Report>,
        /// Without a manifest: the proposal, or why there is none.
        draft: Option<Result<Box<Draft>, Message>>,
        /// What the data file gave the draft, or why it could not.
        fit: Option<Result<DataFit, Message>>,
    },
    Completed {
        report: Box<Report>,
        manifest: String,
        #[serde(with = "serde_bytes")]
        reference: Option<Vec<u8>>,
    },
}

/// The worker script (copied into the site by Trunk); it loads this same wasm binary.
const WORKER_URL: &str = "worker.js";

/// Starts a worker on the page's own wasm binary; the error is the message `not_started`
/// with the browser's words as its `error`.
pub fn start_worker(not_started: &'static str) -> Result<web_sys::Worker, Message> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options(WORKER_URL, &options)
        .map_err(|e| Message::new(not_started).arg("error", format!("{e:?}")))
}

/// `[message, attachment]`, ready for postMessage.
pub fn encode<T: Serialize>(message: &T, attachment: Option<&JsValue>) -> Result<Array, Message> {
    let value = serde_wasm_bindgen::to_value(message).map_err(Message::quoted)?;
    let array = Array::new();
    array.push(&value);
    array.push(attachment.unwrap_or(&JsValue::UNDEFINED));
    Ok(array)
}

/// The message and its attachment from a postMessage payload.
pub fn decode<T: DeserializeOwned>(data: &JsValue) -> Result<(T, JsValue), Message> {
    let array: &Array = data
        .dyn_ref()
        .ok_or_else(|| Message::quoted("a worker message that is not an array"))?;
    let message = serde_wasm_bindgen::from_value(array.get(0)).map_err(Message::quoted)?;
    Ok((message, array.get(1)))
}
