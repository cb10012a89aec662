"""Writing an attempt while it is played, with the outbox as the fallback when the store is down."""
from __future__ import annotations

from dataclasses import asdict
from typing import Sequence

from game.storage.errors import StoreError
from game.storage.outbox import Outbox
from game.storage.store import ChoiceRecord, Store


class Recorder:
    """Sends each write to the store; once one fails, queues it and every later one, in order.

    Queuing everything after the first failure keeps the attempt's writes in order: a newer play
    state can never be overwritten by an older one replayed later by `session sync`.
    """

    def __init__(self, store: Store, outbox: Outbox, attempt_id: str) -> None:
        self.store = store
        self.outbox = outbox
        self.attempt_id = attempt_id
        self.failure: StoreError | None = None  # the first error, once writes are being queued

    def choices(self, made: Sequence[ChoiceRecord], state: str | None) -> bool:
        """Record choices and the state after them; False when they were queued instead."""
        return self._send({"op": "choices", "attempt_id": self.attempt_id,
                           "choices": [asdict(c) for c in made], "state": state})

    def finish(self, debrief: dict, finished_at: str) -> bool:
        """Record the signed result; False when it was queued instead."""
        return self._send({"op": "finish", "attempt_id": self.attempt_id, "debrief": debrief,
                           "finished_at": finished_at})

    def _send(self, entry: dict) -> bool:
        if self.failure is None:
            try:
                apply_entry(self.store, entry)
                return True
            except StoreError as err:
                self.failure = err
        self.outbox.append(entry)
        return False


def apply_entry(store: Store, entry: dict) -> None:
    """Perform one queued write (safe to repeat: the store ignores what it already has)."""
    if entry["op"] == "choices":
        store.record_choices(entry["attempt_id"], [ChoiceRecord(**c) for c in entry["choices"]],
                             entry.get("state"))
    elif entry["op"] == "finish":
        store.finish_attempt(entry["attempt_id"], entry["debrief"], entry.get("finished_at"))
    else:
        raise StoreError(f"Unknown queued write '{entry['op']}' in the outbox.",
                         "The outbox was written by another Doorstep version; keep the file and report it.")


def sync(store: Store, outbox: Outbox) -> tuple[int, int, StoreError | None]:
    """Replay the outbox into the store: (written, still queued, the error that stopped it)."""
    stopped: list[StoreError] = []

    def attempt(entry: dict) -> bool:
        try:
            apply_entry(store, entry)
            return True
        except StoreError as err:
            stopped.append(err)
            return False

    written, left = outbox.drain(attempt)
    return written, left, stopped[0] if stopped else None
