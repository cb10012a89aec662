"""The one wall clock of the shells. The core never reads a clock: shells stamp each choice,
session and result with this and pass the time in."""
from __future__ import annotations

from datetime import datetime, timezone


def now_iso() -> str:
    """The current UTC time as Doorstep records it everywhere: ISO 8601, seconds, with 'Z'."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
