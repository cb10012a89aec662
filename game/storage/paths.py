"""Where Doorstep keeps its agency data on this machine.

Everything lives in one per-user folder (platformdirs' user data dir), which
`DOORSTEP_DATA_DIR` overrides (tests, shared installs, portable use).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The folder for the results database, the signing key and the outbox; created if missing."""
    override = os.environ.get("DOORSTEP_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir("doorstep", False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_db_url() -> str:
    """`DOORSTEP_DB` if set, else a SQLite file in the data dir (zero set-up)."""
    return os.environ.get("DOORSTEP_DB") or f"sqlite:///{data_dir() / 'results.sqlite3'}"


def outbox_path() -> Path:
    """Results waiting for the database to come back (see game.storage.outbox)."""
    return data_dir() / "outbox.jsonl"


def xapi_outbox_path(endpoint: str) -> Path:
    """xAPI statements waiting for this Learning Record Store to come back (one queue per LRS)."""
    digest = hashlib.sha256(endpoint.encode("utf-8")).hexdigest()[:12]
    return data_dir() / f"xapi-outbox-{digest}.jsonl"


def secret_path() -> Path:
    """This install's signing key (see game.storage.signing)."""
    return data_dir() / "signing.key"
