"""Sending xAPI statements to a Learning Record Store, with retries, backoff and a local queue.

Statements go in batches. A batch the LRS cannot take now (no connection, a timeout, 5xx, 429)
is retried with exponential backoff, then queued in the data dir with everything after it; the
next send to the same LRS sends the queue first. A batch the LRS rejects as invalid (other 4xx)
is reported, not queued: sending it again would fail the same way.
"""
from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from game.storage import paths
from game.storage.outbox import Outbox

BATCH = 50
VERSION = "1.0.3"


@dataclass
class SendReport:
    endpoint: str
    sent: int = 0
    already: int = 0  # the LRS had them (409): an earlier export got through
    queued: int = 0
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


def statements_endpoint(url: str) -> str:
    """The statements resource of an LRS endpoint URL."""
    url = url.rstrip("/")
    return url if url.endswith("/statements") else url + "/statements"


def send(url: str, statements: list[dict], user: str | None, password: str | None,
         outbox: Outbox | None = None, retries: int = 3, backoff: float = 0.5, timeout: float = 10.0) -> SendReport:
    """Send queued statements for this LRS, then `statements`; queue what cannot go now."""
    endpoint = statements_endpoint(url)
    outbox = outbox or Outbox(paths.xapi_outbox_path(endpoint))
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

    outbox.drain(lambda entry: deliver(entry["statements"]))
    batches = [statements[i:i + BATCH] for i in range(0, len(statements), BATCH)]
    for n, batch in enumerate(batches):
        if len(outbox) or not deliver(batch):  # keep order: nothing jumps an older queued batch
            for later in batches[n:]:
                outbox.append({"statements": later})
                report.queued += len(later)
            break
    return report


def _post_with_retries(endpoint: str, batch: list[dict], headers: dict, report: SendReport,
                       retries: int, backoff: float, timeout: float) -> None:
    for attempt in range(retries + 1):
        status, body = _post(endpoint, batch, headers, timeout)
        if status in (200, 204):
            report.sent += len(batch)
            return
        if status == 409 and len(batch) > 1:
            # Some of the batch is already stored, so the LRS refused all of it: go one by one.
            for single in batch:
                _post_with_retries(endpoint, [single], headers, report, retries, backoff, timeout)
            return
        if status == 409:
            report.already += 1
            return
        if status is not None and 400 <= status < 500 and status != 429:
            report.rejected.append(f"HTTP {status}: {body[:300]}")
            return
        if attempt < retries:
            time.sleep(backoff * 2 ** attempt)
    raise Unreachable(f"{endpoint}: {body[:200]}")


def _post(endpoint: str, batch: list[dict], headers: dict, timeout: float) -> tuple[int | None, str]:
    """(HTTP status or None when there was no answer, response text)."""
    data = json.dumps(batch, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(endpoint, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as err:
        return None, str(getattr(err, "reason", err))
