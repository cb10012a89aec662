"""`python main.py ...`: the command line. One small function per command.

Every command turns authoring mistakes into `file:line:col: error: message` lines and exit
status 2, and never shows a traceback for bad input.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.errors import Problem

MODE_WORDS = ("practice", "assessed")  # engine.Mode's values, without importing the engine
HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SCENARIOS = os.path.join(HERE, "scenarios")

from .exits import EXIT_AUTHORING, EXIT_FAIL, EXIT_OK  # noqa: F401  (commands import them here)


def print_problems(problems: list["Problem"], stream=None) -> None:
    stream = stream or sys.stderr
    for p in problems:
        print(p.format(), file=stream)


def load_or_report(path: str):
    """The scenario at `path`, or None after printing its problems to stderr."""
    from game.core.loader import check_path
    scenario, problems = check_path(path)
    if scenario is None:
        print_problems(problems)
        errors = sum(p.is_error for p in problems)
        print(f"{path}: {errors} error{'s' * (errors != 1)}; fix them and try again "
              "('main.py validate' lists them too)", file=sys.stderr)
    return scenario


def resolve_scenario(name: str, scenarios_dir: str = DEFAULT_SCENARIOS) -> str:
    """A file path for `name`: a path as given, or an id found in the scenarios folder (else
    `name` itself, so the loader reports the missing file)."""
    if os.path.exists(name) or name.endswith((".yaml", ".yml")):
        return name
    from game.core.library import find_scenario
    return find_scenario(name, scenarios_dir) or name


# -- commands ------------------------------------------------------------------------------------

def cmd_validate(args) -> int:
    from .validate import validate_paths
    return validate_paths(args.paths, as_json=args.json, check_rules=not args.no_rules,
                          max_states=args.max_states, strict=args.strict,
                          use_cache=not args.no_cache)


def cmd_play(args) -> int:
    if args.session:
        if not args.learner:
            print("play --session needs --learner \"your name or staff id\"", file=sys.stderr)
            return EXIT_FAIL
        from game.client.terminal import play_remote_terminal, server_url
        url = server_url(args.server, args.db)
        if url:
            return play_remote_terminal(url, args.session, args.learner, scenarios_dir=DEFAULT_SCENARIOS)
        try:
            from game.cli.agency import play_assessed_terminal
        except ImportError:
            print("Assessed sessions are not available in this installation.", file=sys.stderr)
            return EXIT_FAIL
        return play_assessed_terminal(args.session, args.learner, args.db)
    if not args.file:
        print("play needs a scenario file (or --session CODE --learner NAME)", file=sys.stderr)
        return EXIT_FAIL
    if args.watch:
        return cmd_watch(resolve_scenario(args.file))
    scenario = load_or_report(resolve_scenario(args.file))
    if scenario is None:
        return EXIT_AUTHORING
    from .playback import play_batch, play_terminal
    if args.choices is not None or args.replay:
        return play_batch(scenario, args)
    return play_terminal(scenario, args)


def cmd_watch(path: str) -> int:
    """The live preview window (a file with mistakes opens too: they show in the window)."""
    from .launcher import has_display
    if not has_display():
        print("play --watch needs a display (it opens the game window)", file=sys.stderr)
        return EXIT_FAIL
    try:
        from .watch import watch
    except ImportError as exc:
        print(f"The game window is not available ({exc}).", file=sys.stderr)
        return EXIT_FAIL
    return watch(path)


def cmd_analyse(args) -> int:
    scenario = load_or_report(args.file)
    if scenario is None:
        return EXIT_AUTHORING
    from .report import analysis_dict, analysis_report
    from game.core.analysis import analyse
    from game.core.critical import check_critical
    check = check_critical(scenario)
    if args.json:
        print(json.dumps(analysis_dict(scenario, analyse(scenario), check), indent=2))
    else:
        print(analysis_report(scenario, analyse(scenario), check))
    return EXIT_OK if not check.on_best_route and not check.passing else EXIT_FAIL


def cmd_graph(args) -> int:
    scenario = load_or_report(args.file)
    if scenario is None:
        return EXIT_AUTHORING
    from .graph_export import export
    text = export(scenario, args.format)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_new(args) -> int:
    from .starter import write_starter
    return write_starter(args.name, args.dir, args.force)


def cmd_coverage(args) -> int:
    from .coverage import coverage_report
    return coverage_report(args.dir or DEFAULT_SCENARIOS, as_json=args.json)


def cmd_points(args) -> int:
    from .points import points_report
    return points_report(args.group, as_json=args.json)


def cmd_test(args) -> int:
    scenario = load_or_report(args.file)
    if scenario is None:
        return EXIT_AUTHORING
    from game.core.monkey import monkey_runs
    report = monkey_runs(scenario, runs=args.random, seed=args.seed)
    print(report.summary())
    if report.failure:
        print_problems(report.failure.problems, sys.stdout)
        print(f"reproduce with: main.py play {args.file} --choices "
              f"{','.join(map(str, report.failure.numbers)) or '(none)'}")
        return EXIT_AUTHORING
    return EXIT_OK


def cmd_start_game(args) -> int:
    """No command: the window where there is a display, otherwise the terminal menu."""
    from .launcher import start_game
    if args.window_server:   # the window's Join form goes through this server
        os.environ["DOORSTEP_SERVER"] = args.window_server
    return start_game(DEFAULT_SCENARIOS)


# -- parser --------------------------------------------------------------------------------------

def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="main.py",
        description="Doorstep: practise keeping the child in focus when a family will not "
                    "co-operate. With no command, starts the game.",
        epilog="Run 'main.py COMMAND --help' for each command's options. "
               "Authoring guide: docs/authoring.md")
    p.set_defaults(func=cmd_start_game)
    p.add_argument("--server", dest="window_server", metavar="URL",
                   help="join assessed sessions in the window through this Doorstep server "
                        "(default: $DOORSTEP_SERVER)")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    s = sub.add_parser("play", help="play a scenario in the terminal",
                       description="Play a scenario in the terminal, or non-interactively with "
                                   "--choices (prints the debrief).")
    s.add_argument("file", nargs="?", help="scenario file, or a scenario id from scenarios/")
    s.add_argument("--mode", choices=MODE_WORDS, default=None,
                   help="practice: feedback after each choice and going back; assessed: "
                        "feedback only at the end (default: practice, or assessed with --choices)")
    s.add_argument("--choices", metavar="N,N,...",
                   help="play these choice numbers (as offered at each decision) without asking")
    s.add_argument("--json", action="store_true", help="print the debrief as JSON")
    s.add_argument("--from", dest="from_node", metavar="NODE",
                   help="start at this node (for testing one scene)")
    s.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="start with a variable set (repeatable), e.g. --set trust=1")
    s.add_argument("--log", metavar="FILE", help="write a replayable log of the choices made")
    s.add_argument("--replay", metavar="FILE", help="replay a log written with --log")
    s.add_argument("--save", metavar="FILE", help="save after every choice (and resume from it)")
    s.add_argument("--watch", action="store_true",
                   help="live preview: play in the window, and reload and replay to the same "
                        "point each time the file is saved")
    s.add_argument("--session", metavar="CODE", help="join an assessed session")
    s.add_argument("--learner", metavar="NAME", help="your name or staff id (with --session)")
    s.add_argument("--server", metavar="URL",
                   help="the Doorstep server to join through (with --session; default: "
                        "$DOORSTEP_SERVER, unless --db is given)")
    s.add_argument("--db", metavar="URL", help="results database, for trainers on the server "
                                                 "machine (with --session)")
    s.set_defaults(func=cmd_play)

    s = sub.add_parser("validate", help="check scenario files and list every problem",
                       description="Check scenarios (and fragments) and list every problem as "
                                   "file:line:col. Exit status 2 when there are errors.")
    s.add_argument("paths", nargs="+", metavar="FILE|DIR")
    s.add_argument("--json", action="store_true", help="problems as JSON")
    s.add_argument("--strict", action="store_true",
                   help="fail (exit status 2) on warnings too, not only on errors")
    s.add_argument("--no-cache", action="store_true",
                   help="check every file again, even if it is unchanged since the last run")
    s.add_argument("--no-rules", action="store_true",
                   help="skip checking the scenario rules on every route")
    s.add_argument("--max-states", type=int, default=200_000,
                   help="bound on play states explored when checking rules (default 200000)")
    s.set_defaults(func=cmd_validate)

    s = sub.add_parser("analyse", aliases=["analyze"], help="report on a scenario's shape and "
                       "scoring", description="Routes, best and worst scores per competency, "
                                              "and what each choice costs against the best.")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_analyse)

    s = sub.add_parser("graph", help="export the story graph",
                       description="Export the scenario's graph so you can see its shape.")
    s.add_argument("file")
    s.add_argument("--format", choices=("dot", "graphml", "json", "svg"), default="dot")
    s.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    s.set_defaults(func=cmd_graph)

    s = sub.add_parser("new", help="start a new scenario from a template",
                       description="Write a starter scenario that validates, to edit.")
    s.add_argument("name", help="id for the scenario, e.g. late-again")
    s.add_argument("--dir", default=DEFAULT_SCENARIOS, help="folder to write into")
    s.add_argument("--force", action="store_true", help="overwrite an existing file")
    s.set_defaults(func=cmd_new)

    s = sub.add_parser("coverage", help="which practice points the scenarios exercise",
                       description="Which practice points the scenarios' scored choices "
                                   "exercise, and which none does.")
    s.add_argument("dir", nargs="?", help="scenarios folder (default: scenarios/)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_coverage)

    s = sub.add_parser("points", help="list the practice points and what each means",
                       description="The practice points a choice can name under 'points:', "
                                   "grouped, with their meaning and the guidance they come from.")
    s.add_argument("group", nargs="?", help="only this group, e.g. CHILD or ESC")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_points)

    s = sub.add_parser("test", help="random playthroughs that stop on any runtime problem",
                       description="Seeded random playthroughs ('monkey' runs). Stops at the "
                                   "first runtime problem and prints the route to reproduce it.")
    s.add_argument("file")
    s.add_argument("--random", type=int, default=200, metavar="N", help="number of runs")
    s.add_argument("--seed", type=int, default=1, metavar="S", help="random seed")
    s.set_defaults(func=cmd_test)

    _add_agency_commands(sub, argv)
    return p


# The agency and server commands need the database and web stacks (SQLAlchemy, Starlette and
# the rest), which take longer to import than everything else together. They are loaded only
# when one of them is run or asked about; otherwise `--help` lists them from these lines. The
# import is not guarded: a command that silently vanished (as `session` once did on Windows,
# through an fcntl import) is worse than an error naming the missing module.
AGENCY_COMMANDS = {"session": "set up and manage assessed sessions",
                   "report": "cohort report (HTML, CSV, JSON) or a certificate",
                   "export": "export results to other systems (xAPI, SCORM)",
                   "serve": "run the Doorstep server (browser player, assessed sessions, "
                            "trainer dashboard)",
                   "trainer": "trainer and manager accounts for the server"}


def _add_agency_commands(sub, argv) -> None:
    words = [a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-")]
    if words and words[0] in AGENCY_COMMANDS:
        from game.cli import agency
        from game.server import cli as server_cli
        agency.register(sub)
        server_cli.register(sub, DEFAULT_SCENARIOS)
        return
    for name, help_text in AGENCY_COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return args.func(args) or EXIT_OK
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - only the game's own errors are handled below
        return _report(exc)


def _report(exc: Exception) -> int:
    """The exit status for an authoring mistake or a play/save problem (re-raises anything
    else). The error types are imported only now, so that `--help` loads none of the core."""
    from game.core.engine import PlayError
    from game.core.errors import AuthoringError, SaveError
    if isinstance(exc, AuthoringError):
        print_problems(exc.problems)
        return EXIT_AUTHORING
    if isinstance(exc, (SaveError, PlayError)):
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    raise exc
