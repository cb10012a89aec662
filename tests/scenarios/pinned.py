"""Helpers for pinned-route tests: play a route through a shipped scenario with the one play
loop (game.core.play) and read what a trainer's note quotes from its Debrief."""
from __future__ import annotations

from functools import lru_cache

from game.core.analysis import TOTAL, analyse
from game.core.debrief import Debrief
from game.core.loader import load_path
from game.core.model import Scenario
from game.core.play import play_route

from tests.helpers import scenario_path


@lru_cache(maxsize=None)
def scenario(name: str) -> Scenario:
    return load_path(scenario_path(name))


def play(name: str, numbers) -> Debrief:
    """The Debrief of an assessed play of `numbers` (1-based, as offered) through `name`."""
    _, result = play_route(scenario(name), list(numbers))
    return result


def critical_at(result: Debrief) -> list[str]:
    """The decisions at which the route took a critical fault, in order."""
    return [fault.decision_id for fault in result.critical]


def score(result: Debrief, competency: str) -> int | None:
    return {c.name: c.score for c in result.competencies}[competency]


def length_tells(name: str) -> tuple[int, int, int]:
    """(decisions with a best choice, how often the best is the longest, the shortest)."""
    s = scenario(name)
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


def outcome(result: Debrief) -> tuple:
    """(overall, passed, ending id, ending kind, critical decisions): what a route table pins."""
    ending = result.ending
    return (result.overall, result.passed, ending and ending.id, ending and ending.ending,
            critical_at(result))
