//! A manifest parsed and its helpers used: riskscope::fuzzing::manifest.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| riskscope::fuzzing::manifest(data));
