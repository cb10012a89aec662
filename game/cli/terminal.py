"""The terminal player: numbered choices, text wrapped to the terminal, works over ssh.

A shell around the core: it reads keys from stdin and writes text to stdout, and calls only
`game.core`. Other shells reuse `play_interactive` (assessed sessions write each choice to their
store through `on_state`).
"""
from __future__ import annotations

import shutil
import sys
import textwrap
from typing import Callable, TextIO

from game.core import engine
from game.core.debrief import Debrief, DecisionReview
from game.core.engine import Mode, PlayState
from game.core.model import Scenario
from game.core.play import (Advance, BeatShown, ChoiceTaken, Choose, Finished, Play, Rewind,
                            StepAway, Stopped, Withdrawn)

HELP = ("Type a choice's number and press Enter.  n: case notes   b: go back (practice)   "
        "q: step away   ?: this help")


class Terminal:
    """Wrapped output and line input, both replaceable for tests."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.width = max(40, min(100, shutil.get_terminal_size((80, 24)).columns - 2))

    def say(self, text: str = "", indent: str = "", first: str | None = None) -> None:
        if not text:
            print("", file=self.stdout)
            return
        for i, para in enumerate(text.split("\n")):
            lead = first if (first is not None and i == 0) else indent
            print(textwrap.fill(para, self.width, initial_indent=lead, subsequent_indent=indent)
                  or lead, file=self.stdout)

    def ask(self, prompt: str) -> str | None:
        """A line typed by the learner, or None at end of input (treated as stepping away)."""
        print(prompt, end="", file=self.stdout, flush=True)
        line = self.stdin.readline()
        if not line:
            print("", file=self.stdout)
            return None
        return line.strip()

    def rule(self) -> None:
        print("-" * self.width, file=self.stdout)


def show_briefing(term: Terminal, scenario: Scenario) -> None:
    term.rule()
    term.say(scenario.title.upper())
    term.say(scenario.summary)
    if scenario.content_note:
        term.say(f"Content note: {scenario.content_note}")
    b = scenario.briefing
    if b.referral:
        term.say()
        term.say(b.referral, first="Referral: ", indent="  ")
    for heading, items in (("What is known", b.known), ("Risk assessment", b.risk_assessment)):
        if items:
            term.say()
            term.say(f"{heading}:")
            for item in items:
                term.say(item, first="  - ", indent="    ")
    term.rule()


def _show_node(term: Terminal, scenario: Scenario, state: PlayState) -> None:
    v = engine.view(scenario, state)
    if v.kind == "beat":
        if v.speaker:
            mood = f" ({v.mood})" if v.mood else ""
            term.say(v.text, first=f"{v.speaker.name}{mood}: ", indent="    ")
        else:
            term.say(v.text)
        term.say()


def _show_feedback(term: Terminal, r: DecisionReview) -> None:
    term.say()
    term.say(r.feedback or "No feedback for this choice.", first="  Feedback: ", indent="    ")
    for pid, title in r.points:
        term.say(title, first=f"    {pid}: ", indent="      ")
    if r.better:
        term.say(r.better, first="    A stronger choice here: ", indent="      ")
    term.say()


def show_debrief(term: Terminal, d: Debrief) -> None:
    term.rule()
    if d.ending:
        term.say(d.ending.title.upper())
        term.say(d.ending.text)
        term.say()
        term.say(d.ending.epilogue, first="For the child: ", indent="  ")
    term.rule()
    result = ("PASSED" if d.passed else "NOT PASSED") if d.mode is Mode.ASSESSED else "Practice"
    term.say(f"Overall: {d.overall}/100 (pass mark {d.pass_mark}) - {result}")
    if d.mode is Mode.ASSESSED:
        for reason in d.reasons:
            term.say(reason, first="  Why: ", indent="       ")
    for c in d.competencies:
        if c.score is not None:
            term.say(f"  {c.label:<24} {c.score:>3}  {'#' * (c.score // 5)}")
    term.say()
    for r in d.decisions:
        mark = "  " if r.cost == 0 and not r.critical else "! "
        term.say(r.choice_text, first=f"{mark}{r.number}. ", indent="     ")
        if r.critical:
            term.say(r.critical, first="     Critical fault: ", indent="       ")
        if r.feedback:
            term.say(r.feedback, indent="     ")
        if r.points:
            term.say(", ".join(p for p, _ in r.points), first="     Practice points: ",
                     indent="       ")
        if r.better:
            term.say(r.better, first="     Stronger: ", indent="       ")
    if d.chronology:
        term.say()
        term.say("Your case notes:")
        for n in d.chronology:
            term.say(n.text, first=f"  Day {n.day}: ", indent="    ")
    term.rule()


def play_interactive(scenario: Scenario, mode: str = "practice", state: PlayState | None = None,
                     on_state: Callable[[PlayState], None] | None = None,
                     stdin: TextIO | None = None, stdout: TextIO | None = None,
                     clock: Callable[[], str] | None = None,
                     pass_mark: int | None = None) -> Play:
    """Play in the terminal until an ending or until the learner steps away; return the Play
    (its `phase` says which, its `debrief()` what it meant).

    `on_state` is called with every new state after a choice (autosave, assessed store);
    `clock` gives the timestamp recorded with each choice; `pass_mark` is a session's.
    """
    term = Terminal(stdin, stdout)
    if state is None:
        show_briefing(term, scenario)
        play = Play.begin(scenario, mode=mode, pass_mark=pass_mark)
    else:
        term.say(f"Resuming '{scenario.title}'.")
        play = Play(scenario, state, pass_mark=pass_mark)
    events = play.current()
    while True:
        event = events[-1]
        if isinstance(event, BeatShown):
            _show_node(term, scenario, play.state)
            events = play.send(Advance())
            continue
        if isinstance(event, Finished):
            show_debrief(term, event.debrief)
            return play
        if isinstance(event, Stopped):
            term.say(f"The scenario has a fault and cannot go on: {event.problem}")
            return play
        if isinstance(event, Withdrawn):
            term.say("You stepped away. " + ("Leaving is not a fail."
                                             if play.state.mode is Mode.ASSESSED else
                                             "Take whatever time you need."))
            return play
        v = play.view
        marker = "child seen" if v.child_seen else "child not yet seen"
        term.say(f"[Day {v.day} | {marker}]")
        term.say(v.prompt)
        for i, text in enumerate(v.choice_texts, 1):
            term.say(text, first=f"  {i}. ", indent="     ")
        answer = term.ask("> ")
        if answer is None or answer.lower() in ("q", "quit", "exit"):
            events = play.send(StepAway(at=clock() if clock else None))
            continue
        if answer in ("?", "h", "help"):
            term.say(HELP)
            continue
        if answer.lower() == "n":
            for n in play.state.chronology or ():
                term.say(n.text, first=f"  Day {n.day}: ", indent="    ")
            if not play.state.chronology:
                term.say("  No case notes yet.")
            continue
        if answer.lower() == "b":
            if play.state.mode is not Mode.PRACTICE or not play.state.history:
                term.say("Going back is only possible in practice mode, after a choice.")
                continue
            events = play.send(Rewind(to=len(play.state.history) - 1))
            term.say("Back to your last decision.")
            continue
        if not answer.isdigit() or not 1 <= int(answer) <= len(v.choices):
            term.say(f"Please type a number from 1 to {len(v.choices)} ({HELP})")
            continue
        events = play.send(Choose(number=int(answer), at=clock() if clock else None))
        if on_state:
            on_state(play.state)
        taken = next(e for e in events if isinstance(e, ChoiceTaken))
        if play.state.mode is Mode.PRACTICE:
            _show_feedback(term, taken.review)
