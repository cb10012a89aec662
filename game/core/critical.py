"""Critical faults across a whole scenario: which choices are marked `critical:`, the best route
through each, and proof, by playing that route, that it does not pass.

`analyse` prints this. For each critical choice the best-scoring route through it that still
reaches a safe ending is found exactly, over every play state (lean.py): the best score on the
way to the decision, plus the choice, plus the best score from there to a safe ending. That
route is then played through the play session and judged by the one verdict (Debrief.passed),
so a trainer sees which critical choices would have passed on points and ending alone (the
ones the marking exists for) and that none of them passes. A best-scoring route that takes a
critical choice is a scoring mistake (100 could never pass), and is reported as one.
"""
from __future__ import annotations

from dataclasses import dataclass

from .analysis import analyse
from .debrief import verdict
from .lean import Lean, state_graph
from .model import Choice, Ending, Scenario


@dataclass(frozen=True, kw_only=True)
class CriticalRoute:
    """The best route through one critical choice that reaches a safe ending, if any."""

    choice: Choice
    numbers: tuple[int, ...] | None  # as `play --choices` takes them; None: no safe ending after
    overall: int | None              # that route's score, 0-100
    would_pass: bool                 # a safe ending and the pass mark: it fails only on the fault
    passed: bool                     # the verdict on that route (always False)


@dataclass(frozen=True, kw_only=True)
class CriticalCheck:
    routes: tuple[CriticalRoute, ...]  # one per critical choice, in story order
    complete: bool                     # False: too many states, or loops (scores not exact)
    on_best_route: tuple[str, ...]     # critical choice keys on the best-scoring route

    @property
    def choices(self) -> tuple[Choice, ...]:
        return tuple(r.choice for r in self.routes)

    @property
    def passing(self) -> int:
        return sum(r.passed for r in self.routes)


def check_critical(scenario: Scenario, max_states: int = 200_000) -> CriticalCheck:
    from .play import play_route
    chosen = [c for d in scenario.decisions for c in d.choices if c.critical]
    best_state, _ = play_route(scenario, analyse(scenario).best_choices, to_end=False)
    on_best = tuple(s.choice for s in best_state.history if scenario.choice(s.choice).critical)
    if not chosen:
        return CriticalCheck(routes=(), complete=True, on_best_route=on_best)
    found, complete = _best_through(scenario, {c.key for c in chosen}, max_states)
    routes = []
    for c in chosen:
        numbers = found.get(c.key)
        if numbers is None:
            routes.append(CriticalRoute(choice=c, numbers=None, overall=None, would_pass=False,
                                        passed=False))
            continue
        _, debrief = play_route(scenario, numbers)
        # the one pass rule, asked without the critical faults: would it pass but for them?
        would_pass, _ = verdict(finished=debrief.finished, ending=debrief.ending,
                                overall=debrief.overall, pass_mark=debrief.pass_mark,
                                critical=())
        routes.append(CriticalRoute(
            choice=c, numbers=numbers, overall=debrief.overall, passed=debrief.passed,
            would_pass=would_pass))
    return CriticalCheck(routes=tuple(routes), complete=complete, on_best_route=on_best)


def _best_through(scenario: Scenario, keys: set[str], max_states: int):
    """For each critical choice key, the choice numbers of the best-scoring route through it
    that ends safely; (found, exact)."""
    lean = Lean(scenario, rules=False, texts=False)
    first, moves, complete = state_graph(lean, max_states)
    order = _topological(first, moves)
    if order is None:  # loops: a choice's score counts once, so path sums are not exact
        return {}, False
    weight = {c.key: sum(c.scores.values()) for c in scenario.choices.values()}
    nodes = scenario.nodes
    # best total from each state to a safe ending (None: none reachable), children first
    to_safe: dict = {}
    next_move: dict = {}
    for state in reversed(order):
        node = nodes[state[0]]
        if isinstance(node, Ending):
            to_safe[state] = 0 if node.good else None
            continue
        best = None
        for number, choice, nxt in moves.get(state, ()):
            rest = to_safe.get(nxt)
            if rest is not None and (best is None or weight[choice.key] + rest > best):
                best, next_move[state] = weight[choice.key] + rest, (number, nxt)
        to_safe[state] = best
    # best total from the start to each state, parents first
    from_start = {first: 0}
    came_from: dict = {}
    for state in order:
        here = from_start.get(state)
        if here is None:
            continue
        for number, choice, nxt in moves.get(state, ()):
            total = here + weight[choice.key]
            if nxt not in from_start or total > from_start[nxt]:
                from_start[nxt], came_from[nxt] = total, (state, number)
    best_at: dict = {}
    for state in order:
        for number, choice, nxt in moves.get(state, ()):
            if choice.key in keys and to_safe.get(nxt) is not None and state in from_start:
                total = from_start[state] + weight[choice.key] + to_safe[nxt]
                if choice.key not in best_at or total > best_at[choice.key][0]:
                    best_at[choice.key] = (total, state, number, nxt)
    found = {}
    for key, (_, state, number, nxt) in best_at.items():
        before = []
        s = state
        while s in came_from:
            s, n = came_from[s]
            before.append(n)
        after = []
        s = nxt
        while s in next_move:
            n, s = next_move[s]
            after.append(n)
        found[key] = tuple(reversed(before)) + (number,) + tuple(after)
    return found, complete


def _topological(first, moves):
    """States in an order where every move goes forward; None when the states loop."""
    order, mark = [], {}
    stack = [(first, iter(moves.get(first, ())))]
    mark[first] = 1
    while stack:
        state, it = stack[-1]
        step = next(it, None)
        if step is None:
            stack.pop()
            mark[state] = 2
            order.append(state)
            continue
        nxt = step[2]
        if mark.get(nxt) == 1:
            return None
        if nxt not in mark:
            mark[nxt] = 1
            stack.append((nxt, iter(moves.get(nxt, ()))))
    order.reverse()
    return order
