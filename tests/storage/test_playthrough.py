"""Real playthroughs of the demo scenario, stored as the assessed player stores them."""
from __future__ import annotations

from game.core import engine
from tests.storage.conftest import demo_ref, play_and_record


def test_every_choice_is_stored_and_the_result_signed(store):
    scenario, ref = demo_ref()
    code = store.create_session("c", 70, [ref]).code
    attempt_id, state = play_and_record(store, code, "Sam", scenario, [2, 1, 3])
    stored = store.stored_choices(attempt_id)
    assert [(c.node_id, c.choice_id) for c in stored] == [(s.decision, s.choice) for s in state.history]
    assert all(c.choice_text and c.at.startswith("2026-11-23T10:") for c in stored)
    [row] = store.session_results(code)
    debrief = store.debrief(attempt_id)
    assert row.overall == debrief["overall"] and row.passed is debrief["passed"]
    assert store.verify(code) == (1, [])
    costs = {c.choice_id: c.cost for c in store.choice_counts(code)}
    assert costs == {d["choice"]: d["cost"] for d in debrief["decisions"]}


def test_resume_after_stopping_mid_attempt_keeps_every_choice(store):
    scenario, ref = demo_ref()
    code = store.create_session("c", 70, [ref]).code
    first_id, partial = play_and_record(store, code, "Sam", scenario, [1], stop_after=1)
    assert not partial.finished and len(store.stored_choices(first_id)) == 1
    resumed = store.open_attempt(code, "Sam", scenario.id, scenario.source_hash)
    assert resumed.id == first_id
    assert engine.PlayState.from_json(resumed.state).history == partial.history
    again_id, final = play_and_record(store, code, "Sam", scenario, [1])
    assert again_id == first_id and final.finished
    assert [c.choice_id for c in store.stored_choices(first_id)] == [s.choice for s in final.history]
