"""Validation results kept between runs, so re-checking unchanged files costs a hash.

One JSON file in the user cache folder (platformdirs; DOORSTEP_CACHE_DIR overrides it). An
entry is reused only when the file's bytes, every file it includes, the options and Doorstep's
own checking code are all unchanged. A missing, damaged or foreign cache file is ignored and
rewritten; it is written atomically, so a crash never leaves half a file behind.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from game.core.errors import Problem
from game.core.source import content_hash, read_source

FORMAT = "doorstep-check-cache/1"
MAX_ENTRIES = 500
_CORE = Path(__file__).resolve().parent.parent / "core"


def cache_file() -> Path:
    override = os.environ.get("DOORSTEP_CACHE_DIR")
    if override:
        return Path(override) / "checks.json"
    import platformdirs
    return Path(platformdirs.user_cache_dir("doorstep", False)) / "checks.json"


def code_version() -> str:
    """Changes whenever any checking code, the schema or the practice points change."""
    h = hashlib.blake2b(digest_size=8)
    for entry in sorted(os.scandir(_CORE), key=lambda e: e.name):
        if entry.name.endswith((".py", ".json", ".yaml")):
            st = entry.stat()
            h.update(f"{entry.name}:{st.st_mtime_ns}:{st.st_size};".encode())
    return h.hexdigest()


class CheckCache:
    def __init__(self, options: str):
        self.path = cache_file()
        self.options = f"{options}|{code_version()}"
        self.entries = self._read()
        self.dirty = False

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and isinstance(data.get("entries"), dict):
                return data["entries"]
        except (OSError, ValueError, AttributeError):
            pass
        return {}

    def get(self, path: str, data: bytes) -> list[Problem] | None:
        """The problems stored for this file's exact bytes and includes, or None."""
        entry = self.entries.get(os.path.abspath(path))
        try:
            if entry["options"] != self.options or entry["hash"] != content_hash(data):
                return None
            for inc, digest in entry["includes"]:
                inc_data, problem = read_source(inc)
                if problem or content_hash(inc_data) != digest:
                    return None
            return [Problem(**p) for p in entry["problems"]]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: str, data: bytes, includes, problems: list[Problem]) -> None:
        hashes = []
        for inc in includes:
            inc_data, problem = read_source(inc)
            if problem:
                return  # an include that cannot be read: nothing worth keeping
            hashes.append([inc, content_hash(inc_data)])
        key = os.path.abspath(path)
        self.entries.pop(key, None)
        while len(self.entries) >= MAX_ENTRIES:
            self.entries.pop(next(iter(self.entries)))
        self.entries[key] = {"options": self.options, "hash": content_hash(data),
                             "includes": hashes, "problems": [p.to_dict() for p in problems]}
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"format": FORMAT, "entries": self.entries}),
                           encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower
