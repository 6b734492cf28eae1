"""Writes a model's artefacts (ONNX, manifest, golden vectors, metrics) and checks them with onnxruntime."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import onnxruntime as ort

from . import encode


def run_onnx(onnx_bytes: bytes, manifest: dict, x: np.ndarray) -> np.ndarray:
    """P(positive) for each encoded row, as onnxruntime computes it from the exported file."""
    session = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    model = manifest["model"]
    (out,) = session.run([model["output"]["name"]], {model["input"]["name"]: x})
    return out[:, model["output"]["column"]] if out.ndim == 2 else out


def write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_model(out_dir: Path, onnx_bytes: bytes, manifest: dict, golden_rows: list[dict[str, str]],
                metrics: dict) -> None:
    """Writes model.onnx, manifest.json (with the ONNX SHA-256), golden.json and metrics.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "model.onnx").write_bytes(onnx_bytes)
    manifest["model"]["sha256"] = hashlib.sha256(onnx_bytes).hexdigest()
    write_json(out_dir / "manifest.json", manifest)

    x = encode.encode_rows(manifest, golden_rows)
    p = run_onnx(onnx_bytes, manifest, x)
    write_json(out_dir / "golden.json", {
        "model": manifest["id"],
        "about": "raw rows in, onnxruntime's P(positive) out; made by models/train",
        "rows": [{"raw": raw, "probability": float(prob)} for raw, prob in zip(golden_rows, p)],
    })
    write_json(out_dir / "metrics.json", metrics)
