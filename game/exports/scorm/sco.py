"""The Python side of a SCORM package's SCO: the pure core, played in the page (Pyodide).

The page's JavaScript only carries messages: it passes the learner's commands in and writes what
comes back to the screen and to the LMS. Everything that decides anything — the story, what is
offered, the feedback, the score, the verdict (Debrief.passed, critical faults included) and the
SCORM values that report it — comes from here, so a package can never judge differently from the
desktop game or the server. Runs unchanged on CPython, where the tests drive it.

Each call returns one JSON text: {"screen": what to show, "lms": the cmi values to set now}.
Resume: cmi.suspend_data holds the format tag, the scenario's hash and the choice numbers
("d1:<hash12>:2.1.3"), a few dozen characters where SCORM 1.2 allows 4,096.
"""
from __future__ import annotations

import json
import re

from game.core import debrief as debriefs
from game.core import engine
from game.core.errors import AuthoringError, SaveError
from game.core.loader import load_path
from game.core.model import Scenario

SUSPEND_TAG = "d1"
SUSPEND_LIMIT = 4096  # SCORM 1.2's cmi.suspend_data: CMIString4096
SCORE_MIN, SCORE_MAX = 0, 100


def lesson_status(debrief: debriefs.Debrief, mode: str) -> str:
    """cmi.core.lesson_status from the core's verdict: an assessed play passes or fails as
    Debrief.passed says; a practice play is 'completed' (rewinds allowed, so no verdict)."""
    if not debrief.finished:
        return "incomplete"
    if mode == engine.PRACTICE:
        return "completed"
    return "passed" if debrief.passed else "failed"


def suspend_data(scenario: Scenario, state: engine.PlayState) -> str:
    data = f"{SUSPEND_TAG}:{scenario.source_hash[:12]}:" + ".".join(str(s.number) for s in state.history)
    if len(data) > SUSPEND_LIMIT:  # a route of ~2,000 decisions: never in a real scenario
        raise ValueError("the route is too long for cmi.suspend_data")
    return data


def parse_suspend(text: str, scenario: Scenario) -> list[int] | None:
    """The choice numbers saved in `text`, or None when it is empty, foreign or for another text."""
    parts = (text or "").split(":")
    if len(parts) != 3 or parts[0] != SUSPEND_TAG or parts[1] != scenario.source_hash[:12]:
        return None
    if not parts[2]:
        return []
    if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3})*", parts[2]):
        return None
    return [int(n) for n in parts[2].split(".")]


def _identifier(text: str) -> str:
    """A CMIIdentifier (no spaces, at most 255 characters)."""
    return re.sub(r"[^A-Za-z0-9_.\-]", "_", text)[:255]


class Sco:
    """One learner's play of one scenario inside an LMS."""

    def __init__(self, scenario_path: str, mode: str, learner: str = "") -> None:
        self.scenario = load_path(scenario_path)
        self.mode = mode
        self.learner = display_name(learner)
        self.state = engine.start(self.scenario, mode)
        self.recorded = 0  # decisions already sent to the LMS as interactions
        self.resumed = False

    # -- commands (each returns JSON text) --------------------------------------------------

    def open(self, suspended: str = "") -> str:
        """The first screen: the content note and briefing (with 'carry on' when resuming)."""
        numbers = parse_suspend(suspended, self.scenario)
        if numbers:
            try:
                self.state = engine.play_numbers(self.scenario, numbers, self.mode, to_end=False)
                self.recorded = len(numbers)
                self.resumed = True
            except (engine.PlayError, AuthoringError, SaveError):
                self.state = engine.start(self.scenario, self.mode)
        s = self.scenario
        screen = {"kind": "intro", "title": s.title, "summary": s.summary, "minutes": s.minutes,
                  "content_note": s.content_note, "learner": self.learner, "mode": self.mode,
                  "pass_mark": s.pass_mark, "resumed": self.resumed,
                  "briefing": {"referral": s.briefing.referral, "known": list(s.briefing.known),
                               "risk_assessment": list(s.briefing.risk_assessment)}}
        return self._answer(screen, first=True)

    def begin(self) -> str:
        """From the briefing into the story (or back to where the learner left it)."""
        return self._answer(self._screen())

    def advance(self) -> str:
        self.state = engine.advance(self.scenario, self.state)
        return self._answer(self._screen())

    def choose(self, number: int, at: str | None = None) -> str:
        self.state = engine.choose_number(self.scenario, self.state, int(number), at)
        review = None
        if self.mode == engine.PRACTICE:
            review = _review(debriefs.make_debrief(self.scenario, self.state).decisions[-1])
        return self._answer(self._screen(), review=review)

    def rewind(self, to: int) -> str:
        """Practice only: back to just before decision `to` (0-based)."""
        self.state = engine.rewind(self.scenario, self.state, int(to))
        self.recorded = min(self.recorded, len(self.state.history))
        return self._answer(self._screen())

    # -- what to show and what to tell the LMS -------------------------------------------------

    def _screen(self) -> dict:
        v = engine.view(self.scenario, self.state)
        screen = {"kind": v.kind, "node": v.node_id, "location": v.location, "day": v.day,
                  "speaker": None if v.speaker is None else {"name": v.speaker.name, "role": v.speaker.role},
                  "mood": v.mood, "text": v.text, "prompt": v.prompt, "choices": list(v.choice_texts),
                  "decisions_taken": len(self.state.history), "can_rewind": self.mode == engine.PRACTICE}
        if v.kind == "ending":
            d = debriefs.make_debrief(self.scenario, self.state)
            screen["ending"] = {"title": v.ending.title, "text": v.text, "epilogue": v.ending.epilogue,
                                "kind": v.ending.ending, "good": v.ending.good}
            screen["debrief"] = {
                "overall": d.overall, "passed": d.passed, "pass_mark": d.pass_mark, "mode": self.mode,
                "status": lesson_status(d, self.mode),
                "competencies": [{"label": c.label, "score": c.score} for c in d.competencies if c.score is not None],
                "decisions": [_review(r) for r in d.decisions],
                "chronology": [{"day": n.day, "text": n.text} for n in d.chronology]}
        return screen

    def _answer(self, screen: dict, review: dict | None = None, first: bool = False) -> str:
        d = debriefs.make_debrief(self.scenario, self.state)
        lms = {"cmi.core.lesson_status": lesson_status(d, self.mode),
               "cmi.core.lesson_location": _identifier(self.state.node),
               "cmi.suspend_data": suspend_data(self.scenario, self.state),
               "cmi.core.exit": "" if d.finished else "suspend"}
        if d.finished:
            lms.update({"cmi.core.score.raw": str(d.overall), "cmi.core.score.min": str(SCORE_MIN),
                        "cmi.core.score.max": str(SCORE_MAX)})
        interactions = []
        for r in d.decisions[self.recorded:] if not first else ():
            step = self.state.history[r.number - 1]
            interactions.append({"id": _identifier(f"d{r.number}-{r.decision_id}"), "type": "choice",
                                 "student_response": _letter(step.number),
                                 "result": "correct" if r.cost == 0 else "wrong"})
        if not first:
            self.recorded = len(d.decisions)
        return json.dumps({"screen": screen, "review": review, "lms": lms, "interactions": interactions},
                          ensure_ascii=False)


def _letter(number: int) -> str:
    """A choice's place among those offered as SCORM 1.2 writes a choice response (a-z)."""
    return "abcdefghijklmnopqrstuvwxyz"[number - 1] if 1 <= number <= 26 else str(number)


def _review(r: debriefs.DecisionReview) -> dict:
    return {"number": r.number, "prompt": r.prompt, "choice": r.choice_text, "feedback": r.feedback,
            "better": r.better, "points": [t for _, t in r.points], "cost": r.cost,
            "critical": getattr(r, "critical", "") or ""}


def display_name(student_name: str) -> str:
    """SCORM 1.2 gives cmi.core.student_name as 'Last, First'; people read 'First Last'."""
    last, comma, first = (student_name or "").partition(",")
    name = f"{first.strip()} {last.strip()}" if comma and first.strip() else student_name or ""
    return " ".join(name.split())[:100]
