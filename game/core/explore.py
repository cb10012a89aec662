"""Walk every route a scenario allows (bounded), with real variable values.

Used to check scenario rules on every route and to find runtime problems (a decision where no
choice is offered, a condition that fails, a text that cannot be filled in) that no static
check can see. It walks lean states (lean.py): states that nothing still to come could tell
apart are visited once, so loops and rejoining routes stay finite, memory is bounded by
`max_states`, and no route is copied per step.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import AuthoringError
from .lean import Lean, route_to, walk
from .model import Scenario

MAX_FAILURES = 12  # distinct runtime problems kept; one is enough to fix, a few show a pattern


@dataclass(frozen=True)
class Exploration:
    lean: Lean
    outcomes: tuple[tuple, ...]  # the lean states at endings
    failures: tuple[tuple[AuthoringError, tuple[int, ...]], ...]  # (problem, route to it)
    states: int
    complete: bool
    parents: dict

    def route(self, state) -> tuple[int, ...]:
        """The choice numbers (as `play --choices` takes them) that lead to `state`."""
        return route_to(self.parents, state)

    def played(self, state):
        """The full engine.PlayState of one route to `state` (its history, chronology...),
        played through the play session."""
        from .play import play_route
        return play_route(self.lean.scenario, self.route(state), to_end=False)[0]


def explore(scenario: Scenario, max_states: int = 200_000,
            also_choices: tuple[str, ...] = ()) -> Exploration:
    """Every distinct lean play state reachable from the start, up to `max_states`. States that
    differ in whether they took one of `also_choices` are kept apart too."""
    lean = Lean(scenario, rules=True, texts=True, also_choices=also_choices)
    failures: dict[tuple, tuple] = {}

    def on_failure(exc, state, number):
        p = exc.problems[0]
        key = (p.file, p.line, p.col, p.message)
        if key not in failures and len(failures) < MAX_FAILURES:
            failures[key] = (exc, state, number)

    parents, ends, complete = walk(lean, max_states, on_failure)
    found = tuple((exc, (route_to(parents, s) if s is not None else ()) +
                   ((n,) if n is not None else ())) for exc, s, n in failures.values())
    return Exploration(lean, tuple(ends), found, len(parents), complete, parents)
