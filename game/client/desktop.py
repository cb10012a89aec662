"""The window's "Join an assessed session" form through a Doorstep server (DOORSTEP_SERVER, or
`main.py --server URL`). The window plays the scenario with its own copy (only when that copy
shows exactly what the server shows) and `RemoteRun` sends each choice number to the server as
it is made, queueing it on this computer while the network is down. The result is the server's.

`RemoteRun` has the interface the dialogue screen already uses for a session on a database
(game.storage.assessed.AttemptRun): on_state(state), finish(state) -> sentence, notes."""
from __future__ import annotations

import os

from game.client.api import Offline, ServerError
from game.client.remote import RemoteAttempt, RemoteSession
from game.core import engine


def server_url() -> str | None:
    return os.environ.get("DOORSTEP_SERVER") or None


class RemoteRun:
    def __init__(self, attempt: RemoteAttempt):
        self.attempt = attempt
        self.scenario = attempt.local
        self.written = len(attempt.numbers)
        self.notes: list[str] = list(attempt.notes)
        self._warned = False

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

    def finish(self, state: engine.PlayState) -> str:
        if self.attempt.waiting:
            self.attempt.flush()
        result = self.attempt.result()
        if result is None:
            return ("Your choices are kept on this computer until the server is back. Join the "
                    "session again then to send them and see your result.")
        return result.message


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
    state = engine.play_numbers(attempt.local, attempt.numbers, mode=engine.ASSESSED, to_end=False)
    run = RemoteRun(attempt)
    pygame.key.stop_text_input()
    screen.app.router.replace(DialogueScreen(screen.app, attempt.local, state,
                                             resumed=bool(attempt.numbers), run=run))
    for note in session.notes + run.notes:
        screen.app.notify(note)
