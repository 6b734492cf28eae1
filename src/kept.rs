//! A user's models kept on this device: each brought model's files (manifest, ONNX file,
//! reference sample) in the browser's origin-private file system, read back when the page
//! opens and listed under "Your models" until the user removes them. The files never leave the
//! device: the origin-private file system is storage of the browser, not a network.

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    File, FileSystemDirectoryHandle, FileSystemFileHandle, FileSystemGetDirectoryOptions,
    FileSystemGetFileOptions, FileSystemRemoveOptions, FileSystemWritableFileStream,
};

use crate::byo::UserModel;
use crate::loader::FetchedModel;
use crate::store::SharedScorer;
use riskscope_core::byo::catalog_entry;
use riskscope_core::i18n::Message;
use riskscope_core::scorer::{Scorer, sha256_hex};

/// The folder of kept models; one folder per model inside, named by the model's id.
const FOLDER: &str = "riskscope-models";
const MANIFEST: &str = "manifest.json";
const MODEL: &str = "model.onnx";
const REFERENCE: &str = "reference.json";

/// A kept model that could not be read back: its folder's name and why.
#[derive(Clone, PartialEq)]
pub struct Unreadable {
    pub id: String,
    pub reason: Message,
}

/// The browser's message for a failed storage call.
fn reason(e: JsValue) -> Message {
    let text = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    Message::quoted(text)
}

async fn settle<T: JsCast>(promise: Promise) -> Result<T, Message> {
    JsFuture::from(promise)
        .await
        .map_err(reason)?
        .dyn_into::<T>()
        .map_err(reason)
}

/// The kept models' folder, made when `create`; `None` when there is none yet.
async fn folder(create: bool) -> Result<Option<FileSystemDirectoryHandle>, Message> {
    let window = web_sys::window().ok_or_else(|| Message::quoted("no window"))?;
    let storage = window.navigator().storage();
    // Browsers without the origin-private file system have no getDirectory.
    if !Reflect::has(&storage, &JsValue::from_str("getDirectory")).unwrap_or(false) {
        return Err(Message::new("byo-kept-unsupported"));
    }
    let root: FileSystemDirectoryHandle = settle(storage.get_directory()).await?;
    let options = FileSystemGetDirectoryOptions::new();
    options.set_create(create);
    match JsFuture::from(root.get_directory_handle_with_options(FOLDER, &options)).await {
        Ok(handle) => Ok(Some(handle.unchecked_into())),
        Err(e) if is_not_found(&e) => Ok(None),
        Err(e) => Err(reason(e)),
    }
}

fn is_not_found(e: &JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "NotFoundError")
}

async fn write(dir: &FileSystemDirectoryHandle, name: &str, bytes: &[u8]) -> Result<(), Message> {
    let options = FileSystemGetFileOptions::new();
    options.set_create(true);
    let file: FileSystemFileHandle =
        settle(dir.get_file_handle_with_options(name, &options)).await?;
    let stream: FileSystemWritableFileStream = settle(file.create_writable()).await?;
    JsFuture::from(stream.write_with_u8_array(bytes).map_err(reason)?)
        .await
        .map_err(reason)?;
    JsFuture::from(stream.close()).await.map_err(reason)?;
    Ok(())
}

/// A file's bytes, `None` when the folder has no such file.
async fn read(dir: &FileSystemDirectoryHandle, name: &str) -> Result<Option<Vec<u8>>, Message> {
    let handle = match JsFuture::from(dir.get_file_handle(name)).await {
        Ok(handle) => handle.unchecked_into::<FileSystemFileHandle>(),
        Err(e) if is_not_found(&e) => return Ok(None),
        Err(e) => return Err(reason(e)),
    };
    let file: File = settle(handle.get_file()).await?;
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(reason)?;
    Ok(Some(Uint8Array::new(&buffer).to_vec()))
}

/// Keeps a model's files on this device, under its id (a model kept before is replaced).
pub async fn keep(id: &str, files: &FetchedModel) -> Result<(), Message> {
    let root = folder(true)
        .await?
        .ok_or_else(|| Message::new("byo-kept-unsupported"))?;
    let options = FileSystemGetDirectoryOptions::new();
    options.set_create(true);
    let dir: FileSystemDirectoryHandle =
        settle(root.get_directory_handle_with_options(id, &options)).await?;
    let written = async {
        write(&dir, MODEL, &files.onnx).await?;
        if let Some(reference) = &files.reference {
            write(&dir, REFERENCE, reference).await?;
        }
        // The manifest last: a folder without one is an unfinished write, read as unreadable.
        write(&dir, MANIFEST, files.manifest.as_bytes()).await
    }
    .await;
    if written.is_err() {
        let _ = forget(id).await;
    }
    written
}

/// Removes a kept model's files from this device.
pub async fn forget(id: &str) -> Result<(), Message> {
    let Some(root) = folder(false).await? else {
        return Ok(());
    };
    let options = FileSystemRemoveOptions::new();
    options.set_recursive(true);
    match JsFuture::from(root.remove_entry_with_options(id, &options)).await {
        Ok(_) => Ok(()),
        Err(e) if is_not_found(&e) => Ok(()),
        Err(e) => Err(reason(e)),
    }
}

/// The names of the folder's entries.
async fn names(dir: &FileSystemDirectoryHandle) -> Result<Vec<String>, Message> {
    let keys = dir.keys();
    let mut names = Vec::new();
    loop {
        let step: Object = settle(keys.next().map_err(reason)?).await?;
        let done = Reflect::get(&step, &JsValue::from_str("done")).map_err(reason)?;
        if done.is_truthy() {
            break;
        }
        let value = Reflect::get(&step, &JsValue::from_str("value")).map_err(reason)?;
        names.extend(value.as_string());
    }
    names.sort();
    Ok(names)
}

/// Every model kept on this device, loaded (each was checked in a worker before it was kept),
/// and those that could not be read back, with why.
pub async fn kept() -> (Vec<UserModel>, Vec<Unreadable>) {
    let (mut models, mut unreadable) = (Vec::new(), Vec::new());
    let root = match folder(false).await {
        Ok(Some(root)) => root,
        // Nothing kept yet, or no storage to keep in: nothing to list.
        Ok(None) | Err(_) => return (models, unreadable),
    };
    let ids = match names(&root).await {
        Ok(ids) => ids,
        Err(reason) => {
            unreadable.push(Unreadable {
                id: FOLDER.to_owned(),
                reason,
            });
            return (models, unreadable);
        }
    };
    for id in ids {
        match load(&root, &id).await {
            Ok(model) => models.push(model),
            Err(reason) => unreadable.push(Unreadable { id, reason }),
        }
    }
    models.sort_by(|a, b| a.entry.title.cmp(&b.entry.title));
    (models, unreadable)
}

async fn load(root: &FileSystemDirectoryHandle, id: &str) -> Result<UserModel, Message> {
    let dir: FileSystemDirectoryHandle = settle(root.get_directory_handle(id)).await?;
    let missing = |file: &str| Message::new("byo-kept-missing").arg("file", file);
    let manifest = read(&dir, MANIFEST)
        .await?
        .ok_or_else(|| missing(MANIFEST))?;
    let manifest = String::from_utf8(manifest).map_err(Message::quoted)?;
    let onnx = read(&dir, MODEL).await?.ok_or_else(|| missing(MODEL))?;
    let reference = read(&dir, REFERENCE).await?;
    let mut scorer =
        Scorer::load(&manifest, &onnx).map_err(|e| riskscope_core::i18n::Localized::message(&e))?;
    if let Some(bytes) = &reference {
        scorer
            .attach_reference(bytes)
            .map_err(|e| riskscope_core::i18n::Localized::message(&e))?;
    }
    let entry = catalog_entry(&scorer, &sha256_hex(&onnx));
    Ok(UserModel {
        entry,
        scorer: SharedScorer {
            scorer: std::rc::Rc::new(scorer),
            files: std::rc::Rc::new(FetchedModel {
                manifest,
                onnx,
                reference,
            }),
        },
    })
}
