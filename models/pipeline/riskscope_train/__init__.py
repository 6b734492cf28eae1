"""RiskScope's training pipeline: real data in, ONNX models with manifests, golden vectors and metrics out."""

from . import numerics

# Before any submodule imports numpy, scipy or JAX: see numerics.py.
numerics.pin()
