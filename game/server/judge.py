"""The server as the judge of assessed play.

A learner's client sends choice numbers only. Each one is checked by replaying every stored
choice through the core on the scenario version pinned when the session was made, stored with
the server's clock, and when the story ends the server computes the debrief itself and signs it.
Nothing a client sends can carry a score, a time or a verdict.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.clock import now_iso
from game.core import engine
from game.core.engine import PlayError, Step
from game.core.model import Scenario
from game.server import sources
from game.storage.errors import StoreError
from game.storage.hosted import HostedStore
from game.storage.store import Attempt, AttemptStatus, ChoiceRecord, ScenarioRef, SessionInfo
from game.web import protocol


class Conflict(Exception):
    """A choice that does not fit the attempt as stored (another tab answered first, or a seq
    from the future). `expected` is the seq the server is waiting for."""

    def __init__(self, message: str, expected: int):
        super().__init__(message)
        self.expected = expected


def pinned(store: HostedStore, ref: ScenarioRef) -> Scenario:
    """The scenario exactly as the session pinned it (from the database, never from a file)."""
    cached = sources.cached(ref.bundle) if ref.bundle else None
    if cached is not None:
        return cached
    bundle = store.bundle(ref.bundle) if ref.bundle else None
    if bundle is None:
        raise StoreError(f"The session has no stored copy of '{ref.id}'.",
                         "It was made by an older Doorstep, before sessions kept their scenarios; "
                         "make a new session for this cohort.")
    if sources.bundle_hash(bundle) != ref.bundle:
        raise StoreError(f"The stored copy of '{ref.id}' has been changed in the database.",
                         "Its results cannot be judged; restore the database from a backup.")
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
    steps = [Step(decision=c.node_id, choice=c.choice_id, number=0, at=c.at) for c in made]
    state = engine.replay(scenario, engine.start(scenario, engine.ASSESSED), steps)
    return [s.number for s in state.history]


def position(store: HostedStore, session: SessionInfo, attempt: Attempt, scenario: Scenario,
             made: list[ChoiceRecord] | None = None) -> protocol.Position:
    """Where the attempt rests, replayed from its stored choices (withdrawn while stepped away)."""
    made = store.stored_choices(attempt.id) if made is None else made
    pos = protocol.walk(scenario, numbers_of(scenario, made), mode=engine.ASSESSED,
                        pass_mark=session.pass_mark, at=lambda i: made[i - 1].at,
                        withdrawn=attempt.status is AttemptStatus.WITHDRAWN)
    if pos.state.finished and attempt.status is not AttemptStatus.FINISHED:
        # Every choice to an ending is stored but the result is not (the server stopped in
        # between): judge it now, from the stored choices, as it would have been then.
        store.finish_attempt(attempt.id, pos.debrief, made[-1].at)
    return pos


def choose(store: HostedStore, session: SessionInfo, attempt: Attempt, seq: int, number: int) -> Judged:
    """Take choice `number` as the attempt's `seq`-th (0-based). Idempotent: the same (seq,
    number) again returns the same screen; a different number for a seq already taken is a
    Conflict, as is a seq that skips ahead or a choice after the end."""
    scenario = pinned(store, ref_for(session, attempt.scenario_id))
    made = store.stored_choices(attempt.id)
    numbers = numbers_of(scenario, made)
    if seq < len(numbers):
        if numbers[seq] != number:
            raise Conflict(f"Decision {seq + 1} was already answered (with choice {numbers[seq]}), "
                           "perhaps in another window.", len(numbers))
        return _judged(store, session, attempt, scenario, made)
    if seq > len(numbers):
        raise Conflict(f"The server has {len(numbers)} choices for this attempt, not {seq}.", len(numbers))
    if attempt.status is AttemptStatus.FINISHED:
        raise Conflict("This attempt is over.", len(numbers))
    if attempt.status is AttemptStatus.WITHDRAWN:
        raise Conflict("You stepped away from this attempt.", len(numbers))
    now = now_iso()  # the server's clock, never the client's
    stamps = [c.at for c in made] + [now]
    pos = protocol.walk(scenario, numbers + [number], mode=engine.ASSESSED, pass_mark=session.pass_mark,
                        at=lambda i: stamps[i - 1])  # PlayError when the number is not offered
    step, review = pos.state.history[-1], pos.review
    record = ChoiceRecord(seq=seq, node_id=step.decision, choice_id=step.choice,
                          choice_text=review.choice_text, scores=dict(review.scores), at=now)
    stored = store.record_choice(attempt.id, record, pos.state.to_json())
    if len(stored) <= seq or stored[seq].choice_id != record.choice_id:
        raise Conflict(f"Decision {seq + 1} was answered differently in another window.", len(stored))
    if stored[seq].at != now:  # the same choice, stored a moment ago by another request
        return _judged(store, session, attempt, scenario, stored)
    if pos.state.finished:
        # The server's own debrief of the stored choices, judged on the session's pass mark.
        store.finish_attempt(attempt.id, pos.debrief, now)
        attempt = store.get_attempt(attempt.id)
    return Judged(attempt=attempt, position=pos)


def _judged(store: HostedStore, session: SessionInfo, attempt: Attempt, scenario: Scenario,
            made: list[ChoiceRecord]) -> Judged:
    pos = position(store, session, attempt, scenario, made)
    if pos.state.finished and attempt.status is not AttemptStatus.FINISHED:
        attempt = store.get_attempt(attempt.id)  # judged just now by position()
    return Judged(attempt=attempt, position=pos)


def step_away(store: HostedStore, session: SessionInfo, attempt: Attempt) -> Judged:
    """The learner stops for now: withdrawn (never a fail); `resume` picks it up again."""
    if attempt.status is AttemptStatus.IN_PROGRESS:
        store.withdraw_attempt(attempt.id, now_iso())
        attempt = store.get_attempt(attempt.id)
    scenario = pinned(store, ref_for(session, attempt.scenario_id))
    return Judged(attempt=attempt, position=position(store, session, attempt, scenario))


def resume(store: HostedStore, session: SessionInfo, attempt: Attempt) -> Judged:
    """Back to a withdrawn attempt, at the decision it stopped on."""
    if attempt.status is AttemptStatus.WITHDRAWN:
        if not session.is_open:
            raise Conflict(f"Session {session.code} is closed.", -1)
        store.resume_attempt(attempt.id)
        attempt = store.get_attempt(attempt.id)
    scenario = pinned(store, ref_for(session, attempt.scenario_id))
    return Judged(attempt=attempt, position=position(store, session, attempt, scenario))
