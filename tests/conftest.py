from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


@pytest.fixture
def sample():
    def load(name: str) -> bytes:
        return (SAMPLES / name).read_bytes()
    return load


def shared_or_skip(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent: the shared corpus and tools live beside the repository (../shared)")
    return p


from .dbfixtures import _isolated_environment, db_url, new_db, pg_server, store  # noqa: E402, F401  (store tests)
