"""The Doorstep server's learner API from Python (docs/protocol.md), standard library only.

    client = ServerClient("https://doorstep.example.org", token=None)
    enrolment = client.join("K7MXQ3", "Sam Patel")     # keeps the learner token it is given
    reply = client.choose(attempt_id, seq=0, number=2)  # {"attempt", "screen"}

A server that answers with an error raises ServerError (its sentence and hint, and the status);
a server that cannot be reached raises Offline, which means "nothing was decided: the same
request may be sent again" (the server de-duplicates choices by attempt and seq).
"""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request



class ServerError(Exception):
    """The server answered, and refused: `message` and `hint` are for the learner."""

    def __init__(self, message: str, hint: str = "", status: int = 0, detail: dict | None = None):
        super().__init__(message)
        self.message, self.hint, self.status, self.detail = message, hint, status, detail or {}


class Offline(ServerError):
    """The server could not be reached (or answered 502-504 from a proxy): try again later."""


def normalise_url(url: str) -> str:
    """`url` as a base the API paths hang from; ServerError for anything but http(s)."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ServerError(f"'{url}' is not a server address.",
                          "Use the address your trainer gave you, e.g. https://doorstep.example.org")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


class ServerClient:
    def __init__(self, url: str, token: str | None = None, timeout: float = 10.0):
        self.url = normalise_url(url)
        self.token = token
        self.timeout = timeout

    # -- the learner API -------------------------------------------------------------------------

    def join(self, code: str, name: str) -> dict:
        """Join a session: the enrolment (session, scenarios, the attempt to play now)."""
        reply = self.call("POST", "/api/join", {"code": code, "name": name})
        self.token = reply.get("token") or self.token
        return reply

    def me(self) -> dict:
        return self.call("GET", "/api/me")

    def attempt(self, attempt_id: str) -> dict:
        return self.call("GET", f"/api/attempts/{urllib.parse.quote(attempt_id)}")

    def choose(self, attempt_id: str, seq: int, number: int) -> dict:
        return self.call("POST", f"/api/attempts/{urllib.parse.quote(attempt_id)}/choose",
                         {"seq": seq, "number": number})

    def step_away(self, attempt_id: str) -> dict:
        return self.call("POST", f"/api/attempts/{urllib.parse.quote(attempt_id)}/step-away", {})

    # -- plumbing --------------------------------------------------------------------------------

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _json(response.read())
        except urllib.error.HTTPError as err:
            detail = _json(err.read(), quiet=True)
            message = detail.get("error") or f"The server answered {err.code} ({err.reason})."
            if 502 <= err.code <= 504:
                raise Offline(message, "The server is not answering just now.", err.code,
                              detail) from None
            raise ServerError(message, detail.get("hint", ""), err.code, detail) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise Offline(f"Cannot reach the Doorstep server at {self.url} ({reason}).",
                          "Check the network; your choices are kept on this computer.") from None


def _json(raw: bytes, quiet: bool = False) -> dict:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        if quiet:
            return {}
        raise ServerError("The server's answer was not readable.",
                          "Check the server address: it should be a Doorstep server.") from None
    return value if isinstance(value, dict) else {}
