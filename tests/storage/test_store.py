"""The results store, run on SQLite and on PostgreSQL."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, update

from game.storage import codes, schema
from game.storage.errors import StoreError
from game.storage.store import AttemptStatus, ChoiceRecord, Outcome, Store
from tests.storage.conftest import SCENARIO, make_debrief


def choice(seq: int, node: str = "at-door", choice_id: str = "explain") -> ChoiceRecord:
    return ChoiceRecord(seq, node, choice_id, f"Choice {seq}", {"child_focus": 1}, "2026-11-23T10:00:00Z")


def test_migrations_run_once_and_reopen_cleanly(store, db_url):
    Store(db_url).close()  # a second open finds the schema current
    with store.engine.connect() as conn:
        versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    assert versions == [number for number, _, _ in schema.MIGRATIONS]


def test_session_lifecycle(store):
    made = store.create_session("Tuesday cohort", 70, [SCENARIO])
    assert re.fullmatch(f"[{codes.ALPHABET}]{{6}}", made.code)
    assert store.get_session(made.code.lower()).name == "Tuesday cohort"  # codes are forgiving
    assert [s.code for s in store.list_sessions()] == [made.code]
    assert store.close_session(made.code).closed_at is not None
    with pytest.raises(StoreError, match="closed"):
        store.open_attempt(made.code, "Sam", SCENARIO.id, "abc123")
    with pytest.raises(StoreError, match="No session"):
        store.get_session("ZZZZZZ")


def test_pass_mark_and_scenarios_are_checked(store):
    with pytest.raises(StoreError, match="0 to 100"):
        store.create_session("x", 170, [SCENARIO])
    code = store.create_session("x", 70, [SCENARIO]).code
    with pytest.raises(StoreError, match="does not assess"):
        store.open_attempt(code, "Sam", "other-scenario", "h")


def test_unfinished_attempt_is_resumed_not_duplicated(store):
    code = store.create_session("c", 70, [SCENARIO]).code
    first = store.open_attempt(code, "Sam Lee", SCENARIO.id, "abc123")
    again = store.open_attempt(code, "  sam   LEE ", SCENARIO.id, "abc123")  # same learner, typed loosely
    assert again.id == first.id and again.learner == "Sam Lee"
    store.record_choices(first.id, [choice(0)], '{"s": 1}')
    store.finish_attempt(first.id, make_debrief(80))
    with pytest.raises(StoreError, match="already completed"):  # an assessed attempt is taken once
        store.open_attempt(code, "Sam Lee", SCENARIO.id, "abc123")


def test_stepping_away_is_its_own_status_and_resumes(store):
    code = store.create_session("c", 70, [SCENARIO]).code
    first = store.open_attempt(code, "Sam Lee", SCENARIO.id, "abc123")
    store.record_choices(first.id, [choice(0)], '{"s": 1}')
    store.withdraw_attempt(first.id, "2026-11-23T10:05:00Z")
    [row] = store.session_results(code)
    assert row.status is AttemptStatus.WITHDRAWN and row.passed is None and row.overall is None
    again = store.open_attempt(code, "Sam Lee", SCENARIO.id, "abc123")
    assert again.id == first.id and again.status is AttemptStatus.IN_PROGRESS
    assert [c.seq for c in store.stored_choices(first.id)] == [0]  # nothing lost


def test_the_stored_verdict_is_the_debriefs_never_recomputed(store):
    code = store.create_session("c", 70, [SCENARIO]).code
    drift = store.open_attempt(code, "Dee", SCENARIO.id, "abc123")
    store.finish_attempt(drift.id, make_debrief(92, ending="drift", passed=False))
    [row] = store.session_results(code)
    assert row.overall == 92 and row.passed is False and row.ending_kind == "drift"


def test_a_result_judged_on_another_pass_mark_is_refused(store):
    code = store.create_session("c", 80, [SCENARIO]).code
    attempt = store.open_attempt(code, "Sam", SCENARIO.id, "abc123")
    with pytest.raises(StoreError, match="pass mark of 70, but session .* uses 80"):
        store.finish_attempt(attempt.id, make_debrief(75))
    with pytest.raises(StoreError, match="no verdict"):
        store.finish_attempt(attempt.id, {**make_debrief(75), "passed": None})
    assert store.session_results(code)[0].status is AttemptStatus.IN_PROGRESS


def test_choices_are_idempotent_and_state_kept(store):
    code = store.create_session("c", 70, [SCENARIO]).code
    attempt = store.open_attempt(code, "Sam", SCENARIO.id, "abc123")
    store.record_choices(attempt.id, [choice(0)], '{"step": 1}')
    store.record_choices(attempt.id, [choice(0), choice(1, "inside", "ask")], '{"step": 2}')
    store.record_choices(attempt.id, [choice(1, "inside", "ask")], '{"step": 2}')  # a retry
    assert [(c.seq, c.node_id) for c in store.stored_choices(attempt.id)] == [(0, "at-door"), (1, "inside")]
    assert store.get_attempt(attempt.id).state == '{"step": 2}'


def test_finish_signs_the_core_verdict_and_annotates_choices(store):
    code = store.create_session("c", 85, [SCENARIO]).code
    attempt = store.open_attempt(code, "Sam", SCENARIO.id, "abc123")
    store.record_choices(attempt.id, [choice(0)], None)
    # the core judged it on the session's mark (80 < 85): the store keeps that verdict
    debrief = make_debrief(80, decisions=[("at-door", "Leave a card.", 3, ["CHILD-1", "COLL-1"])],
                           passed=False, pass_mark=85)
    store.finish_attempt(attempt.id, debrief)
    store.finish_attempt(attempt.id, make_debrief(10, pass_mark=85))  # a replay must not overwrite
    [row] = store.session_results(code)
    assert (row.overall, row.passed, row.scores["child_focus"]) == (80, False, 80)
    assert store.debrief(attempt.id) == debrief
    [count] = store.choice_counts(code)
    assert (count.node_id, count.count, count.cost) == ("at-door", 1, 3)
    assert store.choice_example(code, count) == attempt.id
    assert store.verify(code) == (1, [])


def _finished(store, code, learner, overall=80):
    attempt = store.open_attempt(code, learner, SCENARIO.id, "abc123")
    store.record_choices(attempt.id, [choice(0)], None)
    store.finish_attempt(attempt.id, make_debrief(overall, passed=overall >= 70,
                                                  ending="child_seen_safe" if overall >= 70 else "drift"))
    return attempt.id


@pytest.mark.parametrize("table,column,value", [
    ("results", "overall", 99),
    ("results", "passed", True),
    ("debriefs", "debrief", '{"overall": 40}'),
    ("choices", "choice_id", "ask-why"),
    ("learners", "name", "Someone Else"),
])
def test_verify_finds_tampering(store, table, column, value):
    code = store.create_session("c", 70, [SCENARIO]).code
    honest = _finished(store, code, "Ann", overall=90)
    victim = _finished(store, code, "Bob", overall=40)
    t = schema.metadata.tables[table]
    key = t.c.get("attempt_id")
    with store.engine.begin() as conn:
        if key is not None:
            conn.execute(update(t).where(key == victim).values({column: value}))
        else:
            conn.execute(update(t).where(t.c.name == "Bob").values({column: value}))
    checked, problems = store.verify(code)
    assert checked == 2
    assert [(p.attempt_id, p.message.split(":")[0]) for p in problems] == [(victim, "TAMPERED")]
    assert honest not in {p.attempt_id for p in problems}


def test_verify_tells_another_install_from_tampering(store, monkeypatch):
    code = store.create_session("c", 70, [SCENARIO]).code
    _finished(store, code, "Ann")
    monkeypatch.setenv("DOORSTEP_SECRET", "a-different-key")
    _, [problem] = store.verify(code)
    assert "another install" in problem.message and "TAMPERED" not in problem.message


def test_session_results_include_unfinished_attempts(store):
    code = store.create_session("c", 70, [SCENARIO]).code
    _finished(store, code, "Ann", overall=75)
    store.open_attempt(code, "Bob", SCENARIO.id, "abc123")
    rows = {r.learner: r for r in store.session_results(code)}
    assert rows["Ann"].passed is True and rows["Bob"].overall is None and rows["Bob"].finished_at is None
    assert store.outcome_counts(code) == (2, 2, [Outcome("late-again", ("arrival", "at-door", "end-seen"), 75, True,
                                                         {"child_focus": 75, "engagement": 25}, "child_seen_safe", 1)])


def test_corrupt_sqlite_file_gives_a_recovery_path(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    bad = tmp_path / "results.sqlite3"
    bad.write_bytes(b"this is not a database" * 200)
    with pytest.raises(StoreError) as caught:
        Store(f"sqlite:///{bad}")
    assert "damaged" in caught.value.message and "Move the file aside" in caught.value.hint
    assert "session sync" in caught.value.hint


def test_unreachable_postgres_is_explained_without_the_password(monkeypatch, tmp_path):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    with pytest.raises(StoreError) as caught:
        Store("postgresql://trainer:s3cret@127.0.0.1:1/doorstep")
    assert "Cannot reach" in caught.value.message and "s3cret" not in str(caught.value)
    assert "session sync" in caught.value.hint


def test_other_databases_are_refused(tmp_path):
    with pytest.raises(StoreError, match="SQLite or PostgreSQL"):
        Store("mysql://u@localhost/db")


def test_one_open_attempt_index_holds_in_the_database(store):
    code = store.create_session("c", 70, [SCENARIO]).code
    first = store.open_attempt(code, "Sam", SCENARIO.id, "abc123")
    with pytest.raises(Exception), store.engine.begin() as conn:
        row = conn.execute(select(schema.attempts).where(schema.attempts.c.id == first.id)).mappings().one()
        conn.execute(schema.attempts.insert().values({**row, "id": "other"}))
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.attempts)).scalar() == 1


def test_a_very_long_route_is_stored(store):
    # PostgreSQL refuses b-tree index entries over ~2.7 kB; routes must not be indexed there.
    code = store.create_session("c", 70, [SCENARIO]).code
    attempt = store.open_attempt(code, "Sam", SCENARIO.id, "abc123")
    route = [f"a-rather-long-node-name-number-{n}" for n in range(400)]
    store.finish_attempt(attempt.id, make_debrief(80, route=route, decisions=[]))
    assert store.outcome_counts(code)[2][0].route == tuple(route)


def test_signatures_cover_each_choices_text_scores_time_and_cost(store, monkeypatch):
    from game.storage import store as store_module
    code = store.create_session("c", 70, [SCENARIO]).code
    old = store.open_attempt(code, "Ola", SCENARIO.id, "abc123")
    store.record_choices(old.id, [choice(0)], None)
    with monkeypatch.context() as m:
        m.setattr(store_module, "SIG_VERSION", 1)  # a result signed before version 2
        store.finish_attempt(old.id, make_debrief(80))
    new = store.open_attempt(code, "Nia", SCENARIO.id, "abc123")
    store.record_choices(new.id, [choice(0)], None)
    store.finish_attempt(new.id, make_debrief(80))
    assert store.verify(code) == (2, [])  # each checked as it was signed
    for column, value in (("choice_text", "A kinder text"), ("scores", '{"child_focus": 9}'),
                          ("at", "2020-01-01T00:00:00Z"), ("cost", 7)):
        with store.engine.begin() as conn:
            before = conn.execute(select(schema.choices.c[column]).where(
                schema.choices.c.attempt_id == new.id)).scalar()
            conn.execute(schema.choices.update().where(schema.choices.c.attempt_id == new.id)
                         .values({column: value if value != before else
                                  (before + 1 if isinstance(before, int) else before + "!")}))
        assert [p.attempt_id for p in store.verify(code)[1]] == [new.id], column
        with store.engine.begin() as conn:
            conn.execute(schema.choices.update().where(schema.choices.c.attempt_id == new.id)
                         .values({column: before}))
    assert store.verify(code) == (2, [])
