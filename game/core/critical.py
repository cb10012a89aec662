"""Critical faults across a whole scenario: which choices are marked `critical:`, and proof,
route by route, that none of them can be part of a pass.

`analyse` prints this. The verdict itself lives in debrief.py (`verdict`); this module only
runs it over every route the explorer finds, so a trainer sees how many routes take a critical
choice, how many of those would otherwise have passed (the ones the marking exists for), and
whether the best-scoring route takes one (a scoring mistake: the best score could never pass).
"""
from __future__ import annotations

from dataclasses import dataclass

from .analysis import TOTAL, analyse
from .debrief import CriticalFault, normalise, raw_scores, verdict
from .explore import explore
from .model import Choice, Ending, Scenario


@dataclass(frozen=True, kw_only=True)
class CriticalCheck:
    choices: tuple[Choice, ...]        # every choice marked critical, in story order
    routes: int                        # distinct outcomes checked (routes ending in the same
    #                                    state, critical choices included, count once)
    complete: bool                     # False when exploration stopped at its limit
    through_critical: int              # routes taking at least one critical choice
    would_pass: int                    # of those, routes that would pass but for the fault
    passing_with_critical: int         # routes that pass although they take one (always 0)
    on_best_route: tuple[str, ...]     # critical choice keys on the best-scoring route


def check_critical(scenario: Scenario, max_states: int = 200_000) -> CriticalCheck:
    chosen = tuple(c for d in scenario.decisions for c in d.choices if c.critical)
    keys = {c.key for c in chosen}
    a = analyse(scenario)
    best_keys = _keys_on(scenario, a.best_choices)
    routes = through = would = passing = 0
    # Routes are kept apart by every scored choice they take (lean states would otherwise
    # merge routes that end alike with different scores), so each outcome's score is its own.
    scored = {c.key for c in scenario.choices.values() if any(c.scores.values())}
    ex = explore(scenario, max_states, also_choices=tuple(sorted(keys | scored))) \
        if chosen else None
    for outcome in (ex.outcomes if ex else ()):
        state = ex.played(outcome)
        routes += 1
        taken = [s.choice for s in state.history if s.choice in keys]
        if not taken:
            continue
        through += 1
        raw = raw_scores(scenario, state.history)
        overall = normalise(raw[TOTAL], a.best[TOTAL], a.worst[TOTAL])
        ending = scenario.nodes[state.node]
        common = dict(finished=True, ending=ending if isinstance(ending, Ending) else None,
                      overall=100 if overall is None else overall, pass_mark=scenario.pass_mark)
        would += verdict(**common, critical=())[0]
        faults = tuple(CriticalFault(number=0, decision_id="", choice=k, choice_text="",
                                     why=scenario.choice(k).critical) for k in taken)
        passing += verdict(**common, critical=faults)[0]
    return CriticalCheck(choices=chosen, routes=routes, complete=ex.complete if ex else True,
                         through_critical=through, would_pass=would,
                         passing_with_critical=passing,
                         on_best_route=tuple(k for k in best_keys if k in keys))


def _keys_on(scenario: Scenario, numbers) -> tuple[str, ...]:
    from .play import play_route
    state, _ = play_route(scenario, numbers, to_end=False)
    return tuple(s.choice for s in state.history)
