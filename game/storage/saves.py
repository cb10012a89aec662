"""Save slots and the learner's own progress records: plain JSON files, written atomically.

Pure file I/O (no pygame, no engine): a save holds the engine's `state.to_json()` text untouched,
plus which scenario it belongs to, so Continue resumes exactly. One damaged file is reported as a
`BrokenSave` with a clear message and never stops the other saves loading.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

SAVE_FORMAT = 1
RECORDS_FILE = "records.json"
STATUSES = ("in_progress", "completed", "passed", "not_passed", "withdrawn")
NAMED_SLOTS = tuple(f"slot-{n}" for n in range(1, 7))   # the learner's own save slots (practice)
QUICK_SLOT = "quick"                                     # F6 / F9 in the window


@dataclass(frozen=True)
class Save:
    """One autosave: enough to put the learner back exactly where they were."""

    slot: str
    scenario_id: str
    scenario_path: str
    title: str
    mode: str
    saved_at: str        # ISO 8601, from the caller
    state_json: str      # the engine's PlayState.to_json(), stored verbatim
    session: str = ""    # an assessed session's code: Continue joins it again and resumes there
    learner: str = ""    # who joined that session


@dataclass(frozen=True)
class BrokenSave:
    """A save file that could not be read, and why, in words for the learner."""

    slot: str
    path: str
    message: str


@dataclass(frozen=True)
class Record:
    """How a learner has done on one scenario on this machine."""

    scenario_id: str
    status: str          # one of STATUSES
    best_score: int | None
    plays: int


def saves_dir(override: str | None = None) -> Path:
    """The save folder: `<override>/saves` when given, else the per-user data folder."""
    base = Path(override) if override else Path(platformdirs.user_data_dir("doorstep", False))
    return base / "saves"


def slot_for(scenario_id: str, mode: str) -> str:
    """The autosave slot of one scenario in one mode (a safe file name)."""
    return re.sub(r"[^a-z0-9-]+", "-", f"{scenario_id}-{mode}".lower()).strip("-") or "save"


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so a crash leaves the old file or the new one, never half of one:
    write a temp file in the same folder, flush, fsync, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_save(folder: Path, save: Save) -> Path:
    """Write `save` to its slot file, atomically; returns the path. Raises OSError on a disk problem."""
    path = folder / f"{save.slot}.json"
    data = {"format": SAVE_FORMAT, **asdict(save)}
    write_atomic(path, json.dumps(data, indent=1))
    return path


def read_save(path: Path) -> Save | BrokenSave:
    """The save in `path`, or a BrokenSave saying what is wrong with it."""
    slot = path.stem
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        return BrokenSave(slot, str(path), f"The save '{slot}' could not be opened ({err.strerror}).")
    except ValueError:
        return BrokenSave(slot, str(path), f"The save '{slot}' is damaged and cannot be resumed. "
                                           "Your other saves are unaffected.")
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        return BrokenSave(slot, str(path), f"The save '{slot}' was made by a different version of Doorstep "
                                           "and cannot be resumed.")
    optional = {"session": "", "learner": ""}   # absent from saves made before sessions
    try:
        values = {name: data[name] if name not in optional else data.get(name, optional[name])
                  for name in Save.__dataclass_fields__}
    except KeyError as missing:
        return BrokenSave(slot, str(path), f"The save '{slot}' is incomplete (no {missing.args[0]}) and cannot be resumed.")
    if not all(isinstance(v, str) for v in values.values()):
        return BrokenSave(slot, str(path), f"The save '{slot}' is damaged and cannot be resumed.")
    return Save(**values)


def list_saves(folder: Path) -> list[Save | BrokenSave]:
    """Every save in `folder`, newest first, broken ones last."""
    if not folder.is_dir():
        return []
    found = [read_save(p) for p in sorted(folder.glob("*.json")) if p.name != RECORDS_FILE]
    good = sorted((s for s in found if isinstance(s, Save)), key=lambda s: s.saved_at, reverse=True)
    return [*good, *(s for s in found if isinstance(s, BrokenSave))]


def latest_save(folder: Path) -> Save | None:
    """The most recent readable save, if any."""
    return next((s for s in list_saves(folder) if isinstance(s, Save)), None)


def delete_save(folder: Path, slot: str) -> None:
    """Remove a slot's file; a slot that is already gone is fine."""
    try:
        (folder / f"{slot}.json").unlink()
    except FileNotFoundError:
        pass


def load_records(folder: Path) -> dict[str, Record]:
    """Progress per scenario id; a missing or damaged records file reads as no progress."""
    try:
        data = json.loads((folder / RECORDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    records: dict[str, Record] = {}
    if not isinstance(data, dict):
        return records
    for sid, raw in data.items():
        try:
            record = Record(sid, str(raw["status"]), raw.get("best_score"), int(raw.get("plays", 0)))
        except (KeyError, TypeError, ValueError):
            continue
        if record.status in STATUSES and (record.best_score is None or isinstance(record.best_score, int)):
            records[sid] = record
    return records


def record_result(folder: Path, scenario_id: str, status: str, score: int | None = None) -> Record:
    """Note a play's outcome, keeping the best score and the best status reached; returns the new record."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    records = load_records(folder)
    old = records.get(scenario_id)
    rank = {"in_progress": 0, "withdrawn": 1, "not_passed": 2, "completed": 3, "passed": 4}
    plays = (old.plays if old else 0) + (0 if status == "in_progress" else 1)
    if old is not None and rank[old.status] > rank[status]:
        status = old.status
    best = old.best_score if old is not None else None
    if score is not None:
        best = score if best is None else max(best, score)
    record = Record(scenario_id, status, best, plays)
    records[scenario_id] = record
    write_atomic(folder / RECORDS_FILE, json.dumps({k: asdict(v) for k, v in records.items()}, indent=1))
    return record
