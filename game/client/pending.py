"""What a learner's computer keeps between runs for one server, session and name: the learner
token the server gave it (so the same computer can carry on) and the choices made while the
server could not be reached, in order, waiting to be sent.

One small JSON file per (server, session code, name) in the user data folder, replaced
atomically on every change, so a crash or a pulled plug leaves the old file or the new one.
No lock is needed: one learner plays one attempt at a time on one computer, and the server
refuses a seq twice anyway.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from game.storage import paths
from game.storage.saves import write_atomic

FORMAT = "doorstep-client/1"


def keep_path(server: str, code: str, name: str) -> Path:
    key = "\n".join((server, code.strip().upper(), " ".join(name.split()).casefold()))
    return paths.data_dir() / "server-client" / f"{hashlib.sha256(key.encode()).hexdigest()[:20]}.json"


@dataclass
class Kept:
    path: Path
    token: str | None = None
    # attempt id -> [(seq, number), ...] not yet accepted by the server, in seq order
    pending: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def load(cls, server: str, code: str, name: str) -> "Kept":
        path = keep_path(server, code, name)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError("not ours")
            pending = {str(a): [(int(s), int(n)) for s, n in rows]
                       for a, rows in data.get("pending", {}).items()}
            token = data.get("token") if isinstance(data.get("token"), str) else None
        except FileNotFoundError:
            return cls(path)
        except (ValueError, TypeError, AttributeError, OSError):
            # A damaged file: start clean but keep it aside, so nothing is silently lost.
            try:
                path.replace(path.with_suffix(".damaged"))
            except OSError:
                pass
            return cls(path)
        return cls(path, token, pending)

    def save(self) -> None:
        write_atomic(self.path, json.dumps({
            "format": FORMAT, "token": self.token,
            "pending": {a: [list(r) for r in rows] for a, rows in self.pending.items() if rows},
        }, indent=1))

    def queued(self, attempt_id: str) -> list[tuple[int, int]]:
        return list(self.pending.get(attempt_id, []))

    def add(self, attempt_id: str, seq: int, number: int) -> None:
        rows = self.pending.setdefault(attempt_id, [])
        if (seq, number) not in rows:
            rows.append((seq, number))
        self.save()

    def sent(self, attempt_id: str, seq: int) -> None:
        """The server holds choice `seq`: drop it (and anything before it) from the queue."""
        self.pending[attempt_id] = [r for r in self.pending.get(attempt_id, []) if r[0] > seq]
        self.save()

    def drop(self, attempt_id: str) -> list[tuple[int, int]]:
        dropped = self.pending.pop(attempt_id, [])
        self.save()
        return dropped
