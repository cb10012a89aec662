"""Fixtures for the results store: the same tests run on SQLite and on a real PostgreSQL 15."""
from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from game.storage.store import ScenarioRef, Store
from tests.storage import pgserver


def make_debrief(overall: int, route=("arrival", "at-door", "end-seen"), ending="child_seen_safe",
                 decisions=(("at-door", "Explain why you need to see Mia.", 0, ["CHILD-1"]),),
                 passed: bool = True, pass_mark: int = 70) -> dict:
    """A dict shaped like game.core.debrief.Debrief.to_dict(), for store tests that need no
    scenario. Its verdict is whatever the test says (`passed`): the store must copy it, never
    work it out from the score. Real debriefs from the core are in test_playthrough.py."""
    return {
        "scenario": "late-again", "title": "Late Again", "mode": "assessed", "finished": True,
        "overall": overall, "passed": passed, "pass_mark": pass_mark, "reasons": [], "critical": [],
        "competencies": {"child_focus": {"label": "Child focus", "score": overall, "raw": 2, "best": 4, "worst": -4},
                         "engagement": {"label": "Engagement", "score": 100 - overall, "raw": 1, "best": 2, "worst": -2},
                         "recording": {"label": "Recording and sharing", "score": None, "raw": 0, "best": 0, "worst": 0}},
        "decisions": [{"number": i + 1, "decision_id": d, "prompt": f"What now at {d}?", "choice": f"{d}#1",
                       "choice_text": text, "feedback": "Why it matters for the child.",
                       "points": [{"id": p, "title": p} for p in points], "scores": {"child_focus": 2},
                       "cost": cost, "better": None if cost == 0 else "Ask to see Mia.", "at": None}
                      for i, (d, text, cost, points) in enumerate(decisions)],
        "ending": {"id": "end-seen", "kind": ending, "title": "Seen", "text": "...", "epilogue": "..."},
        "chronology": [{"day": 1, "text": "Visited."}],
        "route": list(route),
        "choices": [f"{d}#1" for d, *_ in decisions],
    }


SCENARIO = ScenarioRef(id="late-again", title="Late Again", path="no-such-folder/late-again.yaml",
                       source_hash="abc123")


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server on 127.0.0.1; yields its URL without a database name."""
    if pgserver.binaries() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) missing on CI")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed: apt-get install postgresql")
    with pgserver.temporary_postgres() as url:
        yield url


_db_numbers = itertools.count()


@pytest.fixture
def db_url(request, tmp_path, monkeypatch):
    """A fresh empty database: a SQLite file, or a new schema on the PostgreSQL server."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DOORSTEP_SECRET", raising=False)
    monkeypatch.delenv("DOORSTEP_DB", raising=False)
    if getattr(request, "param", "sqlite") == "sqlite":
        return f"sqlite:///{tmp_path / 'results.sqlite3'}"
    return fresh_schema(request.getfixturevalue("postgres_server"))


def fresh_schema(server: str, prefix: str = "t") -> str:
    """The URL of a new, empty schema on the test PostgreSQL server."""
    import psycopg
    # A schema per test is far cheaper than CREATE DATABASE, and as isolated for our tables.
    name = f"{prefix}{os.getpid()}_{next(_db_numbers)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    return f"{server}/postgres?options=-csearch_path%3D{name}"


def pytest_generate_tests(metafunc):
    # Every test that asks for `db_url` (or `store`) runs once per backend. The PostgreSQL runs
    # start a real server, so they are `slow` (pytest.ini: .ci/run runs them with -m slow).
    if "db_url" in metafunc.fixturenames:
        metafunc.parametrize("db_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)],
                             indirect=True)


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo-late-again.yaml"


def demo_ref():
    """(scenario, ScenarioRef) for the shipped demo scenario."""
    from game.core.loader import load_path
    scenario = load_path(str(DEMO))
    return scenario, ScenarioRef(scenario.id, scenario.title, str(DEMO), scenario.source_hash)


def play_and_record(store, code, learner, scenario, numbers, stop_after=None):
    """Play `scenario` choosing `numbers[i]` (clamped to what is offered) at decision i, writing
    each choice through a Recorder as the assessed player does; finish unless stopped early."""
    from game.core import engine
    from game.core.play import Choose, Phase, Play
    from game.storage import paths
    from game.storage.outbox import Outbox
    from game.storage.playthrough import choices_made
    from game.storage.recorder import Recorder

    attempt = store.open_attempt(code, learner, scenario.id, scenario.source_hash)
    mark = store.get_session(code).pass_mark
    play = (Play(scenario, engine.PlayState.from_json(attempt.state), pass_mark=mark) if attempt.state
            else Play.begin(scenario, mode="assessed", pass_mark=mark))
    recorder = Recorder(store, Outbox(paths.outbox_path()), attempt.id)
    while True:
        play.to_next_decision()
        before = len(play.state.history)
        if play.phase is Phase.FINISHED or (stop_after is not None and before >= stop_after):
            break
        number = min(numbers[before % len(numbers)], len(play.view.choices))
        play.send(Choose(number=number, at=f"2026-11-23T10:{before:02d}:00Z"))
        recorder.choices(choices_made(scenario, play.state, before), play.state.to_json())
    if play.phase is Phase.FINISHED:
        recorder.finish(play.debrief().to_dict(), "2026-11-23T11:00:00Z")
    return attempt.id, play.state


def best_numbers(scenario) -> list[int]:
    """The choice numbers (as offered, from 1) of a best route: what a learner types to pass."""
    from game.core.analysis import analyse
    return list(analyse(scenario).best_choices)
