"""Writes a model's artefacts (ONNX, manifest, golden vectors, metrics) and checks them with onnxruntime."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import onnx
import onnx.utils
import onnxruntime as ort
from skl2onnx import to_onnx
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from . import encode, translations


def run_onnx(onnx_bytes: bytes, manifest: dict, x: np.ndarray) -> np.ndarray:
    """The score of each encoded row (P(positive) or an anomaly score), as onnxruntime computes it."""
    session = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    model = manifest["model"]
    (out,) = session.run([model["output"]["name"]], {model["input"]["name"]: x})
    out = as_array(out)
    return out[:, model["output"]["column"]] if out.ndim == 2 else out


def as_array(out) -> np.ndarray:
    """An output as onnxruntime returns it; a ZipMap's list of {class: probability} as the
    [N, classes] tensor it wraps, classes in the map's order (as RiskScope reads it)."""
    if isinstance(out, list):
        return np.array([list(row.values()) for row in out], dtype=np.float32).reshape(len(out), -1)
    return out


def export_sklearn(model, sample: np.ndarray, manifest: dict) -> bytes:
    """ONNX of a fitted scikit-learn classifier, in the subset of ONNX that tract runs."""
    onnx_model = to_onnx(
        model, sample[:1].astype(np.float32), target_opset={"": 17, "ai.onnx.ml": 3},
        # Sub + Div instead of ai.onnx.ml Scaler, no ZipMap, standard ops for the linear part:
        # tract implements none of Scaler, ZipMap or LinearClassifier's label path.
        options={StandardScaler: {"div": "div"}, LogisticRegression: {"zipmap": False},
                 MLPClassifier: {"zipmap": False}},
        black_op={"LinearClassifier"},
    )
    # Keep only the probabilities: the app thresholds P(positive) itself, and the label path
    # (ArgMax, ArrayFeatureExtractor) is dead weight that tract need not load.
    onnx_model = onnx.utils.Extractor(onnx_model).extract_model(
        [manifest["model"]["input"]["name"]], [manifest["model"]["output"]["name"]])
    return onnx_model.SerializeToString()


def check_against_sklearn(model, onnx_bytes: bytes, manifest: dict, x: np.ndarray) -> float:
    """The exported graph must agree with scikit-learn itself before anything is written."""
    p_sklearn = model.predict_proba(x.astype(np.float32))[:, 1]
    p_onnx = run_onnx(onnx_bytes, manifest, x.astype(np.float32))
    gap = float(np.max(np.abs(p_sklearn - p_onnx)))
    if gap > 1e-5:
        raise AssertionError(f"{manifest['id']}: onnxruntime and scikit-learn disagree by {gap}")
    return gap


def write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_model(out_dir: Path, onnx_bytes: bytes, manifest: dict, golden_rows: list[dict[str, str]],
                metrics: dict) -> None:
    """Writes model.onnx, manifest.json (with the ONNX SHA-256 and the translations of its texts),
    golden.json and metrics.json."""
    manifest["model"]["sha256"] = hashlib.sha256(onnx_bytes).hexdigest()
    # Translated first: a text without a translation stops the run before the model is written.
    translated = translations.attach(manifest, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "model.onnx").write_bytes(onnx_bytes)
    write_json(out_dir / "manifest.json", translated)

    x = encode.encode_rows(manifest, golden_rows)
    output = manifest["model"]["output"]
    scores = run_onnx(onnx_bytes, manifest, x)
    rows = [{"raw": raw, "score": float(score)} for raw, score in zip(golden_rows, scores)]
    if "feature_errors" in output:
        session = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
        (errors,) = session.run([output["feature_errors"]], {manifest["model"]["input"]["name"]: x})
        for row, e in zip(rows, errors):
            row["feature_errors"] = [float(v) for v in e]
    write_json(out_dir / "golden.json", {
        "model": manifest["id"],
        "about": "raw rows in, onnxruntime's output out (P(positive), or the anomaly score and "
                 "each input's reconstruction error); made by models/train",
        "rows": rows,
    })
    write_json(out_dir / "metrics.json", metrics)
