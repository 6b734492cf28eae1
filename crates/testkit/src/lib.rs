//! Test support, a dev-dependency only (never in the app): the one list of the catalog's models
//! ([`models`]) and the fuzz targets' bodies ([`fuzzing`]), which `fuzz/`,
//! `tests/fuzz_regressions.rs` and `examples/fuzz_seeds.rs` share.

pub mod fuzzing;
pub mod models;
