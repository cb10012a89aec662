"""What a trainer needs to know about a session's cohort, gathered from the store in a few queries.

`gather()` builds a frozen `Cohort`; the HTML, CSV and JSON exports only format it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from game.core.competencies import COMPETENCIES
from game.core.practice_points import REGISTRY
from game.storage.store import ChoiceCount, Outcome, Problem, ResultRow, SessionInfo, Store

BINS = 10  # score bands 0-9, 10-19, ... 90-100


@dataclass(frozen=True)
class Mistake:
    """A costly choice the cohort made, with what the trainer needs to discuss it."""
    scenario_id: str
    decision_id: str
    prompt: str
    choice_text: str
    taken: int  # attempts that made this choice
    reached: int  # attempts that reached this decision
    cost: int
    feedback: str
    better: str | None
    points: tuple[tuple[str, str], ...]  # (id, title)

    @property
    def share(self) -> float:
        return self.taken / self.reached if self.reached else 0.0


@dataclass(frozen=True)
class Routes:
    """How the cohort moved through one scenario: visits per node and per step between nodes."""
    scenario_id: str
    title: str
    attempts: int
    nodes: dict[str, int]
    edges: dict[tuple[str, str], int]


@dataclass(frozen=True)
class Cohort:
    session: SessionInfo
    rows: tuple[ResultRow, ...]  # every attempt, or the first `row_limit` given to gather()
    attempts: int
    learners: int
    finished: int
    passed: int
    withdrawn: int  # unfinished attempts the learner stepped away from (never a fail)
    problems: dict[str, Problem]  # attempt id -> what verify found
    verified: bool  # False when the report was made without checking signatures
    distribution: dict[str, tuple[int, ...]]  # 'overall' and each competency -> counts per band
    labels: dict[str, str]
    endings: dict[str, int]  # ending kind -> finished attempts
    mistakes: tuple[Mistake, ...]
    routes: tuple[Routes, ...]

    @property
    def pass_rate(self) -> float:
        return self.passed / self.finished if self.finished else 0.0

    def integrity(self, row: ResultRow) -> str | None:
        """'ok', what verify found, or None (unfinished, or signatures not checked)."""
        if not self.verified:
            return None
        problem = self.problems.get(row.attempt_id)
        if problem:
            return problem.message
        return None if row.overall is None else "ok"


def band(score: int) -> int:
    """The histogram band of a 0-100 score (100 joins the top band)."""
    return min(max(int(score), 0) * BINS // 100, BINS - 1)


def gather(store: Store, code: str, verify: bool = True, top: int = 10, row_limit: int | None = None) -> Cohort:
    """Everything the reports show for one session (figures over all attempts, rows up to row_limit)."""
    session = store.get_session(code)
    # Figures count only results that pass verification; the rows list every attempt, each
    # with what verify found.
    problems = {p.attempt_id: p for p in store.verify(code)[1]} if verify else {}
    attempts, learners, outcomes = store.outcome_counts(code, exclude=tuple(problems))
    distribution = {name: [0] * BINS for name in ["overall", *(n for n, _ in COMPETENCIES)]}
    endings: Counter = Counter()
    for o in outcomes:
        distribution["overall"][band(o.overall)] += o.count
        for name, score in o.scores.items():
            distribution.setdefault(name, [0] * BINS)[band(score)] += o.count
        endings[o.ending_kind] += o.count
    return Cohort(
        session=session, rows=tuple(store.session_results(code, limit=row_limit)), attempts=attempts,
        learners=learners, finished=sum(o.count for o in outcomes), passed=sum(o.count for o in outcomes if o.passed),
        withdrawn=store.withdrawn_count(code), problems=problems, verified=verify,
        distribution={k: tuple(v) for k, v in distribution.items()},
        labels={"overall": "Overall", **dict(COMPETENCIES)}, endings=dict(endings.most_common()),
        mistakes=tuple(_mistakes(store, code, store.choice_counts(code, exclude=tuple(problems)), top)),
        routes=tuple(_routes(outcomes, session)))


def _mistakes(store: Store, code: str, counts: list[ChoiceCount], top: int) -> list[Mistake]:
    reached: Counter = Counter()
    for c in counts:
        reached[(c.scenario_id, c.node_id)] += c.count
    costly = sorted((c for c in counts if c.cost > 0),
                    key=lambda c: (-c.count / reached[(c.scenario_id, c.node_id)], -c.count, -c.cost))
    found = []
    for c in costly[:top]:
        # The wording (prompt, choice, feedback, better option, points) comes from one debrief that
        # made this choice: a handful of reads, however large the cohort.
        example = store.choice_example(code, c)
        review = _review(store.debrief(example) if example else {}, c.node_id)
        found.append(Mistake(
            c.scenario_id, c.node_id, review.get("prompt", c.node_id), review.get("choice_text", c.choice_id),
            c.count, reached[(c.scenario_id, c.node_id)], c.cost, review.get("feedback", ""), review.get("better"),
            tuple((p["id"], p.get("title") or (REGISTRY[p["id"]].title if p["id"] in REGISTRY else ""))
                  for p in review.get("points") or [])))
    return found


def _review(debrief: dict, decision_id: str) -> dict:
    return next((d for d in debrief.get("decisions") or [] if d.get("decision_id") == decision_id), {})


def _routes(outcomes: list[Outcome], session: SessionInfo) -> list[Routes]:
    nodes: dict[str, Counter] = defaultdict(Counter)
    edges: dict[str, Counter] = defaultdict(Counter)
    attempts: Counter = Counter()
    for o in outcomes:
        attempts[o.scenario_id] += o.count
        for node in set(o.route):  # an attempt counts once per node, loops or not
            nodes[o.scenario_id][node] += o.count
        for edge in set(zip(o.route, o.route[1:])):
            edges[o.scenario_id][edge] += o.count
    return [Routes(s.id, s.title, attempts[s.id], dict(nodes[s.id]), dict(edges[s.id]))
            for s in session.scenarios]
