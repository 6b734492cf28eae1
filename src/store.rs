//! The catalog's models as the page fetches them: each manifest and each model fetched,
//! verified and optimised once per page, however many views ask (the workspace for the picked
//! model, the comparison for its siblings). One store per page, given to views as a context.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};

use crate::loader::{self, FetchError, FetchedManifest};
use riskscope_core::catalog::{Catalog, CatalogEntry};
use riskscope_core::i18n::Message;
use riskscope_core::scorer::Scorer;

/// A load every asker awaits together: started by the first, polled by whoever awaits, its
/// outcome kept (and readable without waiting once there).
pub type Once<T> = Shared<LocalBoxFuture<'static, Result<T, FetchError>>>;

/// A loaded scorer shared by components, with the files it was loaded from (for the batch
/// worker); equal when it is the same load.
#[derive(Clone)]
pub struct SharedScorer {
    pub scorer: Rc<Scorer>,
    pub files: Rc<loader::FetchedModel>,
}

impl PartialEq for SharedScorer {
    fn eq(&self, other: &SharedScorer) -> bool {
        Rc::ptr_eq(&self.scorer, &other.scorer)
    }
}

impl std::ops::Deref for SharedScorer {
    type Target = Scorer;

    fn deref(&self) -> &Scorer {
        &self.scorer
    }
}

/// The page's store of catalog models; equal when it is the same store.
#[derive(Clone)]
pub struct ModelStore(Rc<Inner>);

struct Inner {
    catalog: Rc<Catalog>,
    manifests: RefCell<HashMap<String, Once<Rc<FetchedManifest>>>>,
    scorers: RefCell<HashMap<String, Once<SharedScorer>>>,
}

impl PartialEq for ModelStore {
    fn eq(&self, other: &ModelStore) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ModelStore {
    pub fn new(catalog: Rc<Catalog>) -> ModelStore {
        ModelStore(Rc::new(Inner {
            catalog,
            manifests: RefCell::default(),
            scorers: RefCell::default(),
        }))
    }

    pub fn catalog(&self) -> &Rc<Catalog> {
        &self.0.catalog
    }

    fn entry(&self, model_id: &str) -> Result<CatalogEntry, FetchError> {
        self.0.catalog.entry(model_id).cloned().ok_or_else(|| {
            FetchError::Text(Message::new("form-load-no-model").arg("model", model_id))
        })
    }

    /// The model's manifest, fetched and parsed once (a comparison reads it before deciding to
    /// download the model).
    pub fn manifest(&self, model_id: &str) -> Once<Rc<FetchedManifest>> {
        if let Some(once) = self.0.manifests.borrow().get(model_id) {
            return once.clone();
        }
        let entry = self.entry(model_id);
        let once = async move { loader::fetch_manifest(&entry?).await.map(Rc::new) }
            .boxed_local()
            .shared();
        self.0
            .manifests
            .borrow_mut()
            .insert(model_id.to_owned(), once.clone());
        once
    }

    /// The model, loaded once: its manifest (from [`ModelStore::manifest`]), its ONNX file
    /// checked against the catalog's hash, its reference sample.
    pub fn scorer(&self, model_id: &str) -> Once<SharedScorer> {
        if let Some(once) = self.0.scorers.borrow().get(model_id) {
            return once.clone();
        }
        let (entry, manifest) = (self.entry(model_id), self.manifest(model_id));
        let once = async move {
            let (entry, manifest) = (entry?, manifest.await?);
            let (scorer, files) = loader::load_model(&entry, &manifest.text).await?;
            Ok(SharedScorer {
                scorer: Rc::new(scorer),
                files: Rc::new(files),
            })
        }
        .boxed_local()
        .shared();
        self.0
            .scorers
            .borrow_mut()
            .insert(model_id.to_owned(), once.clone());
        once
    }
}
