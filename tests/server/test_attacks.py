"""The attacks an assessed session must survive, tried against the real server: forged scores
and debriefs, another learner's attempt, an edited local scenario, tampered and deleted rows,
cross-site forms, oversized bodies, control characters, names taken over."""
from __future__ import annotations

import json
import re

from sqlalchemy import delete, text, update

from game.core.loader import load_path
from game.exports.cohort import gather
from game.exports.tabular import cohort_csv
from game.exports.xapi import session_statements
from game.storage import schema
from game.web import protocol
from tests.server.conftest import DEMO, best_numbers, csrf_of, join, play_through, sign_in

SCENARIO = load_path(str(DEMO))
BEST = best_numbers(SCENARIO)


def worst_numbers():
    from game.core.analysis import TOTAL, analyse
    from game.core import engine
    costs = analyse(SCENARIO).choice_costs
    state, numbers = engine.start(SCENARIO, "assessed"), []
    while not (state := engine.to_next_decision(SCENARIO, state)).finished:
        offered = engine.offered(SCENARIO, state)
        n = max(range(1, len(offered) + 1), key=lambda k: costs[offered[k - 1].key].cost[TOTAL])
        numbers.append(n)
        state = engine.choose_number(SCENARIO, state, n)
    return numbers


def test_a_client_cannot_send_a_score_or_a_debrief(server):
    session = server.session()
    with server.client() as c:
        attempt = join(c, session.code, "Forger")["current"]["attempt"]["id"]
        for extra in ({"overall": 100}, {"debrief": {"passed": True, "overall": 100}}, {"at": "2020-01-01"}):
            r = c.post(f"/api/attempts/{attempt}/choose", json={"seq": 0, "number": 1, **extra})
            assert r.status_code == 400 and "Only 'seq' and 'number'" in r.json()["error"]
        # There is no endpoint that takes a result at all.
        for path in (f"/api/attempts/{attempt}/finish", f"/api/attempts/{attempt}/result"):
            assert c.post(path, json={"overall": 100, "passed": True}).status_code in (404, 405)
        last = play_through(c, attempt, worst_numbers())
    assert last["screen"]["debrief"]["passed"] is False
    assert server.store.result_row(attempt).passed is False  # the server's verdict, signed
    assert server.store.verify(session.code) == (1, [])


def test_another_learners_attempt_is_403(server):
    session = server.session()
    with server.client() as sam, server.client() as kim:
        sams = join(sam, session.code, "Sam")["current"]["attempt"]["id"]
        join(kim, session.code, "Kim")
        assert kim.get(f"/api/attempts/{sams}").status_code == 403
        assert kim.post(f"/api/attempts/{sams}/choose", json={"seq": 0, "number": 1}).status_code == 403
        assert kim.post(f"/api/attempts/{sams}/step-away", json={}).status_code == 403
        assert kim.get("/api/attempts/no-such-attempt").status_code == 403  # ids cannot be probed
    with server.client() as nobody:
        assert nobody.get(f"/api/attempts/{sams}").status_code == 401
        forged = nobody.get(f"/api/attempts/{sams}", headers={"Authorization": "Bearer e30.abc"})
        assert forged.status_code == 401
    assert server.store.stored_choices(sams) == []


def test_a_taken_name_cannot_be_joined_from_another_browser_until_the_trainer_allows(server):
    session = server.session()
    with server.client() as first:
        attempt = join(first, session.code, "Sam Lee")["current"]["attempt"]["id"]
        play_through(first, attempt, BEST[:1])
        old_token = first.cookies.get("doorstep_learner")
    with server.client() as thief:
        r = thief.post("/api/join", json={"code": session.code, "name": "sam  LEE"})
        assert r.status_code == 409 and "already joined" in r.json()["error"]
    assert server.store.allow_rejoin(session.code, "Sam Lee")
    with server.client() as laptop:  # the real Sam, on another machine, after the trainer said yes
        again = join(laptop, session.code, "Sam Lee")
        assert again["current"]["attempt"]["id"] == attempt and again["current"]["screen"]["seq"] == 1
    with server.client(cookies={"doorstep_learner": old_token}) as stale:
        assert stale.get(f"/api/attempts/{attempt}").status_code == 401  # the old token is spent


def edited_to_pass_anything(text_: str) -> str:
    """The scenario with every score's sign flipped, every ending made 'safe' and no critical
    faults: what a learner editing their local copy would do."""
    names = "child_focus|avoiding_collusion|engagement|escalation|recording|personal_safety"
    text_ = re.sub(rf"({names}): (-?\d+)", lambda m: f"{m.group(1)}: {-int(m.group(2))}", text_)
    text_ = re.sub(r"ending: (drift|risk_unseen|child_harmed|over_escalated|relationship_broken"
                   r"|worker_harmed)", "ending: child_seen_safe", text_)
    return re.sub(r"\n\s*critical: .*", "", text_)


def test_editing_the_scenario_file_after_the_session_was_made_changes_nothing(server):
    local = server.scenarios / "demo-late-again.yaml"
    session = server.session(local)
    pristine = local.read_text(encoding="utf-8")
    try:
        local.write_text(edited_to_pass_anything(pristine), encoding="utf-8")
        edited = load_path(str(local))
        numbers = best_numbers(edited)
        assert protocol.walk(edited, numbers, mode="assessed").debrief.passed  # a real attack
        truth = protocol.walk(SCENARIO, numbers, mode="assessed", pass_mark=70).debrief
        assert not truth.passed
        with server.client() as c:
            attempt = join(c, session.code, "Editor")["current"]["attempt"]["id"]
            last = play_through(c, attempt, numbers)
        assert last["screen"]["debrief"]["passed"] is False
        assert last["screen"]["debrief"]["overall"] == truth.overall
        assert server.store.result_row(attempt).passed is False
    finally:
        local.write_text(pristine, encoding="utf-8")


def _finished(server, session, name, numbers):
    with server.client() as c:
        attempt = join(c, session.code, name)["current"]["attempt"]["id"]
        play_through(c, attempt, numbers)
    return attempt


def test_tampered_and_deleted_rows_are_reported_and_left_out(server):
    session = server.session()
    failed = _finished(server, session, "Fay", worst_numbers())
    honest = _finished(server, session, "Hal", BEST)
    removed = _finished(server, session, "Del", BEST)
    choice_edit = _finished(server, session, "Cy", worst_numbers())
    with server.store.engine.begin() as conn:
        conn.execute(update(schema.results).where(schema.results.c.attempt_id == failed)
                     .values(passed=True, overall=100))  # a fail turned into a pass
        conn.execute(delete(schema.debriefs).where(schema.debriefs.c.attempt_id == removed))
        conn.execute(delete(schema.results).where(schema.results.c.attempt_id == removed))
        conn.execute(update(schema.choices).where(schema.choices.c.attempt_id == choice_edit)
                     .values(choice_text="Something kinder than what was chosen"))
    checked, problems = server.store.verify(session.code)
    found = {p.attempt_id: p.message for p in problems}
    assert set(found) == {failed, removed, choice_edit} and checked == 4
    assert found[removed].startswith("DELETED") and found[failed].startswith("TAMPERED")
    cohort = gather(server.store, session.code)
    assert cohort.passed == 1 and cohort.finished == 1  # only Hal's verified result counts
    csv = cohort_csv(cohort)
    assert "DELETED" in csv and csv.count("TAMPERED") == 2
    statements = session_statements(server.store, session.code, "https://lrs.example")
    assert {s["context"]["extensions"]["https://lrs.example/xapi/attempt"] for s in statements} == {honest}
    with server.client() as c:
        assert sign_in(c, "alex").status_code in (200, 303)
        page = c.get(f"/trainer/sessions/{session.code}")
        assert page.status_code == 200 and "failed the integrity check" in page.text
        assert "DELETED" in page.text
        cert = c.get(f"/trainer/attempts/{failed}/certificate")
        assert cert.status_code == 409 and "integrity" in cert.text
        assert c.get(f"/trainer/attempts/{honest}/certificate").status_code == 200


def test_forms_need_the_csrf_token_and_this_site_as_origin(server):
    session = server.session()
    with server.client() as c:
        sign_in(c, "alex")
        page = c.get("/trainer")
        token = csrf_of(page.text)
        no_token = c.post(f"/trainer/sessions/{session.code}/close", data={})
        assert no_token.status_code == 403
        other_site = c.post(f"/trainer/sessions/{session.code}/close", data={"csrf": token},
                            headers={"Origin": "https://evil.example"})
        assert other_site.status_code == 403
        assert server.store.get_session(session.code).is_open
        ok = c.post(f"/trainer/sessions/{session.code}/close", data={"csrf": token})
        assert ok.status_code == 303 and not server.store.get_session(session.code).is_open
    with server.client() as stranger:  # another browser's token does not fit this one's cookie
        stranger.get("/trainer/login")
        r = stranger.post("/trainer/login", data={"username": "alex", "password": "x", "csrf": token})
        assert r.status_code == 403


def test_a_learner_cookie_cannot_be_used_by_a_cross_site_form(server):
    session = server.session()
    with server.client() as c:
        attempt = join(c, session.code, "Flo")["current"]["attempt"]["id"]
        r = c.post(f"/api/attempts/{attempt}/choose", data={"seq": "0", "number": "1"})
        assert r.status_code == 415
    assert server.store.stored_choices(attempt) == []


def test_oversized_bodies_are_refused_with_413(server):
    with server.client() as c:
        big = json.dumps({"code": "X" * 100_000, "name": "a"})
        r = c.post("/api/join", content=big, headers={"Content-Type": "application/json"})
        assert r.status_code == 413

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(100):
                yield b"x" * 1024
        r = c.post("/api/join", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413


def test_nul_and_terminal_escapes_are_refused_before_the_database(server):
    session = server.session()
    with server.client() as c:
        for name in ("Sam\x00Lee", "\x1b[2J\x1b[31mAdmin", "Sam\u202eeeL", "x\x9b31m"):
            r = c.post("/api/join", json={"code": session.code, "name": name})
            assert r.status_code == 400 and "control characters" in r.json()["error"], name
        sign_in(c, "alex")
        token = csrf_of(c.get("/trainer").text)
        r = c.post("/trainer/sessions", data={"csrf": token, "name": "Cohort\x00", "pass_mark": "70",
                                              "scenario": "demo-late-again"})
        assert r.status_code == 400
    with server.store.engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM learners")).scalars().all()
    assert not any("\x00" in n or "\x1b" in n for n in names)


def test_markup_in_a_name_is_shown_as_text_on_the_dashboard(server):
    session = server.session()
    with server.client() as c:
        join(c, session.code, "<script>alert(1)</script>")
        sign_in(c, "alex")
        page = c.get(f"/trainer/sessions/{session.code}").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_guessing_join_codes_is_throttled(server):
    with server.client() as c:
        codes = [c.post("/api/join", json={"code": f"QQQQ{i:02d}", "name": "Guesser"}).status_code
                 for i in range(12)]
        assert codes[:10] == [404] * 10 and codes[10:] == [429, 429]
        session = server.session()
        r = c.post("/api/join", json={"code": session.code, "name": "Guesser"})
        assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0  # even the right code waits
