"""The trainer dashboard against the real server: sign-in, each trainer's own sessions, the
read-only manager, live progress, downloads, the audit log and route labels."""
from __future__ import annotations

import csv
import io
import re

from game.core.loader import load_path
from tests.server.conftest import DEMO, PASSWORD, best_numbers, csrf_of, join, play_through, sign_in

SCENARIO = load_path(str(DEMO))
BEST = best_numbers(SCENARIO)


def test_sign_in_needs_the_right_password_and_is_throttled(server):
    with server.client() as c:
        assert c.get("/trainer").status_code == 303  # to the sign-in page
        assert sign_in(c, "alex", "wrong password!").status_code == 400
        assert sign_in(c, "nobody-at-all", "wrong password!").status_code == 400
        ok = sign_in(c, "alex")
        assert ok.status_code == 303 and "doorstep_trainer" in c.cookies
        assert "Your sessions" in c.get("/trainer").text
    from game.server import accounts
    accounts.add(server.store, "tess", "Tess", PASSWORD, "trainer")
    with server.client() as c:
        codes = [sign_in(c, "tess", "not her password").status_code for _ in range(6)]
        assert codes[:5] == [400] * 5 and codes[5] == 429
        assert sign_in(c, "tess").status_code == 429  # the right password waits too
        assert sign_in(c, "alex").status_code == 303  # other accounts from the same room do not


def test_a_trainer_makes_a_session_and_follows_it_live(server):
    with server.client() as c:
        sign_in(c, "alex")
        token = csrf_of(c.get("/trainer").text)
        r = c.post("/trainer/sessions", data={"csrf": token, "name": "Tuesday cohort", "pass_mark": "60",
                                              "scenario": "demo-late-again"})
        assert r.status_code == 303
        code = r.headers["location"].rsplit("/", 1)[1]
        session = server.store.get_session(code)
        assert session.pass_mark == 60 and session.scenarios[0].bundle  # pinned source
        with server.client() as learner:
            attempt = join(learner, code, "Sam")["current"]["attempt"]["id"]
            progress = c.get(f"/trainer/sessions/{code}/progress.json").json()
            assert (progress["learners"], progress["started"], progress["finished"]) == (1, 1, 0)
            play_through(learner, attempt, BEST)
        with server.client() as learner:
            second = join(learner, code, "Kim")["current"]["attempt"]["id"]
            learner.post(f"/api/attempts/{second}/step-away", json={})
        progress = c.get(f"/trainer/sessions/{code}/progress.json").json()
        assert progress == {"code": code, "open": True, "learners": 2, "started": 2, "finished": 1,
                            "withdrawn": 1, "passed": 1}
        page = c.get(f"/trainer/sessions/{code}").text
        assert "Tuesday cohort" in page and "certificate" in page
        # Route maps name what happens at each place, never generated ids like 'L98'.
        route = re.search(r'<ol class="route">(.*?)</ol>', page, re.S).group(1)
        assert "Ending:" in route and not re.search(r"\bL\d+\b", route)
        rows = list(csv.DictReader(io.StringIO(c.get(f"/trainer/sessions/{code}/results.csv").text)))
        assert {r["learner"] for r in rows} == {"Sam", "Kim"}
        assert next(r for r in rows if r["learner"] == "Sam")["integrity"] == "ok"
        statements = c.get(f"/trainer/sessions/{code}/xapi.json").json()
        assert any(s["verb"]["id"].endswith("/passed") for s in statements)
        assert c.get(f"/trainer/sessions/{code}/report.html").status_code == 200
        cert = c.get(f"/trainer/attempts/{attempt}/certificate")
        assert cert.status_code == 200 and "Sam" in cert.text
        verified = c.post(f"/trainer/sessions/{code}/verify", data={"csrf": token})
        assert "1 result(s) checked; 0 failed" in verified.text
        c.post(f"/trainer/sessions/{code}/close", data={"csrf": token})
    actions = [e.action for e in server.store.audit_entries(code)]
    for action in ("session_create", "export_csv", "export_xapi", "export_report", "certificate",
                   "session_verify", "session_close"):
        assert action in actions
    with server.client() as late:
        r = late.post("/api/join", json={"code": code, "name": "Late"})
        assert r.status_code == 403 and "closed" in r.json()["error"]


def test_a_trainer_sees_only_their_own_sessions(server):
    alexs = server.session(owner="alex", name="Alex's group")
    beas = server.session(owner="bea", name="Bea's group")
    with server.client() as c:
        sign_in(c, "bea")
        listing = c.get("/trainer").text
        assert "Bea&#39;s group" in listing and "Alex&#39;s group" not in listing
        for path in (f"/trainer/sessions/{alexs.code}", f"/trainer/sessions/{alexs.code}/results.csv",
                     f"/trainer/sessions/{alexs.code}/xapi.json", f"/trainer/sessions/{alexs.code}/progress.json"):
            assert c.get(path).status_code == 404, path
        token = csrf_of(listing)
        assert c.post(f"/trainer/sessions/{alexs.code}/close", data={"csrf": token}).status_code == 404
        assert c.get(f"/trainer/sessions/{beas.code}").status_code == 200
    assert server.store.get_session(alexs.code).is_open


def test_a_manager_reads_every_session_and_changes_none(server):
    alexs = server.session(owner="alex", name="Alex's second group")
    with server.client() as c:
        sign_in(c, "max")
        listing = c.get("/trainer").text
        assert "Alex&#39;s second group" in listing and "New session" not in listing
        assert c.get(f"/trainer/sessions/{alexs.code}/results.csv").status_code == 200
        token = csrf_of(listing)
        assert c.post(f"/trainer/sessions/{alexs.code}/close", data={"csrf": token}).status_code == 403
        r = c.post("/trainer/sessions", data={"csrf": token, "name": "x", "pass_mark": "70",
                                              "scenario": "demo-late-again"})
        assert r.status_code == 403
        assert "Audit log" in c.get("/trainer/audit").text
    assert server.store.get_session(alexs.code).is_open


def test_signing_out_and_a_password_change_end_the_sign_in(server):
    from game.server import accounts
    with server.client() as c:
        sign_in(c, "alex")
        cookie = c.cookies.get("doorstep_trainer")
        token = csrf_of(c.get("/trainer").text)
        assert c.post("/trainer/logout", data={"csrf": token}).status_code == 303
    with server.client(cookies={"doorstep_trainer": cookie}) as stolen:
        assert stolen.get("/trainer").status_code == 200  # a copied cookie still works...
        accounts.reset_password(server.store, "alex", "another long password")
        assert stolen.get("/trainer").status_code == 303  # ...until the password changes
    accounts.reset_password(server.store, "alex", "correct horse battery")


def test_pages_are_escaped_and_carry_security_headers(server):
    with server.client() as c:
        r = c.get("/trainer/login")
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert 'lang="en"' in r.text and '<label for="password">' in r.text


def test_the_trainer_lets_a_learner_rejoin_from_another_machine(server):
    session = server.session(owner="alex")
    with server.client() as first:
        attempt = join(first, session.code, "Ray")["current"]["attempt"]["id"]
    with server.client() as laptop:
        assert laptop.post("/api/join", json={"code": session.code, "name": "Ray"}).status_code == 409
        with server.client() as c:
            sign_in(c, "alex")
            token = csrf_of(c.get(f"/trainer/sessions/{session.code}").text)
            assert c.post(f"/trainer/sessions/{session.code}/rejoin",
                          data={"csrf": token, "learner": "Ray"}).status_code == 303
            missing = c.post(f"/trainer/sessions/{session.code}/rejoin", data={"csrf": token, "learner": "Nobody"})
            assert missing.status_code == 404
        assert join(laptop, session.code, "Ray")["current"]["attempt"]["id"] == attempt
    assert "learner_rejoin" in [e.action for e in server.store.audit_entries(session.code)]
