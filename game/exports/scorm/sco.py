"""The Python side of a SCORM package's SCO: the pure core, played in the page (Pyodide).

The page's JavaScript only carries messages: the player (game/web/static) sends the learner's
commands, and gets back the screens game/web/protocol.py makes from the core's Play, exactly as
the Doorstep server would send them. What the LMS is told — status from the core's verdict
(Debrief.passed, critical faults included), score, one interaction per decision, where to
resume — is decided here too, so a package never judges differently from the desktop game or
the server. Runs unchanged on CPython, where the fast tests drive it.

Every call returns one JSON text: {"screen", "lms": cmi values to set now, "interactions": new
cmi.interactions to add} (plus "briefing" from `start`), or {"error", "hint"} for a command the
play cannot take. Resume: cmi.suspend_data holds a format tag, the scenario's hash and the choice
numbers ("d1:<hash12>:2.1.3"): a few dozen characters where SCORM 1.2 allows 4,096. Stepping away
is final, as on the server: never a fail, never resumed ("d1:<hash12>:2.1!").
"""
from __future__ import annotations

import json
import re

from game.core.debrief import Debrief, DecisionReview, Strength
from game.core.engine import Mode, PlayError
from game.core.errors import AuthoringError
from game.core.loader import load_path
from game.core.model import Scenario
from game.web import protocol

SUSPEND_TAG = "d1"
SUSPEND_LIMIT = 4096  # SCORM 1.2's cmi.suspend_data is a CMIString4096
SCORE_MIN, SCORE_MAX = 0, 100
WITHDRAWN = "!"  # after the numbers: the learner stepped away there (final, as on the server)
# cmi.interactions.n.result (SCORM 1.2: correct, wrong, unanticipated, neutral, or a number)
RESULTS = {Strength.STRONG: "correct", Strength.REASONABLE: "neutral", Strength.WEAK: "wrong"}


def lesson_status(debrief: Debrief | None, mode: Mode) -> str:
    """cmi.core.lesson_status from the core's verdict. Assessed: passed or failed, as
    Debrief.passed says; practice (rewinds allowed, so no verdict): completed. Until the story
    ends, and when the learner steps away (a withdrawal is never a fail): incomplete."""
    if debrief is None or not debrief.finished:
        return "incomplete"
    if mode is Mode.PRACTICE:
        return "completed"
    return "passed" if debrief.passed else "failed"


def suspend_data(scenario: Scenario, numbers: list[int], withdrawn: bool = False) -> str:
    data = f"{SUSPEND_TAG}:{scenario.source_hash[:12]}:" + ".".join(map(str, numbers)) + (WITHDRAWN if withdrawn else "")
    if len(data) > SUSPEND_LIMIT:  # a route of ~2,000 decisions: no real scenario
        raise ValueError("the route is too long for cmi.suspend_data")
    return data


def parse_suspend(text: str, scenario: Scenario) -> tuple[list[int], bool] | None:
    """(the choice numbers saved in `text`, whether the learner stepped away after them); None
    when it is empty, not ours, or for another text of the scenario (a package exported again
    after an edit starts afresh)."""
    parts = (text or "").split(":")
    if len(parts) != 3 or parts[0] != SUSPEND_TAG or parts[1] != scenario.source_hash[:12]:
        return None
    route, withdrawn = (parts[2][:-len(WITHDRAWN)], True) if parts[2].endswith(WITHDRAWN) else (parts[2], False)
    if not route:
        return [], withdrawn
    if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3})*", route):
        return None
    return [int(n) for n in route.split(".")], withdrawn


def identifier(text: str) -> str:
    """A CMIIdentifier: no spaces, at most 255 characters."""
    return re.sub(r"[^A-Za-z0-9_.\-]", "_", text)[:255]


def interaction(review: DecisionReview, number: int) -> dict:
    """cmi.interactions.n for one decision taken: its id, type choice, the response as the
    letter of the choice among those offered (SCORM 1.2 writes a choice response as a-z), and
    the result from the core's judgement of it (a critical fault is always wrong)."""
    return {"id": identifier(f"d{review.number}-{review.decision_id}"), "type": "choice",
            "student_response": "abcdefghijklmnopqrstuvwxyz"[number - 1] if 1 <= number <= 26 else str(number),
            "result": "wrong" if review.critical else RESULTS.get(review.strength, "neutral")}


def display_name(student_name: str) -> str:
    """SCORM 1.2 gives cmi.core.student_name as 'Last, First'; people read 'First Last'."""
    last, comma, first = (student_name or "").partition(",")
    name = f"{first.strip()} {last.strip()}" if comma and first.strip() else (student_name or "")
    return " ".join(name.split())[:100]


class Sco:
    """One learner's play of one scenario inside an LMS: a list of choice numbers, replayed
    through protocol.walk (the core's Play) after every command."""

    def __init__(self, scenario: Scenario, mode: str, learner: str = "") -> None:
        self.scenario = scenario
        self.mode = Mode(mode)
        self.learner = display_name(learner)
        self.numbers: list[int] = []
        self.stamps: list[str | None] = []
        self.withdrawn = False

    @classmethod
    def from_path(cls, scenario_path: str, mode: str, learner: str = "") -> "Sco":
        """As the page makes it: the scenario loaded (and checked) by the core in the page."""
        return cls(load_path(scenario_path), mode, learner)

    def start(self, suspended: str = "") -> str:
        """The briefing and the screen to play from: the start, or where the learner left off."""
        numbers, withdrawn = parse_suspend(suspended, self.scenario) or ([], False)
        try:
            position = self._walk(numbers, [None] * len(numbers), withdrawn)
        except (PlayError, AuthoringError):
            numbers, withdrawn, position = [], False, self._walk([], [])
        self.numbers, self.stamps, self.withdrawn = numbers, [None] * len(numbers), position.withdrawn
        briefing = protocol.briefing(self.scenario)
        return self._answer(position, [], briefing=briefing, learner=self.learner)

    def send(self, command: str) -> str:
        """One command from the player, as JSON: {"type": "choose", "number", "at"},
        {"type": "rewind", "to"} or {"type": "step_away"}."""
        try:
            c = json.loads(command)
            kind = c.get("type")
            if self.withdrawn:
                raise PlayError("this attempt ended when the learner stepped away",
                                hint="a new attempt starts from the beginning")
            if kind == "choose":
                numbers, stamps = self.numbers + [int(c["number"])], self.stamps + [c.get("at")]
                position = self._walk(numbers, stamps)
                self.numbers, self.stamps = numbers, stamps
                return self._answer(position, [interaction(position.review, numbers[-1])])
            if kind == "rewind":
                if self.mode is not Mode.PRACTICE:
                    raise PlayError("going back is only possible in practice mode",
                                    hint="an assessed attempt keeps every choice as made")
                to = int(c["to"])
                if not 0 <= to <= len(self.numbers):
                    raise PlayError(f"there is no decision {to} to go back to")
                del self.numbers[to:], self.stamps[to:]
                return self._answer(self._walk(self.numbers, self.stamps), [])
            if kind == "step_away":
                position = self._walk(self.numbers, self.stamps, withdrawn=True)
                self.withdrawn = position.withdrawn
                return self._answer(position, [])
            raise PlayError(f"unknown command {kind!r}", hint="send choose, rewind or step_away")
        except PlayError as err:
            return json.dumps({"error": str(err), "hint": getattr(err, "hint", "")})
        except (ValueError, KeyError, TypeError) as err:
            return json.dumps({"error": f"a command the player should not send: {err}", "hint": ""})

    def _walk(self, numbers: list[int], stamps: list, withdrawn: bool = False) -> protocol.Position:
        return protocol.walk(self.scenario, numbers, mode=self.mode,
                             at=lambda i: stamps[i - 1] if i <= len(stamps) else None, withdrawn=withdrawn)

    def _answer(self, position: protocol.Position, interactions: list[dict], **extra) -> str:
        return json.dumps({**extra, "screen": protocol.screen(position),
                           "lms": lms_values(self.scenario, position, self.numbers, self.mode),
                           "interactions": interactions}, ensure_ascii=False)


def lms_values(scenario: Scenario, position: protocol.Position, numbers: list[int], mode: Mode) -> dict:
    """The cmi.core values (and suspend data) that describe this position to the LMS. The
    attempt stays suspended (to carry on) until it ends: finished, or the learner stepped away."""
    debrief = position.debrief
    finished = debrief is not None and debrief.finished
    values = {"cmi.core.lesson_status": lesson_status(debrief, mode),
              "cmi.core.lesson_location": identifier(position.state.node),
              "cmi.suspend_data": suspend_data(scenario, numbers, position.withdrawn),
              "cmi.core.exit": "" if finished or position.withdrawn else "suspend"}
    if finished:
        values.update({"cmi.core.score.raw": str(debrief.overall), "cmi.core.score.min": str(SCORE_MIN),
                       "cmi.core.score.max": str(SCORE_MAX)})
    return values


def opening(scenario: Scenario, mode: str) -> dict:
    """What `Sco.start("")` answers, made at export time by the desktop core: a new learner reads
    the briefing and plays up to the first decision while the page's core is still loading."""
    return json.loads(Sco(scenario, mode).start(""))
