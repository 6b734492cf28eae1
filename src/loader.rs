//! Fetches the catalog and its models from the page's own origin; nothing is fetched from elsewhere.

use gloo_net::http::Request;

use riskscope_core::catalog::{Catalog, CatalogEntry};
use std::rc::Rc;

use riskscope_core::i18n::{Localized, Message};
use riskscope_core::manifest::Manifest;
use riskscope_core::scorer::{LoadError, Scorer, SupportError, sha256_hex};

const CATALOG_URL: &str = "models/catalog.json";

/// Why something the page fetches could not be loaded: the network, the server, or the core's
/// verdict on what came back.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    Text(Message),
    /// The model's files did not make a scorer (hash, manifest, tract).
    Scorer(Rc<LoadError>),
    /// The reference sample fetched from `url` does not fit the model.
    Support {
        url: String,
        error: Rc<SupportError>,
    },
}

impl Localized for FetchError {
    fn message(&self) -> Message {
        match self {
            FetchError::Text(message) => message.clone(),
            FetchError::Scorer(e) => e.message(),
            FetchError::Support { url, error } => Message::new("form-load-at")
                .arg("url", url)
                .arg("error", error.message()),
        }
    }
}

/// English, for logs.
impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

pub(super) async fn fetch(url: &str) -> Result<Vec<u8>, FetchError> {
    let response = Request::get(url).send().await.map_err(|e| {
        FetchError::Text(
            Message::new("form-load-network")
                .arg("url", url)
                .arg("error", e.to_string()),
        )
    })?;
    if !response.ok() {
        return Err(FetchError::Text(
            Message::new("form-load-status")
                .arg("url", url)
                .arg("status", response.status().to_string())
                .arg("status_text", response.status_text()),
        ));
    }
    response.binary().await.map_err(|e| {
        FetchError::Text(
            Message::new("form-load-network")
                .arg("url", url)
                .arg("error", e.to_string()),
        )
    })
}

async fn fetch_text(url: &str) -> Result<String, FetchError> {
    String::from_utf8(fetch(url).await?).map_err(|e| {
        FetchError::Text(
            Message::new("form-load-not-utf8")
                .arg("url", url)
                .arg("error", e.to_string()),
        )
    })
}

pub async fn load_catalog() -> Result<Catalog, FetchError> {
    Catalog::parse(&fetch_text(CATALOG_URL).await?).map_err(|e| FetchError::Text(e.message()))
}

/// A model's files as fetched and verified; the batch worker loads its own scorer from them.
#[derive(Debug, Default)]
pub struct FetchedModel {
    pub manifest: String,
    pub onnx: Vec<u8>,
    pub reference: Option<Vec<u8>>,
}

/// A catalog model's manifest as fetched (the text the scorer is loaded from) and as parsed.
#[derive(Debug)]
pub struct FetchedManifest {
    pub text: String,
    pub parsed: Manifest,
}

/// Fetches and parses a catalog model's manifest.
pub async fn fetch_manifest(entry: &CatalogEntry) -> Result<FetchedManifest, FetchError> {
    let url = format!("models/{}", entry.manifest);
    let text = fetch_text(&url).await?;
    let parsed = Manifest::parse(&text).map_err(|e| {
        FetchError::Text(
            Message::new("form-load-at")
                .arg("url", url.as_str())
                .arg("error", e.message()),
        )
    })?;
    Ok(FetchedManifest { text, parsed })
}

/// Loads one catalog model from its manifest's text, refusing an ONNX file whose hash the
/// catalog does not list.
pub async fn load_model(
    entry: &CatalogEntry,
    manifest: &str,
) -> Result<(Scorer, FetchedModel), FetchError> {
    let manifest = manifest.to_owned();
    let onnx = fetch(&format!("models/{}", entry.onnx)).await?;
    let actual = sha256_hex(&onnx);
    if actual != entry.sha256 {
        return Err(FetchError::Text(
            Message::new("form-load-hash-mismatch")
                .arg("file", entry.onnx.as_str())
                .arg("actual", actual)
                .arg("expected", entry.sha256.as_str()),
        ));
    }
    let mut scorer = Scorer::load(&manifest, &onnx).map_err(|e| FetchError::Scorer(Rc::new(e)))?;
    let mut reference = None;
    if let Some(explain) = &scorer.manifest().explain {
        // The reference sample sits beside the manifest; the manifest holds its hash.
        let folder = entry
            .manifest
            .rsplit_once('/')
            .map_or("", |(folder, _)| folder);
        let url = format!("models/{folder}/{}", explain.reference);
        let bytes = fetch(&url).await?;
        scorer
            .attach_reference(&bytes)
            .map_err(|error| FetchError::Support {
                url: url.clone(),
                error: Rc::new(error),
            })?;
        reference = Some(bytes);
    }
    let files = FetchedModel {
        manifest,
        onnx,
        reference,
    };
    Ok((scorer, files))
}
