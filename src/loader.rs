//! Fetches the catalog and its models from the page's own origin; nothing is fetched from elsewhere.

use gloo_net::http::Request;

use riskscope_core::catalog::{Catalog, CatalogEntry};
use riskscope_core::i18n::{Lang, Message};
use riskscope_core::scorer::{Scorer, sha256_hex};

const CATALOG_URL: &str = "models/catalog.json";

/// Why something the page fetches could not be loaded: a message of the page, or the core's
/// own (English) words. `Display` and `String::from` give the English; [`FetchError::in_lang`]
/// the page's language.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    Text(Message),
    /// The model's files did not make a scorer (hash, manifest, tract).
    Scorer(std::rc::Rc<riskscope_core::scorer::LoadError>),
    /// The reference sample fetched from `url` does not fit the model.
    Support {
        url: String,
        error: std::rc::Rc<riskscope_core::scorer::SupportError>,
    },
    Core(String),
}

impl FetchError {
    pub fn in_lang(&self, lang: Lang) -> String {
        match self {
            FetchError::Text(message) => message.in_lang(lang),
            FetchError::Scorer(e) => crate::errors::load_error(super::i18n::Tr(lang), e),
            FetchError::Support { url, error } => Message::new("form-load-at")
                .arg("url", url)
                .arg(
                    "error",
                    crate::errors::support_error(super::i18n::Tr(lang), error),
                )
                .in_lang(lang),
            FetchError::Core(text) => text.clone(),
        }
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

/// The English, for callers that keep errors as text.
impl From<FetchError> for String {
    fn from(error: FetchError) -> String {
        error.to_string()
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
    Catalog::parse(&fetch_text(CATALOG_URL).await?).map_err(|e| FetchError::Core(e.to_string()))
}

/// A model's files as fetched and verified; the batch worker loads its own scorer from them.
#[derive(Debug, Default)]
pub struct FetchedModel {
    pub manifest: String,
    pub onnx: Vec<u8>,
    pub reference: Option<Vec<u8>>,
}

/// Loads one catalog model, refusing an ONNX file whose hash the catalog does not list.
pub async fn load_model(entry: &CatalogEntry) -> Result<(Scorer, FetchedModel), FetchError> {
    let manifest = fetch_text(&format!("models/{}", entry.manifest)).await?;
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
    let mut scorer =
        Scorer::load(&manifest, &onnx).map_err(|e| FetchError::Scorer(std::rc::Rc::new(e)))?;
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
                error: std::rc::Rc::new(error),
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
