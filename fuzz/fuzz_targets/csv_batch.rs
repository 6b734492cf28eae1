//! A CSV file scored as the page scores it: riskscope_testkit::fuzzing::csv_batch.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| riskscope_testkit::fuzzing::csv_batch(data));
