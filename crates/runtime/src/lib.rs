//! The one crate that speaks tract: it loads an ONNX model once and runs it on row-major
//! batches ([`Model`]), and reads an ONNX file's graph into a small typed view ([`graph`]).
//!
//! tract-onnx is not tract's most stable surface; keeping it here makes a switch (to NNEF, or
//! another runtime) a one-crate change. Everything else sees `&[f32]` in and `Vec<f32>` out,
//! and [`graph::ModelFile`] instead of tract's protobuf types.

mod broadcast;
pub mod graph;
pub mod ml;
mod model;

pub use model::{
    Feed, Input, Io, Model, ModelError, ScoreRange, Scores, panic_message, tensor_shapes,
};

/// ONNX's protobuf schema, for tests that build broken and hostile files (feature `proto`,
/// a dev-dependency's only). Nothing outside tests reads it: [`graph`] is the view to use.
#[cfg(feature = "proto")]
pub mod proto {
    pub use tract_onnx::pb::*;
}
