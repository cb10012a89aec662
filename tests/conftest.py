import os
import tempfile

import pytest

# `validate` keeps results between runs in the user cache folder: tests keep theirs apart.
os.environ.setdefault("DOORSTEP_CACHE_DIR", tempfile.mkdtemp(prefix="doorstep-test-cache-"))

BASE = os.path.join(os.path.dirname(__file__), "core", "base.yaml")


@pytest.fixture
def base_text() -> str:
    with open(BASE, encoding="utf-8") as fh:
        return fh.read()


@pytest.fixture
def write(tmp_path):
    """Write text to base.yaml in a temp folder (the id matches the file name) and return the path."""
    def _write(text: str, name: str = "base.yaml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return _write
