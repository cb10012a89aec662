"""Shared helpers for tests: play a pinned route and get the same dict as `play --json`."""
from __future__ import annotations

import os

from game.core import engine
from game.core.play import play_route
from game.core.debrief import make_debrief
from game.core.loader import load_path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")


def scenario_path(name: str) -> str:
    """Path of a shipped scenario by file name (with or without .yaml)."""
    return os.path.join(SCENARIOS, name if name.endswith(".yaml") else name + ".yaml")


def play_choices(path: str, numbers, mode: str = "assessed") -> dict:
    """Play `numbers` (1-based, among the choices offered at each decision) through the
    scenario at `path` to its ending; the debrief as `main.py play --choices ... --json` prints it.
    Relative paths are taken from the repository root."""
    if not os.path.isabs(path):
        path = os.path.join(ROOT, path)
    scenario = load_path(path)
    state = play_route(scenario, list(numbers), mode=mode)[0]
    return make_debrief(scenario, state).to_dict()
