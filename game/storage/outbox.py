"""A local queue for writes that could not reach the database (or the LRS) yet.

One JSON object per line in a file in the data dir. Appends are a single write() on a file opened
with O_APPEND under an exclusive lock (filelock: flock on POSIX, LockFileEx on Windows), then fsync'd: a crash leaves whole lines or none, and a torn
last line (power cut mid-write) is skipped on replay. Replays must be idempotent, because an entry
is only removed after it has been applied.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from filelock import FileLock


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _locked(self) -> Iterator[int]:
        # The lock lives on a separate file: drain() replaces the queue file, and a writer waiting
        # on a lock of the old file would append to a file nobody reads any more.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(self.path.with_name(self.path.name + ".lock"), mode=0o600):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o600)
            try:
                yield fd
            finally:
                os.close(fd)

    def append(self, entry: dict) -> None:
        """Queue one entry durably."""
        line = (json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
        with self._locked() as fd:
            os.write(fd, line)
            os.fsync(fd)

    def entries(self) -> list[dict]:
        """What is queued, oldest first (unreadable lines are skipped)."""
        if not self.path.exists():
            return []
        with self._locked() as fd:
            return _parse(_read_all(fd))

    def __len__(self) -> int:
        return len(self.entries())

    def drain(self, apply: Callable[[dict], bool]) -> tuple[int, int]:
        """Apply each queued entry in order; keep those from the first failure on.

        Returns (applied, left). `apply` returns False to say "not now"; that entry and everything
        after it stay queued in order, so a later choice is never written before an earlier one.
        """
        if not self.path.exists():
            return 0, 0
        with self._locked() as fd:
            queued = _parse(_read_all(fd))
            applied = 0
            for entry in queued:
                if not apply(entry):
                    break
                applied += 1
            left = queued[applied:]
            tmp = self.path.with_name(self.path.name + ".tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(e, sort_keys=True, ensure_ascii=False) + "\n" for e in left)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)  # atomic: the old queue or the new, never half
            return applied, len(left)


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(data: bytes) -> list[dict]:
    entries = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue  # a line torn by a power cut mid-append
    return entries
