//! Finding and loading a model: a catalog id, a model directory, or an ONNX file and its
//! manifest named one by one. The model is checked as the page checks it (the manifest's
//! SHA-256 of the ONNX file, the manifest's rules, the reference sample's fit).

use std::path::{Path, PathBuf};

use clap::Args;

use crate::unreadable;
use riskscope_core::catalog::Catalog;
use riskscope_core::i18n::{Localized, Message};
use riskscope_core::manifest::Manifest;
use riskscope_core::scorer::Scorer;

/// The model, when it is not named by the first argument.
#[derive(Args)]
pub struct ModelArgs {
    /// The model's ONNX file (with --manifest); then the only argument is the input.
    #[arg(long, requires = "manifest")]
    pub onnx: Option<PathBuf>,
    /// The model's manifest (with --onnx); its reference sample is read from beside it.
    #[arg(long, requires = "onnx")]
    pub manifest: Option<PathBuf>,
    /// Where the catalog is (its catalog.json), for a model named by its id.
    #[arg(long, default_value = "models")]
    pub models: PathBuf,
}

fn read(path: &Path) -> Result<Vec<u8>, Message> {
    std::fs::read(path).map_err(|e| unreadable(path, e))
}

fn read_text(path: &Path) -> Result<String, Message> {
    String::from_utf8(read(path)?).map_err(|e| unreadable(path, e))
}

/// The manifest and ONNX file the arguments name: `model` is a catalog id or a directory.
fn locate(args: &ModelArgs, model: Option<&str>) -> Result<(PathBuf, PathBuf), Message> {
    if let (Some(onnx), Some(manifest)) = (&args.onnx, &args.manifest) {
        return Ok((manifest.clone(), onnx.clone()));
    }
    let model = model.unwrap_or_default();
    let dir = Path::new(model);
    if dir.is_dir() {
        let manifest = dir.join("manifest.json");
        let file = Manifest::parse(&read_text(&manifest)?)
            .map_err(|e| at(&manifest, e.message()))?
            .model
            .file;
        return Ok((manifest, dir.join(file)));
    }
    let catalog_path = args.models.join("catalog.json");
    let catalog = std::fs::read_to_string(&catalog_path)
        .ok()
        .and_then(|text| Catalog::parse(&text).ok());
    let entry = catalog.as_ref().and_then(|c| c.entry(model));
    match entry {
        Some(entry) => Ok((
            args.models.join(&entry.manifest),
            args.models.join(&entry.onnx),
        )),
        None => Err(Message::new("cli-model-not-found")
            .arg("model", model)
            .arg("catalog", catalog_path.display().to_string())),
    }
}

/// A message about a file: "path: message".
fn at(path: &Path, message: Message) -> Message {
    Message::new("cli-at-file")
        .arg("path", path.display().to_string())
        .arg("message", message)
}

/// The model the arguments name, loaded and checked, with its reference sample when its
/// manifest names one.
pub fn load(args: &ModelArgs, model: Option<&str>) -> Result<Scorer, Message> {
    let (manifest_path, onnx_path) = locate(args, model)?;
    let manifest = read_text(&manifest_path)?;
    let onnx = read(&onnx_path)?;
    let mut scorer = Scorer::load(&manifest, &onnx).map_err(|e| at(&manifest_path, e.message()))?;
    let reference = scorer
        .manifest()
        .explain
        .as_ref()
        .map(|e| e.reference.clone());
    if let Some(name) = reference {
        let path = manifest_path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(name);
        let bytes = read(&path)?;
        scorer
            .attach_reference(&bytes)
            .map_err(|e| at(&path, e.message()))?;
    }
    Ok(scorer)
}
