//! Test support, a dev-dependency only (never in the app): the one list of the catalog's models
//! ([`models`]), the fuzz targets' bodies ([`fuzzing`]), which `fuzz/`,
//! `tests/fuzz_regressions.rs` and `examples/fuzz_seeds.rs` share, and what the native
//! benchmarks share ([`bench`]).

pub mod bench;
pub mod exports;
pub mod fuzz_trees;
pub mod fuzzing;
pub mod models;
