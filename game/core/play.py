"""The play session: one pure state machine that every shell drives.

In the style of h11: shells send commands and get back frozen events; every rule about which
command is allowed when lives in `_ALLOWED` and `_check`, and nothing here reads a clock,
a screen or a file (times come in with the commands).

    play = Play.begin(scenario, mode=Mode.ASSESSED, pass_mark=session_mark)
    play.current()                       # (DecisionShown(view),) or (BeatShown(view),) ...
    play.send(Advance())                 # past a beat
    play.send(Choose(number=2, at=now))  # (ChoiceTaken(step, review), <where it rests now>)
    play.send(StepAway(at=now))          # (Withdrawn(debrief),)

The last event of every reply says where the play now rests: `BeatShown`, `DecisionShown`,
`Finished`, `Withdrawn` or `Stopped`. The window, the terminal, the browser player, the
assessed recorder and the tests all consume these events, so the game's semantics (effects,
clamping, interpolation, feedback, the verdict) exist once, here and in the engine below it.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, Mapping, Union

from . import engine
from .debrief import Debrief, DecisionReview, make_debrief, review_step, reviews
from .engine import Mode, PlayError, PlayState, Step, View
from .errors import AuthoringError, Problem
from .model import Decision, Scenario

__all__ = [
    "Play", "Mode", "Phase", "PlayError", "Advance", "Choose", "Rewind", "StepAway",
    "BeatShown", "DecisionShown", "ChoiceTaken", "Rewound", "Finished", "Withdrawn", "Stopped",
    "play_route",
]


class Phase(str, Enum):
    """Where a play rests."""

    BEAT = "beat"            # a line of the story is showing; Advance moves on
    DECISION = "decision"    # the learner must choose
    FINISHED = "finished"    # an ending was reached
    WITHDRAWN = "withdrawn"  # the learner stepped away; never a fail
    STOPPED = "stopped"      # the scenario itself went wrong while playing (an authoring fault)

    def __str__(self) -> str:
        return self.value


# -- commands ---------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Advance:
    """Past the beat showing now."""


@dataclass(frozen=True, kw_only=True)
class Choose:
    """Take choice `number` (1-based, as offered now); `at` is the caller's time."""

    number: int
    at: str | float | None = None


@dataclass(frozen=True, kw_only=True)
class Rewind:
    """Practice only: back to just before decision `to` (0-based) was taken."""

    to: int


@dataclass(frozen=True, kw_only=True)
class StepAway:
    """The learner leaves: a withdrawal, recorded as such, never a fail."""

    at: str | float | None = None


Command = Union[Advance, Choose, Rewind, StepAway]


# -- events -----------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class BeatShown:
    view: View


@dataclass(frozen=True, kw_only=True)
class DecisionShown:
    view: View


@dataclass(frozen=True, kw_only=True)
class ChoiceTaken:
    """A decision taken. `review` is its feedback card: shells show it at once in practice,
    and in assessed mode only in the debrief."""

    step: Step
    review: DecisionReview


@dataclass(frozen=True, kw_only=True)
class Rewound:
    to: int


@dataclass(frozen=True, kw_only=True)
class Finished:
    debrief: Debrief


@dataclass(frozen=True, kw_only=True)
class Withdrawn:
    debrief: Debrief  # of the play so far: finished is False, so it never passes


@dataclass(frozen=True, kw_only=True)
class Stopped:
    problem: Problem  # where in the scenario's text the fault is


Event = Union[BeatShown, DecisionShown, ChoiceTaken, Rewound, Finished, Withdrawn, Stopped]


# -- the rules --------------------------------------------------------------------------------

_ALLOWED: Mapping[Phase, frozenset[type]] = {
    Phase.BEAT: frozenset({Advance, Rewind, StepAway}),
    Phase.DECISION: frozenset({Choose, Rewind, StepAway}),
    Phase.FINISHED: frozenset({Rewind}),
    Phase.WITHDRAWN: frozenset(),
    Phase.STOPPED: frozenset(),
}
_WHERE: Mapping[Phase, str] = {
    Phase.BEAT: "a line of the story is showing",
    Phase.DECISION: "a decision is waiting",
    Phase.FINISHED: "the story has ended",
    Phase.WITHDRAWN: "the learner has stepped away",
    Phase.STOPPED: "the scenario stopped on a fault",
}
_HINTS: Mapping[Phase, str] = {
    Phase.BEAT: "send Advance() to move past the line showing",
    Phase.DECISION: "send Choose(number=...) with one of the choices offered",
    Phase.FINISHED: "the story has ended: read the debrief",
    Phase.WITHDRAWN: "the learner stepped away; begin a new play",
    Phase.STOPPED: "fix the scenario at the place the problem names, then play again",
}


def _check(play: "Play", command: Command) -> None:
    """Refuse a command the play cannot take now, saying why and what would work."""
    phase = play.phase
    if type(command) not in _ALLOWED[phase]:
        raise PlayError(f"{type(command).__name__} is not possible now: {_WHERE[phase]}",
                        hint=_HINTS[phase])
    if isinstance(command, Rewind):
        if play.state.mode is not Mode.PRACTICE:
            raise PlayError("going back is only possible in practice mode",
                            hint="an assessed attempt keeps every choice as made")
        if not 0 <= command.to <= len(play.state.history):
            raise PlayError(f"there is no decision {command.to} to go back to",
                            hint=f"choose 0 to {len(play.state.history)}")
    if isinstance(command, Choose):
        count = len(play.view.choices)
        if not (isinstance(command.number, int) and 1 <= command.number <= count):
            raise PlayError(f"choice {command.number!r} is not offered at '{play.state.node}' "
                            f"(there {'is' if count == 1 else 'are'} {count})",
                            hint=f"choose a number from 1 to {count}")


# -- the session ------------------------------------------------------------------------------

class Play:
    """One play of one scenario. Holds an immutable engine state and replaces it as commands
    arrive; `state` can be saved (`to_json`) and given to `Play.resume` later."""

    def __init__(self, scenario: Scenario, state: PlayState, *, pass_mark: int | None = None,
                 reviews_so_far: tuple[DecisionReview, ...] | None = None):
        self.scenario = scenario
        self.pass_mark = pass_mark
        self._state = state
        self._reviews = reviews_so_far
        self._withdrawn = False
        self._problem: Problem | None = None
        self._view: View | None = None
        self._debrief: Debrief | None = None

    @classmethod
    def begin(cls, scenario: Scenario, *, mode: Mode | str = Mode.PRACTICE,
              pass_mark: int | None = None, at_node: str | None = None,
              variables: Mapping[str, object] | None = None) -> "Play":
        """A new play at the start (or, for authors testing a scene, at `at_node`)."""
        return cls(scenario, engine.start(scenario, mode, at_node, variables),
                   pass_mark=pass_mark, reviews_so_far=())

    @classmethod
    def resume(cls, scenario: Scenario, state: PlayState, *,
               pass_mark: int | None = None) -> "Play":
        """A saved play, checked against the scenario (replayed if its text changed since).
        Raises SaveError when the save no longer fits."""
        return cls(scenario, engine.resume(scenario, state), pass_mark=pass_mark)

    # -- reading ----------------------------------------------------------------------------
    @property
    def state(self) -> PlayState:
        return self._state

    @property
    def phase(self) -> Phase:
        if self._problem is not None:
            return Phase.STOPPED
        if self._withdrawn:
            return Phase.WITHDRAWN
        if self._state.finished:
            return Phase.FINISHED
        node = self.scenario.nodes[self._state.node]
        return Phase.DECISION if isinstance(node, Decision) else Phase.BEAT

    @property
    def view(self) -> View:
        if self._view is None:
            self._view = engine.view(self.scenario, self._state)
        return self._view

    @property
    def reviews(self) -> tuple[DecisionReview, ...]:
        """The feedback card of every decision taken so far."""
        if self._reviews is None:  # a resumed play: reviewed once, against what was offered
            self._reviews = reviews(self.scenario, self._state)
        return self._reviews

    def debrief(self) -> Debrief:
        """The debrief of the play so far (its verdict is the only one anywhere)."""
        if self._debrief is None:
            self._debrief = make_debrief(self.scenario, self._state, self.pass_mark,
                                         self.reviews)
        return self._debrief

    def current(self) -> tuple[Event, ...]:
        """The event for where the play rests now."""
        phase = self.phase
        if phase is Phase.STOPPED:
            return (Stopped(problem=self._problem),)
        if phase is Phase.WITHDRAWN:
            return (Withdrawn(debrief=self.debrief()),)
        if phase is Phase.FINISHED:
            return (Finished(debrief=self.debrief()),)
        try:
            view = self.view
        except AuthoringError as err:
            return self._stop(err)
        return (DecisionShown(view=view) if phase is Phase.DECISION else BeatShown(view=view),)

    # -- moving -----------------------------------------------------------------------------
    def send(self, command: Command) -> tuple[Event, ...]:
        """Carry out one command; the events it caused, the last saying where the play rests.
        PlayError (with a hint) for a command the play cannot take now."""
        _check(self, command)
        try:
            if isinstance(command, Advance):
                self._move(engine.advance(self.scenario, self._state))
                return self.current()
            if isinstance(command, Choose):
                return self._choose(command)
            if isinstance(command, Rewind):
                self._move(engine.rewind(self.scenario, self._state, command.to),
                           self.reviews[:command.to])
                return (Rewound(to=command.to),) + self.current()
            self._withdrawn = True  # StepAway: the state stays as it was, to be resumed
            self._debrief = None
            return self.current()
        except AuthoringError as err:
            return self._stop(err)

    def _choose(self, command: Choose) -> tuple[Event, ...]:
        options = self.view.choices
        choice = options[command.number - 1]
        before = self.reviews
        state = engine.take(self.scenario, self._state, choice, command.number, command.at)
        step = state.history[-1]
        review = review_step(self.scenario, step, len(state.history), options,
                             dict(self._state.variables))
        self._move(state, before + (review,))
        return (ChoiceTaken(step=step, review=review),) + self.current()

    def _move(self, state: PlayState, reviews_so_far=None) -> None:
        self._state = state
        self._view = self._debrief = None
        if reviews_so_far is not None:
            self._reviews = reviews_so_far

    def _stop(self, err: AuthoringError) -> tuple[Event, ...]:
        self._problem = err.problems[0]
        return (Stopped(problem=self._problem),)

    def to_next_decision(self) -> tuple[Event, ...]:
        """Advance past beats until a decision or the end: for shells and tests that skip the
        story's lines (the terminal's --choices, the server's replay)."""
        events: tuple[Event, ...] = self.current()
        while self.phase is Phase.BEAT:
            events = self.send(Advance())
        return events


def play_route(scenario: Scenario, numbers: Iterable[int], *, mode: Mode | str = Mode.ASSESSED,
               pass_mark: int | None = None,
               at: str | float | None | Callable[[int], str | float | None] = None,
               to_end: bool = True, play: Play | None = None) -> tuple[PlayState, Debrief]:
    """Play a route given as 1-based choice numbers (as offered at each decision) through a
    `Play`, from the start or from `play`. `at` is the time recorded with every choice, or a
    function of the choice's 1-based place giving it.

    PlayError when a number is not offered, when the story ends with numbers left over, or (with
    `to_end`, as a pinned route or an assessed result needs) when they run out before an ending.
    A scenario fault met on the way raises its AuthoringError."""
    play = play or Play.begin(scenario, mode=mode, pass_mark=pass_mark)
    numbers = list(numbers)
    for i, number in enumerate(numbers):
        _raise_if_stopped(play.to_next_decision())
        if play.phase is Phase.FINISHED:
            raise PlayError(f"the story ended after {i} choices; {len(numbers) - i} left over",
                            hint="drop the extra numbers")
        stamp = at(i + 1) if callable(at) else at
        _raise_if_stopped(play.send(Choose(number=int(number), at=stamp)))
    _raise_if_stopped(play.to_next_decision())
    if to_end and play.phase is not Phase.FINISHED:
        raise PlayError(f"the choices ran out at '{play.state.node}' before an ending",
                        hint="add the numbers for the remaining decisions")
    return play.state, play.debrief()


def _raise_if_stopped(events: tuple[Event, ...]) -> None:
    if events and isinstance(events[-1], Stopped):
        raise AuthoringError([events[-1].problem])
