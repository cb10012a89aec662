"""xAPI statements: valid against our schema, sent to a fake LRS with retries, queued when it is down."""
from __future__ import annotations

import base64
import json
import threading
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

    def __init__(self, fail_first: int = 0, port: int = 0):
        self.statements: dict[str, dict] = {}
        self.requests = 0
        self.fail_first = fail_first
        self.auth: list[str] = []
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

            def do_POST(self):
                lrs_.requests += 1
                batch = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                lrs_.auth.append(self.headers.get("Authorization", ""))
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
