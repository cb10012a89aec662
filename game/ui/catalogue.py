"""The scenario library's contents: every scenario file in the scenarios folder, loaded once,
with its practice points and the learner's progress. A file that will not load becomes an entry
with a readable problem instead of stopping the library."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.core.errors import AuthoringError
from game.core.loader import load_path
from game.storage.saves import Record

STATUS_LABELS = {
    None: "Not started", "in_progress": "In progress", "completed": "Completed",
    "passed": "Passed", "not_passed": "Not yet passed", "withdrawn": "Stepped away",
}


@dataclass(frozen=True)
class Entry:
    path: Path
    scenario: object | None      # game.core.model.Scenario when it loaded
    problem: str | None          # why it did not load, for the trainer
    points: tuple[str, ...]      # practice point ids exercised, in first-seen order
    record: Record | None

    @property
    def status(self) -> str:
        return STATUS_LABELS.get(self.record.status if self.record else None, "Not started")


def practice_points(scenario) -> tuple[str, ...]:
    """Every practice point a scenario's choices draw on, in order of first appearance."""
    seen: dict[str, None] = {}
    for decision in scenario.decisions:
        for choice in decision.choices:
            for point in choice.points:
                seen.setdefault(point, None)
    return tuple(seen)


def scan(folder: Path, records: dict[str, Record]) -> list[Entry]:
    """Load every `*.yaml` scenario directly inside `folder` (fragments live in subfolders)."""
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            scenario = load_path(str(path))
        except AuthoringError as err:
            first = err.problems[0] if err.problems else None
            message = f"line {first.line}: {first.message}" if first else str(err)
            entries.append(Entry(path, None, message, (), None))
            continue
        except (OSError, ValueError) as err:
            entries.append(Entry(path, None, str(err), (), None))
            continue
        entries.append(Entry(path, scenario, None, practice_points(scenario), records.get(scenario.id)))
    return entries
