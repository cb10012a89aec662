"""A small stored cohort (SQLite) for the export tests, with a learner whose name is hostile markup."""
from __future__ import annotations

import pytest

from game.storage.store import ChoiceRecord, Store
from tests.storage.conftest import SCENARIO, make_debrief

HOSTILE = '=HYPERLINK("http://evil")<script>alert("x")</script>'

# (learner, overall, route, decisions (decision id, choice text, cost, points))
COHORT = [
    ("Ann Able", 90, ["arrival", "at-door", "inside", "end-seen"], [("at-door", "Explain why you need to see Mia.", 0, ["CHILD-1"])]),
    ("Bob Brown", 40, ["arrival", "at-door", "end-drift"], [("at-door", "Leave a card and go.", 3, ["CHILD-1", "COLL-1"])]),
    ("Cat Cole", 35, ["arrival", "at-door", "end-drift"], [("at-door", "Leave a card and go.", 3, ["CHILD-1", "COLL-1"])]),
    (HOSTILE, 75, ["arrival", "at-door", "inside", "end-seen"], [("at-door", "Explain why you need to see Mia.", 0, ["CHILD-1"])]),
]


@pytest.fixture
def cohort_store(tmp_path, monkeypatch):
    """(store, join code) with four finished attempts and one unfinished."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DOORSTEP_SECRET", raising=False)
    store = Store(f"sqlite:///{tmp_path / 'results.sqlite3'}")
    code = store.create_session("Tuesday <b>cohort</b>", 70, [SCENARIO]).code
    for learner, overall, route, decisions in COHORT:
        attempt = store.open_attempt(code, learner, SCENARIO.id, SCENARIO.source_hash)
        store.record_choices(attempt.id, [ChoiceRecord(i, d, f"c{i}-{cost}", text, {"child_focus": 1},
                                                       "2026-11-23T10:00:00Z")
                                          for i, (d, text, cost, _) in enumerate(decisions)], None)
        store.finish_attempt(attempt.id, make_debrief(overall, route=route, decisions=decisions,
                                                      ending="child_seen_safe" if overall >= 70 else "drift",
                                                      passed=overall >= 70))
    store.open_attempt(code, "Dan Dunn", SCENARIO.id, SCENARIO.source_hash)
    yield store, code
    store.close()
