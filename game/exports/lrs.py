"""Sending xAPI statements to a Learning Record Store, with retries, backoff and a local queue.

Statements go in batches. A batch the LRS cannot take now (no connection, a timeout, 5xx, 429)
is retried with exponential backoff, then queued in the data dir with everything after it; the
next send to the same LRS sends the queue first. Each statement is queued once, by its id: an
export repeated while the LRS is down does not queue the session again. A batch the LRS rejects
(other 4xx) is reported, not queued: sending it again would fail the same way.

What counts as sent is only what the LRS says it stored: 200 with the statement ids (ids of the
batch it leaves out it already had), or 204 (it had them all). A redirect is never followed: the
standard library would turn the POST into a GET and carry the Authorization header to whatever
address the redirect names; it is reported so the agency can correct the LRS address.
Credentials written in the URL (https://key:secret@host/xapi/) are used for basic auth and then
dropped from the address, so they are never printed, logged or used to name the queue file.
"""
from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from game.storage import paths
from game.storage.outbox import Outbox

BATCH = 50
VERSION = "1.0.3"


@dataclass
class SendReport:
    endpoint: str  # without any credentials
    sent: int = 0
    already: int = 0  # the LRS had them (409, 204, or left out of a 200's ids): an earlier export got through
    queued: int = 0   # statements waiting in the queue for this LRS after this send
    rejected: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.queued and not self.rejected

    def summary(self) -> str:
        parts = [f"{self.sent} statement(s) sent to {self.endpoint}"]
        if self.already:
            parts.append(f"{self.already} already there")
        if self.queued:
            parts.append(f"{self.queued} queued until the LRS can be reached (run the same export again)")
        parts += [f"rejected: {r}" for r in self.rejected]
        return "; ".join(parts)


class Unreachable(Exception):
    """The LRS could not take a batch now; worth trying again later."""


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """(the URL without user:password@, the user, the password) — either may be None."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    netloc = host + (f":{parts.port}" if parts.port else "")
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    unquote = urllib.parse.unquote
    return (clean, unquote(parts.username) if parts.username is not None else None,
            unquote(parts.password) if parts.password is not None else None)


def statements_endpoint(url: str) -> str:
    """The statements resource of an LRS endpoint URL (credentials in it are dropped)."""
    url = split_credentials(url)[0].rstrip("/")
    return url if url.endswith("/statements") else url + "/statements"


def send(url: str, statements: list[dict], user: str | None, password: str | None,
         outbox: Outbox | None = None, retries: int = 3, backoff: float = 0.5, timeout: float = 10.0) -> SendReport:
    """Send queued statements for this LRS, then `statements`; queue what cannot go now.

    `user`/`password` win over credentials written in `url`.
    """
    _, url_user, url_password = split_credentials(url)
    user = user if user is not None else url_user
    password = password if password is not None else url_password
    endpoint = statements_endpoint(url)
    if outbox is None:  # (an empty Outbox is falsy: it has a length)
        outbox = Outbox(paths.xapi_outbox_path(endpoint))
    report = SendReport(endpoint)
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": VERSION}
    if user is not None or password is not None:
        token = base64.b64encode(f"{user or ''}:{password or ''}".encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"

    def deliver(batch: list[dict]) -> bool:
        try:
            _post_with_retries(endpoint, batch, headers, report, retries, backoff, timeout)
            return True
        except Unreachable:
            return False

    drained: set = set()

    def deliver_queued(entry: dict) -> bool:
        if not deliver(entry["statements"]):
            return False
        drained.update(s.get("id") for s in entry["statements"])
        return True

    outbox.drain(deliver_queued)
    queued = _queued_ids(outbox)
    fresh, seen = [], set(queued) | drained
    for s in statements:  # each statement once: not those queued or just sent from the queue, nor repeats
        if s.get("id") not in seen:
            seen.add(s.get("id"))
            fresh.append(s)
    batches = [fresh[i:i + BATCH] for i in range(0, len(fresh), BATCH)]
    for n, batch in enumerate(batches):
        if queued or not deliver(batch):  # keep order: nothing jumps an older queued batch
            for later in batches[n:]:
                outbox.append({"statements": later})
            break
    report.queued = len(_queued_ids(outbox))
    return report


def _queued_ids(outbox: Outbox) -> list:
    return [s.get("id") for entry in outbox.entries() for s in entry.get("statements", [])]


def _post_with_retries(endpoint: str, batch: list[dict], headers: dict, report: SendReport,
                       retries: int, backoff: float, timeout: float) -> None:
    for attempt in range(retries + 1):
        status, body, location = _post(endpoint, batch, headers, timeout)
        if status == 200:
            stored = _returned_ids(body, batch)
            if stored is None:
                report.rejected.append(f"HTTP 200 without the statement ids an LRS returns: {body[:200]!r}; "
                                       "is this the LRS's xAPI address?")
            else:
                report.sent += len(stored)
                report.already += len(batch) - len(stored)
            return
        if status == 204:  # stored nothing new: it had every statement of the batch
            report.already += len(batch)
            return
        if status == 409 and len(batch) > 1:
            # Some of the batch is already stored, so the LRS refused all of it: go one by one.
            for single in batch:
                _post_with_retries(endpoint, [single], headers, report, retries, backoff, timeout)
            return
        if status == 409:
            report.already += 1
            return
        if status is not None and 300 <= status < 400:
            where = split_credentials(urllib.parse.urljoin(endpoint, location))[0] if location else "another address"
            report.rejected.append(f"HTTP {status}: the LRS redirects to {where}; Doorstep does not follow "
                                   "redirects (your credentials would go with them): give that address with --lrs")
            return
        if status is not None and (200 < status < 300 or (400 <= status < 500 and status != 429)):
            report.rejected.append(f"HTTP {status}: {body[:300]}")
            return
        if attempt < retries:
            time.sleep(backoff * 2 ** attempt)
    raise Unreachable(f"{endpoint}: {body[:200]}")


def _returned_ids(body: str, batch: list[dict]) -> list | None:
    """The ids a 200 says were stored, when they are the batch's; None for any other answer."""
    try:
        ids = json.loads(body)
    except ValueError:
        return None
    wanted = {s.get("id") for s in batch}
    if not isinstance(ids, list) or not all(isinstance(i, str) and i in wanted for i in ids):
        return None
    return ids


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx status


_OPENER = urllib.request.build_opener(_NoRedirects)


def _post(endpoint: str, batch: list[dict], headers: dict, timeout: float) -> tuple[int | None, str, str]:
    """(HTTP status or None when there was no answer, response text, Location header)."""
    data = json.dumps(batch, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(endpoint, data=data, headers=headers, method="POST")
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace"), ""
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), err.headers.get("Location", "") or ""
    except (urllib.error.URLError, OSError) as err:
        return None, str(getattr(err, "reason", err)), ""
