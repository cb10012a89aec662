"""An assessed session on a Doorstep server, as the terminal and the desktop window play it.

    session = RemoteSession.join(url, code, name, scenarios_dir)   # sends anything queued first
    attempt = session.current()          # the attempt to play now (None: all done)
    attempt.screen                       # what to show (the server's, or this computer's meanwhile)
    attempt.choose(number)               # sent at once, or queued while the server is away
    attempt.finished_result()            # the server's verdict once it holds every choice

The server is the judge: a client sends choice numbers and shows what it is given. While the
network is down a client can carry on with its own copy of the scenario (the same core makes
the same screens from the same numbers) and queue each choice on disk; they are sent, in
order, as soon as the server answers again, and the server counts each (attempt, seq) once. A
local copy that does not show what the server shows is never used, and no result is ever
worked out here: what counts is what the server computes from the numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.client.api import Offline, ServerClient, ServerError
from game.client.pending import Kept
from game.core import engine
from game.core.errors import AuthoringError
from game.core.model import Scenario
from game.web import protocol


def local_copy(scenario_id: str, folder: str | None) -> Scenario | None:
    """This computer's copy of a scenario by id (its file in `folder`), or None."""
    if not folder:
        return None
    from game.core.loader import load_path
    path = Path(folder) / f"{scenario_id}.yaml"
    try:
        return load_path(str(path)) if path.is_file() else None
    except (AuthoringError, OSError):
        return None


def same_screen(a: dict, b: dict) -> bool:
    """Do two screens show the learner the same thing (so either copy may go on)?"""
    def shown(s):
        d = s.get("decision") or {}
        return (s.get("seq"), s.get("phase"), d.get("prompt"),
                tuple(c["text"] for c in d.get("choices", ())))
    hash_a, hash_b = a.get("scenario", {}).get("hash"), b.get("scenario", {}).get("hash")
    if hash_a and hash_b and hash_a != hash_b:
        return False
    return shown(a) == shown(b)


SENT, AWAY, CONFLICT = "sent", "away", "conflict"   # what sending the queue came to


@dataclass
class Result:
    """The server's verdict on a finished attempt, and the sentence saying so."""
    overall: int
    passed: bool
    pass_mark: int
    message: str


class RemoteAttempt:
    def __init__(self, session: "RemoteSession", entry: dict):
        self.session = session
        self.id: str = entry["attempt"]["id"]
        self.briefing: dict = entry["briefing"]
        self.server_screen: dict = entry["screen"]
        self.scenario_id: str = self.briefing["id"]
        self.local = local_copy(self.scenario_id, session.scenarios_dir)
        self.notes: list[str] = []
        if self.local is not None and not self._local_matches():
            self.notes.append(f"This computer's copy of {self.briefing['title']} differs from the "
                              "session's, so it is not used: if the network drops, wait for it.")
            self.local = None

    # -- what to show ------------------------------------------------------------------------------

    @property
    def confirmed(self) -> list[int]:
        """The choice numbers the server holds, in order."""
        return [h["number"] for h in self.server_screen.get("history", [])]

    @property
    def queued(self) -> list[int]:
        return [n for _, n in self.session.kept.queued(self.id)]

    @property
    def numbers(self) -> list[int]:
        return self.confirmed + self.queued

    @property
    def screen(self) -> dict:
        """The screen to show now: the server's, or (with choices queued) this computer's."""
        if not self.queued or self.local is None:
            return self.server_screen
        return self._local_screen(self.numbers)

    @property
    def waiting(self) -> bool:
        """Choices are queued on this computer, not yet held by the server."""
        return bool(self.queued)

    def _local_screen(self, numbers: list[int]) -> dict:
        pos = protocol.walk(self.local, numbers, mode=engine.ASSESSED,
                            pass_mark=self.session.pass_mark)
        return protocol.screen(pos)

    def _local_matches(self) -> bool:
        try:
            return same_screen(self._local_screen(self.confirmed), self.server_screen)
        except (engine.PlayError, AuthoringError, KeyError, IndexError):
            return False

    # -- choosing ----------------------------------------------------------------------------------

    def choose(self, number: int) -> dict:
        """Take choice `number` at the screen's decision; the new screen. Raises Offline when the
        server is away and this computer has no usable copy to carry on with (the choice is
        then not taken: ask again later); ServerError when the server refuses it."""
        screen = self.screen
        decision = screen.get("decision")
        if not decision or not 1 <= number <= len(decision["choices"]):
            raise ServerError(f"Choice {number} is not offered here.")
        seq = screen["seq"]
        state = self.flush()
        if state == AWAY:       # still away: this one waits after the others
            self.session.kept.add(self.id, seq, number)
            return self.screen
        if state == CONFLICT:   # the server is elsewhere: show it, take nothing
            return self.server_screen
        return self._send(seq, number)

    def _send(self, seq: int, number: int) -> dict:
        try:
            reply = self.session.client.choose(self.id, seq, number)
        except Offline:
            if self.local is None:
                raise
            self.session.kept.add(self.id, seq, number)
            return self.screen
        self.server_screen = reply["screen"]
        return self.server_screen

    def flush(self) -> str:
        """Send the queued choices in order: SENT when the server holds all of them, AWAY when
        it cannot be reached, CONFLICT when it already took a different choice for one of them
        (another window): the server's stands and the rest of the queue is dropped."""
        kept = self.session.kept
        for seq, number in kept.queued(self.id):
            try:
                reply = self.session.client.choose(self.id, seq, number)
            except Offline:
                return AWAY
            except ServerError as err:
                if err.status not in (400, 409):
                    raise
                dropped = kept.drop(self.id)
                self.server_screen = self.session.client.attempt(self.id)["screen"]
                self.notes.append(f"The server already had a different answer for decision "
                                  f"{seq + 1}, so {len(dropped)} choice(s) made on this computer "
                                  "were not used. Carry on from where the server is.")
                return CONFLICT
            kept.sent(self.id, seq)
            self.server_screen = reply["screen"]
        return SENT

    def step_away(self) -> dict:
        """Withdraw from the attempt (recorded as a withdrawal, never a fail)."""
        if self.flush() == AWAY:
            raise Offline("Cannot reach the Doorstep server to record that you stepped away.",
                          "Your choices are kept on this computer; try again when it is back.")
        reply = self.session.client.step_away(self.id)
        self.server_screen = reply["screen"]
        return self.server_screen

    def result(self) -> Result | None:
        """The server's verdict, once the story is over and the server holds every choice."""
        if self.waiting or self.server_screen.get("phase") != protocol.Phase.FINISHED:
            return None
        d = self.server_screen["debrief"]
        verdict = "passed" if d["passed"] else "not passed"
        return Result(d["overall"], d["passed"], d["pass_mark"],
                      f"Result recorded by the server for {self.session.learner}: {d['overall']}/100, "
                      f"{verdict} (pass mark {d['pass_mark']}). Attempt {self.id}.")


class RemoteSession:
    """A learner joined to a session on a server, with what this computer keeps for them."""

    def __init__(self, client: ServerClient, kept: Kept, enrolment: dict, scenarios_dir: str | None):
        self.client, self.kept, self.scenarios_dir = client, kept, scenarios_dir
        self.enrolment = enrolment
        self.notes: list[str] = []

    @classmethod
    def join(cls, url: str, code: str, name: str, scenarios_dir: str | None = None,
             timeout: float = 10.0) -> "RemoteSession":
        client = ServerClient(url, timeout=timeout)
        kept = Kept.load(client.url, code, name)
        client.token = kept.token   # the same computer may carry on with its own token
        enrolment = client.join(code, name)
        kept.token = client.token
        kept.save()
        session = cls(client, kept, enrolment, scenarios_dir)
        session.send_queued()
        return session

    @property
    def name(self) -> str:
        return self.enrolment["session"]["name"]

    @property
    def learner(self) -> str:
        return self.enrolment["learner"]

    @property
    def pass_mark(self) -> int:
        return self.enrolment["session"]["pass_mark"]

    def send_queued(self) -> None:
        """Choices kept from an earlier run go to the server before anything else."""
        for attempt_id, rows in list(self.kept.pending.items()):
            if not rows:
                continue
            entry = self.client.attempt(attempt_id)
            attempt = RemoteAttempt(self, entry)
            if attempt.flush() == SENT:
                self.notes.append(f"{len(rows)} choice(s) kept on this computer were sent to the server.")
                result = attempt.result()
                if result is not None:
                    self.notes.append(result.message)
            self.notes.extend(attempt.notes)
        self.enrolment = self.client.me()

    def current(self) -> RemoteAttempt | None:
        """The attempt to play now (started or resumed), or None when every scenario is done."""
        self.enrolment = self.client.me()
        entry = self.enrolment.get("current")
        return None if entry is None else RemoteAttempt(self, entry)
