//! A CSV file scored as the page scores it: riskscope::fuzzing::csv_batch.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| riskscope::fuzzing::csv_batch(data));
