"""Seeded random playthroughs ("monkey" runs) that stop on any runtime problem.

The same seed always plays the same routes, so a problem found once is found again, and the
route that caused it is reported as choice numbers to replay.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from .errors import ERROR, Problem
from .model import Scenario
from .play import Advance, BeatShown, Choose, Finished, Mode, Play, Stopped

MAX_CHOICES = 10_000


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
    """Play `runs` random routes through the play session every shell uses; stop at the first
    runtime problem. A run that takes MAX_CHOICES choices (or, between them, passes more
    beats than the story has nodes) without an ending is reported as a loop: a story without
    loops always ends sooner, however long it is."""
    report = MonkeyReport(runs, seed)
    rng = random.Random(seed)
    for run in range(runs):
        numbers: list[int] = []
        play = Play.begin(scenario, mode=Mode.PRACTICE)
        events = play.current()
        beats = 0
        while not isinstance(events[-1], (Finished, Stopped)):
            rest = events[-1]
            if isinstance(rest, BeatShown):
                beats += 1
                if beats > len(scenario.nodes):
                    report.failure = _no_ending(scenario, play, run, numbers,
                                                f"{beats - 1} lines without a decision")
                    return report
                events = play.send(Advance())
                continue
            if len(numbers) >= MAX_CHOICES:
                report.failure = _no_ending(scenario, play, run, numbers,
                                            f"{MAX_CHOICES} choices")
                return report
            beats = 0
            number = rng.randint(1, len(rest.view.choices))
            numbers.append(number)
            events = play.send(Choose(number=number, at=len(numbers)))
        if isinstance(events[-1], Stopped):
            report.failure = Failure(run, tuple(numbers), (events[-1].problem,))
            return report
        report.completed += 1
        report.endings[play.state.node] += 1
        report.routes.add(tuple(numbers))
    return report


def _no_ending(scenario: Scenario, play: Play, run: int, numbers, what: str) -> Failure:
    node = scenario.nodes[play.state.node]
    return Failure(run, tuple(numbers), (Problem(
        ERROR, *node.where, f"while playing: no ending after {what}",
        "the story may loop without a way out"),))
