//! The fuzz targets' seeds and minimised crash inputs, replayed through the same functions the
//! fuzzer runs (`riskscope_testkit::fuzzing`): each must pass every invariant without a panic.
//!
//! A crash the fuzzer finds is minimised (`cargo fuzz tmin -s none <target> <input>`) and kept
//! in `tests/fuzz-regressions/<target>/`, named after what broke.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// The fuzz targets are native code (they read files and catch tract's panics).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use riskscope_core::manifest::Manifest;
use riskscope_testkit::fuzzing::{SAMPLES, TARGETS, run, seeds};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_seed_passes_its_target() {
    let samples: Vec<(&str, Vec<u8>)> = SAMPLES
        .iter()
        .map(|id| {
            let path = root().join(format!("models/{id}/sample.csv"));
            (*id, std::fs::read(&path).unwrap())
        })
        .collect();
    let samples: Vec<(&str, &[u8])> = samples.iter().map(|(id, b)| (*id, b.as_slice())).collect();
    let seeds = seeds(&samples);
    for target in TARGETS {
        assert!(
            seeds.iter().any(|(t, _, _)| *t == target),
            "no seed for {target}"
        );
    }
    for (target, name, bytes) in &seeds {
        eprintln!("seed {target}/{name}");
        if *target == "manifest" {
            // A seed the parser refuses would only exercise its first error.
            Manifest::parse(std::str::from_utf8(bytes).unwrap()).unwrap();
        }
        run(target, bytes);
    }
}

/// `model-known-tract/` holds inputs on which tract itself panics (see its README): natively
/// `Model::load` turns the panic into an error, so they replay through the model target too.
#[test]
fn every_minimised_crash_input_passes_its_target() {
    let dirs = TARGETS
        .iter()
        .map(|t| (*t, *t))
        .chain([("model-known-tract", "model")]);
    for (folder, target) in dirs {
        let dir = root().join("tests/fuzz-regressions").join(folder);
        // Git keeps no empty folder: a target without regressions has none.
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
            .collect();
        files.sort();
        for path in files {
            eprintln!("regression {}", path.display());
            run(target, &std::fs::read(&path).unwrap());
        }
    }
}
