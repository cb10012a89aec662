"""xAPI statements: valid against our schema, sent to a fake LRS with retries, queued when it is down."""
from __future__ import annotations

import base64
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jsonschema
import pytest

from game.exports import lrs, xapi
from game.storage import paths
from game.storage.outbox import Outbox
from tests.exports.conftest import HOSTILE

VALIDATOR = jsonschema.Draft202012Validator(xapi.schema())


class FakeLRS:
    """A Learning Record Store on 127.0.0.1 that validates statements like a strict LRS would."""

    def __init__(self, fail_first: int = 0, port: int = 0, redirect_to: str = "", answer: bytes = b""):
        self.statements: dict[str, dict] = {}
        self.requests = 0
        self.fail_first = fail_first
        self.redirect_to = redirect_to  # answer every POST with a 302 to here
        self.answer = answer            # answer every POST with 200 and this body
        self.auth: list[str] = []
        self.seen: list[tuple[str, str, str]] = []  # (method, path, Authorization) of every request
        lrs_ = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                lrs_.seen.append(("GET", self.path, self.headers.get("Authorization", "")))
                return self._answer(200, {"statements": []})

            def do_POST(self):
                lrs_.requests += 1
                lrs_.seen.append(("POST", self.path, self.headers.get("Authorization", "")))
                batch = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                lrs_.auth.append(self.headers.get("Authorization", ""))
                if lrs_.redirect_to:
                    self.send_response(302)
                    self.send_header("Location", lrs_.redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if lrs_.answer:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(lrs_.answer)))
                    self.end_headers()
                    self.wfile.write(lrs_.answer)
                    return
                if lrs_.requests <= lrs_.fail_first:
                    return self._answer(503, {"error": "busy"})
                if self.path != "/xapi/statements" or self.headers.get("X-Experience-API-Version") != "1.0.3":
                    return self._answer(400, {"error": "bad path or version header"})
                for s in batch:
                    errors = [e.message for e in VALIDATOR.iter_errors(s)]
                    if errors:
                        return self._answer(400, {"error": errors})
                if any(s["id"] in lrs_.statements for s in batch):
                    return self._answer(409, {"error": "conflict"})
                lrs_.statements.update({s["id"]: s for s in batch})
                return self._answer(200, [s["id"] for s in batch])

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/xapi/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens here once the socket is closed


def test_statements_are_valid_and_complete(cohort_store):
    store, code = cohort_store
    statements = xapi.session_statements(store, code, "https://lrs.example.org/doorstep")
    for s in statements:
        VALIDATOR.validate(s)
    verbs = [s["verb"]["display"]["en-GB"] for s in statements]
    assert verbs.count("launched") == 5 and verbs.count("completed") == 4 and verbs.count("answered") == 4
    assert (verbs.count("passed"), verbs.count("failed")) == (2, 2)
    verdict = next(s for s in statements if s["verb"]["display"]["en-GB"] == "passed")
    assert 0 <= verdict["result"]["score"]["scaled"] <= 1 and verdict["result"]["success"] is True
    answered = next(s for s in statements if s["verb"]["display"]["en-GB"] == "answered")
    assert answered["result"]["extensions"]["https://lrs.example.org/doorstep/xapi/competency-scores"] == {"child_focus": 1}
    assert any(s["actor"]["name"] == HOSTILE for s in statements)  # data, sent as JSON text
    assert len({s["id"] for s in statements}) == len(statements)
    assert xapi.session_statements(store, code, "https://lrs.example.org/doorstep") == statements  # stable ids


def test_statements_carry_the_lms_identity_where_the_launch_gave_one(cohort_store):
    store, code = cohort_store
    moodle = xapi.LaunchIdentity(home_page="https://moodle.council.example", id="u1234", name="Ann Able (Moodle)")
    statements = xapi.session_statements(store, code, "https://doorstep.invalid", {"Ann Able": moodle})
    for s in statements:
        VALIDATOR.validate(s)
    actors = {s["actor"]["name"]: s["actor"]["account"] for s in statements}
    assert actors["Ann Able (Moodle)"] == {"homePage": "https://moodle.council.example", "name": "u1234"}
    assert actors["Bob Brown"] == {"homePage": "https://doorstep.invalid", "name": f"{code}/Bob Brown"}


def test_sent_to_the_lrs_with_auth_and_retries(cohort_store):
    store, code = cohort_store
    statements = xapi.session_statements(store, code, "https://doorstep.invalid")
    with FakeLRS(fail_first=2) as fake:
        report = lrs.send(fake.url, statements, "key", "secret", backoff=0.01)
        assert report.ok and report.sent == len(statements) == len(fake.statements)
        assert fake.auth[-1] == "Basic " + base64.b64encode(b"key:secret").decode()
        again = lrs.send(fake.url, statements, "key", "secret", backoff=0.01)  # a repeated export
        assert again.ok and again.already == len(statements) and len(fake.statements) == len(statements)


def test_invalid_statement_is_reported_not_queued(tmp_path):
    box = Outbox(tmp_path / "x.jsonl")
    with FakeLRS() as fake:
        report = lrs.send(fake.url, [{"id": "not-a-uuid"}], None, None, outbox=box, backoff=0.01)
    assert not report.ok and report.rejected and "HTTP 400" in report.rejected[0] and box.entries() == []


def test_unreachable_lrs_queues_then_sends_in_order(cohort_store):
    store, code = cohort_store
    statements = xapi.session_statements(store, code, "https://doorstep.invalid")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/xapi/"
    down = lrs.send(url, statements[:5], "k", "s", retries=1, backoff=0.01, timeout=2)
    assert not down.ok and down.queued == 5
    queue = Outbox(paths.xapi_outbox_path(lrs.statements_endpoint(url)))
    assert [len(e["statements"]) for e in queue.entries()] == [5]
    with FakeLRS(port=port) as fake:  # the LRS is back: the queue goes first, then the new ones
        up = lrs.send(url, statements[5:], "k", "s", backoff=0.01)
        assert up.ok and up.sent == len(statements)
        assert set(fake.statements) == {s["id"] for s in statements}
    assert queue.entries() == []


@pytest.mark.parametrize("url", ["http://h/xapi", "http://h/xapi/", "http://h/xapi/statements"])
def test_endpoint_naming(url):
    assert lrs.statements_endpoint(url) == "http://h/xapi/statements"


def _statements(n: int) -> list[dict]:
    """n valid statements with distinct, stable ids (a big session's export)."""
    return [{"id": str(uuid.uuid5(xapi.NAMESPACE, f"test/{i}")), "timestamp": "2026-11-23T10:00:00Z",
             "actor": {"objectType": "Agent", "name": "Ann", "account": {"homePage": "https://doorstep.invalid",
                                                                        "name": "ABC/Ann"}},
             "verb": {"id": xapi.VERBS["launched"], "display": {"en-GB": "launched"}},
             "object": {"objectType": "Activity", "id": f"https://doorstep.invalid/scenarios/s{i}"}}
            for i in range(n)]


def test_a_redirect_is_never_followed_with_the_credentials(tmp_path):
    with FakeLRS() as elsewhere, FakeLRS(redirect_to=f"{elsewhere.url}statements?stolen=1") as lrs_:
        report = lrs.send(lrs_.url, _statements(3), "key", "secret", outbox=Outbox(tmp_path / "q.jsonl"),
                          backoff=0.01)
    assert elsewhere.seen == []  # no GET (nor anything) carried the Authorization header there
    assert report.sent == 0 and not report.ok
    assert "redirects to" in report.summary() and "127.0.0.1" in report.summary()


def test_only_an_answer_with_the_statement_ids_counts_as_sent(tmp_path):
    with FakeLRS(answer=b"<html>Please sign in</html>") as portal:
        report = lrs.send(portal.url, _statements(3), "key", "secret", outbox=Outbox(tmp_path / "q.jsonl"),
                          backoff=0.01)
    assert report.sent == 0 and not report.ok and "statement ids" in report.rejected[0]


def test_an_export_repeated_while_the_lrs_is_down_queues_each_statement_once(tmp_path):
    statements = _statements(432)
    url = f"http://127.0.0.1:{_free_port()}/xapi/"
    box = Outbox(tmp_path / "q.jsonl")
    for _ in range(4):
        down = lrs.send(url, statements, "k", "s", outbox=box, retries=0, timeout=2)
        assert down.queued == 432 and down.sent == 0
    queued = [s["id"] for e in box.entries() for s in e["statements"]]
    assert len(queued) == 432 == len(set(queued))  # not 1,728
    with FakeLRS(port=int(url.split(":")[2].split("/")[0])) as back:
        up = lrs.send(url, statements, "k", "s", outbox=box, backoff=0.01)
    assert up.ok and up.sent == 432 and len(back.statements) == 432 and box.entries() == []
    assert back.requests == 432 // lrs.BATCH + 1 and up.already == 0  # each sent once, in batches


def test_a_password_in_the_lrs_url_is_used_but_never_printed(tmp_path):
    with FakeLRS() as fake:
        secret_url = fake.url.replace("http://", "http://key:hunter%402@")
        report = lrs.send(secret_url, _statements(2), None, None, outbox=Outbox(tmp_path / "q.jsonl"))
    assert report.ok and fake.auth[-1] == "Basic " + base64.b64encode(b"key:hunter@2").decode()
    assert "hunter" not in report.summary() and "key:" not in report.summary()
    assert paths.xapi_outbox_path(report.endpoint) == paths.xapi_outbox_path(lrs.statements_endpoint(fake.url))


def test_the_export_command_never_prints_a_password_from_the_url(cohort_store, tmp_path, capsys):
    from game.cli.main import main
    store, code = cohort_store
    url = f"http://key:hunter2@127.0.0.1:{_free_port()}/xapi/"
    status = main(["export", "xapi", "--session", code, "--lrs", url, "--db", f"sqlite:///{tmp_path / 'results.sqlite3'}"])
    out = capsys.readouterr()
    assert status == 1 and "queued" in out.err
    assert "hunter2" not in out.err + out.out
