"""`main.py play`: in the terminal, or non-interactively from choice numbers or a log."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from game.core import engine
from game.core.play import Mode, Phase, Play, play_route
from game.core.errors import SaveError
from game.core.model import Scenario
from game.clock import now_iso as now
from game.storage import saves
from game.storage.saves import write_atomic

from .exits import EXIT_FAIL, EXIT_OK
from .terminal import Terminal, ask_mode, ask_yes, play_interactive, show_debrief

LOG_FORMAT = "doorstep-log/1"


def parse_sets(items: list[str], scenario: Scenario) -> dict:
    """--set NAME=VALUE pairs typed by the declared variable types."""
    out = {}
    for item in items:
        name, sep, text = item.partition("=")
        var = scenario.variables.get(name.strip())
        if not sep or var is None:
            raise engine.PlayError(f"--set {item!r}: use NAME=VALUE with a declared variable")
        text = text.strip()
        if var.type == "bool":
            if text.lower() not in ("true", "false"):
                raise engine.PlayError(f"--set {name}: give true or false")
            out[var.name] = text.lower() == "true"
        elif var.type == "int":
            try:
                out[var.name] = int(text)
            except ValueError:
                raise engine.PlayError(f"--set {name}: give a whole number") from None
        else:
            out[var.name] = text
    return out


def _numbers(text: str) -> list[int]:
    try:
        return [int(n) for n in text.replace(" ", "").split(",") if n]
    except ValueError:
        raise engine.PlayError(f"--choices takes numbers separated by commas, not {text!r}") \
            from None


def write_log(path: str, scenario: Scenario, state: engine.PlayState) -> None:
    """A replayable log of the choices made (the same record feeds debriefs and tests)."""
    log = {"format": LOG_FORMAT, "scenario": scenario.id, "scenario_hash": scenario.source_hash,
           "mode": state.mode, "start": state.origin,
           "set": dict(state.origin_variables),
           "choices": [s.number for s in state.history],
           "steps": [{"decision": s.decision, "choice": s.choice, "number": s.number, "at": s.at}
                     for s in state.history]}
    write_atomic(Path(path), json.dumps(log, indent=1, ensure_ascii=False))


def read_log(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            log = json.load(fh)
    except (OSError, ValueError) as exc:
        raise SaveError(f"cannot read the log {path}: {exc}") from None
    if not isinstance(log, dict) or log.get("format") != LOG_FORMAT:
        raise SaveError(f"{path} is not a Doorstep choice log")
    return log


def play_batch(scenario: Scenario, args) -> int:
    """Play choice numbers (from --choices or a --replay log) and print the debrief."""
    mode = args.mode or engine.ASSESSED
    start_node, sets = args.from_node, parse_sets(args.set, scenario)
    if args.replay:
        log = read_log(args.replay)
        if log.get("scenario") != scenario.id:
            raise SaveError(f"the log is for scenario '{log.get('scenario')}', not "
                            f"'{scenario.id}'")
        numbers = [int(n) for n in log.get("choices", [])]
        mode = args.mode or log.get("mode", mode)
        start_node = start_node or log.get("start")
        sets = {**log.get("set", {}), **sets}
    else:
        numbers = _numbers(args.choices)
    # Each choice is stamped with its place in the route: batch play has no wall clock to keep.
    state, debrief = play_route(scenario, numbers, at=lambda n: n, to_end=False,
                                play=Play.begin(scenario, mode=mode, at_node=start_node,
                                                variables=sets))
    if args.log:
        write_log(args.log, scenario, state)
    if args.json:
        print(json.dumps(debrief.to_dict(), indent=2, ensure_ascii=False))
    else:
        if not state.finished:
            print(f"The choices ran out at '{state.node}' before an ending.")
        show_debrief(Terminal(), debrief)
    return EXIT_OK if state.finished else EXIT_FAIL


def play_terminal(scenario: Scenario, args, stdin=None, stdout=None) -> int:
    """Play in the terminal, autosaving every choice in the same save slots as the window (or to
    --save FILE), so stepping away keeps the progress: the same command, or Continue in the
    window, carries on. Without --mode the learner is asked: practice or assessed."""
    term = Terminal(stdin, stdout)
    folder = saves.saves_dir(os.environ.get("DOORSTEP_DATA_DIR"))
    state = None
    if args.save and os.path.exists(args.save):
        with open(args.save, "rb") as fh:
            state = engine.resume(scenario, engine.PlayState.from_json(fh.read()))
    elif not args.save and not (args.from_node or args.set):
        waiting = [s for s in saves.list_saves(folder) if isinstance(s, saves.Save)
                   and s.scenario_id == scenario.id and not s.session and args.mode in (None, s.mode)]
        if waiting and ask_yes(term, f"You have a saved {waiting[0].mode} play of '{scenario.title}' "
                                     f"from {waiting[0].saved_at}. Carry on from there?", default=True):
            try:
                state = engine.resume(scenario, engine.PlayState.from_json(waiting[0].state_json))
            except SaveError as err:
                term.say(f"That save cannot be resumed ({err}); starting again.")
    if state is not None and state.finished:
        state = None
    mode = state.mode if state is not None else (args.mode or ask_mode(term))
    if state is None and (args.from_node or args.set):
        state = engine.start(scenario, mode, args.from_node, parse_sets(args.set, scenario))
    slot = saves.slot_for(scenario.id, mode)

    def on_state(s):
        if args.save:
            write_atomic(Path(args.save), s.to_json())
        elif not s.finished:
            saves.write_save(folder, saves.Save(slot, scenario.id, scenario.path, scenario.title,
                                                str(s.mode), now(), s.to_json()))

    play = play_interactive(scenario, mode, state=state, on_state=on_state, clock=now,
                            stdin=term.stdin, stdout=term.stdout)
    state = play.state
    if play.phase is Phase.FINISHED:
        saves.delete_save(folder, slot)
        d = play.debrief()
        saves.record_result(folder, scenario.id, ("passed" if d.passed else "not_passed")
                            if mode is Mode.ASSESSED else "completed", d.overall)
    elif play.phase is Phase.WITHDRAWN and mode is Mode.ASSESSED:
        saves.delete_save(folder, slot)
        saves.record_result(folder, scenario.id, "withdrawn")
        term.say("Recorded as a withdrawal on this computer, not a fail.")
    elif play.phase is Phase.WITHDRAWN:
        where = args.save or "this computer"
        term.say(f"Your progress is saved on {where}: run the same command again, or use Continue "
                 "in the window, to carry on where you left off.")
    if args.log:
        write_log(args.log, scenario, state)
        print(f"Your choices were written to {args.log}.", file=sys.stderr)
    return EXIT_OK
