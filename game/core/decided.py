"""Which decision decided a failing ending: the point of no return on the learner's route.

A story often settles its ending on one earlier choice (a flag set at decision 2 and read at a
branch near the end), so the learner sees the ending without seeing why. Here the route is
replayed, and at each decision we ask whether any safe ending (child_seen_safe or
child_protected) could still be reached, playing on from the state the choice left. The first
choice after which none can is the one that decided it.

"Could still be reached" walks the play states after that point with the engine's own rules
(conditions, effects and branches respected), best-looking choices first, and stops at the
first safe ending. States that no condition can tell apart are searched once, and the answers
are kept per scenario. A search that runs past MAX_STATES gives up (None: not known).
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from . import engine
from .analysis import TOTAL, analyse
from .explore import state_key
from .model import Ending, Scenario

MAX_STATES = 20_000


@dataclass(frozen=True, kw_only=True)
class DecidedBy:
    """The decision after which no safe ending could be reached on this route."""

    number: int        # 1-based place of the decision in the route
    decision_id: str
    choice: str        # the choice's key
    choice_text: str


class _TooBig(Exception):
    pass


class _Reach:
    """Per scenario: whether a safe ending is reachable from a play state, remembered by key."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.key = state_key(scenario)
        self.known: dict = {}
        a = analyse(scenario)
        self.value = {c.key: sum(c.scores.values()) + a.best_from.get(c.target, {}).get(TOTAL, 0)
                      for c in scenario.choices.values()}

    def safe_reachable(self, state: engine.PlayState) -> bool | None:
        try:
            return self._search(state, [0])
        except _TooBig:
            return None

    def _search(self, state: engine.PlayState, budget: list) -> bool:
        scenario = self.scenario
        state = engine.to_next_decision(scenario, state)
        k = self.key(state)
        if k in self.known:
            return self.known[k]
        if state.finished:
            node = scenario.nodes[state.node]
            found = isinstance(node, Ending) and node.good
        else:
            budget[0] += 1
            if budget[0] > MAX_STATES:
                raise _TooBig
            options = engine.offered(scenario, state)
            ranked = sorted(enumerate(options, 1), key=lambda p: -self.value.get(p[1].key, 0))
            found = any(self._search(engine.take(scenario, state, c, n), budget)
                        for n, c in ranked)
        self.known[k] = found
        return found


_CACHE: "weakref.WeakKeyDictionary[Scenario, _Reach]" = weakref.WeakKeyDictionary()


def decided_by(scenario: Scenario, state: engine.PlayState) -> DecidedBy | None:
    """For a play finished at a failing ending, the decision that settled it; None when the
    play is unfinished, ended well, or the search could not tell."""
    node = scenario.nodes.get(state.node)
    if not state.finished or not isinstance(node, Ending) or node.good:
        return None
    reach = _CACHE.get(scenario)
    if reach is None:
        reach = _CACHE[scenario] = _Reach(scenario)
    current = engine.restart(scenario, state)
    if reach.safe_reachable(current) is not True:
        return None  # no safe ending from the start, or not known: nothing to name
    for number, step in enumerate(state.history, 1):
        current = engine.to_next_decision(scenario, current)
        choice = scenario.choice(step.choice)
        if choice is None or current.node != step.decision:
            return None
        current = engine.take(scenario, current, choice, step.number, step.at)
        after = reach.safe_reachable(current)
        if after is None:
            return None
        if not after:
            return DecidedBy(number=number, decision_id=step.decision, choice=step.choice,
                             choice_text=choice.text)
    return None
