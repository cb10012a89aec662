"""The window's "Join an assessed session" form through a Doorstep server (DOORSTEP_SERVER, or
`main.py --server URL`). The window plays the scenario with its own copy (only when that copy
shows exactly what the server shows) and `RemoteRun` sends each choice number to the server as
it is made, queueing it on this computer while the network is down. The result is the server's.

`RemoteRun` has the interface the dialogue screen already uses for a session on a database
(game.storage.assessed.AttemptRun): on_state(state), pass_mark, finish(debrief) -> sentence,
withdraw(state) -> sentence, notes."""
from __future__ import annotations

import os

from game.client.api import Offline, ServerError
from game.client.remote import RemoteAttempt, RemoteSession
from game.core import engine
from game.core.play import play_route


def server_url() -> str | None:
    return os.environ.get("DOORSTEP_SERVER") or None


class RemoteRun:
    def __init__(self, attempt: RemoteAttempt):
        self.attempt = attempt
        self.scenario = attempt.local
        self.written = len(attempt.numbers)
        self.notes: list[str] = list(attempt.notes)
        self._warned = False

    @property
    def pass_mark(self) -> int:
        """The session's pass mark (the window's own debrief uses it; the server's result counts)."""
        return self.attempt.session.pass_mark

    def state(self) -> engine.PlayState:
        """The attempt so far on this computer's copy: the server's choices, then any queued."""
        return play_route(self.scenario, self.attempt.numbers, mode=engine.Mode.ASSESSED,
                          pass_mark=self.pass_mark, to_end=False)[0]

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
        """A sentence with the server's result. The window's own debrief is not sent anywhere:
        the server works the result out from the choice numbers."""
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
        except (Offline, ServerError) as err:
            return f"{err.message} {err.hint}".strip()
        return "You stepped away. The server records it as a withdrawal, not a fail."


def start_remote(screen, url: str, code: str, learner: str) -> None:
    """JoinScreen's hook: join through the server and open the dialogue on the next attempt,
    or add a plain sentence to the form's errors."""
    from game.ui.screens.dialogue import DialogueScreen
    import pygame

    try:
        session = RemoteSession.join(url, code, learner, str(screen.app.scenarios_dir))
        attempt = session.current()
    except (Offline, ServerError) as err:
        screen.errors.append(err.message + (f" {err.hint}" if err.hint else ""))
        return
    if attempt is None:
        screen.errors.append(f"You have completed every scenario in {session.name}. Well done.")
        return
    if attempt.local is None:
        screen.errors.append(f"{attempt.briefing['title']} is not on this computer in the version "
                             f"the session uses. Play it in your browser at {session.client.url}/play/.")
        return
    run = RemoteRun(attempt)
    state = run.state()
    pygame.key.stop_text_input()
    screen.app.router.replace(DialogueScreen(screen.app, attempt.local, state,
                                             resumed=bool(attempt.numbers), run=run))
    for note in session.notes + run.notes:
        screen.app.notify(note)
