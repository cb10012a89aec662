"""The player's API against the real server: practice without sign-in, and assessed play judged
by the server (join, choose by number and seq, resume, step away, one attempt each)."""
from __future__ import annotations

import concurrent.futures as cf

from game.core.loader import load_path
from game.web import protocol
from tests.server.conftest import DEMO, best_numbers, join, play_through

SCENARIO = load_path(str(DEMO))
BEST = best_numbers(SCENARIO)


def test_practice_plays_a_whole_scenario_with_feedback_and_rewind(server):
    with server.client() as c:
        listed = c.get("/api/scenarios").json()["scenarios"]
        assert "demo-late-again" in {s["id"] for s in listed}
        brief = c.get("/api/practice/demo-late-again/briefing").json()
        assert brief["title"] == "Late Again" and brief["referral"]
        r = c.post("/api/practice/start", json={"scenario": "demo-late-again"}).json()
        assert r["screen"]["phase"] == "decision" and r["screen"]["seq"] == 0 and r["screen"]["beats"]
        token = r["token"]
        for seq, n in enumerate(BEST):
            r = c.post("/api/practice/choose", json={"token": token, "seq": seq, "number": n}).json()
            token = r["token"]
            assert r["screen"]["feedback"]["strength"] == "strong"  # the best route, every card says so
        screen = r["screen"]
        assert screen["phase"] == "finished" and screen["debrief"]["passed"] is True
        assert screen["debrief"]["chart"] and screen["debrief"]["epilogue"]
        # Rewind to the first decision and take a weaker choice: the card names the stronger one.
        back = c.post("/api/practice/rewind", json={"token": token, "to": 0}).json()
        assert back["screen"]["seq"] == 0 and back["screen"]["phase"] == "decision"
        other = next(n for n in (1, 2, 3) if n != BEST[0])
        weaker = c.post("/api/practice/choose", json={"token": back["token"], "seq": 0, "number": other}).json()
        card = weaker["screen"]["feedback"]
        assert card["strength"] in ("mixed", "weak") and card["better"]


def test_practice_token_cannot_be_forged(server):
    with server.client() as c:
        token = c.post("/api/practice/start", json={"scenario": "demo-late-again"}).json()["token"]
        forged = token[:-2] + ("00" if token[-2:] != "00" else "11")
        r = c.post("/api/practice/choose", json={"token": forged, "seq": 0, "number": 1})
        assert r.status_code == 400 and "expired or its token is damaged" in r.json()["error"]


def test_assessed_play_is_judged_by_the_server(server):
    session = server.session()
    with server.client() as c:
        joined = join(c, session.code, "Sam Patel")
        current = joined["current"]
        assert current["briefing"]["pass_mark"] == 70 and current["screen"]["mode"] == "assessed"
        attempt = current["attempt"]["id"]
        last = play_through(c, attempt, BEST)
        assert last["attempt"]["status"] == "finished"
        debrief = last["screen"]["debrief"]
        assert debrief["passed"] is True and last["screen"]["feedback"] is None
        assert c.get("/api/me").json()["scenarios"][0]["status"] == "finished"
    checked, problems = server.store.verify(session.code)
    assert (checked, problems) == (1, [])
    row = server.store.result_row(attempt)
    assert row.passed is True and row.overall == debrief["overall"]
    # What the server stored is what the core says of the same numbers.
    expected = protocol.walk(SCENARIO, BEST, mode="assessed", pass_mark=70).debrief
    assert server.store.debrief(attempt)["overall"] == expected.overall


def test_a_repeated_choice_is_harmless_and_a_different_one_conflicts(server):
    session = server.session()
    with server.client() as c:
        attempt = join(c, session.code, "Sam")["current"]["attempt"]["id"]
        first = c.post(f"/api/attempts/{attempt}/choose", json={"seq": 0, "number": BEST[0]})
        again = c.post(f"/api/attempts/{attempt}/choose", json={"seq": 0, "number": BEST[0]})
        assert first.status_code == again.status_code == 200 and again.json()["screen"]["seq"] == 1
        other = next(n for n in (1, 2, 3) if n != BEST[0])
        clash = c.post(f"/api/attempts/{attempt}/choose", json={"seq": 0, "number": other})
        assert clash.status_code == 409 and clash.json()["expected_seq"] == 1
        ahead = c.post(f"/api/attempts/{attempt}/choose", json={"seq": 5, "number": 1})
        assert ahead.status_code == 409
        bad = c.post(f"/api/attempts/{attempt}/choose", json={"seq": 1, "number": 99})
        assert bad.status_code == 400 and "not offered" in bad.json()["error"]
    assert len(server.store.stored_choices(attempt)) == 1


def test_two_tabs_racing_get_one_attempt_and_one_choice_per_seq(server):
    session = server.session()
    with server.client() as c:
        join(c, session.code, "Ana")
        token = c.cookies.get("doorstep_learner")

        def me(_):
            with server.client(cookies={"doorstep_learner": token}) as tab:
                return tab.get("/api/me").json()["current"]["attempt"]["id"]
        with cf.ThreadPoolExecutor(8) as pool:
            ids = set(pool.map(me, range(8)))
        assert len(ids) == 1
        attempt = ids.pop()

        def choose(n):
            with server.client(cookies={"doorstep_learner": token}) as tab:
                return tab.post(f"/api/attempts/{attempt}/choose", json={"seq": 0, "number": n}).status_code
        with cf.ThreadPoolExecutor(6) as pool:
            codes = list(pool.map(choose, [1, 2, 3, 1, 2, 3]))
    assert codes.count(200) >= 1 and set(codes) <= {200, 409}
    assert len(server.store.stored_choices(attempt)) == 1


def test_one_attempt_per_learner_per_scenario(server):
    session = server.session()
    with server.client() as c:
        attempt = join(c, session.code, "Sam")["current"]["attempt"]["id"]
        play_through(c, attempt, BEST)
        again = join(c, session.code, "Sam")
        assert again["current"] is None and again["scenarios"][0]["attempt"] == attempt


def test_resume_after_reconnecting_continues_where_it_stopped(server):
    session = server.session()
    with server.client() as c:
        attempt = join(c, session.code, "Sam")["current"]["attempt"]["id"]
        play_through(c, attempt, BEST[:2])
        token = c.cookies.get("doorstep_learner")
    with server.client(headers={"Authorization": f"Bearer {token}"}) as other_client:
        screen = other_client.get(f"/api/attempts/{attempt}").json()["screen"]
        assert screen["seq"] == 2 and len(screen["history"]) == 2
        last = play_through(other_client, attempt, BEST, start_seq=2)
        assert last["screen"]["phase"] == "finished"


def test_stepping_away_withdraws_and_is_not_a_fail(server):
    session = server.session()
    with server.client() as c:
        attempt = join(c, session.code, "Sam")["current"]["attempt"]["id"]
        play_through(c, attempt, BEST[:1])
        r = c.post(f"/api/attempts/{attempt}/step-away", json={})
        assert r.status_code == 200, r.text
        assert r.json()["screen"]["phase"] == "withdrawn" and r.json()["attempt"]["status"] == "withdrawn"
        late = c.post(f"/api/attempts/{attempt}/choose", json={"seq": 1, "number": 1})
        assert late.status_code == 409
    assert server.store.progress(session.code)["withdrawn"] == 1


def test_a_result_lost_between_the_last_choice_and_signing_is_judged_on_the_next_request(server):
    from sqlalchemy import delete, update
    from game.storage import schema
    session = server.session()
    with server.client() as c:
        attempt = join(c, session.code, "Crash")["current"]["attempt"]["id"]
        play_through(c, attempt, BEST)
        # As if the server died after storing the last choice and before storing the result.
        with server.store.engine.begin() as conn:
            conn.execute(delete(schema.debriefs).where(schema.debriefs.c.attempt_id == attempt))
            conn.execute(delete(schema.results).where(schema.results.c.attempt_id == attempt))
            conn.execute(update(schema.attempts).where(schema.attempts.c.id == attempt).values(finished_at=None))
        again = c.post(f"/api/attempts/{attempt}/choose", json={"seq": len(BEST) - 1, "number": BEST[-1]})
        assert again.status_code == 200 and again.json()["screen"]["phase"] == "finished"
    assert server.store.result_row(attempt).passed is True
    assert server.store.verify(session.code) == (1, [])
