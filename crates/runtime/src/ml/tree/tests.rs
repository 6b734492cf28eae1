//! Unit tests of the compiled layout; onnxruntime parity is in `tests/onnx_ml.rs`.
