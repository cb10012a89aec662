"""A scenario's source as the server pins it: the main file and every file it includes.

When a session is made, `bundle_of` reads the scenario and its fragments into one bundle, which
the database keeps under its SHA-256. Attempts are replayed on that text (`load_bundle`), so
editing or replacing a file on any machine afterwards changes nothing about a session's results.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

from game.core import loader
from game.core.errors import AuthoringError
from game.core.model import Scenario

_CACHE: "OrderedDict[str, Scenario]" = OrderedDict()
_CACHE_SIZE = 32
_LOCK = threading.Lock()


def bundle_hash(bundle: dict) -> str:
    return hashlib.sha256(json.dumps(bundle, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


def bundle_of(path: str | Path) -> tuple[dict, Scenario]:
    """(bundle, scenario) for the scenario file at `path`; AuthoringError if it has errors."""
    path = Path(path).resolve()
    data = path.read_bytes()
    scenario, problems, included = loader.check_bytes_with_includes(data, str(path), str(path.parent))
    if scenario is None:
        raise AuthoringError(problems)
    files = {path.name: data.decode("utf-8")}
    for inc in included:
        rel = os.path.relpath(inc, path.parent).replace(os.sep, "/")
        files[rel] = Path(inc).read_text(encoding="utf-8")
    return {"main": path.name, "files": files}, scenario


def cached(digest: str) -> Scenario | None:
    """The scenario pinned under `digest` if this process has loaded it already."""
    with _LOCK:
        return _CACHE.get(digest)


def load_bundle(bundle: dict, digest: str | None = None) -> Scenario:
    """The scenario a bundle holds, loaded as it was pinned (cached per process by hash)."""
    digest = digest or bundle_hash(bundle)
    with _LOCK:
        hit = _CACHE.get(digest)
        if hit is not None:
            _CACHE.move_to_end(digest)
            return hit
    scenario = _materialise_and_load(bundle)
    with _LOCK:
        _CACHE[digest] = scenario
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return scenario


def _materialise_and_load(bundle: dict) -> Scenario:
    files: dict = bundle["files"]
    # Includes may climb out of the main file's folder ('../shared/x.yaml'): nest the main file
    # as deep as the deepest climb so every relative path lands inside the temporary folder.
    depth = max((Path(rel).parts.count("..") for rel in files), default=0)
    with tempfile.TemporaryDirectory(prefix="doorstep-pinned-") as tmp:
        home = Path(tmp, *(["d"] * depth))
        for rel, text in files.items():
            target = (home / rel).resolve()
            if not str(target).startswith(str(Path(tmp).resolve())):
                raise AuthoringError([])  # a bundle is made by bundle_of; this one was not
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        scenario = loader.load_path(str(home / bundle["main"]))
    return scenario


def pin_session(store, name: str, pass_mark: int, paths, owner_id: int | None = None):
    """A new session assessing the scenarios at `paths`, each pinned: its source stored in the
    database under its hash, which the session's ScenarioRef names."""
    from game.storage.store import ScenarioRef
    refs = []
    for path in paths:
        bundle, scenario = bundle_of(path)
        digest = bundle_hash(bundle)
        store.save_bundle(digest, scenario.id, scenario.source_hash, bundle)
        refs.append(ScenarioRef(scenario.id, scenario.title, str(Path(path).resolve()),
                                scenario.source_hash, digest))
    return store.create_session(name, pass_mark, refs, owner_id=owner_id)
