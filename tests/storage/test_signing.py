"""Join codes, the signing key and signatures."""
from __future__ import annotations

import multiprocessing
import stat

from game.storage import codes, signing


def test_join_codes_avoid_characters_that_are_misread():
    made = {codes.new_code() for _ in range(300)}
    assert len(made) == 300
    assert all(len(c) == codes.LENGTH and not set(c) & set("0O1IL5S2Z8B") for c in made)
    assert codes.normalise(" k7m-xq3 ") == "K7MXQ3"


def test_key_is_made_once_owner_only_and_stable(tmp_path, monkeypatch):
    monkeypatch.delenv("DOORSTEP_SECRET", raising=False)
    path = tmp_path / "signing.key"
    first = signing.load_key(path)
    assert len(first) == 64 and signing.load_key(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    monkeypatch.setenv("DOORSTEP_SECRET", "shared-by-the-training-room")
    assert signing.load_key(path) == b"shared-by-the-training-room"


def _load(path, out):
    out.put(signing.load_key(path))


def test_processes_starting_together_share_one_key(tmp_path, monkeypatch):
    monkeypatch.delenv("DOORSTEP_SECRET", raising=False)
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    workers = [ctx.Process(target=_load, args=(tmp_path / "signing.key", out)) for _ in range(8)]
    for w in workers:
        w.start()
    keys = {out.get(timeout=30) for _ in workers}
    for w in workers:
        w.join(10)
    assert len(keys) == 1 and list(tmp_path.iterdir()) == [tmp_path / "signing.key"]


def test_signature_covers_every_byte_and_not_key_order():
    key = b"k"
    payload = {"learner": "Ann", "overall": 80, "choices": [[0, "knock", "knock-again"]]}
    signature = signing.sign(payload, key)
    assert signing.verify(dict(reversed(payload.items())), signature, key)
    assert not signing.verify({**payload, "overall": 81}, signature, key)
    assert not signing.verify(payload, signature, b"another key")
    assert signing.key_id(key) != signing.key_id(b"another key")
