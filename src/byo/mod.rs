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
use super::i18n::{Localized, Message, Tr, use_tr};
use super::kept::{Unreadable, keep};
use super::loader::FetchedModel;
use crate::label_picker::LabelPicker;
use crate::tr;
use riskscope_core::batch::LabelColumn;
use riskscope_core::byo::{DataFit, Draft, LabelFound, catalog_entry};
use riskscope_core::catalog::CatalogEntry;
use riskscope_core::compat::{Finding, Report, Severity, TensorInfo};
use riskscope_core::manifest::{OutputKind, Task};
use riskscope_core::model::ModelError;
use riskscope_core::scorer::{LoadError, Scorer, SupportError};

/// A check that has not answered in this long is stopped (a model that hangs tract).
const TIMEOUT_MS: i32 = 60_000;

mod draft_form;
mod kept_list;
mod report_view;
mod worker;

use draft_form::{DraftForm, SharedDraft};
use kept_list::KeptList;
use report_view::ReportView;
use worker::{died, file_bytes, files_of, in_fresh_worker};

/// A user's model, loaded by the page after its worker check passed.
#[derive(Clone, PartialEq)]
pub struct UserModel {
    pub entry: CatalogEntry,
    pub scorer: SharedScorer,
}

/// Why a user's model could not be used, kept as data: it is written in the page's language
/// when shown, so switching the language rewrites it.
#[derive(Clone, PartialEq)]
enum CheckFailure {
    /// The worker's error, or another part's words (the browser's) quoted.
    Text(Message),
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

impl Localized for CheckFailure {
    fn message(&self) -> Message {
        match self {
            CheckFailure::Text(message) => message.clone(),
            CheckFailure::Stopped(reason) => Message::new("byo-worker-stopped").arg(
                "reason",
                reason
                    .as_deref()
                    .map_or_else(|| Message::new("byo-worker-silent"), Message::quoted),
            ),
            CheckFailure::TimedOut => {
                Message::new("byo-worker-stopped").arg("reason", Message::new("byo-worker-timeout"))
            }
            CheckFailure::Panicked(finding) => Message::new("byo-worker-panicked")
                .arg("what", &finding.what)
                .arg(
                    "fix",
                    finding.fix.clone().unwrap_or_else(|| Message::quoted("")),
                ),
            CheckFailure::OutOfTurn => Message::new("byo-out-of-turn"),
            CheckFailure::NotChecked => Message::new("byo-not-checked"),
            CheckFailure::NoManifest => Message::new("byo-no-manifest"),
            CheckFailure::Blocked(blockers) => {
                let blockers = Message::list(blockers.iter().cloned(), "byo-files-list");
                Message::new("byo-blocked")
                    .arg("blockers", blockers.unwrap_or_else(|| Message::quoted("")))
            }
            CheckFailure::Load(e) => e.message(),
            CheckFailure::Support(e) => e.message(),
            CheckFailure::MissingReference(file) => {
                Message::new("byo-missing-reference").arg("file", file)
            }
        }
    }
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
    /// The files given, one phrase each, in the page's language.
    fn describe(&self, tr: Tr) -> String {
        let mut parts = Vec::new();
        if let Some((name, bytes)) = &self.onnx {
            parts.push(tr!(
                tr,
                "byo-file-model",
                name = name,
                bytes = bytes.len().to_string()
            ));
        }
        if let Some((name, _)) = &self.manifest {
            parts.push(tr!(tr, "byo-file-manifest", name = name));
        }
        if let Some((name, _)) = &self.reference {
            parts.push(tr!(tr, "byo-file-reference", name = name));
        }
        if let Some((name, _)) = &self.data {
            parts.push(tr!(tr, "byo-file-data", name = name));
        }
        for name in &self.unknown {
            parts.push(tr!(tr, "byo-file-ignored", name = name));
        }
        parts.join(&tr!(tr, "byo-files-separator"))
    }

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
enum PanelStage {
    Idle,
    /// What is under way: a message id.
    Working(&'static str),
    Checked {
        report: Rc<Report>,
        draft: Option<Result<Draft, Message>>,
        fit: Option<Result<DataFit, Message>>,
    },
    Failed(CheckFailure),
    /// The model's report, its manifest, and whether it was kept on this device.
    Loaded(Rc<Report>, String, Result<(), Message>),
}

impl PanelStage {
    /// Whether "Use this model" can be pressed: the check found no blocker and the model has a
    /// manifest, given or drafted.
    fn ready(&self, picked: &Picked, drafted: bool) -> bool {
        match self {
            PanelStage::Checked { report, .. } => {
                report.is_loadable() && (picked.manifest.is_some() || drafted)
            }
            _ => false,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ByoPanelProps {
    pub on_model: Callback<UserModel>,
    /// The user's models (id, title), kept on this device unless keeping failed.
    pub kept: Vec<(String, String)>,
    /// Kept models that could not be read back.
    pub unreadable: Vec<Unreadable>,
    /// Remove a model (by id) from this device and from the list.
    pub on_remove: Callback<String>,
}

#[component]
pub fn ByoPanel(props: &ByoPanelProps) -> Html {
    let tr = use_tr();
    let picked = use_state(Picked::default);
    let stage = use_state(|| PanelStage::Idle);
    // Read by "Use this model" in the same turn as a field's change event (a blur followed by
    // a click): a ref, not state, so the click never sees the draft of the previous render.
    let draft: SharedDraft = use_mut_ref(|| None::<Draft>);

    let on_files = {
        let (picked, stage, draft) = (picked.clone(), stage.clone(), draft.clone());
        Callback::from(move |files: Vec<File>| {
            let (picked, stage, draft) = (picked.clone(), stage.clone(), draft.clone());
            wasm_bindgen_futures::spawn_local(take_files(files, picked, stage, draft));
        })
    };

    // Another label column or value: the draft is proposed again from the data file with it.
    let on_label = {
        let (picked, stage, draft) = (picked.clone(), stage.clone(), draft.clone());
        Callback::from(move |label: Option<LabelColumn>| {
            let (picked, stage, draft) = ((*picked).clone(), stage.clone(), draft.clone());
            let Some((_, onnx)) = picked.onnx.clone() else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                stage.set(PanelStage::Working("byo-checking"));
                stage.set(check(&picked, &onnx, &draft, label).await);
            });
        })
    };

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
                match adopt_model(&picked, &onnx, draft, &stage).await {
                    Ok((model, report, manifest)) => {
                        let kept = keep(&model.entry.id, &model.scorer.files).await;
                        stage.set(PanelStage::Loaded(Rc::new(report), manifest, kept));
                        on_model.emit(model);
                    }
                    Err(failure) => stage.set(PanelStage::Failed(failure)),
                }
            });
        })
    };

    let files_line = picked.describe(tr);
    let ready = stage.ready(&picked, draft.borrow().is_some());

    html! {
        <details class="byo" id="byo">
            <summary>{ tr!(tr, "byo-summary") }</summary>
            <p class="hint">{ tr!(tr, "byo-hint") }</p>
            <FileDrop {on_files} />
            if !files_line.is_empty() {
                <p class="byo-files" id="byo-picked">{ files_line }</p>
            }
            {
                match &*stage {
                    PanelStage::Idle => html! {},
                    PanelStage::Working(what) => html! { <p class="status" role="status">{ tr.t(what) }</p> },
                    PanelStage::Failed(failure) => html! {
                        <p class="status load-error" role="alert" id="byo-error">{ tr.m(failure) }</p>
                    },
                    PanelStage::Checked { report, draft: proposed, fit } => html! {
                        <>
                            <ReportView report={report.clone()} />
                            <CheckedNotes proposed={proposed.clone()} fit={fit.clone()} {on_label} />
                            if picked.manifest.is_none() {
                                <DraftForm draft={draft.clone()} />
                            }
                            <button id="byo-use" type="button" disabled={!ready} onclick={on_use}>{ tr!(tr, "byo-use") }</button>
                        </>
                    },
                    PanelStage::Loaded(report, manifest, kept) => html! {
                        <Loaded report={report.clone()} manifest={manifest.clone()} kept={kept.clone()} />
                    },
                }
            }
            <KeptList kept={props.kept.clone()} unreadable={props.unreadable.clone()} on_remove={props.on_remove.clone()} />
        </details>
    }
}

/// Reads the files given: a model file starts afresh, other files join the model already
/// picked; then the model is checked.
async fn take_files(
    files: Vec<File>,
    picked: UseStateHandle<Picked>,
    stage: UseStateHandle<PanelStage>,
    draft: SharedDraft,
) {
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
            Err(e) => return stage.set(PanelStage::Failed(CheckFailure::Text(Message::quoted(e)))),
        }
    }
    picked.set(next.clone());
    let Some((_, onnx)) = next.onnx.clone() else {
        return stage.set(PanelStage::Idle);
    };
    stage.set(PanelStage::Working("byo-checking"));
    stage.set(check(&next, &onnx, &draft, None).await);
}

/// Checks the picked files in a fresh worker; a draft it proposes goes to `draft`.
async fn check(
    picked: &Picked,
    onnx: &[u8],
    draft: &SharedDraft,
    label: Option<LabelColumn>,
) -> PanelStage {
    let request = Request::Check {
        onnx: onnx.to_vec(),
        manifest: picked.manifest.as_ref().map(|(_, m)| m.clone()),
        data: picked.data.as_ref().map(|(_, d)| d.to_vec()),
        label,
    };
    match in_fresh_worker(&request).await {
        Ok(Response::Checked {
            report,
            draft: proposed,
            fit,
        }) => {
            let proposed = proposed.map(|d| d.map(|d| *d));
            *draft.borrow_mut() = proposed.clone().and_then(Result::ok);
            PanelStage::Checked {
                report: Rc::new(*report),
                draft: proposed,
                fit,
            }
        }
        Ok(Response::Failed { message }) => PanelStage::Failed(CheckFailure::Text(message)),
        Ok(Response::Panicked { message }) => PanelStage::Failed(died(message)),
        Ok(_) => PanelStage::Failed(CheckFailure::OutOfTurn),
        Err(failure) => PanelStage::Failed(failure),
    }
}

#[derive(Properties, PartialEq)]
struct FileDropProps {
    on_files: Callback<Vec<File>>,
}

/// The file input and drop zone: every file given, picked or dropped.
#[component]
fn FileDrop(props: &FileDropProps) -> Html {
    let tr = use_tr();
    let on_files = {
        let take_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                take_files.emit(files_of(&list));
            }
            // The same files picked again must be checked again.
            input.set_value("");
        })
    };
    let on_drop = {
        let take_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                take_files.emit(files_of(&list));
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    html! {
        <div class="drop-zone" id="byo-drop" ondrop={on_drop} ondragover={on_drag_over}>
            <label for="byo-files">{ tr!(tr, "byo-drop") }</label>
            <input id="byo-files" type="file" multiple=true accept=".onnx,.json,.csv,.tsv,.txt" onchange={on_files} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CheckedNotesProps {
    proposed: Option<Result<Draft, Message>>,
    fit: Option<Result<DataFit, Message>>,
    on_label: Callback<Option<LabelColumn>>,
}

/// Why no draft could be proposed, and what the data file gave the draft: its label column
/// (to confirm or change) and the yes/no columns read as 0/1.
#[component]
fn CheckedNotes(props: &CheckedNotesProps) -> Html {
    let tr = use_tr();
    let list_separator = tr!(tr, "batch-list-separator");
    html! {
        <>
            if let Some(Err(why)) = &props.proposed {
                <p class="status load-error" role="alert">{ tr!(tr, "byo-no-draft", reason = tr.m(why)) }</p>
            }
            if let Some(fit) = &props.fit {
                <p class="hint" id="byo-fit">{
                    match fit {
                        // Counts as digits only: the end-to-end test reads "5000 rows".
                        Ok(fit) => tr!(
                            tr,
                            "byo-fit",
                            rows = fit.rows.to_string(),
                            skipped = fit.skipped.to_string(),
                            label = fit.label_name().map_or_else(|| tr!(tr, "byo-fit-no-label"), str::to_owned)
                        ),
                        Err(e) => tr!(tr, "byo-fit-failed", reason = tr.m(e)),
                    }
                }</p>
            }
            if let Some(Ok(fit)) = &props.fit {
                if fit.label.is_some() {
                    if fit.found == LabelFound::Guessed {
                        <p class="field-error" id="byo-label-guessed">{
                            tr!(tr, "byo-label-guessed", column = fit.label_name().unwrap_or_default())
                        }</p>
                    }
                    <LabelPicker id="byo" columns={fit.columns.clone()} values={fit.values.clone()}
                        label={fit.label.clone()} note="byo-label-note" on_change={props.on_label.clone()} />
                }
                if !fit.converted.is_empty() {
                    <p class="hint" id="byo-converted">{
                        tr!(tr, "byo-converted", columns = fit.converted.join(&list_separator))
                    }</p>
                }
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LoadedProps {
    report: Rc<Report>,
    manifest: String,
    kept: Result<(), Message>,
}

/// A model added to the picker: its report, and its manifest to save.
#[component]
fn Loaded(props: &LoadedProps) -> Html {
    let tr = use_tr();
    let manifest = props.manifest.clone();
    let save = Callback::from(move |_: MouseEvent| {
        let _ = save_text("manifest.json", &manifest);
    });
    html! {
        <>
            <ReportView report={props.report.clone()} />
            <p class="status" role="status" id="byo-loaded">{ tr!(tr, "byo-loaded") }</p>
            <p class="hint" id="byo-kept-note">{
                match &props.kept {
                    Ok(()) => tr!(tr, "byo-kept"),
                    Err(reason) => tr!(tr, "byo-kept-failed", reason = tr.m(reason)),
                }
            }</p>
            <button id="byo-save-manifest" type="button" onclick={save}>{ tr!(tr, "byo-save-manifest") }</button>
        </>
    }
}

/// Completes the draft in a fresh worker when there is no manifest, then loads the model in
/// the page (it loaded and ran in the worker first).
async fn adopt_model(
    picked: &Picked,
    onnx: &Rc<Vec<u8>>,
    draft: Option<Draft>,
    stage: &UseStateHandle<PanelStage>,
) -> Result<(UserModel, Report, String), CheckFailure> {
    let (report, manifest, reference) = match (&picked.manifest, draft) {
        (Some((_, manifest)), _) => {
            let reference = picked.reference.as_ref().map(|(_, r)| r.to_vec());
            let report = match &**stage {
                PanelStage::Checked { report, .. } => (**report).clone(),
                _ => return Err(CheckFailure::NotChecked),
            };
            (report, manifest.clone(), reference)
        }
        (None, Some(draft)) => {
            stage.set(PanelStage::Working("byo-writing"));
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
                Response::Failed { message } => return Err(CheckFailure::Text(message)),
                Response::Panicked { message } => return Err(died(message)),
                _ => return Err(CheckFailure::OutOfTurn),
            }
        }
        (None, None) => return Err(CheckFailure::NoManifest),
    };
    if !report.is_loadable() {
        let blockers: Vec<Message> = report.blockers().map(|f| f.what.clone()).collect();
        stage.set(PanelStage::Checked {
            report: Rc::new(report),
            draft: None,
            fit: None,
        });
        return Err(CheckFailure::Blocked(blockers));
    }
    let mut scorer = Scorer::load(&manifest, onnx).map_err(|e| CheckFailure::Load(Rc::new(e)))?;
    let needs_reference = scorer.manifest().explain.is_some();
    match (&reference, needs_reference) {
        (Some(bytes), true) => scorer
            .attach_reference(bytes)
            .map_err(|e| CheckFailure::Support(Rc::new(e)))?,
        (None, true) => {
            return Err(CheckFailure::MissingReference(
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
    let entry = catalog_entry(&scorer, &report.sha256);
    let files = FetchedModel {
        manifest: manifest.clone(),
        onnx: onnx.to_vec(),
        reference: needs_reference.then_some(reference).flatten(),
    };
    let model = UserModel {
        entry,
        scorer: SharedScorer {
            scorer: Rc::new(scorer),
            files: Rc::new(files),
        },
    };
    Ok((model, report, manifest))
}
