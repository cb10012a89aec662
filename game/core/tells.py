"""Tells: surface signs that give a decision's answer away without any thought about the child.

Two are measured, per decision and per scenario:
- length: the best choice is the longest (or the shortest) option. By chance this happens in
  about 1/n of decisions with n options; when it happens in more than half, a learner can pass
  by picking the longest (or shortest) line.
- justification: the weaker options argue for themselves ("... because ...", "... so ...")
  while the best one does not, so "the one without an excuse" is the answer. Reported as how
  often best and weaker options give reasons; the two rates should be close.

The best choice at a decision is the one with no cost against the best (analysis.choice_costs).
Decisions with a single choice, or where every choice costs the same, are not counted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import WARNING, Problem
from .graph import node_targets
from .model import Decision, Scenario

# Words that introduce a reason or a justification for the option itself.
_REASON = re.compile(
    r"\b(because|since|cos|so that|so|otherwise|that way|after all|which means|in case|"
    r"given that|as long as|or else|rather than|instead of|to avoid|to keep|to make sure)\b",
    re.IGNORECASE)


def justifies(text: str) -> bool:
    """True when an option's text argues for itself (gives a reason with the action)."""
    return bool(_REASON.search(text))


@dataclass(frozen=True, kw_only=True)
class DecisionTells:
    decision: str
    line: int
    options: int
    best_longest: bool
    best_shortest: bool
    best_options: int
    best_reasons: int     # best options that argue for themselves
    weaker_options: int
    weaker_reasons: int   # weaker options that argue for themselves


@dataclass(frozen=True, kw_only=True)
class ScenarioTells:
    scenario_id: str
    decisions: tuple[DecisionTells, ...]

    @property
    def counted(self) -> int:
        return len(self.decisions)

    @property
    def best_longest(self) -> int:
        return sum(d.best_longest for d in self.decisions)

    @property
    def best_shortest(self) -> int:
        return sum(d.best_shortest for d in self.decisions)

    def reasons(self, which: str) -> tuple[int, int]:
        """(options that give reasons, options) among the `which` ("best" or "weaker") ones."""
        return (sum(getattr(d, f"{which}_reasons") for d in self.decisions),
                sum(getattr(d, f"{which}_options") for d in self.decisions))

    @property
    def chance(self) -> float:
        """How many decisions would have the best longest (or shortest) by chance."""
        return sum(1 / d.options for d in self.decisions)


def choice_costs(scenario: Scenario) -> dict[str, int]:
    """Each choice's cost in total points against the best at its decision, as
    analysis.choice_costs has it (conditions assumed open). Worked out here without the graph
    library on a story without loops, so `validate` stays light; a story with loops asks the
    full analysis."""
    nodes = scenario.nodes
    moves = {nid: _moves(node) for nid, node in nodes.items()}
    best: dict[str, int] = {}
    open_ = {scenario.start}  # on the path being walked: meeting one again is a loop
    stack = [(scenario.start, iter(moves[scenario.start]))]
    while stack:  # depth first without recursion: stories can chain ten thousand beats
        nid, todo = stack[-1]
        step = next(todo, None)
        if step is None:
            best[nid] = max((w + best[t] for w, t in moves[nid]), default=0)
            open_.discard(nid)
            stack.pop()
            continue
        target = step[1]
        if target in open_:
            from .analysis import TOTAL, analyse  # loops: the full analysis (graph library)
            return {k: c.cost[TOTAL] for k, c in analyse(scenario).choice_costs.items()}
        if target not in best:
            open_.add(target)
            stack.append((target, iter(moves[target])))
    costs = {}
    for d in scenario.decisions:
        if d.id not in best:
            continue  # unreachable
        for c in d.choices:
            costs[c.key] = best[d.id] - (sum(c.scores.values()) + best[c.target])
    return costs


def _moves(node) -> list[tuple[int, str]]:
    if isinstance(node, Decision):
        return [(sum(c.scores.values()), c.target) for c in node.choices]
    return [(0, t) for t in node_targets(node)]


def decision_tells(scenario: Scenario, decision: Decision,
                   costs: dict[str, int] | None = None) -> DecisionTells | None:
    """The tells at one decision, or None when it has no best choice to give away."""
    costs = choice_costs(scenario) if costs is None else costs
    choices = [c for c in decision.choices if c.key in costs]
    if len(choices) < 2:
        return None
    best = [c for c in choices if costs[c.key] == 0]
    weaker = [c for c in choices if costs[c.key] > 0]
    if not best or not weaker:
        return None
    lengths = [len(c.text) for c in choices]
    longest, shortest = max(lengths), min(lengths)
    return DecisionTells(
        decision=decision.id, line=decision.where[1], options=len(choices),
        best_longest=any(len(c.text) == longest for c in best) and longest != shortest,
        best_shortest=any(len(c.text) == shortest for c in best) and longest != shortest,
        best_options=len(best), best_reasons=sum(justifies(c.text) for c in best),
        weaker_options=len(weaker), weaker_reasons=sum(justifies(c.text) for c in weaker))


def scenario_tells(scenario: Scenario) -> ScenarioTells:
    costs = choice_costs(scenario)
    found = (decision_tells(scenario, d, costs) for d in scenario.decisions)
    return ScenarioTells(scenario_id=scenario.id,
                         decisions=tuple(d for d in found if d is not None))


def tell_problems(scenario: Scenario) -> list[Problem]:
    """Warnings for `validate`: the answer is given away by length in most decisions."""
    t = scenario_tells(scenario)
    if t.counted < 2:
        return []
    out = []
    file = scenario.path
    for attr, word in (("best_longest", "longest"), ("best_shortest", "shortest")):
        hits = [d for d in t.decisions if getattr(d, attr)]
        if len(hits) * 2 > t.counted:
            first = hits[0]
            out.append(Problem(
                WARNING, file, first.line, 1,
                f"the best choice is the {word} option in {len(hits)} of {t.counted} decisions "
                f"(by chance about {round(t.chance)}): a learner can pick by length",
                f"make the best option no {'longer' if word == 'longest' else 'shorter'} than "
                f"the others at some of: {', '.join(d.decision for d in hits[:8])}"))
    return out


def tells_report(scenario: Scenario) -> list[str]:
    """Lines for `analyse`."""
    t = scenario_tells(scenario)
    if not t.counted:
        return []
    lines = [f"  Tells ({t.counted} decisions with a best choice; by chance about "
             f"{t.chance:.1f} each):",
             f"    best is the longest option:  {t.best_longest}/{t.counted}",
             f"    best is the shortest option: {t.best_shortest}/{t.counted}",
             "    options that argue for themselves: best {}/{}, weaker {}/{}".format(
                 *t.reasons("best"), *t.reasons("weaker"))]
    for d in t.decisions:
        if d.best_longest or d.best_shortest:
            lines.append(f"      {d.decision} (line {d.line}): best is the "
                         f"{'longest' if d.best_longest else 'shortest'}")
    return lines
