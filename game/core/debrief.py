"""Scores, the verdict and the debrief: what the learner's choices meant, competency by competency.

Scoring: each competency's raw score is the sum of the scores of the choices taken, each choice
counted once. It is placed on 0-100 between the worst (0) and best (100) totals any route can
reach (see analysis.py). The overall score does the same with all competencies added together.

The verdict (`Debrief.passed`, the only one anywhere: shells, storage, reports, xAPI and
certificates read it, never recompute it) needs all of:
- the play finished;
- at a good ending (the child seen and safe, or protected by proportionate action; see
  model.py): drift, a child left unseen or harmed, over-escalation, a broken relationship or a
  harmed worker never pass, whatever the points;
- no critical fault: a choice marked `critical:` fails the attempt, as a serious fault fails a
  driving test;
- an overall score of at least the pass mark: the session's when one is given, else the
  scenario's.
`Debrief.reasons` says in plain words which of these failed, and, when the ending failed,
which decision settled it (`Debrief.decided_by`, see decided.py).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import Enum
from typing import Mapping

from .analysis import TOTAL, analyse
from .competencies import COMPETENCIES
from .decided import DecidedBy, decided_by
from . import engine
from .engine import CaseNote, Mode, PlayState, Step
from .model import FAILING_ENDINGS, Choice, Ending, Scenario
from .practice_points import REGISTRY
from .text import interpolate


class Strength(str, Enum):
    """How a choice compares with the others offered at its decision, in the learner's words."""

    STRONG = "strong"          # the best available
    REASONABLE = "reasonable"  # gives up a little
    WEAK = "weak"              # gives up a lot, or is a critical fault

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, kw_only=True)
class CompetencyScore:
    name: str
    label: str
    raw: int
    best: int
    worst: int
    score: int | None  # None: this scenario does not assess the competency


@dataclass(frozen=True, kw_only=True)
class DecisionReview:
    """One decision taken, with what it meant: feedback, practice points, cost, the better way.
    `better` is the stronger choice's text (None when this was the strongest), `better_choice`
    its key; `critical` says why the choice was a critical fault ("" when it was not)."""

    number: int
    decision_id: str
    prompt: str
    choice: str
    choice_text: str
    feedback: str
    points: tuple[tuple[str, str], ...]  # (id, title)
    scores: Mapping[str, int]
    cost: int
    better: str | None
    better_choice: str | None
    strength: Strength
    critical: str
    at: str | float | None


@dataclass(frozen=True, kw_only=True)
class CriticalFault:
    """A critical choice the learner took: which decision, which choice, and why it fails."""

    number: int
    decision_id: str
    choice: str
    choice_text: str
    why: str


@dataclass(frozen=True, kw_only=True)
class Debrief:
    scenario_id: str
    title: str
    mode: Mode
    finished: bool
    competencies: tuple[CompetencyScore, ...]
    overall: int
    passed: bool
    pass_mark: int
    reasons: tuple[str, ...]  # why it did not pass, in plain words (empty when it passed)
    critical: tuple[CriticalFault, ...]
    decisions: tuple[DecisionReview, ...]
    ending: Ending | None
    chronology: tuple[CaseNote, ...]
    route: tuple[str, ...]
    variables: Mapping[str, object] = field(default_factory=dict)  # the declared ones, at the end
    decided_by: DecidedBy | None = None  # at a failing ending: the decision that settled it

    def to_dict(self) -> dict:
        """Plain JSON-able data; the shape `main.py play --json` prints."""
        return {
            "scenario": self.scenario_id, "title": self.title, "mode": self.mode.value,
            "finished": self.finished, "overall": self.overall, "passed": self.passed,
            "pass_mark": self.pass_mark, "reasons": list(self.reasons),
            "critical": [asdict(c) for c in self.critical],
            "competencies": {c.name: {"label": c.label, "score": c.score, "raw": c.raw,
                                      "best": c.best, "worst": c.worst}
                             for c in self.competencies},
            "decisions": [dict(asdict(d), points=[{"id": i, "title": t} for i, t in d.points],
                               scores=dict(d.scores), strength=d.strength.value)
                          for d in self.decisions],
            "ending": None if self.ending is None else {
                "id": self.ending.id, "kind": self.ending.ending, "title": self.ending.title,
                "text": self.ending.text, "epilogue": self.ending.epilogue},
            "chronology": [{"day": n.day, "text": n.text} for n in self.chronology],
            "route": list(self.route),
            "choices": [d.choice for d in self.decisions],
            "variables": dict(self.variables),
            "decided_by": None if self.decided_by is None else asdict(self.decided_by),
        }


def normalise(raw: int, best: int, worst: int) -> int | None:
    """`raw` on 0-100 between worst and best (None when best == worst), clamped."""
    if best == worst:
        return None
    return max(0, min(100, round(100 * (raw - worst) / (best - worst))))


def raw_scores(scenario: Scenario, history: tuple[Step, ...]) -> dict[str, int]:
    """Sum of scores per competency (and "total") over the choices taken, each counted once."""
    totals = dict.fromkeys([n for n, _ in COMPETENCIES] + [TOTAL], 0)
    for key in dict.fromkeys(s.choice for s in history):
        choice = scenario.choice(key)
        if choice is None:
            continue
        for name, value in choice.scores.items():
            totals[name] += value
            totals[TOTAL] += value
    return totals


def review_step(scenario: Scenario, step: Step, number: int,
                options: tuple[Choice, ...] | None = None,
                values: Mapping[str, object] | None = None) -> DecisionReview:
    """The feedback card for one decision taken (also shown live in practice mode).

    `options` are the choices that were offered when it was taken; the better alternative is
    picked from them (by score plus the best still reachable after it). Without them, from all
    of the decision's choices. `values` are the variables at the decision: the prompt and the
    choices' texts are filled in with them, as the learner saw them.
    """
    a = analyse(scenario)
    choice = scenario.choice(step.choice)
    decision = scenario.nodes[step.decision]
    pool = options or decision.choices

    def value(c: Choice) -> int:
        return sum(c.scores.values()) + a.best_from.get(c.target, {}).get(TOTAL, 0)
    worths = [value(c) for c in pool]
    top = max(pool, key=value)
    cost = max(0, value(top) - value(choice))

    def shown(text: str) -> str:
        try:
            return interpolate(text, values or {}, scenario.characters)
        except KeyError:  # a name never set: the play itself stopped on that, so show it raw
            return text
    return DecisionReview(
        number=number, decision_id=step.decision, prompt=shown(decision.prompt),
        choice=step.choice, choice_text=shown(choice.text), feedback=shown(choice.feedback),
        points=tuple((p, REGISTRY[p].title) for p in choice.points if p in REGISTRY),
        scores=dict(choice.scores), cost=cost, better=shown(top.text) if cost else None,
        better_choice=top.key if cost else None,
        strength=_strength(cost, max(worths) - min(worths), bool(choice.critical)),
        critical=shown(choice.critical) if choice.critical else "", at=step.at)


def _strength(cost: int, spread: int, critical: bool) -> Strength:
    # Against the spread of what was on offer, so "reasonable" means the same on a decision
    # worth 2 points as on one worth 20: within a third of the way from the best to the worst.
    if critical:
        return Strength.WEAK
    if cost == 0:
        return Strength.STRONG
    return Strength.REASONABLE if 3 * cost <= spread else Strength.WEAK


def reviews(scenario: Scenario, state: PlayState) -> tuple[DecisionReview, ...]:
    """Each decision of the play reviewed against the choices offered at that moment."""
    return tuple(review_step(scenario, step, i, offered, values)
                 for i, (offered, step, values) in enumerate(engine.walk(scenario, state), 1))


def verdict(*, finished: bool, ending: Ending | None, overall: int, pass_mark: int,
            critical: tuple[CriticalFault, ...], decided: DecidedBy | None = None
            ) -> tuple[bool, tuple[str, ...]]:
    """(passed, reasons it did not): the one pass rule (see the module's docstring)."""
    if not finished or ending is None:
        return False, ("The scenario was not finished.",)
    reasons = []
    if ending.ending in FAILING_ENDINGS:
        reasons.append(f"The ending ('{ending.title}') is not a safe outcome for the child, "
                       "whatever the score.")
        if decided is not None:
            reasons.append(f"Decision {decided.number} decided that ending: after "
                           f"\"{decided.choice_text}\" no safe outcome could be reached.")
    for fault in critical:
        reasons.append(f"Decision {fault.number} was a critical fault: {fault.why}")
    if overall < pass_mark:
        reasons.append(f"The overall score ({overall}) is below the pass mark ({pass_mark}).")
    return not reasons, tuple(reasons)


def make_debrief(scenario: Scenario, state: PlayState, pass_mark: int | None = None,
                 decisions: tuple[DecisionReview, ...] | None = None) -> Debrief:
    """The debrief of a play (finished or not): scores, the verdict, decisions, ending,
    chronology. `pass_mark` is a session's when it differs from the scenario's; `decisions`
    are the reviews already made while playing (the play session passes them, so the route is
    not walked again)."""
    a = analyse(scenario)
    raw = raw_scores(scenario, state.history)
    competencies = tuple(
        CompetencyScore(name=name, label=label, raw=raw[name], best=a.best[name],
                        worst=a.worst[name],
                        score=normalise(raw[name], a.best[name], a.worst[name]))
        for name, label in COMPETENCIES)
    overall = normalise(raw[TOTAL], a.best[TOTAL], a.worst[TOTAL])
    overall = 100 if overall is None else overall
    node = scenario.nodes.get(state.node)
    ending = node if isinstance(node, Ending) else None
    decisions = reviews(scenario, state) if decisions is None else decisions
    critical = tuple(CriticalFault(number=d.number, decision_id=d.decision_id, choice=d.choice,
                                   choice_text=d.choice_text, why=d.critical)
                     for d in decisions if d.critical)
    mark = scenario.pass_mark if pass_mark is None else pass_mark
    decided = decided_by(scenario, state)
    if decided is not None and decided.number <= len(decisions):  # the text as it was shown
        decided = replace(decided, choice_text=decisions[decided.number - 1].choice_text)
    passed, why_not = verdict(finished=state.finished, ending=ending, overall=overall,
                              pass_mark=mark, critical=critical, decided=decided)
    return Debrief(
        scenario_id=scenario.id, title=scenario.title, mode=state.mode,
        finished=state.finished, competencies=competencies, overall=overall,
        passed=passed, pass_mark=mark, reasons=why_not, critical=critical,
        decisions=decisions, ending=ending, chronology=tuple(state.chronology), route=tuple(state.route),
        variables={n: v for n, v in state.variables if n in scenario.variables},
        decided_by=decided)
