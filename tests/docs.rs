//! The manifest documentation's worked example is a manifest this build reads.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use riskscope_core::manifest::Manifest;

const DOC: &str = include_str!("../docs/manifest.md");

#[test]
fn the_worked_example_manifest_parses() {
    let start = DOC.find("```json\n").unwrap() + "```json\n".len();
    let end = start + DOC[start..].find("```").unwrap();
    let manifest = Manifest::parse(&DOC[start..end]).unwrap();
    assert_eq!(manifest.input_width(), 3);
    assert_eq!(manifest.model.output.column, 1);
}
