"""Which decision decided a failing ending: the point of no return on the learner's route.

A story often settles its ending on one earlier choice (a flag set at decision 2 and read at a
branch near the end), so the learner sees the ending without seeing why. Here the route is
replayed, and after each choice we ask whether any safe ending (child_seen_safe or
child_protected) could still be reached from the state it left. The first choice after which
none can is the one that decided it.

"Could still be reached" is worked out once per scenario over every lean play state
(lean.py: conditions, effects and branches as the engine plays them), walking back from the
safe endings. Past MAX_STATES states the answer is not known and nothing is named.
"""
from __future__ import annotations

import weakref
from collections import deque
from dataclasses import dataclass

from . import engine
from .errors import AuthoringError
from .lean import Lean, state_graph
from .model import Ending, Scenario

MAX_STATES = 200_000


@dataclass(frozen=True, kw_only=True)
class DecidedBy:
    """The decision after which no safe ending could be reached on this route."""

    number: int        # 1-based place of the decision in the route
    decision_id: str
    choice: str        # the choice's key
    choice_text: str


class _Reach:
    """Per scenario: the lean states from which a safe ending can still be reached."""

    def __init__(self, scenario: Scenario):
        self.lean = Lean(scenario, rules=False, texts=False)
        try:
            first, moves, self.complete = state_graph(self.lean, MAX_STATES)
        except AuthoringError:  # the scenario cannot even start: the rules check says why
            first, moves, self.complete = None, {}, False
        back: dict = {}
        for state, out in moves.items():
            for _, _, nxt in out:
                back.setdefault(nxt, []).append(state)
        nodes = scenario.nodes
        safe = [s for s in moves if isinstance(nodes[s[0]], Ending) and nodes[s[0]].good]
        self.safe = set(safe)
        queue = deque(safe)
        while queue:
            for before in back.get(queue.popleft(), ()):
                if before not in self.safe:
                    self.safe.add(before)
                    queue.append(before)


_CACHE: "weakref.WeakKeyDictionary[Scenario, _Reach]" = weakref.WeakKeyDictionary()


def decided_by(scenario: Scenario, state: engine.PlayState) -> DecidedBy | None:
    """For a play finished at a failing ending, the decision that settled it; None when the
    play is unfinished, ended well, or the states were too many to tell."""
    node = scenario.nodes.get(state.node)
    if not state.finished or not isinstance(node, Ending) or node.good:
        return None
    if state.origin != scenario.start or state.origin_variables:
        return None  # a play started mid-story (an author testing a scene): no route to judge
    reach = _CACHE.get(scenario)
    if reach is None:
        reach = _CACHE[scenario] = _Reach(scenario)
    if not reach.complete:
        return None
    lean = reach.lean
    current = lean.start()
    if current not in reach.safe:
        return None  # no safe ending from the start: nothing to name
    for number, step in enumerate(state.history, 1):
        try:
            choice = next(c for c in lean.offered(current) if c.key == step.choice)
        except StopIteration:
            return None
        current = lean.take(current, choice)
        if current not in reach.safe:
            return DecidedBy(number=number, decision_id=step.decision, choice=step.choice,
                             choice_text=choice.text)
    return None
