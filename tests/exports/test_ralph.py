"""The xAPI export against a real Learning Record Store: Ralph 5.1.0 on 127.0.0.1 (slow).

Ralph validates every statement against its xAPI models, answers 409 to a differing statement
with a stored id and 204 when a POST holds only statements it already has, and checks basic
auth: a stricter partner than the fake in test_xapi.py.
"""
from __future__ import annotations

import base64
import json
import urllib.parse
import urllib.request

import pytest

from game.exports import lrs, xapi
from game.storage.outbox import Outbox
from tests.exports import ralph_lrs
from tests.exports.conftest import HOSTILE
from tests.exports.scorm.harness import missing

pytestmark = pytest.mark.slow


def _need_ralph() -> None:
    if ralph_lrs.python() is None:
        missing(f"Ralph (in {ralph_lrs.venv()})", "sh scripts/test_tools.sh installs it")


@pytest.fixture(scope="module")
def ralph():
    _need_ralph()
    with ralph_lrs.running_ralph() as server:
        yield server


def _get(server: ralph_lrs.Ralph, **query) -> list[dict]:
    token = base64.b64encode(f"{ralph_lrs.USER}:{ralph_lrs.PASSWORD}".encode()).decode()
    request = urllib.request.Request(f"{server.url}statements?{urllib.parse.urlencode(query)}", headers={
        "Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())["statements"]


def test_a_session_is_stored_once_however_often_it_is_exported(ralph, cohort_store, tmp_path):
    store, code = cohort_store
    statements = xapi.session_statements(store, code, "https://doorstep.invalid")
    box = Outbox(tmp_path / "q.jsonl")
    first = lrs.send(ralph.url, statements, ralph_lrs.USER, ralph_lrs.PASSWORD, outbox=box)
    assert first.ok and first.sent == len(statements), first.summary()
    again = lrs.send(ralph.url, statements, ralph_lrs.USER, ralph_lrs.PASSWORD, outbox=box)
    assert again.ok and again.sent == 0 and again.already == len(statements), again.summary()
    stored = [s for s in ralph.stored() if s["id"] in {t["id"] for t in statements}]
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in statements)  # once each
    # Read back through the LRS's own API: what it stored is what was sent, markup as plain text.
    # (Its filesystem backend ignores the verb filter, so filter here.)
    mine = [s for s in _get(ralph, limit=100)
            if s["id"] in {t["id"] for t in statements} and s["verb"]["id"] == xapi.VERBS["passed"]]
    assert len(mine) == 2 and {s["actor"]["name"] for s in mine} == {"Ann Able", HOSTILE}
    assert all(s["result"]["success"] is True and 0 <= s["result"]["score"]["scaled"] <= 1 for s in mine)


def test_a_later_session_is_a_second_write_to_the_same_file(ralph, cohort_store, tmp_path):
    store, code = cohort_store
    other = store.create_session("Wednesday", 70, [store.get_session(code).scenarios[0]]).code
    attempt = store.open_attempt(other, "Eve Evans", store.get_session(code).scenarios[0].id, "x")
    assert attempt
    for session in (code, other):
        statements = xapi.session_statements(store, session, "https://doorstep.invalid/second")
        report = lrs.send(ralph.url, statements, ralph_lrs.USER, ralph_lrs.PASSWORD, outbox=Outbox(tmp_path / "q"))
        assert report.ok and report.sent == len(statements), report.summary()
    assert any(s["actor"]["name"] == "Eve Evans" for s in ralph.stored())


def test_wrong_credentials_are_refused_and_nothing_is_stored(ralph, cohort_store, tmp_path):
    store, code = cohort_store
    statements = xapi.session_statements(store, code, "https://doorstep.invalid/refused")
    report = lrs.send(ralph.url, statements, ralph_lrs.USER, "not-the-password", outbox=Outbox(tmp_path / "q"))
    assert not report.ok and report.sent == 0 and "HTTP 401" in report.rejected[0]
    assert not any(s["id"] in {t["id"] for t in statements} for s in ralph.stored())


def test_credentials_in_the_url_reach_ralph_and_are_not_printed(ralph, cohort_store, tmp_path):
    store, code = cohort_store
    statements = xapi.session_statements(store, code, "https://doorstep.invalid/in-url")
    url = ralph.url.replace("http://", f"http://{ralph_lrs.USER}:{ralph_lrs.PASSWORD}@")
    report = lrs.send(url, statements, None, None, outbox=Outbox(tmp_path / "q"))
    assert report.ok and report.sent == len(statements)
    assert ralph_lrs.PASSWORD not in report.summary()


def test_ralph_as_shipped_refuses_a_second_write_to_its_file(cohort_store, tmp_path):
    """Why the fixture patches Ralph (tests/exports/ralph/server.py). When a Ralph release fixes
    this, the test fails: then drop the patch."""
    _need_ralph()
    store, code = cohort_store
    statements = xapi.session_statements(store, code, "https://doorstep.invalid/as-shipped")
    with ralph_lrs.running_ralph(as_shipped=True) as plain:
        first = lrs.send(plain.url, statements[:2], ralph_lrs.USER, ralph_lrs.PASSWORD,
                         outbox=Outbox(tmp_path / "q1"), retries=0)
        second = lrs.send(plain.url, statements[2:4], ralph_lrs.USER, ralph_lrs.PASSWORD,
                          outbox=Outbox(tmp_path / "q2"), retries=0)
        log = (plain.directory / "server.log").read_text("utf-8", "replace")
    assert first.ok and first.sent == 2
    assert second.queued == 2 and second.sent == 0  # a 500, so kept to try again
    assert "already exists and overwrite is not allowed" in log


def test_statements_filed_under_the_lms_account_can_be_found_by_it(ralph, cohort_store, tmp_path):
    store, code = cohort_store
    moodle = xapi.LaunchIdentity(home_page="https://moodle.council.example", id="u-4242")
    statements = xapi.session_statements(store, code, "https://doorstep.invalid/lms", {"Cat Cole": moodle})
    assert lrs.send(ralph.url, statements, ralph_lrs.USER, ralph_lrs.PASSWORD, outbox=Outbox(tmp_path / "q")).ok
    agent = json.dumps({"objectType": "Agent", "account": {"homePage": moodle.home_page, "name": moodle.id}})
    found = _get(ralph, agent=agent, limit=100)
    assert found and all(s["actor"]["account"]["name"] == "u-4242" for s in found)
    assert {s["id"] for s in found} == {s["id"] for s in statements if s["actor"]["account"]["name"] == "u-4242"}
