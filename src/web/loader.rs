//! Fetches the catalog and its models from the page's own origin; nothing is fetched from elsewhere.

use gloo_net::http::Request;

use crate::catalog::{Catalog, CatalogEntry};
use crate::scorer::{Scorer, sha256_hex};

const CATALOG_URL: &str = "models/catalog.json";

pub(super) async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response.binary().await.map_err(|e| format!("{url}: {e}"))
}

async fn fetch_text(url: &str) -> Result<String, String> {
    String::from_utf8(fetch(url).await?).map_err(|e| format!("{url}: not UTF-8 text ({e})"))
}

pub async fn load_catalog() -> Result<Catalog, String> {
    Catalog::parse(&fetch_text(CATALOG_URL).await?).map_err(|e| e.to_string())
}

/// A model's files as fetched and verified; the batch worker loads its own scorer from them.
#[derive(Debug, Default)]
pub struct ModelFiles {
    pub manifest: String,
    pub onnx: Vec<u8>,
    pub reference: Option<Vec<u8>>,
}

/// Loads one catalog model, refusing an ONNX file whose hash the catalog does not list.
pub async fn load_model(entry: &CatalogEntry) -> Result<(Scorer, ModelFiles), String> {
    let manifest = fetch_text(&format!("models/{}", entry.manifest)).await?;
    let onnx = fetch(&format!("models/{}", entry.onnx)).await?;
    let actual = sha256_hex(&onnx);
    if actual != entry.sha256 {
        return Err(format!(
            "{}: SHA-256 {actual} is not the {} the catalog lists; refusing a changed model file",
            entry.onnx, entry.sha256
        ));
    }
    let mut scorer = Scorer::load(&manifest, &onnx).map_err(|e| e.to_string())?;
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
            .map_err(|e| format!("{url}: {e}"))?;
        reference = Some(bytes);
    }
    let files = ModelFiles {
        manifest,
        onnx,
        reference,
    };
    Ok((scorer, files))
}
