"""Pins every floating-point choice that differs between x86-64 machines, so that a retrain on
another machine gives the same bits; and describes the numeric environment a run had, so that
`--check` knows when bits are promised and when only a tolerance is.

Must run before numpy, scipy, scikit-learn or JAX are imported (the package's __init__ calls
`pin()` first): OpenBLAS reads its environment when it is loaded, numpy its CPU features when
it is imported, XLA its flags when the first computation is compiled.

What differs between machines, and what pins it:
- OpenBLAS (numpy's and scipy's own copies) picks its kernels by core type and splits work over
  threads: one thread, and the Haswell kernels (AVX2 + FMA), which this workplace's machines
  already set in OPENBLAS_CORETYPE for correctness on AVX-512 cores.
- numpy dispatches exp, log, sums and more to AVX-512 code where the CPU has it: its AVX-512
  targets are disabled, so every AVX2 machine runs the same loops.
- XLA (JAX) compiles for the host's instruction set, calls XNNPACK and YNNPACK for matrix
  products (their kernels are chosen at run time by CPU), uses "platform dependent math" that
  XLA itself says trades "consistent results across CPUs" for speed, and threads Eigen: the
  instruction set is capped at AVX2, the libraries and the platform math are off, Eigen runs on
  one thread.
- Seeds are set in each recipe (numpy Generators, JAX PRNG keys, scikit-learn random_state).

`RISKSCOPE_NUMERICS=host` leaves the machine's own settings: only for showing what the pins
change (the check then reports bits it cannot promise).
"""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

HOST = os.environ.get("RISKSCOPE_NUMERICS") == "host"
# The kernels and instruction set every pinned run uses; they need AVX2 and FMA.
CORETYPE = "Haswell"
NEEDED_CPU_FLAGS = ("avx2", "fma")
# numpy 2.3's dispatch targets above AVX2 (numpy._core._multiarray_umath.__cpu_dispatch__).
NUMPY_DISABLED = ("AVX512F AVX512CD AVX512_KNL AVX512_KNM AVX512_SKX AVX512_CLX AVX512_CNL "
                  "AVX512_ICL AVX512_SPR")
XLA_FLAGS = ("--xla_cpu_max_isa=AVX2", "--xla_cpu_use_xnnpack=false",
             "--xla_cpu_experimental_ynn_fusion_type=", "--xla_cpu_experimental_onednn_fusion_type=",
             "--xla_cpu_use_onednn=false", "--xla_cpu_enable_platform_dependent_math=false",
             "--xla_cpu_enable_fast_math=false", "--xla_cpu_multi_thread_eigen=false")
THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
# The packages whose code computes a model (requirements.txt pins them all).
PACKAGES = ("numpy", "scipy", "scikit-learn", "jax", "jaxlib", "onnx", "onnxruntime", "skl2onnx",
            "pandas")
FINGERPRINT_FILE = Path(__file__).resolve().parents[1] / "numerics.json"


def cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def pinnable() -> bool:
    return platform.machine() in ("x86_64", "AMD64") and all(f in cpu_flags() for f in NEEDED_CPU_FLAGS)


def pin() -> None:
    """Sets the environment of every pinned run (overriding what the machine set: a machine's
    own value is exactly what makes two machines differ). Does nothing with
    RISKSCOPE_NUMERICS=host, or on a CPU without AVX2 and FMA (there bits are not promised)."""
    if HOST or not pinnable():
        return
    for name in ("numpy", "scipy", "jax", "jaxlib", "sklearn"):
        if name in sys.modules:
            raise RuntimeError(f"numerics.pin() must run before {name} is imported")
    os.environ["OPENBLAS_CORETYPE"] = CORETYPE
    for name in THREADS:
        os.environ[name] = "1"
    os.environ["NPY_DISABLE_CPU_FEATURES"] = NUMPY_DISABLED
    kept = [f for f in os.environ.get("XLA_FLAGS", "").split()
            if f.split("=", 1)[0] not in {p.split("=", 1)[0] for p in XLA_FLAGS}]
    os.environ["XLA_FLAGS"] = " ".join(kept + list(XLA_FLAGS))


def fingerprint() -> dict:
    """What decides a run's floating-point results on this machine, as the loaded libraries
    report it: equal fingerprints give equal bits."""
    import numpy as np  # noqa: F401  (loads numpy's OpenBLAS so threadpoolctl sees it)
    import scipy.linalg  # noqa: F401  (and scipy's)
    import threadpoolctl
    from numpy._core._multiarray_umath import __cpu_features__

    blas = sorted({(b["internal_api"], b["version"], b.get("architecture"), b["num_threads"])
                   for b in threadpoolctl.threadpool_info() if b["user_api"] == "blas"})
    flags = cpu_flags()
    return {
        "pinned": not HOST and pinnable(),
        "machine": platform.machine(),
        # Extensions above the AVX2 cap: with them, a library that chooses kernels at run time
        # (onnxruntime's, for the golden and reference scores) may still take another path.
        "cpu_above_cap": sorted(f for f in flags if f.startswith("avx512") or f.startswith("amx")),
        "cpu_needed": {f: f in flags for f in NEEDED_CPU_FLAGS},
        "blas": [{"library": lib, "version": v, "kernels": arch, "threads": n}
                 for lib, v, arch, n in blas],
        "numpy_cpu_features": sorted(k for k, on in __cpu_features__.items() if on),
        "xla_flags": os.environ.get("XLA_FLAGS", ""),
        "python": platform.python_version(),
        "packages": {name: metadata.version(name) for name in PACKAGES},
    }


def describe(fp: dict) -> str:
    blas = ", ".join(f"{b['library']} {b['version']} {b['kernels']} x{b['threads']}" for b in fp["blas"])
    isa = "AVX2 cap" if fp["pinned"] else "host's own settings"
    above = ", ".join(fp["cpu_above_cap"]) or "none"
    return (f"{'pinned' if fp['pinned'] else 'NOT pinned'} ({isa}); BLAS: {blas}; numpy's widest "
            f"code: {widest(fp['numpy_cpu_features'])}; CPU extensions above AVX2: {above}; "
            f"XLA_FLAGS: {fp['xla_flags'] or '(none)'}")


def widest(features: list[str]) -> str:
    order = ["SSE3", "SSE42", "AVX", "AVX2", "AVX512F", "AVX512_SKX", "AVX512_ICL", "AVX512_SPR"]
    have = [f for f in order if f in features]
    return have[-1] if have else "baseline"


def committed() -> dict | None:
    if not FINGERPRINT_FILE.exists():
        return None
    return json.loads(FINGERPRINT_FILE.read_text(encoding="utf-8"))


def differences(a: dict, b: dict) -> list[str]:
    """The fields in which two fingerprints differ, as `field: a -> b`."""
    return [f"{k}: {a.get(k)} -> {b.get(k)}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
