"""What the pinned-route tests of the newer scenarios read from a route: its outcome as a
trainer's note tables it, a competency's score, and the length tell. Routes are played by
tests.scenarios.routes (the one play loop)."""
from __future__ import annotations

from functools import lru_cache

from game.core.analysis import TOTAL, analyse
from game.core.debrief import Debrief
from game.core.loader import load_path
from game.core.model import Scenario

from tests.helpers import scenario_path
from tests.scenarios.routes import critical_at, debrief as play

__all__ = ["critical_at", "length_tells", "outcome", "play", "score"]


@lru_cache(maxsize=None)
def _scenario(name: str) -> Scenario:
    return load_path(scenario_path(name))


def score(result: Debrief, competency: str) -> int | None:
    return {c.name: c.score for c in result.competencies}[competency]


def outcome(result: Debrief) -> tuple:
    """(overall, passed, ending id, ending kind, critical decisions): what a route table pins."""
    ending = result.ending
    return (result.overall, result.passed, ending and ending.id, ending and ending.ending,
            critical_at(result))


def length_tells(name: str) -> tuple[int, int, int]:
    """(decisions with a best choice, how often the best is the longest, the shortest)."""
    s = _scenario(name)
    costs = analyse(s).choice_costs
    counted = longest = shortest = 0
    for decision in s.decisions:
        choices = [c for c in decision.choices if c.key in costs]
        best = [c for c in choices if costs[c.key].cost[TOTAL] == 0]
        if len(choices) < 2 or len(best) == len(choices):
            continue
        lengths = [len(c.text) for c in choices]
        counted += 1
        longest += any(len(c.text) == max(lengths) for c in best)
        shortest += any(len(c.text) == min(lengths) for c in best)
    return counted, longest, shortest
