"""The outbox: queued writes survive, replay in order, and replay harmlessly."""
from __future__ import annotations

import multiprocessing

from sqlalchemy import create_engine

from game.storage import paths
from game.storage.outbox import Outbox
from game.storage.recorder import Recorder, sync
from game.storage.store import ChoiceRecord
from tests.storage.conftest import SCENARIO, make_debrief


def test_torn_last_line_is_skipped(tmp_path):
    box = Outbox(tmp_path / "outbox.jsonl")
    box.append({"n": 1})
    with open(box.path, "ab") as f:
        f.write(b'{"n": 2, "half')  # power cut mid-append
    assert box.entries() == [{"n": 1}]


def test_drain_stops_at_first_refusal_and_keeps_order(tmp_path):
    box = Outbox(tmp_path / "outbox.jsonl")
    for n in range(5):
        box.append({"n": n})
    seen = []
    assert box.drain(lambda e: seen.append(e["n"]) or e["n"] < 2) == (2, 3)
    assert seen == [0, 1, 2] and [e["n"] for e in box.entries()] == [2, 3, 4]
    assert box.drain(lambda e: True) == (3, 0) and box.entries() == []


def _append_many(path, who):
    box = Outbox(path)
    for n in range(50):
        box.append({"who": who, "n": n, "pad": "x" * 5000})  # bigger than one pipe buffer


def test_concurrent_appends_lose_and_tear_nothing(tmp_path):
    path = tmp_path / "outbox.jsonl"
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_append_many, args=(path, w)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    entries = Outbox(path).entries()
    assert len(entries) == 200
    for w in range(4):
        assert [e["n"] for e in entries if e["who"] == w] == list(range(50))


def test_recorder_queues_while_down_and_sync_writes_it_all(store, monkeypatch):
    code = store.create_session("c", 70, [SCENARIO]).code
    attempt = store.open_attempt(code, "Sam", SCENARIO.id, "abc123")
    recorder = Recorder(store, Outbox(paths.outbox_path()), attempt.id)
    first = ChoiceRecord(0, "at-door", "explain", "Explain", {"child_focus": 2}, "2026-11-23T10:00:00Z")
    assert recorder.choices([first], '{"step": 1}')

    real_engine = store.engine  # swap in an engine for a server that is not there: the database is "down"
    store.engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none",
                                 connect_args={"connect_timeout": 1})
    second = ChoiceRecord(1, "inside", "ask", "Ask", {"engagement": 1}, "2026-11-23T10:01:00Z")
    assert not recorder.choices([second], '{"step": 2}')
    assert not recorder.finish(make_debrief(80, decisions=[]), "2026-11-23T10:02:00Z")
    assert "Cannot reach" in recorder.failure.message
    written, left, error = sync(store, recorder.outbox)
    assert (written, left) == (0, 2) and error is not None

    store.engine = real_engine
    assert sync(store, recorder.outbox)[:2] == (2, 0)
    assert [c.seq for c in store.stored_choices(attempt.id)] == [0, 1]
    assert store.get_attempt(attempt.id).finished_at == "2026-11-23T10:02:00Z"
    assert store.verify(code) == (1, [])
    recorder.outbox.append({"op": "choices", "attempt_id": attempt.id, "choices": [vars(second)], "state": None})
    assert sync(store, recorder.outbox)[:2] == (1, 0)  # a replayed duplicate is harmless
    assert len(store.stored_choices(attempt.id)) == 2

