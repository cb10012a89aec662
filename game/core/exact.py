"""Exact best and worst scores over every playable route, by dynamic programming on play states.

A play state here keeps only what can change what happens next: the node, the variables that
some condition or effect reads, and the visits and choices that `seen`/`visits`/`chose` ask
about. Routes that reach the same such state share everything after it, so each state is
scored once, and a story with billions of routes is solved from thousands of states.

Exact when the story has no loops (each choice then scores at most once on a route). Returns
None when it has loops, or when the states run past a bound; analysis then falls back to
greedy routes (see analysis.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from .competencies import NAMES
from .explore import all_expressions, history_refs
from .expressions import EvalError
from .model import Beat, Branch, Decision, Ending, Scenario

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


class _Lean:
    """The context conditions read, built from a lean state."""

    __slots__ = ("values", "seen", "visits", "chosen")

    def __init__(self, values, seen, visits, chosen):
        self.values, self.seen, self.visits, self.chosen = values, seen, visits, chosen

    def get(self, name):
        value = self.values.get(name)
        if value is None:
            raise EvalError(f"the variable '{name}' was never set")
        return value


def _effects(scenario: Scenario):
    for n in scenario.nodes.values():
        yield from getattr(n, "effects", ())
        for c in getattr(n, "choices", ()):
            yield from c.effects


def exact_extremes(scenario: Scenario, max_states: int = MAX_STATES) -> Extremes | None:
    """Best and worst raw scores (per competency and total) over all playable routes."""
    read = {name for e in all_expressions(scenario, rules=False) for name in e.names}
    read |= {e.target for e in _effects(scenario) if e.op != "="}
    names = tuple(sorted(read))
    ref_nodes, ref_choices = history_refs(scenario, rules=False)
    node_slot = {n: i for i, n in enumerate(ref_nodes)}
    choice_slot = {c: i for i, c in enumerate(ref_choices)}
    variables = scenario.variables
    nodes = scenario.nodes

    no_history = not ref_nodes and not ref_choices
    empty: frozenset = frozenset()

    def context(values: dict, visits: tuple, chosen: tuple) -> _Lean:
        if no_history:  # the common case: nothing asks about the route taken
            return _Lean(values, empty, {}, empty)
        seen = {n for n, v in zip(ref_nodes, visits) if v}
        return _Lean(values, seen, dict(zip(ref_nodes, visits)),
                     {c for c, t in zip(ref_choices, chosen) if t})

    def run_effects(effects, values, visits, chosen):
        for e in effects:
            if e.target not in values:
                continue  # nothing ever reads it: it cannot change what happens
            ctx = context(values, visits, chosen)
            value = e.value.fn(ctx)
            if e.op != "=":
                value = ctx.get(e.target) + value if e.op == "+=" else ctx.get(e.target) - value
            var = variables[e.target]
            if var.min is not None and value < var.min:
                value = var.min
            if var.max is not None and value > var.max:
                value = var.max
            values[e.target] = value

    def settle(node_id, values, visits, chosen, trail=None):
        """Enter node_id and run on through beats and branches to a decision or ending
        (appending each node entered to `trail` when given)."""
        for _ in range(len(nodes) + 1):
            if trail is not None:
                trail.append(node_id)
            if node_id in node_slot:
                visits = list(visits)
                visits[node_slot[node_id]] += 1
                visits = tuple(visits)
            node = nodes[node_id]
            if isinstance(node, Branch):
                ctx = context(values, visits, chosen)
                node_id = next(r.target for r in node.routes
                               if r.condition is None or r.condition.fn(ctx))
                continue
            if isinstance(node, Beat):
                run_effects(node.effects, values, visits, chosen)
                node_id = node.next
                continue
            return (node_id, tuple(values[n] for n in names), visits, chosen)
        raise EvalError("branches go round in a circle")

    weights = {c.key: tuple(c.scores.get(m, 0) for m in NAMES) + (sum(c.scores.values()),)
               for c in scenario.choices.values()}

    initial = {n: variables[n].initial for n in names}
    try:
        start = settle(scenario.start, dict(initial), (0,) * len(ref_nodes),
                       (False,) * len(ref_choices))
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
            node_id, vals, visits, chosen = key
            node = nodes[node_id]
            kids = []
            if isinstance(node, Decision):
                values = dict(zip(names, vals))
                ctx = context(values, visits, chosen)
                offered = [c for c in node.choices if c.condition is None or c.condition.fn(ctx)]
                if not offered:
                    return None  # a stuck decision: the rules check reports it
                for number, c in enumerate(offered, 1):
                    v2 = dict(values)
                    ch2 = chosen
                    if c.key in choice_slot:
                        ch2 = list(chosen)
                        ch2[choice_slot[c.key]] = True
                        ch2 = tuple(ch2)
                    run_effects(c.effects, v2, visits, ch2)
                    kids.append((number, weights[c.key], settle(c.target, v2, visits, ch2)))
            elif not isinstance(node, Ending):
                return None
            succ[key] = kids
            if len(succ) > max_states:
                return None
            stack.append((key, True))
            stack.extend((k, False) for _, _, k in kids if k not in succ)
    except (EvalError, StopIteration, TypeError):
        return None

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
        """The picked route as choice numbers and the nodes it passes (replayed leanly)."""
        trail: list[str] = []
        key = settle(scenario.start, dict(initial), start[2], start[3], trail)
        numbers = []
        while key in picks:
            number, nxt = picks[key]
            node_id, vals, visits, chosen = key
            values = dict(zip(names, vals))
            ctx = context(values, visits, chosen)
            choice = [c for c in nodes[node_id].choices
                      if c.condition is None or c.condition.fn(ctx)][number - 1]
            if choice.key in choice_slot:
                chosen = tuple(t or i == choice_slot[choice.key] for i, t in enumerate(chosen))
            run_effects(choice.effects, values, visits, chosen)
            key = settle(choice.target, values, visits, chosen, trail)
            numbers.append(number)
        return tuple(numbers), tuple(trail)

    best_numbers, best_route = follow(best_pick)
    worst_numbers, worst_route = follow(worst_pick)
    return Extremes(dict(zip(MEASURES, best[start])), dict(zip(MEASURES, worst[start])),
                    best_numbers, worst_numbers, best_route, worst_route, len(succ))
