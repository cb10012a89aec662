"""Walk every route a scenario allows (bounded), with real variable values.

Used to check scenario rules on every route and to find runtime problems (a decision where no
choice is offered, a condition that fails) that no static check can see. States that the
conditions cannot tell apart are visited once, so loops and rejoining routes stay finite.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import engine
from .errors import AuthoringError
from .model import Beat, Scenario


@dataclass(frozen=True)
class Outcome:
    """One way a route can end: the final state and the choice numbers that lead there."""

    state: engine.PlayState
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Exploration:
    outcomes: tuple[Outcome, ...]
    failures: tuple[tuple[AuthoringError, tuple[int, ...]], ...]
    states: int
    complete: bool


def all_expressions(scenario: Scenario, rules: bool = True):
    """Every parsed condition and effect value in the scenario (and its rules' conditions)."""
    for n in scenario.nodes.values():
        for c in getattr(n, "choices", ()):
            if c.condition:
                yield c.condition
            yield from (e.value for e in c.effects)
        yield from (r.condition for r in getattr(n, "routes", ()) if r.condition)
        yield from (e.value for e in getattr(n, "effects", ()))
    if rules:
        yield from (r.condition for r in scenario.rules)


def history_refs(scenario: Scenario, rules: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The node ids and choice keys that any condition or effect can ask about, sorted."""
    exprs = list(all_expressions(scenario, rules))
    nodes = sorted({r.id for e in exprs for r in e.refs if r.kind == "node"})
    choices = sorted({r.id for e in exprs for r in e.refs if r.kind == "choice"})
    return tuple(nodes), tuple(choices)


def state_key(scenario: Scenario, refs=None):
    """A function giving each state a key that is equal exactly when no condition, effect or
    rule could tell the two states apart (same node, variables and asked-about history)."""
    nodes, choices = refs or history_refs(scenario)
    if not nodes and not choices:
        return lambda s: (s.node, s.variables)

    def key(s: engine.PlayState):
        visits = Counter(s.route)
        taken = {st.choice for st in s.history}
        return (s.node, s.variables, tuple(visits.get(n, 0) for n in nodes),
                tuple(c in taken for c in choices))
    return key


def explore(scenario: Scenario, max_states: int = 200_000,
            also_choices: tuple[str, ...] = ()) -> Exploration:
    """Every distinct play state reachable from the start, up to `max_states`. States that
    differ in whether they took one of `also_choices` are kept apart too."""
    nodes_asked, choices_asked = history_refs(scenario)
    key = state_key(scenario, (nodes_asked, tuple(sorted(set(choices_asked) | set(also_choices)))))
    nodes = scenario.nodes
    outcomes, failures = [], []
    first = engine.to_next_decision(scenario, engine.start(scenario, engine.ASSESSED))
    stack = [(first, ())]
    seen = {key(first)}
    count = 0
    while stack:
        state, numbers = stack.pop()
        count += 1
        if state.finished:
            outcomes.append(Outcome(state, numbers))
            continue
        try:
            options = engine.offered(scenario, state)
        except AuthoringError as exc:
            failures.append((exc, numbers))
            continue
        for number in range(len(options), 0, -1):
            try:
                nxt = engine.take(scenario, state, options[number - 1], number)
                node = nodes[nxt.node]
                while isinstance(node, Beat):
                    if "{" in node.text:
                        engine.view(scenario, nxt)  # interpolation problems show here
                    nxt = engine.advance(scenario, nxt)
                    node = nodes[nxt.node]
            except AuthoringError as exc:
                failures.append((exc, numbers + (number,)))
                continue
            k = key(nxt)
            if k in seen:
                continue
            try:
                engine.view(scenario, nxt)
            except AuthoringError as exc:
                failures.append((exc, numbers + (number,)))
                continue
            if len(seen) >= max_states:
                return Exploration(tuple(outcomes), tuple(failures), count, False)
            seen.add(k)
            stack.append((nxt, numbers + (number,)))
    return Exploration(tuple(outcomes), tuple(failures), count, True)
