"""Scenario rules checked on every route (see 'Rules' in docs/authoring.md).

`require` rules must hold at every ending they apply to; `possible` rules must hold at the end
of at least one route. Each broken rule is reported at the rule, naming the routes that break
it as choice numbers that `main.py play FILE --choices ...` replays.
"""
from __future__ import annotations

from .errors import ERROR, WARNING, Problem
from .explore import explore
from .model import RuleKind, Scenario

MAX_EXAMPLES = 3


def check_rules(scenario: Scenario, max_states: int = 200_000) -> list[Problem]:
    """Problems for broken rules, stuck decisions and runtime failures found on any route."""
    ex = explore(scenario, max_states)
    problems: list[Problem] = []
    for exc, numbers in ex.failures:
        for p in exc.problems:
            problems.append(Problem(p.severity, p.file, p.line, p.col, p.message,
                                    f"reached by choices {_route(numbers)}"))
    nodes = scenario.nodes
    for rule in scenario.rules:
        file, line, col = rule.where
        applies = [s for s in ex.outcomes
                   if not rule.at_endings or nodes[s[0]].ending in rule.at_endings]
        holds = [(s, rule.condition.fn(ex.lean.context(s))) for s in applies]
        if rule.kind is RuleKind.REQUIRE:
            broken = [s for s, ok in holds if not ok]
            if broken:
                examples = "; ".join(f"ending '{s[0]}' by choices {_route(ex.route(s))}"
                                     for s in broken[:MAX_EXAMPLES])
                more = f" (and {len(broken) - MAX_EXAMPLES} more)" if len(broken) > MAX_EXAMPLES \
                    else ""
                problems.append(Problem(
                    ERROR, file, line, col,
                    f"rule '{rule.id}' is broken on {len(broken)} route"
                    f"{'s' * (len(broken) != 1)}: {rule.condition.source} is false at {examples}"
                    f"{more}", "replay a route with 'main.py play FILE --choices ...' to see it"))
        elif not any(ok for _, ok in holds) and ex.complete:
            problems.append(Problem(
                ERROR, file, line, col,
                f"rule '{rule.id}' never holds: no route ends with {rule.condition.source}",
                "make sure at least one route can satisfy it"))
    if not ex.complete:
        problems.append(Problem(WARNING, scenario.path, 1, 1,
                                f"checked {ex.states:,} play states, stopped at the limit: the "
                                "story has more, so rules and runtime problems beyond them were "
                                "not checked", "raise --max-states to check them all"))
    return problems


def _route(numbers) -> str:
    return ",".join(map(str, numbers)) or "(none: the first ending reached)"
