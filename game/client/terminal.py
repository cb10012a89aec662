"""`main.py play --session CODE --learner NAME --server URL`: an assessed session on a Doorstep
server, played in the terminal. Shows the server's screens (game/web/protocol.py), sends choice
numbers, and carries on with this computer's copy of the scenario while the network is down."""
from __future__ import annotations

import os
from types import SimpleNamespace
from typing import TextIO

from game.cli.terminal import Terminal, show_briefing as shell_briefing
from game.client.api import Offline, ServerError
from game.client.remote import RemoteAttempt, RemoteSession

HELP = ("Type a choice's number and press Enter.  n: case notes   q: leave for now (carry on "
        "later)   w: withdraw from this assessment   ?: this help")


def server_url(explicit: str | None, db: str | None = None) -> str | None:
    """The server to join through: --server, else DOORSTEP_SERVER unless --db asks for the
    database directly (trainers on the server machine)."""
    if explicit:
        return explicit
    return None if db else (os.environ.get("DOORSTEP_SERVER") or None)


def _fail(term: Terminal, err: ServerError) -> int:
    term.say(f"error: {err.message}")
    if err.hint:
        term.say(f"  hint: {err.hint}")
    return 1


def play_remote_terminal(url: str, code: str, name: str, *, scenarios_dir: str | None = None,
                         stdin: TextIO | None = None, stdout: TextIO | None = None,
                         timeout: float = 10.0) -> int:
    """Play every scenario of the session the server says is next; an exit code."""
    term = Terminal(stdin, stdout)
    try:
        session = RemoteSession.join(url, code, name, scenarios_dir, timeout)
    except ServerError as err:
        return _fail(term, err)
    for note in session.notes:
        term.say(f"note: {note}")
    try:
        while (attempt := session.current()) is not None:
            outcome = play_attempt(term, session, attempt)
            if outcome != "next":
                return 0
        term.say(f"You have completed every scenario in {session.name}.")
        return 0
    except ServerError as err:
        return _fail(term, err)
    except KeyboardInterrupt:
        term.say("\nStopped. Every choice so far is saved; run the same command to carry on.")
        return 130


def show_briefing(term: Terminal, b: dict) -> None:
    """The server's briefing (protocol.briefing), through the terminal player's own renderer."""
    shell_briefing(term, SimpleNamespace(
        title=b["title"], summary=b.get("summary", ""), content_note=b.get("content_note", ""),
        briefing=SimpleNamespace(referral=b.get("referral", ""), known=b.get("known") or (),
                                 risk_assessment=b.get("risk_assessment") or ())))
    term.say("Assessed: each choice is recorded as you make it; feedback comes at the end.")
    term.rule()


def show_beats(term: Terminal, screen: dict) -> None:
    for b in screen.get("beats", []):
        who = b.get("speaker")
        if who:
            mood = f" ({b['mood']})" if b.get("mood") else ""
            term.say(b["text"], first=f"{who['name']}{mood}: ", indent="    ")
        else:
            term.say(b["text"])
        term.say()


def show_debrief(term: Terminal, d: dict) -> None:
    term.rule()
    ending = d.get("ending")
    if ending:
        term.say(ending["title"].upper())
        term.say(ending["text"])
        term.say()
        term.say(ending["epilogue"], first="For the child: ", indent="  ")
    term.rule()
    if d.get("finished"):
        term.say(f"Overall: {d['overall']}/100 (pass mark {d['pass_mark']}) - "
                 f"{'PASSED' if d['passed'] else 'NOT PASSED'}")
    for reason in d.get("reasons") or ():
        term.say(reason, first="  - ", indent="    ")
    for c in d.get("chart") or ():
        term.say(f"  {c['label']:<24} {c['score']:>3}  {'#' * (c['score'] // 5)}")
    term.say()
    for r in d.get("decisions", []):
        mark = "  " if not r.get("cost") else "! "
        term.say(r["choice_text"], first=f"{mark}{r['number']}. ", indent="     ")
        if r.get("feedback"):
            term.say(r["feedback"], indent="     ")
        if r.get("better"):
            term.say(r["better"], first="     Stronger: ", indent="       ")
    term.rule()


def play_attempt(term: Terminal, session: RemoteSession, attempt: RemoteAttempt) -> str:
    """One scenario: 'next' when it is over (finished or withdrawn), 'left' when the learner
    leaves for now or the result must wait for the server."""
    for note in attempt.notes:
        term.say(f"note: {note}")
    screen = attempt.screen
    if screen["seq"] == 0:
        show_briefing(term, attempt.briefing)
    else:
        term.say(f"Resuming {attempt.briefing['title']} after {screen['seq']} decision(s).")
    shown_seq, warned = None, False
    while True:
        screen = attempt.screen
        if screen["seq"] != shown_seq:
            show_beats(term, screen)
            shown_seq = screen["seq"]
        if attempt.waiting and not warned:
            term.say("note: The server cannot be reached. Your choices are kept on this computer "
                     "and sent as soon as it answers.")
            warned = True
        if screen["phase"] == "finished":
            return finish(term, attempt)
        if screen["phase"] == "withdrawn":
            term.say("You have withdrawn from this scenario. It is recorded as a withdrawal, not a fail.")
            return "next"
        d = screen["decision"]
        term.say(f"[Day {d['day']} | {'child seen' if d['child_seen'] else 'child not yet seen'}]")
        term.say(d["prompt"])
        for c in d["choices"]:
            term.say(c["text"], first=f"  {c['number']}. ", indent="     ")
        answer = term.ask("> ")
        if answer is None or answer.lower() in ("q", "quit", "exit"):
            kept = " Choices made while the server was away are kept here and sent next time." \
                if attempt.waiting else ""
            term.say(f"Your progress in {attempt.briefing['title']} is saved. Run the same "
                     f"command to carry on.{kept}")
            return "left"
        if answer in ("?", "h", "help"):
            term.say(HELP)
            continue
        if answer.lower() == "n":
            for n in screen.get("notes") or ():
                term.say(n["text"], first=f"  Day {n['day']}: ", indent="    ")
            if not screen.get("notes"):
                term.say("  No case notes yet.")
            continue
        if answer.lower() == "w":
            sure = term.ask("Withdraw from this assessment? It is recorded as a withdrawal, not a "
                            "fail. Type yes to withdraw: ")
            if (sure or "").lower() in ("y", "yes"):
                try:
                    attempt.step_away()
                except Offline as err:
                    term.say(f"{err.message} {err.hint}")
                continue
            continue
        if not answer.isdigit() or not 1 <= int(answer) <= len(d["choices"]):
            term.say(f"Please type a number from 1 to {len(d['choices'])} ({HELP})")
            continue
        try:
            attempt.choose(int(answer))
        except Offline as err:
            term.say(f"{err.message} This computer has no copy of the scenario to carry on with, "
                     "so that choice was not taken: try it again in a moment, or q to leave.")
        except ServerError as err:
            term.say(f"The server refused that choice: {err.message} {err.hint}".strip())
        for note in attempt.notes:
            term.say(f"note: {note}")
        attempt.notes.clear()


def finish(term: Terminal, attempt: RemoteAttempt) -> str:
    """The story is over: the server's debrief and verdict, once it holds every choice."""
    if attempt.waiting:
        attempt.flush()
    result = attempt.result()
    if result is None:
        term.say("The story has ended. Your choices are kept on this computer until the server is "
                 "back: run the same command again to send them and see your result.")
        return "left"
    show_debrief(term, attempt.server_screen["debrief"])
    term.say(result.message)
    return "next"
