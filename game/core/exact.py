"""Exact best and worst scores over every playable route, by dynamic programming on play states.

A play state here is a lean state (lean.py): it keeps only what can still change what happens
next. Routes that reach the same such state share everything after it, so each state is
scored once, and a story with billions of routes is solved from thousands of states.

Exact when the story has no loops (each choice then scores at most once on a route). Returns
None when it has loops, or when the states run past a bound; analysis then falls back to
greedy routes (see analysis.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from .competencies import NAMES
from .errors import AuthoringError
from .lean import Lean
from .model import Decision, Ending, Scenario

MEASURES = NAMES + ("total",)
MAX_STATES = 150_000


@dataclass(frozen=True)
class Extremes:
    best: dict[str, int]
    worst: dict[str, int]
    best_choices: tuple[int, ...]   # by total
    worst_choices: tuple[int, ...]
    best_route: tuple[str, ...]     # the nodes those choices pass through
    worst_route: tuple[str, ...]
    states: int


def exact_extremes(scenario: Scenario, max_states: int = MAX_STATES) -> Extremes | None:
    """Best and worst raw scores (per competency and total) over all playable routes."""
    lean = Lean(scenario, rules=False, texts=False)
    nodes = scenario.nodes
    weights = {c.key: tuple(c.scores.get(m, 0) for m in NAMES) + (sum(c.scores.values()),)
               for c in scenario.choices.values()}

    try:
        start = lean.start()
        succ: dict[tuple, list] = {}
        order: list[tuple] = []
        stack = [(start, False)]
        while stack:
            key, expanded = stack.pop()
            if expanded:
                order.append(key)
                continue
            if key in succ:
                continue
            node = nodes[key[0]]
            kids = []
            if isinstance(node, Decision):
                for number, c in enumerate(lean.offered(key), 1):
                    kids.append((number, weights[c.key], lean.take(key, c)))
            elif not isinstance(node, Ending):
                return None
            succ[key] = kids
            if len(succ) > max_states:
                return None
            stack.append((key, True))
            stack.extend((k, False) for _, _, k in kids if k not in succ)
    except AuthoringError:
        return None  # a runtime problem on some route: the rules check reports it

    zero = (0,) * len(MEASURES)
    best: dict[tuple, tuple] = {}
    worst: dict[tuple, tuple] = {}
    best_pick: dict[tuple, tuple] = {}
    worst_pick: dict[tuple, tuple] = {}
    for key in order:  # children always come before their parents
        kids = succ[key]
        if not kids:
            best[key] = worst[key] = zero
            continue
        b = [max(w[i] + best[k][i] for _, w, k in kids) for i in range(len(MEASURES))]
        lo = [min(w[i] + worst[k][i] for _, w, k in kids) for i in range(len(MEASURES))]
        best[key], worst[key] = tuple(b), tuple(lo)
        best_pick[key] = max(kids, key=lambda t: t[1][-1] + best[t[2]][-1])[::2]
        worst_pick[key] = min(kids, key=lambda t: t[1][-1] + worst[t[2]][-1])[::2]

    def follow(picks):
        """The picked route as choice numbers and the nodes it passes."""
        trail: list[str] = []
        key = lean.start(trail)
        numbers = []
        while key in picks:
            number, _ = picks[key]
            key = lean.take(key, lean.offered(key)[number - 1], trail)
            numbers.append(number)
        return tuple(numbers), tuple(trail)

    best_numbers, best_route = follow(best_pick)
    worst_numbers, worst_route = follow(worst_pick)
    return Extremes(dict(zip(MEASURES, best[start])), dict(zip(MEASURES, worst[start])),
                    best_numbers, worst_numbers, best_route, worst_route, len(succ))
