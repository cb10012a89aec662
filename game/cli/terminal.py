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

from game.core.debrief import Debrief, DecisionReview
from game.core.engine import Mode, PlayState
from game.core.model import NodeKind, Scenario
from game.ui import wording   # plain words for a review; imports no pygame
from game.core.play import (Advance, BeatShown, ChoiceTaken, Choose, Finished, Play, Rewind,
                            StepAway, Stopped, Withdrawn)

HELP = ("Type a choice's number and press Enter.  n: case notes   b: go back (practice)   "
        "q: step away (asks first)   ?: this help")
HINT = "Type ? and Enter at any prompt for the keys."


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


def ask_mode(term: Terminal) -> Mode:
    """Practice or assessed, asked in words (Enter alone, or no answer, is practice)."""
    term.say("How do you want to play?")
    term.say("feedback after every choice, and you can go back", first="  p  practice: ", indent="       ")
    term.say("feedback only at the end, with a pass or not-yet verdict", first="  a  assessed: ", indent="       ")
    while True:
        answer = term.ask("Practice or assessed? [P/a] ")
        if answer is None or answer.lower() in ("", "p", "practice"):
            return Mode.PRACTICE
        if answer.lower() in ("a", "assessed"):
            return Mode.ASSESSED
        term.say("Please type p for practice or a for assessed.")


def ask_yes(term: Terminal, question: str, default: bool) -> bool:
    """A yes/no question; Enter alone gives `default`, no answer at all (end of input) gives yes."""
    answer = term.ask(question + (" [Y/n] " if default else " [y/N] "))
    if answer is None:
        return True
    return default if answer == "" else answer.lower() in ("y", "yes")


def _show_node(term: Terminal, v) -> None:
    if v.kind == NodeKind.BEAT:
        if v.speaker:
            mood = f" ({v.mood})" if v.mood else ""
            term.say(v.text, first=f"{v.speaker.name}{mood}: ", indent="    ")
        else:
            term.say(v.text)
        term.say()


def _show_feedback(term: Terminal, r: DecisionReview) -> None:
    """The practice feedback card, in the same words as the window's (game.ui.wording)."""
    term.say()
    term.say(wording.verdict_line(r), first="  Feedback: ", indent="    ")
    for paragraph in wording.review_paragraphs(r)[1:]:
        term.say(paragraph, indent="    ")
    for pid, title in r.points:
        term.say(title, first=f"    {pid}: ", indent="      ")
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
    term.say(HINT)
    term.say()
    events = play.current()
    while True:
        event = events[-1]
        if isinstance(event, BeatShown):
            _show_node(term, event.view)
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
        answer = term.ask(f"Your choice (1-{len(v.choices)}, ? for help): ")
        if answer is not None and answer.lower() in ("q", "quit", "exit"):
            leaving = ("Step away from this assessed attempt? It is recorded as a withdrawal, not a fail."
                       if play.state.mode is Mode.ASSESSED else "Step away for now? Your progress is kept.")
            if not ask_yes(term, leaving, default=False):
                continue
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
