//! Catalog integrity: every listed model's files exist, hash as listed, parse and load.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use riskscope_core::catalog::Catalog;
use riskscope_core::manifest::Manifest;
use riskscope_core::scorer::sha256_hex;

#[test]
fn every_catalog_entry_matches_its_committed_files() {
    let catalog = Catalog::parse(common::CATALOG).unwrap();
    let listed: Vec<_> = catalog.models.iter().map(|m| m.id.as_str()).collect();
    let tested: Vec<_> = common::MODELS.iter().map(|f| f.id).collect();
    assert_eq!(
        listed, tested,
        "tests/common/mod.rs must list exactly the catalog's models"
    );
    for (entry, fixture) in catalog.models.iter().zip(common::MODELS) {
        let manifest = Manifest::parse(fixture.manifest).unwrap();
        assert_eq!(entry.manifest, format!("{}/manifest.json", entry.id));
        assert_eq!(entry.onnx, format!("{}/{}", entry.id, manifest.model.file));
        assert_eq!(
            entry.sha256,
            sha256_hex(fixture.onnx),
            "{}: catalog hash",
            entry.id
        );
        assert_eq!(
            manifest.model.sha256, entry.sha256,
            "{}: manifest hash",
            entry.id
        );
        assert_eq!(
            (
                manifest.id.as_str(),
                manifest.task,
                manifest.model.output.kind
            ),
            (entry.id.as_str(), entry.task, entry.output)
        );
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/models/");
        for path in [&entry.manifest, &entry.onnx, &entry.card] {
            assert!(
                std::path::Path::new(root).join(path).is_file(),
                "{path} is missing"
            );
        }
        fixture.scorer();
    }
}
