"""The server as the judge of assessed play.

A learner's client sends choice numbers only. Each one is checked by replaying every stored
choice through the core on the scenario version pinned when the session was made, stored with
the server's clock, and when the story ends the server computes the debrief itself and signs it.
Nothing a client sends can carry a score, a time or a verdict.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.core import engine
from game.core.engine import PlayError, Step
from game.core.model import Scenario
from game.server import sources
from game.storage.errors import StoreError
from game.storage.hosted import HostedStore
from game.storage.schema import now_iso
from game.storage.store import Attempt, ChoiceRecord, ScenarioRef, SessionInfo
from game.web import protocol


class Conflict(Exception):
    """A choice that does not fit the attempt as stored (another tab answered first, or a seq
    from the future). `expected` is the seq the server is waiting for."""

    def __init__(self, message: str, expected: int):
        super().__init__(message)
        self.expected = expected


def pinned(store: HostedStore, ref: ScenarioRef) -> Scenario:
    """The scenario exactly as the session pinned it (from the database, never from a file)."""
    bundle = store.bundle(ref.bundle) if ref.bundle else None
    if bundle is None:
        raise StoreError(f"The session has no stored copy of '{ref.id}'.",
                         "It was made before the server, with `main.py session create`; make a "
                         "new session from the trainer dashboard.")
    return sources.load_bundle(bundle, ref.bundle)


def ref_for(session: SessionInfo, scenario_id: str) -> ScenarioRef:
    for ref in session.scenarios:
        if ref.id == scenario_id:
            return ref
    raise StoreError(f"Session {session.code} does not assess '{scenario_id}'.")


@dataclass(frozen=True, kw_only=True)
class Judged:
    attempt: Attempt
    position: protocol.Position


def numbers_of(scenario: Scenario, made: list[ChoiceRecord]) -> list[int]:
    """The stored choices (by id) as the numbers they had when offered, replayed on `scenario`."""
    steps = [Step(c.node_id, c.choice_id, 0, c.at) for c in made]
    state = engine.replay(scenario, engine.start(scenario, engine.ASSESSED), steps)
    return [s.number for s in state.history]


def position(store: HostedStore, session: SessionInfo, attempt: Attempt, scenario: Scenario,
             made: list[ChoiceRecord] | None = None) -> protocol.Position:
    made = store.stored_choices(attempt.id) if made is None else made
    return protocol.walk(scenario, numbers_of(scenario, made), mode=engine.ASSESSED,
                         pass_mark=session.pass_mark, at=lambda i: made[i - 1].at,
                         withdrawn=attempt.finished_at is not None and not _ended(scenario, made))


def _ended(scenario: Scenario, made: list[ChoiceRecord]) -> bool:
    steps = [Step(c.node_id, c.choice_id, 0, c.at) for c in made]
    state = engine.replay(scenario, engine.start(scenario, engine.ASSESSED), steps)
    return engine.to_next_decision(scenario, state).finished


def choose(store: HostedStore, session: SessionInfo, attempt: Attempt, seq: int, number: int) -> Judged:
    """Take choice `number` as the attempt's `seq`-th (0-based). Idempotent: the same (seq,
    number) again returns the same screen; a different number for a seq already taken is a
    Conflict, as is a seq that skips ahead."""
    scenario = pinned(store, ref_for(session, attempt.scenario_id))
    made = store.stored_choices(attempt.id)
    numbers = numbers_of(scenario, made)
    if seq < len(numbers):
        if numbers[seq] != number:
            raise Conflict(f"Decision {seq + 1} was already answered (with choice {numbers[seq]}), "
                           "perhaps in another window.", len(numbers))
        return Judged(attempt=attempt, position=position(store, session, attempt, scenario, made))
    if seq > len(numbers):
        raise Conflict(f"The server has {len(numbers)} choices for this attempt, not {seq}.", len(numbers))
    if attempt.finished_at is not None:
        raise Conflict("This attempt is over.", len(numbers))
    now = now_iso()
    before = protocol.walk(scenario, numbers, mode=engine.ASSESSED, pass_mark=session.pass_mark)
    after = protocol.walk(scenario, numbers + [number], mode=engine.ASSESSED,
                          pass_mark=session.pass_mark)  # PlayError when not offered
    step = after.state.history[-1]
    choice = scenario.choice(step.choice)
    record = ChoiceRecord(seq=seq, node_id=step.decision, choice_id=step.choice,
                          choice_text=before.rest.choice_texts[number - 1],
                          scores=dict(choice.scores), at=now)
    store.record_choices(attempt.id, [record], after.state.to_json())
    made = store.stored_choices(attempt.id)
    if len(made) <= seq or made[seq].choice_id != record.choice_id:
        raise Conflict(f"Decision {seq + 1} was answered differently in another window.", len(made))
    pos = position(store, session, attempt, scenario, made)
    if pos.state.finished:
        finish(store, session, attempt, scenario, pos)
        attempt = store.get_attempt(attempt.id)
    return Judged(attempt=attempt, position=pos)


def finish(store: HostedStore, session: SessionInfo, attempt: Attempt, scenario: Scenario,
           pos: protocol.Position) -> None:
    """Store the server's own debrief of the attempt, signed."""
    store.finish_attempt(attempt.id, pos.debrief.to_dict(), now_iso())


def step_away(store: HostedStore, session: SessionInfo, attempt: Attempt) -> Judged:
    """The learner stops: the attempt ends as withdrawn (never counted as a fail)."""
    scenario = pinned(store, ref_for(session, attempt.scenario_id))
    made = store.stored_choices(attempt.id)
    if attempt.finished_at is None:
        pos = protocol.walk(scenario, numbers_of(scenario, made), mode=engine.ASSESSED,
                            pass_mark=session.pass_mark, at=lambda i: made[i - 1].at, withdrawn=True)
        store.withdraw_attempt(attempt.id, now_iso())
        attempt = store.get_attempt(attempt.id)
        return Judged(attempt=attempt, position=pos)
    return Judged(attempt=attempt, position=position(store, session, attempt, scenario, made))


__all__ = ["Conflict", "PlayError", "choose", "step_away", "position", "pinned", "ref_for", "numbers_of"]
