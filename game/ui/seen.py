"""What this learner has already read and chosen, per scenario, kept across plays on this
computer (as Ren'Py keeps its "seen" and "chosen" sets): skipping goes only through lines
already read, and a replay marks the choices tried before. A JSON file beside the saves,
written atomically; a damaged or missing file is simply an empty record."""
from __future__ import annotations

import json
from pathlib import Path

from game.storage.saves import write_atomic

FILE_NAME = "seen.json"


class Seen:
    def __init__(self, folder: Path):
        self.path = Path(folder) / FILE_NAME
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._data = {sid: {"lines": set(v.get("lines", ())), "choices": set(v.get("choices", ()))}
                          for sid, v in data.items() if isinstance(v, dict)}
        except (OSError, ValueError, AttributeError, TypeError):
            self._data = {}

    def _of(self, scenario_id: str) -> dict:
        return self._data.setdefault(scenario_id, {"lines": set(), "choices": set()})

    def read(self, scenario_id: str, node_id: str) -> bool:
        return node_id in self._of(scenario_id)["lines"]

    def chosen(self, scenario_id: str, choice_key: str) -> bool:
        return choice_key in self._of(scenario_id)["choices"]

    def mark_read(self, scenario_id: str, node_id: str) -> None:
        lines = self._of(scenario_id)["lines"]
        if node_id not in lines:
            lines.add(node_id)
            self._write()

    def mark_chosen(self, scenario_id: str, choice_key: str) -> None:
        self._of(scenario_id)["choices"].add(choice_key)
        self._write()

    def _write(self) -> None:
        data = {sid: {"lines": sorted(v["lines"]), "choices": sorted(v["choices"])} for sid, v in self._data.items()}
        try:
            write_atomic(self.path, json.dumps(data))
        except OSError:
            pass   # only a convenience: never worth interrupting play for
