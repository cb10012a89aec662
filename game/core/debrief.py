"""Scores and the debrief: what the learner's choices meant, competency by competency.

Scoring: each competency's raw score is the sum of the scores of the choices taken, each choice
counted once. It is placed on 0-100 between the worst (0) and best (100) totals any route can
reach (see analysis.py). The overall score does the same with all competencies added together.
An attempt passes when it has reached a good ending (the child seen and safe, or protected by
proportionate action; see model.py) and the overall score is at least the scenario's pass mark.
Drift, a child left unseen or harmed, over-escalation, a broken relationship or a harmed worker
never pass, whatever the points.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Mapping

from .analysis import TOTAL, analyse
from .competencies import COMPETENCIES
from . import engine
from .engine import CaseNote, PlayState, Step
from .model import FAILING_ENDINGS, Choice, Ending, Scenario
from .practice_points import REGISTRY


@dataclass(frozen=True)
class CompetencyScore:
    name: str
    label: str
    raw: int
    best: int
    worst: int
    score: int | None  # None: this scenario does not assess the competency


@dataclass(frozen=True)
class DecisionReview:
    """One decision taken, with what it meant: feedback, practice points, cost, the better way."""

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
    at: str | float | None


@dataclass(frozen=True)
class Debrief:
    scenario_id: str
    title: str
    mode: str
    finished: bool
    competencies: tuple[CompetencyScore, ...]
    overall: int
    passed: bool
    pass_mark: int
    decisions: tuple[DecisionReview, ...]
    ending: Ending | None
    chronology: tuple[CaseNote, ...]
    route: tuple[str, ...]

    def to_dict(self) -> dict:
        """Plain JSON-able data; the shape `main.py play --json` prints."""
        return {
            "scenario": self.scenario_id, "title": self.title, "mode": self.mode,
            "finished": self.finished, "overall": self.overall, "passed": self.passed,
            "pass_mark": self.pass_mark,
            "competencies": {c.name: {"label": c.label, "score": c.score, "raw": c.raw,
                                      "best": c.best, "worst": c.worst}
                             for c in self.competencies},
            "decisions": [dict(asdict(d), points=[{"id": i, "title": t} for i, t in d.points],
                               scores=dict(d.scores)) for d in self.decisions],
            "ending": None if self.ending is None else {
                "id": self.ending.id, "kind": self.ending.ending, "title": self.ending.title,
                "text": self.ending.text, "epilogue": self.ending.epilogue},
            "chronology": [{"day": n.day, "text": n.text} for n in self.chronology],
            "route": list(self.route),
            "choices": [d.choice for d in self.decisions],
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
                options: tuple[Choice, ...] | None = None) -> DecisionReview:
    """The feedback card for one decision taken (also shown live in practice mode).

    `options` are the choices that were offered when it was taken; the better alternative is
    picked from them (by score plus the best still reachable after it). Without them, from all
    of the decision's choices.
    """
    a = analyse(scenario)
    choice = scenario.choice(step.choice)
    decision = scenario.nodes[step.decision]
    pool = options or decision.choices

    def value(c: Choice) -> int:
        return sum(c.scores.values()) + a.best_from.get(c.target, {}).get(TOTAL, 0)
    top = max(pool, key=value)
    cost = max(0, value(top) - value(choice))
    return DecisionReview(
        number=number, decision_id=step.decision, prompt=decision.prompt, choice=step.choice,
        choice_text=choice.text, feedback=choice.feedback,
        points=tuple((p, REGISTRY[p].title) for p in choice.points if p in REGISTRY),
        scores=dict(choice.scores), cost=cost, better=top.text if cost else None, at=step.at)


def _reviews(scenario: Scenario, state: PlayState) -> tuple[DecisionReview, ...]:
    """Each decision of the play reviewed against the choices offered at that moment."""
    out = []
    replayed = engine.start(scenario, state.mode, state.origin, dict(state.origin_variables))
    for i, step in enumerate(state.history, 1):
        replayed = engine.to_next_decision(scenario, replayed)
        options = engine.offered(scenario, replayed)
        out.append(review_step(scenario, step, i, options))
        replayed = engine.take(scenario, replayed, scenario.choice(step.choice), step.number)
    return tuple(out)


def make_debrief(scenario: Scenario, state: PlayState) -> Debrief:
    """The debrief of a play (finished or not): scores, decisions, ending, chronology."""
    a = analyse(scenario)
    raw = raw_scores(scenario, state.history)
    competencies = tuple(
        CompetencyScore(name, label, raw[name], a.best[name], a.worst[name],
                        normalise(raw[name], a.best[name], a.worst[name]))
        for name, label in COMPETENCIES)
    overall = normalise(raw[TOTAL], a.best[TOTAL], a.worst[TOTAL])
    overall = 100 if overall is None else overall
    node = scenario.nodes.get(state.node)
    ending = node if isinstance(node, Ending) else None
    return Debrief(
        scenario_id=scenario.id, title=scenario.title, mode=state.mode,
        finished=state.finished, competencies=competencies, overall=overall,
        passed=(state.finished and overall >= scenario.pass_mark and ending is not None
                and ending.ending not in FAILING_ENDINGS), pass_mark=scenario.pass_mark,
        decisions=_reviews(scenario, state),
        ending=ending, chronology=state.chronology, route=state.route)
