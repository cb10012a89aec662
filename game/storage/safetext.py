"""Text fit to store and to print on a trainer's terminal: no NUL, no control characters.

A learner name holding ESC sequences could rewrite the terminal of whoever runs `session show`;
PostgreSQL refuses NUL outright (SQLite would keep it and cut the name short later); direction
overrides make a name display as something other than what it is. Such text is refused with a
plain message, at the server's door and again here, for the command-line paths.
"""
from __future__ import annotations

import re

from game.storage.errors import StoreError

# C0 controls (NUL, ESC, ...), DEL and C1 controls (CSI 0x9b ...).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidirectional overrides and marks.
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def unsafe(text: str) -> bool:
    """True when `text` holds a control character (a tab aside) or a direction override."""
    return bool(CONTROL.search(text.replace("\t", " ")) or BIDI.search(text))


def refuse_unsafe(text: str, field: str) -> str:
    """`text` unchanged, or StoreError saying why it cannot be stored."""
    if unsafe(text):
        raise StoreError(f"The {field} holds control characters.",
                         "Type it again with letters, numbers and punctuation only.")
    return text
