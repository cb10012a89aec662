"""Signing results so a changed score or debrief is found by `session verify`.

Each finished attempt is signed with HMAC-SHA256 over a canonical JSON of what
was recorded. The key is per install (a random file in the data dir) or
`DOORSTEP_SECRET`, so several machines writing to one PostgreSQL can share it.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from game.storage import paths


def canonical_json(payload: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def load_key(path: Path | None = None) -> bytes:
    """The signing key: `DOORSTEP_SECRET`, else the key file (created on first use, owner-only)."""
    env = os.environ.get("DOORSTEP_SECRET")
    if env:
        return env.encode("utf-8")
    path = path or paths.secret_path()
    if not path.exists():
        # Write aside, then hard-link into place: link() refuses to overwrite, so two learner
        # processes starting together end up sharing one complete key, never half of one.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip().encode("utf-8")


def key_id(key: bytes) -> str:
    """A short public fingerprint of a key, so verify can tell 'other install' from 'tampered'."""
    return hashlib.sha256(b"doorstep-key-id:" + key).hexdigest()[:12]


def sign(payload: Any, key: bytes) -> str:
    """Hex HMAC-SHA256 of the canonical JSON of `payload`."""
    return hmac.new(key, canonical_json(payload), hashlib.sha256).hexdigest()


def verify(payload: Any, signature: str, key: bytes) -> bool:
    """True when `signature` was made by `key` over exactly this payload."""
    return hmac.compare_digest(sign(payload, key), signature or "")
