"""What a scenario's graph allows: best and worst scores, routes, and what each choice costs.

How conditions and loops are treated (also in docs/architecture.md):
- First, bounds on the graph. Conditions are assumed open (every choice and branch arm counts
  as possible). A choice's score counts once, the first time it is taken (the engine scores
  the same way), so going round a loop cannot farm points. Loops (strongly connected parts)
  are collapsed: inside one, the best case takes every positively scored choice once and the
  worst case every negatively scored one.
- Then, playable routes. On a story without loops, exact.py solves every playable route by
  dynamic programming over play states (conditions respected): best and worst are exact, the
  best route scores 100 and the worst 0. On a story with loops, or too many states, the engine
  plays greedily instead, at each decision taking the offered choice with the highest (or
  lowest) bound; best and worst are then those greedy routes' scores (a learner who beats
  them is clamped to 0-100), or the bounds where the walk cannot finish.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Mapping

import networkx as nx

from .competencies import NAMES
from .errors import AuthoringError
from .exact import exact_extremes
from .graph import compile_graph, endings
from .lean import Lean
from .model import Ending, Scenario

TOTAL = "total"
ROUTE_COUNT_CAP = 10 ** 15


@dataclass(frozen=True)
class ChoiceCost:
    """How much a choice gives up against the best choice at its decision (0: it is the best)."""

    decision: str
    choice: str
    text: str
    cost: Mapping[str, int]  # per competency and "total"
    best_alternative: str | None


@dataclass(frozen=True)
class Analysis:
    scenario_id: str
    nodes: int
    decisions: int
    endings: int
    best: Mapping[str, int]   # per competency and "total": the best playable route's score
    worst: Mapping[str, int]
    bound_best: Mapping[str, int]  # the graph bounds (conditions assumed open)
    bound_worst: Mapping[str, int]
    best_route: tuple[str, ...]    # nodes of the best playable route (by total)
    worst_route: tuple[str, ...]
    best_choices: tuple[int, ...]  # that route as choice numbers, for `play --choices`
    worst_choices: tuple[int, ...]
    shortest_route: tuple[str, ...]
    longest_route_nodes: int
    route_count: int | None   # None when loops make it unbounded
    route_count_capped: bool
    has_loops: bool
    reachable_endings: tuple[str, ...]
    choice_costs: Mapping[str, ChoiceCost]  # by choice key
    best_from: Mapping[str, Mapping[str, int]]  # node -> measure -> best still achievable
    worst_from: Mapping[str, Mapping[str, int]]

    def scored(self, measure: str) -> bool:
        """True when the scenario can tell good from poor play on `measure`."""
        return self.best[measure] != self.worst[measure]


_CACHE: "weakref.WeakKeyDictionary[Scenario, Analysis]" = weakref.WeakKeyDictionary()
MEASURES = NAMES + (TOTAL,)


def analyse(scenario: Scenario) -> Analysis:
    """The analysis of a scenario (computed once per loaded scenario)."""
    a = _CACHE.get(scenario)
    if a is None:
        a = _CACHE[scenario] = _analyse(scenario)
    return a


def _weight(data, measure) -> int:
    scores = data["scores"]
    if measure == TOTAL:
        return sum(scores.values())
    return scores.get(measure, 0)


def _analyse(scenario: Scenario) -> Analysis:
    g = compile_graph(scenario)
    start = scenario.start
    reach = nx.descendants(g, start) | {start}
    # A subgraph view filters on every access; a real copy (or the graph itself) is far faster.
    sub = g if len(reach) == len(g) else g.subgraph(reach).copy()
    cond = nx.condensation(sub)
    members = cond.graph["mapping"]  # node -> component
    comp_nodes = {c: cond.nodes[c]["members"] for c in cond.nodes}
    order = list(nx.topological_sort(cond))
    has_loops = any(len(m) > 1 for m in comp_nodes.values()) or any(
        u == v for u, v in sub.edges())

    # Internal (loop) gains per component, once per choice.
    inside_best = {c: dict.fromkeys(MEASURES, 0) for c in cond.nodes}
    inside_worst = {c: dict.fromkeys(MEASURES, 0) for c in cond.nodes}
    out_edges: dict[int, list] = {c: [] for c in cond.nodes}
    for u, v, data in sub.edges(data=True):
        cu, cv = members[u], members[v]
        if cu == cv:
            for m in MEASURES:
                w = _weight(data, m)
                if w > 0:
                    inside_best[cu][m] += w
                elif w < 0:
                    inside_worst[cu][m] += w
        else:
            out_edges[cu].append((u, v, data))

    best_c, worst_c = {}, {}
    best_next, worst_next = {}, {}
    for c in reversed(order):
        b, w = {}, {}
        for m in MEASURES:
            if not out_edges[c]:
                b[m], w[m] = inside_best[c][m], inside_worst[c][m]
                continue
            vals = [(_weight(d, m) + best_c[members[v]][m], (u, v)) for u, v, d in out_edges[c]]
            top = max(vals, key=lambda x: x[0])
            b[m] = inside_best[c][m] + top[0]
            wvals = [(_weight(d, m) + worst_c[members[v]][m], (u, v)) for u, v, d in out_edges[c]]
            low = min(wvals, key=lambda x: x[0])
            w[m] = inside_worst[c][m] + low[0]
            if m == TOTAL:
                best_next[c], worst_next[c] = top[1], low[1]
        best_c[c], worst_c[c] = b, w

    best_from = {n: best_c[members[n]] for n in reach}
    worst_from = {n: worst_c[members[n]] for n in reach}
    best, worst, routes = {}, {}, {}
    exact = None if has_loops else exact_extremes(scenario)
    if exact is not None:
        best, worst = exact.best, exact.worst
        routes = {"best": (None, exact.best_route, exact.best_choices),
                  "worst": (None, exact.worst_route, exact.worst_choices)}
    else:
        lean = Lean(scenario, rules=False, texts=False)
        limit = 4 * len(scenario.nodes) + 10
        to_end = _distance_to_ending(sub)
        for m in MEASURES:
            hi = _greedy(lean, best_from, m, max, limit, to_end)
            lo = _greedy(lean, worst_from, m, min, limit, to_end)
            best[m] = hi[0] if hi else best_from[start][m]
            worst[m] = lo[0] if lo else worst_from[start][m]
            if m == TOTAL:
                routes = {"best": hi, "worst": lo}
    best_route = routes["best"][1] if routes["best"] else _follow(sub, start, members, best_next)
    worst_route = routes["worst"][1] if routes["worst"] else \
        _follow(sub, start, members, worst_next)

    ends = [e for e in endings(g) if e in reach]
    shortest = ()
    if ends:
        lengths = nx.single_source_shortest_path_length(sub, start)
        nearest = min((e for e in ends if e in lengths), key=lengths.get, default=None)
        shortest = tuple(nx.bidirectional_shortest_path(sub, start, nearest)) if nearest else ()
    longest = _longest(cond, order, comp_nodes)
    count, capped = None, False
    if not has_loops:
        per_node, capped = _count_routes(sub)
        count = per_node[start]

    costs = []
    for d in scenario.decisions:
        if d.id not in reach:
            continue
        values = []
        for c in d.choices:
            if c.target not in best_from:
                continue
            inner = members[d.id] == members[c.target]
            per = {m: (0 if inner else c.scores.get(m, 0) if m != TOTAL else
                       sum(c.scores.values())) + best_from[c.target][m] for m in MEASURES}
            values.append((c, per))
        if not values:
            continue
        top = {m: max(v[1][m] for v in values) for m in MEASURES}
        best_choice = max(values, key=lambda v: v[1][TOTAL])[0]
        for c, per in values:
            cost = {m: top[m] - per[m] for m in MEASURES}
            costs.append(ChoiceCost(d.id, c.key, c.text, cost,
                                    None if cost[TOTAL] == 0 else best_choice.text))
    return Analysis(
        scenario_id=scenario.id, nodes=len(scenario.nodes), decisions=len(scenario.decisions),
        endings=len(scenario.endings), best=best, worst=worst,
        bound_best=dict(best_from[start]), bound_worst=dict(worst_from[start]),
        best_route=best_route, worst_route=worst_route,
        best_choices=routes["best"][2] if routes["best"] else (),
        worst_choices=routes["worst"][2] if routes["worst"] else (),
        shortest_route=shortest,
        longest_route_nodes=longest, route_count=count, route_count_capped=capped,
        has_loops=has_loops, reachable_endings=tuple(ends),
        choice_costs={c.choice: c for c in costs},
        best_from=best_from, worst_from=worst_from)


def _greedy(lean: Lean, value_from, measure: str, pick, limit: int, to_end: dict):
    """Play the scenario taking, at each decision, the offered choice whose score plus the bound
    beyond it is highest (pick=max) or lowest (pick=min). Returns (raw score, route, choice
    numbers), or None if the walk fails or cannot reach an ending.

    Round a loop the bounds stay the same however much of it has been taken, so the walk
    could go round for ever: once it is back in a state it has been in with nothing new taken
    (or has used half its steps) it heads for the nearest ending instead."""
    nodes = lean.nodes
    far = len(nodes)
    trail: list[str] = []
    try:
        state = lean.start(trail)
        taken: set[str] = set()
        been: set = set()
        leaving = False
        raw, numbers = 0, []
        for step in range(limit):
            if isinstance(nodes[state[0]], Ending):
                return raw, tuple(trail), tuple(numbers)
            mark = (state, len(taken))  # taken only grows, so its size tells it apart
            if mark in been or step > limit // 2:
                leaving = True
            been.add(mark)
            options = lean.offered(state)

            def worth(c):
                gain = 0 if c.key in taken else _choice_weight(c, measure)
                return gain + value_from[c.target][measure]
            if leaving:
                number, choice = min(enumerate(options, 1),
                                     key=lambda nc: to_end.get(nc[1].target, far))
            else:
                top = pick(worth(c) for c in options)
                # Among equally good choices: one not taken yet, then the nearest an ending.
                number, choice = min(((n, c) for n, c in enumerate(options, 1)
                                      if worth(c) == top),
                                     key=lambda nc: (nc[1].key in taken,
                                                     to_end.get(nc[1].target, far)))
            if choice.key not in taken:
                raw += _choice_weight(choice, measure)
                taken.add(choice.key)
            numbers.append(number)
            state = lean.take(state, choice, trail)
    except (AuthoringError, KeyError):
        return None
    return None


def _distance_to_ending(sub) -> dict[str, int]:
    """Steps from each node to the nearest ending."""
    ends = endings(sub)
    if not ends:
        return {}
    return nx.multi_source_dijkstra_path_length(sub.reverse(copy=False), ends, weight=None)


def _choice_weight(choice, measure: str) -> int:
    return sum(choice.scores.values()) if measure == TOTAL else choice.scores.get(measure, 0)


def _follow(sub, start, members, nxt) -> tuple[str, ...]:
    """The route that the per-component choices pick, walking through loops by shortest path."""
    route = [start]
    node = start
    for _ in range(len(sub) + 1):
        c = members[node]
        if c not in nxt:
            break
        u, v = nxt[c]
        if u != node:
            route.extend(nx.shortest_path(sub, node, u)[1:])
        route.append(v)
        node = v
    return tuple(route)


def _longest(cond, order, comp_nodes) -> int:
    size = {c: len(comp_nodes[c]) for c in cond.nodes}
    longest = {}
    for c in reversed(order):
        longest[c] = size[c] + max((longest[s] for s in cond.successors(c)), default=0)
    return max(longest.values(), default=0)


def _count_routes(sub) -> tuple[int, bool]:
    """Routes from the start to an ending on a graph without loops (by dynamic programming),
    capped so a huge story still answers quickly."""
    count: dict[str, int] = {}
    capped = False
    for n in reversed(list(nx.topological_sort(sub))):
        if sub.out_degree(n) == 0:
            count[n] = 1 if sub.nodes[n]["kind"] == "ending" else 0
        else:
            total = sum(count[v] for _, v in sub.out_edges(n))
            if total > ROUTE_COUNT_CAP:
                total, capped = ROUTE_COUNT_CAP, True
            count[n] = total
    return count, capped
