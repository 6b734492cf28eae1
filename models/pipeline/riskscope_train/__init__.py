"""RiskScope's training pipeline: real data in, ONNX models with manifests, golden vectors and metrics out."""
