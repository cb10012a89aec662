"""Play a pinned route through a shipped scenario with the one play loop, and get its Debrief."""
from __future__ import annotations

from game.core.debrief import Debrief
from game.core.loader import load_path
from game.core.play import play_route

from tests.helpers import scenario_path


def debrief(name: str, numbers) -> Debrief:
    """The Debrief of an assessed play of `numbers` (1-based, as offered) through scenario `name`."""
    _, result = play_route(load_path(scenario_path(name)), list(numbers))
    return result


def critical_at(result: Debrief) -> list[str]:
    """The decisions at which the route took a critical fault, in order."""
    return [fault.decision_id for fault in result.critical]
