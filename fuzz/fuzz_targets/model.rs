//! A manifest pick and ONNX bytes loaded and scored: riskscope::fuzzing::model.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| riskscope::fuzzing::model(data));
