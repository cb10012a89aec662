"""The window's "Join an assessed session" form through a Doorstep server (DOORSTEP_SERVER, or
`main.py --server URL`).

`join_remote` gives a `RemoteRun`, which stands where a session on a database gives an
`AttemptRun` (game.storage.assessed): the window plays the scenario with its own copy (only
when that copy shows exactly what the server shows), and the run sends each choice number to
the server as it is made, queueing it on this computer while the network is down. The result
is the server's, worked out from the numbers; the window's own debrief is only for reading."""
from __future__ import annotations

import os
from dataclasses import dataclass

from game.client.api import ServerError
from game.client.remote import RemoteAttempt, RemoteSession
from game.core import engine
from game.core.play import Play, play_route
from game.storage.errors import StoreError


def server_url() -> str | None:
    return os.environ.get("DOORSTEP_SERVER") or None


@dataclass(frozen=True)
class _Session:
    code: str
    name: str
    pass_mark: int


class _Enrolment:
    """What the window reads of a joined session (as of a database enrolment)."""

    def __init__(self, session: RemoteSession, code: str):
        self.session = _Session(code.strip().upper(), session.name, session.pass_mark)
        self.learner = session.learner

    def close(self) -> None:
        """Nothing to close: every request is its own connection."""


class RemoteRun:
    def __init__(self, remote: RemoteSession, attempt: RemoteAttempt, code: str):
        self.attempt = attempt
        self.enrolment = _Enrolment(remote, code)
        self.scenario = attempt.local
        self.written = len(attempt.numbers)
        self.notes: list[str] = list(remote.notes) + list(attempt.notes)
        self._warned = False
        # Where the attempt stands on this computer's copy: the server's choices, then any queued.
        self.state = play_route(self.scenario, attempt.numbers, mode=engine.Mode.ASSESSED,
                                pass_mark=self.pass_mark, to_end=False)[0] if self.written else None

    @property
    def pass_mark(self) -> int:
        return self.attempt.session.pass_mark

    def play(self) -> Play:
        if self.state is not None:
            return Play(self.scenario, self.state, pass_mark=self.pass_mark)
        return Play.begin(self.scenario, mode=engine.Mode.ASSESSED, pass_mark=self.pass_mark)

    def on_state(self, state: engine.PlayState) -> None:
        """Send (or queue) the choices made since the last call."""
        for step in state.history[self.written:]:
            try:
                self.attempt.choose(step.number)
            except ServerError as err:
                self.notes.append(f"The server refused a choice: {err.message}")
                return
            self.written += 1
        if self.attempt.waiting and not self._warned:
            self._warned = True
            self.notes.append("The server cannot be reached. Your choices are kept on this "
                              "computer and sent as soon as it answers.")

    def finish(self, debrief=None) -> str:
        """A sentence with the server's result (the window's `debrief` is not sent anywhere)."""
        if self.attempt.waiting:
            self.attempt.flush()
        result = self.attempt.result()
        if result is None:
            return ("Your choices are kept on this computer until the server is back. Join the "
                    "session again then to send them and see your result.")
        return result.message

    def withdraw(self, state: engine.PlayState, at: str | None = None) -> str:
        """Step away: the server records a withdrawal (never a fail)."""
        self.on_state(state)
        try:
            self.attempt.step_away()
        except ServerError as err:   # Offline too
            return f"{err.message} {err.hint}".strip()
        return "You stepped away. The server records it as a withdrawal, not a fail."


def join_remote(url: str, code: str, learner: str, scenarios_dir) -> RemoteRun:
    """The next attempt of the session on the server, as a run for the window; StoreError (a
    sentence and a hint, as the form shows them) when there is nothing this window can play."""
    try:
        remote = RemoteSession.join(url, code, learner, str(scenarios_dir))
        attempt = remote.current()
    except ServerError as err:   # Offline too
        raise StoreError(err.message, err.hint) from None
    if attempt is None:   # with the result of any choices this computer has just sent
        raise StoreError(" ".join([*remote.notes, f"You have completed every scenario in "
                                                  f"{remote.name}. Well done."]))
    if attempt.local is None:
        raise StoreError(f"{attempt.briefing['title']} is not on this computer in the version the "
                         "session uses.", f"Play it in your browser at {remote.client.url}/play/.")
    return RemoteRun(remote, attempt, code)

