//! A manifest pick and ONNX bytes loaded and scored: riskscope_testkit::fuzzing::model.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| riskscope_testkit::fuzzing::model(data));
