//! A manifest parsed and its helpers used: riskscope_testkit::fuzzing::manifest.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| riskscope_testkit::fuzzing::manifest(data));
