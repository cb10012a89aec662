"""Short join codes a trainer can read out or write on a whiteboard."""
from __future__ import annotations

import secrets

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: easy to mishear or misread on a projector.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 6


def new_code() -> str:
    """A random join code such as 'K7MXQ3' (25^6 = 244 million possibilities)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    """What the learner typed, as stored: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in code.upper() if ch not in " -")


def new_attempt_id() -> str:
    """An attempt id that is unique without asking the database, so it can be queued offline."""
    return secrets.token_hex(8)
