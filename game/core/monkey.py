"""Seeded random playthroughs ("monkey" runs) that stop on any runtime problem.

The same seed always plays the same routes, so a problem found once is found again, and the
route that caused it is reported as choice numbers to replay.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from . import engine
from .errors import ERROR, AuthoringError, Problem
from .model import Beat, Scenario

MAX_STEPS = 10_000


@dataclass(frozen=True)
class Failure:
    run: int
    numbers: tuple[int, ...]
    problems: tuple[Problem, ...]


@dataclass
class MonkeyReport:
    runs: int
    seed: int
    completed: int = 0
    endings: Counter = field(default_factory=Counter)
    routes: set = field(default_factory=set)
    failure: Failure | None = None

    def summary(self) -> str:
        lines = [f"{self.completed} of {self.runs} random playthroughs (seed {self.seed}) "
                 f"reached an ending; {len(self.routes)} distinct routes."]
        for ending, n in self.endings.most_common():
            lines.append(f"  {ending}: {n}")
        if self.failure:
            lines.append(f"Run {self.failure.run + 1} hit a problem after choices "
                         f"{','.join(map(str, self.failure.numbers)) or '(none)'}:")
        return "\n".join(lines)


def monkey_runs(scenario: Scenario, runs: int = 200, seed: int = 1) -> MonkeyReport:
    """Play `runs` random routes; stop at the first runtime problem."""
    report = MonkeyReport(runs, seed)
    rng = random.Random(seed)
    for run in range(runs):
        numbers: list[int] = []
        try:
            state = engine.start(scenario, engine.PRACTICE)
            for _ in range(MAX_STEPS):
                engine.view(scenario, state)
                if state.finished:
                    break
                if isinstance(scenario.nodes[state.node], Beat):
                    state = engine.advance(scenario, state)
                    continue
                options = engine.offered(scenario, state)
                number = rng.randint(1, len(options))
                numbers.append(number)
                state = engine.apply(scenario, state, options[number - 1], at=len(numbers))
            else:
                node = scenario.nodes[state.node]
                raise AuthoringError([Problem(ERROR, *node.where,
                                              f"while playing: no ending after {MAX_STEPS} steps",
                                              "the story may loop without a way out")])
        except AuthoringError as exc:
            report.failure = Failure(run, tuple(numbers), tuple(exc.problems))
            return report
        report.completed += 1
        report.endings[state.node] += 1
        report.routes.add(tuple(numbers))
    return report
