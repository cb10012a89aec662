"""The project's own registry of practice points: stable ids, short titles, sources.

Kept in `practice_points.yaml` beside this module (paraphrased from the public procedures the
product is built on), so Doorstep runs without the source guidance folder.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

GROUPS = {
    "SPOT": "Recognise the pattern",
    "CHILD": "Keep the child in focus",
    "COLL": "Avoid collusion",
    "ESC": "Escalate correctly and proportionately",
    "SAFE": "Personal safety",
    "ENGAGE": "Engage respectfully, communicate clearly",
    "RECORD": "Record and share",
}


@dataclass(frozen=True)
class PracticePoint:
    id: str
    title: str
    group: str
    sources: tuple[str, ...]

    @property
    def group_title(self) -> str:
        return GROUPS.get(self.group, self.group)


def _load() -> tuple[dict[str, PracticePoint], dict[str, str]]:
    text = resources.files(__package__).joinpath("practice_points.yaml").read_text(
        encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe; C is faster
    points = {}
    for entry in raw["points"]:
        pid = entry["id"]
        points[pid] = PracticePoint(pid, entry["title"], pid.split("-")[0],
                                    tuple(entry.get("sources", ())))
    return points, dict(raw.get("sources", {}))


REGISTRY, SOURCES = _load()
