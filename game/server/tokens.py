"""Signed, self-contained tokens: the practice play, the learner's attempt cookie, the trainer's
sign-in cookie and CSRF tokens. Nothing is kept in a server process, so any process behind a
load balancer can check any token.

A token is `base64url(canonical JSON).hex(HMAC-SHA256)`, keyed per purpose from the server's
signing key, so a token made for one purpose never passes as another.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from game.storage import signing


def purpose_key(master: bytes, purpose: str) -> bytes:
    return hmac.new(master, b"doorstep-token:" + purpose.encode("ascii"), hashlib.sha256).digest()


def seal(data: dict, master: bytes, purpose: str, now: float | None = None) -> str:
    body = dict(data, iat=int(now if now is not None else time.time()))
    raw = base64.urlsafe_b64encode(signing.canonical_json(body)).rstrip(b"=").decode("ascii")
    mac = hmac.new(purpose_key(master, purpose), raw.encode("ascii"), hashlib.sha256).hexdigest()
    return f"{raw}.{mac}"


def unseal(token: str | None, master: bytes, purpose: str, max_age: int | None = None,
           now: float | None = None) -> dict | None:
    """The token's data, or None when it is missing, forged, for another purpose or too old."""
    if not token or token.count(".") != 1 or len(token) > 16_384:
        return None
    raw, mac = token.split(".")
    good = hmac.new(purpose_key(master, purpose), raw.encode("ascii", "replace"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(good, mac):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if max_age is not None and (now if now is not None else time.time()) - data.get("iat", 0) > max_age:
        return None
    return data
