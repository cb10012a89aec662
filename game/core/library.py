"""Finding a scenario the way every command does: a file path as given, a file named after the
id in the scenarios folder, or a file in that folder whose `id:` is the one wanted."""
from __future__ import annotations

import os

from .errors import AuthoringError


def find_scenario(wanted: str, folder: str) -> str | None:
    """The file for `wanted` (a path, or a scenario id), or None when there is none."""
    for candidate in (wanted, os.path.join(folder, f"{wanted}.yaml")):
        if os.path.isfile(candidate):
            return candidate
    for path, scenario_id in _ids(folder):
        if scenario_id == wanted:
            return path
    return None


def scenario_ids(folder: str) -> list[str]:
    """The ids of the scenarios in `folder` that load (for "did you mean" messages)."""
    return [scenario_id for _, scenario_id in _ids(folder)]


def _ids(folder: str):
    from .loader import load_path
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".yaml") or not os.path.isfile(path):
            continue
        try:
            yield path, load_path(path).id
        except AuthoringError:
            continue  # a broken file elsewhere in the folder is not this lookup's business
