"""`main.py play`: in the terminal, or non-interactively from choice numbers or a log."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from game.core import engine
from game.core.play import Play, play_route
from game.core.errors import SaveError
from game.core.model import Scenario
from game.clock import now_iso as now
from game.storage.saves import write_atomic

from .exits import EXIT_FAIL, EXIT_OK
from .terminal import Terminal, play_interactive, show_debrief

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


def play_terminal(scenario: Scenario, args) -> int:
    mode = args.mode or engine.PRACTICE
    state = None
    if args.save and os.path.exists(args.save):
        with open(args.save, "rb") as fh:
            state = engine.resume(scenario, engine.PlayState.from_json(fh.read()))
        if state.finished:
            state = None
    if state is None and (args.from_node or args.set):
        state = engine.start(scenario, mode, args.from_node, parse_sets(args.set, scenario))

    def on_state(s):
        if args.save:
            write_atomic(Path(args.save), s.to_json())

    state = play_interactive(scenario, mode, state=state, on_state=on_state, clock=now).state
    if args.log:
        write_log(args.log, scenario, state)
        print(f"Your choices were written to {args.log}.", file=sys.stderr)
    return EXIT_OK
