//! Bring your own model: the user's .onnx file (with its manifest, or a manifest completed here
//! from a proposal and a data file) is checked in a worker of its own, and only a model that
//! loaded and ran there is loaded by the page. If tract panics or traps on a broken or hostile
//! file, that worker dies, the page says so, and nothing else is touched.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, ErrorEvent, File, HtmlInputElement, HtmlSelectElement, MessageEvent};
use yew::prelude::*;

use super::batch::protocol::{self, Request, Response};
use super::download::save_text;
use super::hooks::SharedScorer;
use super::i18n::{Message, Tr, use_tr};
use super::loader::ModelFiles;
use crate::tr;
use riskscope_core::byo::{DataFit, Draft};
use riskscope_core::catalog::{CatalogEntry, CatalogMetrics};
use riskscope_core::compat::{Finding, Report, Severity, TensorInfo};
use riskscope_core::evaluation::{Ranking, brier};
use riskscope_core::explain::ExplainError;
use riskscope_core::manifest::{ManifestError, OutputKind, Task};
use riskscope_core::model::{ModelError, ScoreRange};
use riskscope_core::scorer::{LoadError, Scorer, SupportError};

/// A check that has not answered in this long is stopped (a model that hangs tract).
const TIMEOUT_MS: i32 = 60_000;

/// A user's model, loaded by the page after its worker check passed.
#[derive(Clone, PartialEq)]
pub struct UserModel {
    pub entry: CatalogEntry,
    pub scorer: SharedScorer,
}

/// Why a user's model could not be used, kept as data: it is written in the page's language
/// when shown, so switching the language rewrites it.
#[derive(Clone, PartialEq)]
enum Failure {
    /// Another part's words (the browser's, the worker's), shown as they are.
    Text(String),
    /// The checking worker died, with the browser's message when it gave one.
    Stopped(Option<String>),
    /// The checking worker did not answer within [`TIMEOUT_MS`].
    TimedOut,
    /// tract panicked in the worker: the finding the check gives for it natively.
    Panicked(Box<Finding>),
    OutOfTurn,
    NotChecked,
    NoManifest,
    /// The blockers the check found with the completed manifest.
    Blocked(Vec<Message>),
    Load(Rc<LoadError>),
    /// The reference sample given does not fit the model, or its rows could not be scored.
    Support(Rc<SupportError>),
    /// The manifest names this reference sample, and it was not given.
    MissingReference(String),
}

impl Failure {
    fn text(&self, tr: Tr) -> String {
        match self {
            Failure::Text(text) => text.clone(),
            Failure::Stopped(reason) => tr!(
                tr,
                "byo-worker-stopped",
                reason = reason
                    .clone()
                    .unwrap_or_else(|| tr!(tr, "byo-worker-silent"))
            ),
            Failure::TimedOut => tr!(
                tr,
                "byo-worker-stopped",
                reason = tr!(tr, "byo-worker-timeout")
            ),
            Failure::Panicked(finding) => tr!(
                tr,
                "byo-worker-panicked",
                what = tr.m(&finding.what),
                fix = finding.fix.as_ref().map(|f| tr.m(f)).unwrap_or_default()
            ),
            Failure::OutOfTurn => tr!(tr, "byo-out-of-turn"),
            Failure::NotChecked => tr!(tr, "byo-not-checked"),
            Failure::NoManifest => tr!(tr, "byo-no-manifest"),
            Failure::Blocked(blockers) => {
                let blockers: Vec<String> = blockers.iter().map(|b| tr.m(b)).collect();
                tr!(
                    tr,
                    "byo-blocked",
                    blockers = blockers.join(&tr!(tr, "byo-files-separator"))
                )
            }
            Failure::Load(e) => load_error(tr, e),
            Failure::Support(e) => support_error(tr, e),
            Failure::MissingReference(file) => {
                tr!(tr, "byo-missing-reference", file = file.as_str())
            }
        }
    }
}

/// A model's load error in the page's language; what tract or the JSON reader said stays as it
/// was written (English).
pub fn load_error(tr: Tr, error: &LoadError) -> String {
    match error {
        LoadError::Manifest(e) => manifest_error(tr, e),
        LoadError::HashMismatch {
            model_id,
            expected,
            actual,
        } => tr!(
            tr,
            "core-hash-mismatch",
            actual = actual.as_str(),
            model = model_id.as_str(),
            expected = expected.as_str()
        ),
        LoadError::Model(e) => model_error(tr, e),
    }
}

/// A manifest's problem in the page's language (what the JSON reader said stays English).
pub fn manifest_error(tr: Tr, error: &ManifestError) -> String {
    tr.m(&error.message())
}

/// Why a reference sample could not be attached, in the page's language (what the JSON reader
/// or tract said stays English).
pub fn support_error(tr: Tr, error: &SupportError) -> String {
    match error {
        SupportError::Reference(e) => tr.m(&e.message()),
        SupportError::Explain(e) => {
            let reason = match e {
                ExplainError::Model(e) => model_error(tr, e),
                // The explainer's own wording (a row or feature the model lacks).
                e => e.to_string(),
            };
            tr!(tr, "manifest-reference-unscored", error = reason)
        }
    }
}

/// A model's failure to load or run, in the page's language (tract's words are English).
pub fn model_error(tr: Tr, error: &ModelError) -> String {
    match error {
        ModelError::Load(e) => tr!(tr, "core-model-load", error = e.as_str()),
        ModelError::Run(e) => tr!(tr, "core-model-run", error = e.as_str()),
        ModelError::RaggedInput { got, width } => tr!(
            tr,
            "core-model-ragged",
            got = got.to_string(),
            width = width.to_string()
        ),
        ModelError::OutputShape {
            name,
            shape,
            column,
        } => tr!(
            tr,
            "core-model-output-shape",
            output = name.as_str(),
            shape = format!("{shape:?}"),
            column = column.to_string()
        ),
        ModelError::ErrorsShape {
            name,
            shape,
            rows,
            width,
        } => tr!(
            tr,
            "core-model-errors-shape",
            output = name.as_str(),
            shape = format!("{shape:?}"),
            rows = rows.to_string(),
            width = width.to_string()
        ),
        ModelError::OutOfRange {
            row_idx,
            value,
            expected,
        } => {
            let (row, value) = (row_idx.to_string(), value.to_string());
            match expected {
                ScoreRange::Probability => {
                    tr!(tr, "core-model-not-probability", row = row, value = value)
                }
                ScoreRange::NonNegative => {
                    tr!(tr, "core-model-bad-anomaly", row = row, value = value)
                }
            }
        }
    }
}

/// Runs one request in a fresh worker and returns its answer; the worker is ended either way.
async fn in_fresh_worker(request: &Request) -> Result<Response, Failure> {
    let message = protocol::encode(request, None).map_err(Failure::Text)?;
    let worker = protocol::start_worker("checking").map_err(Failure::Text)?;
    // The handlers must outlive the promise; they are dropped when it settles.
    type Handler = Closure<dyn FnMut(JsValue)>;
    let keep: Rc<RefCell<Vec<Handler>>> = Rc::default();
    let timer = Rc::new(std::cell::Cell::new(None::<i32>));
    let promise = Promise::new(&mut |resolve, reject| {
        let on_message = {
            let (worker, message, resolve) = (worker.clone(), message.clone(), resolve.clone());
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let data = event.unchecked_into::<MessageEvent>().data();
                match protocol::decode::<Response>(&data) {
                    Ok((Response::Started, _)) => {
                        let _ = worker.post_message(&message);
                    }
                    _ => {
                        let _ = resolve.call1(&JsValue::NULL, &data);
                    }
                }
            })
        };
        // Rejected with the browser's message (empty without one), or null on the timeout.
        let on_error = {
            let reject = reject.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let text = event
                    .dyn_ref::<ErrorEvent>()
                    .map(|e| e.message())
                    .unwrap_or_default();
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&text));
            })
        };
        let on_timeout = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::NULL);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        if let Some(window) = web_sys::window() {
            timer.set(
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        on_timeout.as_ref().unchecked_ref(),
                        TIMEOUT_MS,
                    )
                    .ok(),
            );
        }
        keep.borrow_mut().extend([on_message, on_error, on_timeout]);
    });
    let outcome = JsFuture::from(promise).await;
    // Nothing may call the handlers once they are dropped: unhook them and stop the timer.
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
    if let (Some(window), Some(id)) = (web_sys::window(), timer.get()) {
        window.clear_timeout_with_handle(id);
    }
    drop(keep);
    match outcome {
        Ok(data) => Ok(protocol::decode::<Response>(&data)
            .map_err(Failure::Text)?
            .0),
        Err(e) if e.is_null() => Err(Failure::TimedOut),
        Err(e) => Err(Failure::Stopped(e.as_string().filter(|m| !m.is_empty()))),
    }
}

/// A check that failed: a panic in tract (the worker died of it) gets the finding the check
/// gives natively, with its fix.
fn died(message: &str) -> Failure {
    if message.starts_with("tract panicked") {
        Failure::Panicked(Box::new(riskscope_core::compat::load_failure(message)))
    } else {
        Failure::Text(message.to_owned())
    }
}

fn files_of(list: &web_sys::FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

async fn file_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{}: {e:?}", file.name()))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The files the user gave, sorted by what they are.
#[derive(Clone, Default, PartialEq)]
struct Picked {
    onnx: Option<(String, Rc<Vec<u8>>)>,
    manifest: Option<(String, String)>,
    reference: Option<(String, Rc<Vec<u8>>)>,
    data: Option<(String, Rc<Vec<u8>>)>,
    unknown: Vec<String>,
}

impl Picked {
    fn take(&mut self, name: String, bytes: Vec<u8>) {
        let lower = name.to_lowercase();
        if lower.ends_with(".onnx") {
            self.onnx = Some((name, Rc::new(bytes)));
        } else if lower.ends_with(".csv") || lower.ends_with(".txt") || lower.ends_with(".tsv") {
            self.data = Some((name, Rc::new(bytes)));
        } else if lower.ends_with(".json") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if text.contains("\"background\"") {
                self.reference = Some((name, Rc::new(bytes)));
            } else {
                self.manifest = Some((name, text));
            }
        } else {
            self.unknown.push(name);
        }
    }
}

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    /// What is under way: a message id.
    Working(&'static str),
    Checked {
        report: Rc<Report>,
        draft: Option<Result<Draft, Message>>,
        fit: Option<Result<DataFit, Message>>,
    },
    Failed(Failure),
    Loaded(Rc<Report>, String),
}

#[derive(Properties, PartialEq)]
pub struct ByoPanelProps {
    pub on_model: Callback<UserModel>,
}

#[function_component]
pub fn ByoPanel(props: &ByoPanelProps) -> Html {
    let tr = use_tr();
    let picked = use_state(Picked::default);
    let stage = use_state(|| Stage::Idle);
    // Read by "Use this model" in the same turn as a field's change event (a blur followed by
    // a click): a ref, not state, so the click never sees the draft of the previous render.
    let draft: SharedDraft = use_mut_ref(|| None::<Draft>);

    let take_files = {
        let (picked, stage, draft) = (picked.clone(), stage.clone(), draft.clone());
        Callback::from(move |files: Vec<File>| {
            let (picked, stage, draft) = (picked.clone(), stage.clone(), draft.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // A new model starts afresh; other files join the model already picked.
                let fresh = files
                    .iter()
                    .any(|f| f.name().to_lowercase().ends_with(".onnx"));
                let mut next = if fresh {
                    Picked::default()
                } else {
                    (*picked).clone()
                };
                for file in files {
                    match file_bytes(&file).await {
                        Ok(bytes) => next.take(file.name(), bytes),
                        Err(e) => return stage.set(Stage::Failed(Failure::Text(e))),
                    }
                }
                picked.set(next.clone());
                let Some((_, onnx)) = next.onnx.clone() else {
                    return stage.set(Stage::Idle);
                };
                stage.set(Stage::Working("byo-checking"));
                let request = Request::Check {
                    onnx: onnx.to_vec(),
                    manifest: next.manifest.as_ref().map(|(_, m)| m.clone()),
                    data: next.data.as_ref().map(|(_, d)| d.to_vec()),
                };
                stage.set(match in_fresh_worker(&request).await {
                    Ok(Response::Checked {
                        report,
                        draft: proposed,
                        fit,
                    }) => {
                        let proposed = proposed.map(|d| d.map(|d| *d));
                        *draft.borrow_mut() = proposed.clone().and_then(Result::ok);
                        Stage::Checked {
                            report: Rc::new(*report),
                            draft: proposed,
                            fit,
                        }
                    }
                    Ok(Response::Failed { message }) => Stage::Failed(died(&message)),
                    Ok(_) => Stage::Failed(Failure::OutOfTurn),
                    Err(failure) => Stage::Failed(failure),
                });
            });
        })
    };

    let on_files = {
        let take_files = take_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                take_files.emit(files_of(&list));
            }
            // The same files picked again must be checked again.
            input.set_value("");
        })
    };
    let on_drop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
            take_files.emit(files_of(&list));
        }
    });
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let on_use = {
        let (picked, stage, draft, on_model) = (
            picked.clone(),
            stage.clone(),
            draft.clone(),
            props.on_model.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (picked, stage, draft, on_model) = (
                (*picked).clone(),
                stage.clone(),
                draft.borrow().clone(),
                on_model.clone(),
            );
            let Some((_, onnx)) = picked.onnx.clone() else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                let result = adopt_model(&picked, &onnx, draft, &stage).await;
                match result {
                    Ok((model, report, manifest)) => {
                        stage.set(Stage::Loaded(Rc::new(report), manifest));
                        on_model.emit(model);
                    }
                    Err(failure) => stage.set(Stage::Failed(failure)),
                }
            });
        })
    };

    let files_line = {
        let mut parts = Vec::new();
        if let Some((name, bytes)) = &picked.onnx {
            parts.push(tr!(
                tr,
                "byo-file-model",
                name = name,
                bytes = bytes.len().to_string()
            ));
        }
        if let Some((name, _)) = &picked.manifest {
            parts.push(tr!(tr, "byo-file-manifest", name = name));
        }
        if let Some((name, _)) = &picked.reference {
            parts.push(tr!(tr, "byo-file-reference", name = name));
        }
        if let Some((name, _)) = &picked.data {
            parts.push(tr!(tr, "byo-file-data", name = name));
        }
        for name in &picked.unknown {
            parts.push(tr!(tr, "byo-file-ignored", name = name));
        }
        parts.join(&tr!(tr, "byo-files-separator"))
    };
    let ready = match &*stage {
        Stage::Checked { report, .. } => {
            report.is_loadable() && (picked.manifest.is_some() || draft.borrow().is_some())
        }
        _ => false,
    };

    html! {
        <details class="byo" id="byo">
            <summary>{ tr!(tr, "byo-summary") }</summary>
            <p class="hint">{ tr!(tr, "byo-hint") }</p>
            <div class="drop-zone" id="byo-drop" ondrop={on_drop} ondragover={on_drag_over}>
                <label for="byo-files">{ tr!(tr, "byo-drop") }</label>
                <input id="byo-files" type="file" multiple=true accept=".onnx,.json,.csv,.tsv,.txt" onchange={on_files} />
            </div>
            if !files_line.is_empty() {
                <p class="byo-files" id="byo-picked">{ files_line }</p>
            }
            {
                match &*stage {
                    Stage::Idle => html! {},
                    Stage::Working(what) => html! { <p class="status" role="status">{ tr.t(what) }</p> },
                    Stage::Failed(failure) => html! {
                        <p class="status load-error" role="alert" id="byo-error">{ failure.text(tr) }</p>
                    },
                    Stage::Checked { report, draft: proposed, fit } => html! {
                        <>
                            <ReportView report={report.clone()} />
                            if let Some(Err(why)) = proposed {
                                <p class="status load-error" role="alert">{ tr!(tr, "byo-no-draft", reason = tr.m(why)) }</p>
                            }
                            if let Some(fit) = fit {
                                <p class="hint" id="byo-fit">{
                                    match fit {
                                        // Counts as digits only: the end-to-end test reads "5000 rows".
                                        Ok(fit) => tr!(
                                            tr,
                                            "byo-fit",
                                            rows = fit.rows.to_string(),
                                            skipped = fit.skipped.to_string(),
                                            label = fit.label.clone().unwrap_or_else(|| tr!(tr, "byo-fit-no-label"))
                                        ),
                                        Err(e) => tr!(tr, "byo-fit-failed", reason = tr.m(e)),
                                    }
                                }</p>
                            }
                            if picked.manifest.is_none() {
                                <DraftForm draft={draft.clone()} />
                            }
                            <button id="byo-use" type="button" disabled={!ready} onclick={on_use}>{ tr!(tr, "byo-use") }</button>
                        </>
                    },
                    Stage::Loaded(report, manifest) => {
                        let manifest = manifest.clone();
                        let save = Callback::from(move |_: MouseEvent| { let _ = save_text("manifest.json", &manifest); });
                        html! {
                            <>
                                <ReportView report={report.clone()} />
                                <p class="status" role="status" id="byo-loaded">{ tr!(tr, "byo-loaded") }</p>
                                <button id="byo-save-manifest" type="button" onclick={save}>{ tr!(tr, "byo-save-manifest") }</button>
                            </>
                        }
                    }
                }
            }
        </details>
    }
}

/// Completes the draft in a fresh worker when there is no manifest, then loads the model in
/// the page (it loaded and ran in the worker first).
async fn adopt_model(
    picked: &Picked,
    onnx: &Rc<Vec<u8>>,
    draft: Option<Draft>,
    stage: &UseStateHandle<Stage>,
) -> Result<(UserModel, Report, String), Failure> {
    let (report, manifest, reference) = match (&picked.manifest, draft) {
        (Some((_, manifest)), _) => {
            let reference = picked.reference.as_ref().map(|(_, r)| r.to_vec());
            let report = match &**stage {
                Stage::Checked { report, .. } => (**report).clone(),
                _ => return Err(Failure::NotChecked),
            };
            (report, manifest.clone(), reference)
        }
        (None, Some(draft)) => {
            stage.set(Stage::Working("byo-writing"));
            let request = Request::Complete {
                onnx: onnx.to_vec(),
                draft: Box::new(draft),
                data: picked.data.as_ref().map(|(_, d)| d.to_vec()),
            };
            match in_fresh_worker(&request).await? {
                Response::Completed {
                    report,
                    manifest,
                    reference,
                } => (*report, manifest, reference),
                Response::Failed { message } => return Err(died(&message)),
                _ => return Err(Failure::OutOfTurn),
            }
        }
        (None, None) => return Err(Failure::NoManifest),
    };
    if !report.is_loadable() {
        let blockers: Vec<Message> = report.blockers().map(|f| f.what.clone()).collect();
        stage.set(Stage::Checked {
            report: Rc::new(report),
            draft: None,
            fit: None,
        });
        return Err(Failure::Blocked(blockers));
    }
    let mut scorer = Scorer::load(&manifest, onnx).map_err(|e| Failure::Load(Rc::new(e)))?;
    let needs_reference = scorer.manifest().explain.is_some();
    match (&reference, needs_reference) {
        (Some(bytes), true) => scorer
            .attach_reference(bytes)
            .map_err(|e| Failure::Support(Rc::new(e)))?,
        (None, true) => {
            return Err(Failure::MissingReference(
                scorer
                    .manifest()
                    .explain
                    .as_ref()
                    .map_or("", |e| e.reference.as_str())
                    .to_owned(),
            ));
        }
        _ => {}
    }
    let entry = entry_for(&scorer, &report);
    let files = ModelFiles {
        manifest: manifest.clone(),
        onnx: onnx.to_vec(),
        reference: needs_reference.then_some(reference).flatten(),
    };
    let model = UserModel {
        entry,
        scorer: SharedScorer(Rc::new(scorer), Rc::new(files)),
    };
    Ok((model, report, manifest))
}

/// A catalog entry for a user's model, with metrics measured on its reference rows (the
/// user's labelled data) when it has them; NaN when it has none.
fn entry_for(scorer: &Scorer, report: &Report) -> CatalogEntry {
    let manifest = scorer.manifest();
    let mut metrics = CatalogMetrics {
        auc: f64::NAN,
        average_precision: f64::NAN,
        ks: f64::NAN,
        brier: None,
        cost_per_applicant: None,
        approval_rate: None,
    };
    if let Some(reference) = scorer.reference() {
        // The user's rows are unweighted (weight 1 each, as byo::reference_from_data writes).
        let e = &reference.evaluation;
        let scores: Vec<f32> = e.score.iter().map(|&s| s as f32).collect();
        let labels: Vec<bool> = e.label.iter().map(|&l| l == 1).collect();
        let ranking = Ranking::new(&scores, &labels);
        metrics.auc = ranking.auc().unwrap_or(f64::NAN);
        metrics.average_precision = ranking.average_precision().unwrap_or(f64::NAN);
        metrics.ks = ranking.ks().map_or(f64::NAN, |(ks, _)| ks);
        if manifest.model.output.kind == OutputKind::Probability {
            metrics.brier = brier(&scores, &labels);
        }
    }
    CatalogEntry {
        id: manifest.id.clone(),
        title: manifest.title.clone(),
        task: manifest.task,
        manifest: String::new(),
        onnx: String::new(),
        sha256: report.sha256.clone(),
        card: String::new(),
        output: manifest.model.output.kind,
        metrics,
        sample: None,
        translations: Default::default(),
    }
}

#[derive(Properties, PartialEq)]
struct ReportViewProps {
    report: Rc<Report>,
}

#[function_component]
fn ReportView(props: &ReportViewProps) -> Html {
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
fn tensor_text(tr: Tr, t: &TensorInfo) -> String {
    // compat.rs names a sequence or map "not a tensor" and an undeclared shape in English.
    let elem = if t.elem == "not a tensor" {
        tr!(tr, "byo-not-a-tensor")
    } else {
        t.elem.clone()
    };
    let shape = if t.shape.is_none() {
        tr!(tr, "byo-shape-undeclared")
    } else {
        t.shape_text()
    };
    tr!(tr, "byo-tensor", name = t.name.as_str(), type = elem, shape = shape)
}

/// The draft being completed, shared with the panel (which reads it when "Use this model" is
/// pressed). Fields edit it in place on every keystroke and the form is not re-rendered for it:
/// a re-render would write the draft's last parsed values over what is being typed.
type SharedDraft = Rc<RefCell<Option<Draft>>>;

#[derive(Properties)]
struct DraftFormProps {
    draft: SharedDraft,
}

impl PartialEq for DraftFormProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.draft, &other.draft)
    }
}

/// The proposed manifest, for the user to complete: what the model is, how to read its
/// output, and each input column's name, range and default.
#[function_component]
fn DraftForm(props: &DraftFormProps) -> Html {
    let tr = use_tr();
    let edit = |apply: fn(&mut Draft, String)| {
        let draft = props.draft.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()))
                .unwrap_or_default();
            if let Some(d) = draft.borrow_mut().as_mut() {
                apply(d, value);
            }
        })
    };
    let typed = |apply: fn(&mut Draft, String)| {
        let edit = edit(apply);
        Callback::from(move |e: InputEvent| edit.emit(e.into()))
    };
    let column_edit = |idx: usize, apply: fn(&mut riskscope_core::byo::DraftColumn, String)| {
        let draft = props.draft.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = if input.type_() == "checkbox" {
                input.checked().to_string()
            } else {
                input.value()
            };
            if let Some(column) = draft
                .borrow_mut()
                .as_mut()
                .and_then(|d| d.columns.get_mut(idx))
            {
                apply(column, value);
            }
        })
    };
    let column_typed = |idx: usize, apply: fn(&mut riskscope_core::byo::DraftColumn, String)| {
        let edit = column_edit(idx, apply);
        Callback::from(move |e: InputEvent| edit.emit(e.into()))
    };
    let Some(d) = props.draft.borrow().clone() else {
        return Html::default();
    };
    let d = &d;
    html! {
        <fieldset class="byo-draft" id="byo-draft">
            <legend>{ tr!(tr, "byo-draft") }</legend>
            <div class="byo-grid">
                <label for="byo-title">{ tr!(tr, "byo-title") }</label>
                <input id="byo-title" value={d.title.clone()} oninput={typed(|d, v| d.title = v)} />
                <label for="byo-task">{ tr!(tr, "byo-task") }</label>
                <select id="byo-task" onchange={edit(|d, v| d.task = if v == "fraud" { Task::Fraud } else { Task::Credit })}>
                    <option value="credit" selected={d.task == Task::Credit}>{ tr!(tr, "byo-task-credit") }</option>
                    <option value="fraud" selected={d.task == Task::Fraud}>{ tr!(tr, "byo-task-fraud") }</option>
                </select>
                <label for="byo-output">{ tr!(tr, "byo-output") }</label>
                <input id="byo-output" value={d.output_name.clone()} oninput={typed(|d, v| d.output_name = v)} />
                <label for="byo-column">{ tr!(tr, "byo-column") }</label>
                <input id="byo-column" type="number" min="0" step="1" value={d.output_column.to_string()}
                    oninput={typed(|d, v| if let Ok(c) = v.parse() { d.output_column = c })} />
                <label for="byo-kind">{ tr!(tr, "byo-kind") }</label>
                <select id="byo-kind" onchange={edit(|d, v| d.output_kind = if v == "anomaly_score" { OutputKind::AnomalyScore } else { OutputKind::Probability })}>
                    <option value="probability" selected={d.output_kind == OutputKind::Probability}>{ tr!(tr, "byo-kind-probability") }</option>
                    <option value="anomaly_score" selected={d.output_kind == OutputKind::AnomalyScore}>{ tr!(tr, "byo-kind-anomaly") }</option>
                </select>
                <label for="byo-cutoff">{ tr!(tr, "byo-cutoff") }</label>
                <input id="byo-cutoff" type="number" step="any" value={d.cutoff.to_string()}
                    oninput={typed(|d, v| if let Ok(c) = v.parse() { d.cutoff = c })} />
            </div>
            <table class="byo-columns">
                <caption>{ tr!(tr, "byo-columns") }</caption>
                <thead><tr>
                    <th scope="col">{ tr!(tr, "byo-col-number") }</th><th scope="col">{ tr!(tr, "byo-col-name") }</th>
                    <th scope="col">{ tr!(tr, "byo-col-label") }</th><th scope="col">{ tr!(tr, "byo-col-integer") }</th>
                    <th scope="col">{ tr!(tr, "byo-col-min") }</th><th scope="col">{ tr!(tr, "byo-col-max") }</th>
                    <th scope="col">{ tr!(tr, "byo-col-default") }</th>
                </tr></thead>
                <tbody>
                    { for d.columns.iter().enumerate().map(|(i, c)| html! {
                        <tr>
                            <td>{ i + 1 }</td>
                            <td><input id={format!("byo-name-{i}")} aria-label={tr!(tr, "byo-name-of", n = (i + 1).to_string())} value={c.name.clone()} oninput={column_typed(i, |c, v| c.name = v)} /></td>
                            <td><input aria-label={tr!(tr, "byo-label-of", n = (i + 1).to_string())} value={c.label.clone()} oninput={column_typed(i, |c, v| c.label = v)} /></td>
                            <td><input type="checkbox" aria-label={tr!(tr, "byo-integer-of", n = (i + 1).to_string())} checked={c.integer} onchange={column_edit(i, |c, v| c.integer = v == "true")} /></td>
                            <td><input type="number" step="any" aria-label={tr!(tr, "byo-min-of", n = (i + 1).to_string())} value={c.min.to_string()} oninput={column_typed(i, |c, v| if let Ok(x) = v.parse() { c.min = x })} /></td>
                            <td><input type="number" step="any" aria-label={tr!(tr, "byo-max-of", n = (i + 1).to_string())} value={c.max.to_string()} oninput={column_typed(i, |c, v| if let Ok(x) = v.parse() { c.max = x })} /></td>
                            <td><input type="number" step="any" aria-label={tr!(tr, "byo-default-of", n = (i + 1).to_string())} value={c.default.to_string()} oninput={column_typed(i, |c, v| if let Ok(x) = v.parse() { c.default = x })} /></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </fieldset>
    }
}
