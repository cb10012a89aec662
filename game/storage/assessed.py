"""Playing an assessed session: join with a code and a name, then each scenario's attempt,
recorded choice by choice. One flow shared by the terminal (`main.py play --session`) and the
window's "Join an assessed session" screen.

    enrolment = join(code, learner, db_url)          # StoreError with a message and hint
    run = next_attempt(enrolment, scenarios_dir)     # None when every scenario is done
    play = run.play()                                # a core Play, judged on the session's mark
    run.on_state(play.state)                         # after every choice (writes or queues it)
    message = run.finish(play.debrief())             # stores the core's verdict and signs it
    run.withdraw(play.state)                         # or: the learner stepped away
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.core import engine
from game.core.debrief import Debrief
from game.core.play import Play
from game.core.errors import AuthoringError, SaveError
from game.core.library import find_scenario, scenario_ids
from game.core.model import Scenario
from game.storage import paths
from game.storage.errors import StoreError
from game.storage.outbox import Outbox
from game.storage.playthrough import choices_made
from game.storage.recorder import Recorder, sync
from game.clock import now_iso
from game.storage.store import Attempt, ScenarioRef, SessionInfo, Store


def resolve_scenario(wanted: str, folder: str) -> tuple[Scenario, Path]:
    """(Scenario, path) for a scenario id (or file path) found in `folder`; StoreError if none."""
    from game.core.loader import load_path
    found = find_scenario(wanted, folder)
    if found is None:
        raise StoreError(f"No scenario '{wanted}' in {folder}/.",
                         f"Known ids: {', '.join(scenario_ids(folder)) or 'none'}; or pass "
                         "--scenarios DIR.")
    try:
        return load_path(found), Path(found).resolve()
    except AuthoringError as err:
        raise StoreError(f"The scenario {found} has errors:\n{err}",
                         f"Fix them (see `main.py validate {found}`) and try again.") from None


def scenario_for(ref: ScenarioRef, folder: str) -> Scenario:
    """The scenario a session names: its recorded file, else found again by id in `folder`."""
    if Path(ref.path).is_file():
        return resolve_scenario(ref.path, folder)[0]
    return resolve_scenario(ref.id, folder)[0]


@dataclass
class Enrolment:
    """A learner in a session, with the store and the local outbox their writes go to."""

    store: Store
    outbox: Outbox
    session: SessionInfo
    learner: str

    def completed(self) -> list[ScenarioRef]:
        """The session's scenarios this learner has already finished."""
        done = {a.scenario_id for a in self.store.learner_attempts(self.session.code, self.learner)
                if a.finished_at}
        return [ref for ref in self.session.scenarios if ref.id in done]

    def close(self) -> None:
        self.store.close()


def join(code: str, learner: str, db_url: str | None = None) -> Enrolment:
    """Open the store, send anything queued from an earlier play, and find the session."""
    if not learner.strip():
        raise StoreError("A learner name is needed.", "Use your name or staff ID.")
    store = Store(db_url)
    try:
        outbox = Outbox(paths.outbox_path())
        sync(store, outbox)  # anything left from a play that lost the database goes in first
        session = store.get_session(code.strip().upper())
        if not session.is_open:
            raise StoreError(f"Session {session.code} ({session.name}) is closed.",
                             "Ask your trainer for a new session code.")
    except BaseException:
        store.close()
        raise
    return Enrolment(store, outbox, session, learner.strip())


@dataclass
class AttemptRun:
    """One scenario's attempt: the state to start (or resume) from, and its writers."""

    enrolment: Enrolment
    ref: ScenarioRef
    scenario: Scenario
    attempt: Attempt
    state: engine.PlayState | None
    recorder: Recorder
    written: int = 0
    notes: list[str] = field(default_factory=list)

    def on_state(self, state: engine.PlayState) -> None:
        """Record the choices made since the last call (queued locally if the store is down)."""
        warned = self.recorder.failure is not None
        self.recorder.choices(choices_made(self.scenario, state, self.written), state.to_json())
        self.written = len(state.history)
        if self.recorder.failure is not None and not warned:
            self.notes.append(f"{self.recorder.failure.message} Your choices are being kept on "
                              "this computer and will be saved with `main.py session sync`.")

    @property
    def pass_mark(self) -> int:
        """The session's pass mark: the one the core judges this attempt against."""
        return self.enrolment.session.pass_mark

    def play(self) -> Play:
        """The attempt as a core Play: resumed where it stopped, or new."""
        if self.state is not None:
            return Play(self.scenario, self.state, pass_mark=self.pass_mark)
        return Play.begin(self.scenario, mode=engine.Mode.ASSESSED, pass_mark=self.pass_mark)

    def finish(self, debrief: Debrief) -> str:
        """Store the core's debrief, verdict and all, signed; a sentence for the learner."""
        if debrief.pass_mark != self.pass_mark:
            raise ValueError("an assessed attempt is judged against the session's pass mark: "
                             "make the Play with run.play()")
        if not self.recorder.finish(debrief.to_dict(), now_iso()):
            return ("Your result is kept on this computer until the database is back "
                    "(`main.py session sync`).")
        verdict = "passed" if debrief.passed else "not passed"
        return (f"Result recorded for {self.attempt.learner}: {debrief.overall}/100, {verdict} "
                f"(pass mark {self.pass_mark}). Attempt {self.attempt.id}.")

    def withdraw(self, state: engine.PlayState, at: str | None = None) -> str:
        """Record that the learner stepped away: every choice so far is kept, the attempt is
        marked withdrawn (never a fail), and joining again resumes it."""
        self.on_state(state)
        try:
            self.enrolment.store.withdraw_attempt(self.attempt.id, at or now_iso())
        except StoreError as err:
            return f"{err.message} Your choices so far are kept and the attempt can be resumed."
        return (f"You stepped away from {self.ref.title}. Your {len(state.history)} choices are "
                "kept; join the session again to carry on.")


def next_attempt(enrolment: Enrolment, scenarios_dir: str) -> AttemptRun | None:
    """The learner's next unfinished scenario in the session (resumed where it stopped), or
    None when they have completed them all."""
    store, session = enrolment.store, enrolment.session
    done = {ref.id for ref in enrolment.completed()}
    for ref in session.scenarios:
        if ref.id in done:
            continue
        scenario = scenario_for(ref, scenarios_dir)
        attempt = store.open_attempt(session.code, enrolment.learner, ref.id,
                                     scenario.source_hash)
        try:
            state = engine.PlayState.from_json(attempt.state) if attempt.state else None
            if state is not None:
                state = engine.resume(scenario, state)
        except SaveError as err:
            raise StoreError(f"The saved attempt cannot be resumed: {err}",
                             "Ask your trainer; the choices already made are kept in the "
                             "database.") from None
        run = AttemptRun(enrolment, ref, scenario, attempt, state,
                         Recorder(store, enrolment.outbox, attempt.id),
                         written=len(store.stored_choices(attempt.id)))
        if scenario.source_hash != ref.source_hash:
            run.notes.append(f"{ref.title} has been edited since this session was set up; your "
                             "trainer may want to know.")
        return run
    return None
