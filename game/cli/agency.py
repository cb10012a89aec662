"""Agency commands: assessed sessions, reports and exports, and the assessed terminal player.

    main.py session create --scenario ID --pass-mark 70 --name "Tuesday cohort"
    main.py session list | show CODE | close CODE | verify [CODE] | sync
    main.py play --session CODE --learner NAME            (calls play_assessed_terminal)
    main.py report --session CODE --html report.html [--csv F] [--json F]
    main.py report --certificate ATTEMPT_ID --html cert.html
    main.py export xapi --session CODE [--out FILE] [--lrs URL --lrs-user U --lrs-password P]
    main.py export scorm SCENARIO... -o package.zip [--mode assessed|practice]

Every command takes --db URL (default: DOORSTEP_DB, else a SQLite file in the user data dir).
Handlers return an exit code; problems are printed as a message and a hint, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, TextIO

from game.storage import paths
from game.storage.errors import StoreError
from game.storage.outbox import Outbox
from game.storage.assessed import resolve_scenario
from game.storage.hosted import HostedStore
from game.storage.store import Store

DEFAULT_SCENARIOS = "scenarios"


# -- shared plumbing ---------------------------------------------------------------------------

def _fail(err: StoreError, out: TextIO) -> int:
    print(f"error: {err.message}", file=out)
    if err.hint:
        print(f"  hint: {err.hint}", file=out)
    return 1


def _handler(run: Callable[[argparse.Namespace, Store], int]) -> Callable[[argparse.Namespace], int]:
    """Open the store for a command, and turn StoreError into a message and exit code 1."""
    def handle(args: argparse.Namespace) -> int:
        try:
            store = HostedStore(args.db)
        except StoreError as err:
            return _fail(err, sys.stderr)
        try:
            return run(args, store)
        except StoreError as err:
            return _fail(err, sys.stderr)
        finally:
            store.close()
    return handle


def _write(target: str, text: str) -> None:
    """Write to a file, or to standard output for '-'."""
    if target == "-":
        sys.stdout.write(text)
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


# -- session -----------------------------------------------------------------------------------

def _session_create(args: argparse.Namespace, store: Store) -> int:
    from game.server.sources import pin_session
    paths_ = [resolve_scenario(wanted, args.scenarios)[1] for wanted in args.scenario]
    # Pinned like the dashboard's sessions: the server replays attempts on this stored text.
    owner = None
    if args.owner:
        trainer = store.trainer(args.owner)
        if trainer is None or trainer.role != "trainer":
            raise StoreError(f"There is no trainer account '{args.owner}'.",
                             "`main.py trainer list` shows them; `main.py trainer add` makes one.")
        owner = trainer.id
    session = pin_session(store, args.name, args.pass_mark, paths_, owner_id=owner)
    store.audit("command line", "session_create", session.code, session.name)
    print(f"Session created: {session.name}")
    print(f"Join code: {session.code}")
    print(f"Learners run: python main.py play --session {session.code} --learner \"Their Name\"")
    return 0


def _session_list(args: argparse.Namespace, store: Store) -> int:
    listed = store.list_sessions()
    if not listed:
        print("No sessions yet. Create one with: main.py session create --scenario ID --name NAME")
    for s in listed:
        state = "open" if s.is_open else "closed"
        print(f"{s.code}  {state:6}  {s.created_at}  pass {s.pass_mark:3}  {s.name}  "
              f"[{', '.join(r.id for r in s.scenarios)}]")
    return 0


def _session_show(args: argparse.Namespace, store: Store) -> int:
    s = store.get_session(args.code)
    rows = store.session_results(s.code)
    print(f"{s.name}\n  code: {s.code}  pass mark: {s.pass_mark}  created: {s.created_at}  "
          f"{'open' if s.is_open else 'closed ' + (s.closed_at or '')}")
    for ref in s.scenarios:
        print(f"  scenario: {ref.id} ({ref.title})  {ref.path}")
    finished = [r for r in rows if r.overall is not None]
    print(f"  attempts: {len(rows)} ({len(finished)} finished, {sum(1 for r in finished if r.passed)} passed)")
    for r in rows:
        result = "in progress" if r.overall is None else f"{r.overall:3}  {'passed' if r.passed else 'not passed'}"
        print(f"    {r.attempt_id}  {r.learner}  {r.scenario_id}  {result}")
    return 0


def _session_close(args: argparse.Namespace, store: Store) -> int:
    s = store.close_session(args.code)
    print(f"Session {s.code} ({s.name}) closed at {s.closed_at}; its results are kept.")
    return 0


def _session_verify(args: argparse.Namespace, store: Store) -> int:
    checked, problems = store.verify(args.code)
    for p in problems:
        print(f"{p.attempt_id}  {p.learner}: {p.message}")
    print(f"{checked} result(s) checked, {len(problems)} problem(s).")
    return 1 if problems else 0


def _session_sync(args: argparse.Namespace, store: Store) -> int:
    from game.storage.recorder import sync
    written, left, error = sync(store, Outbox(paths.outbox_path()))
    print(f"{written} queued write(s) saved to {store.where}; {left} still queued.")
    if error is not None:
        return _fail(error, sys.stderr)
    return 0


# -- report ------------------------------------------------------------------------------------

def _report(args: argparse.Namespace, store: Store) -> int:
    from game.exports.html_report import MAX_ROWS, certificate_html, cohort_html
    if args.certificate:
        if not args.html:
            raise StoreError("A certificate is an HTML file.", "Add --html cert.html.")
        attempt = store.get_attempt(args.certificate)
        debrief = store.debrief(attempt.id)
        session = store.get_session(attempt.session_code)
        if debrief is None:
            raise StoreError(f"Attempt {attempt.id} is not finished.")
        _, problems = store.verify(attempt_id=attempt.id)
        if problems:
            raise StoreError(f"Attempt {attempt.id} failed the integrity check: {problems[0].message}",
                             "No certificate is issued for a result that cannot be verified.")
        if not store.result_row(attempt.id).passed:
            why = " ".join(debrief.get("reasons") or ()) or f"pass mark {session.pass_mark}"
            raise StoreError(f"Attempt {attempt.id} did not pass: {why}",
                             "A certificate is issued only for a passed, verified attempt.")
        _write(args.html, certificate_html(session, attempt, debrief, store.signature(attempt.id) or ""))
        return 0
    if not args.session:
        raise StoreError("Say which session to report on.", "Use --session CODE (or --certificate ATTEMPT_ID).")
    if not (args.html or args.csv or args.json):
        raise StoreError("Say what to write.", "Add --html FILE, --csv FILE and/or --json FILE ('-' for the screen).")
    from game.exports.cohort import gather
    from game.exports.tabular import cohort_csv, cohort_json
    # The HTML lists the first MAX_ROWS attempts; CSV and JSON list them all.
    cohort = gather(store, args.session, verify=not args.no_verify,
                    row_limit=None if (args.csv or args.json) else MAX_ROWS)
    for target, render in ((args.html, cohort_html), (args.csv, cohort_csv), (args.json, cohort_json)):
        if target:
            _write(target, render(cohort))
    if cohort.problems:
        print(f"warning: {len(cohort.problems)} result(s) failed the integrity check; see `session verify`.",
              file=sys.stderr)
    return 0


# -- export ------------------------------------------------------------------------------------

def _export_xapi(args: argparse.Namespace, store: Store) -> int:
    from game.exports import lrs, xapi
    statements = xapi.session_statements(store, args.session, args.base_url)
    if args.out or not args.lrs:
        _write(args.out or "-", json.dumps(statements, indent=2, ensure_ascii=False) + "\n")
    if args.lrs:
        password = args.lrs_password or os.environ.get("DOORSTEP_LRS_PASSWORD")
        report = lrs.send(args.lrs, statements, args.lrs_user, password)
        print(report.summary(), file=sys.stderr)
        return 0 if report.ok else 1
    return 0


def _export_scorm(args: argparse.Namespace) -> int:
    from game.cli.main import print_problems, resolve_scenario
    from game.core.errors import AuthoringError
    from game.exports.scorm import package
    try:
        built = package.build([resolve_scenario(s) for s in args.scenarios], args.out, args.mode, title=args.title,
                              precompile=args.precompile)
    except package.RuntimeMissing as err:
        print(f"error: {err}\n  {err.hint}", file=sys.stderr)
        return 1
    except AuthoringError as err:
        print_problems(err.problems)
        print("the package was not written: fix the scenarios and try again", file=sys.stderr)
        return 2
    except (OSError, ValueError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {built.path}: SCORM 1.2, {args.mode}, {len(built.scenarios)} scenario(s) "
          f"({', '.join(built.scenarios)}), {built.size / 1e6:.1f} MB. Upload it to your LMS as a SCORM package.")
    return 0


# -- the assessed player -----------------------------------------------------------------------

def play_assessed_terminal(code: str, learner: str, db_url: str | None, *, scenarios_dir: str = DEFAULT_SCENARIOS,
                           stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Play every scenario of a session in assessed mode, recording each choice as it is made.

    An unfinished attempt is resumed where it stopped; finished scenarios are not offered again.
    If the database goes away mid-play the learner carries on and the writes wait in the outbox.
    """
    from game.core import engine
    from game.core.play import Phase
    from game.cli.terminal import play_interactive
    from game.storage.assessed import join, next_attempt
    from game.clock import now_iso

    out = stdout or sys.stdout
    try:
        enrolment = join(code, learner, db_url)
    except StoreError as err:
        return _fail(err, sys.stderr)
    try:
        for ref in enrolment.completed():
            print(f"You have already completed {ref.title} in this session.", file=out)
        while (run := next_attempt(enrolment, scenarios_dir)) is not None:
            for note in run.notes:
                print(f"note: {note}", file=out)
            state = run.state
            if state is not None:
                print(f"Resuming {run.ref.title} after {len(state.history)} decision(s).", file=out)

            def record(new_state, run=run):
                before = len(run.notes)
                run.on_state(new_state)
                for note in run.notes[before:]:
                    print(f"\nnote: {note}\n", file=out)

            play = play_interactive(run.scenario, engine.ASSESSED, state=state, on_state=record,
                                    stdin=stdin, stdout=stdout, clock=now_iso,
                                    pass_mark=run.pass_mark)
            if play.phase is not Phase.FINISHED:
                print(run.withdraw(play.state, now_iso()), file=out)
                return 0
            message = run.finish(play.debrief())
            print(message, file=out)
            if not message.startswith("Result recorded"):
                return 0
        print(f"You have completed every scenario in {enrolment.session.name}.", file=out)
        return 0
    except StoreError as err:
        return _fail(err, sys.stderr)
    except KeyboardInterrupt:
        print("\nStopped. Every choice so far is saved; run the same command to carry on.", file=out)
        return 130
    finally:
        enrolment.close()


# -- argparse ----------------------------------------------------------------------------------

def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="results database: postgresql://user:password@host/dbname "
                             "(default: $DOORSTEP_DB, else a SQLite file in your user data folder)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `session`, `report` and `export` commands; each sets args.func(args) -> exit code."""
    session = subparsers.add_parser("session", help="set up and manage assessed sessions",
                                    description="Assessed sessions: a trainer creates one, learners join with its code.")
    actions = session.add_subparsers(dest="action", required=True, metavar="ACTION")

    create = actions.add_parser("create", help="create a session and print its join code")
    create.add_argument("--scenario", action="append", required=True, metavar="ID",
                        help="scenario id (or file) to assess; repeat for several")
    create.add_argument("--pass-mark", type=int, default=70, metavar="N", help="overall score needed to pass, 0-100 (default 70)")
    create.add_argument("--name", required=True, help='a name trainers will recognise, e.g. "Tuesday cohort"')
    create.add_argument("--owner", metavar="USER",
                        help="the trainer account it belongs to on the server's dashboard")
    create.add_argument("--scenarios", default=DEFAULT_SCENARIOS, metavar="DIR", help="where scenario files are (default: scenarios)")
    create.set_defaults(func=_handler(_session_create))

    listing = actions.add_parser("list", help="list sessions, newest first")
    listing.set_defaults(func=_handler(_session_list))
    show = actions.add_parser("show", help="a session's scenarios and attempts")
    show.add_argument("code", metavar="CODE")
    show.set_defaults(func=_handler(_session_show))
    close = actions.add_parser("close", help="stop new attempts (results are kept)")
    close.add_argument("code", metavar="CODE")
    close.set_defaults(func=_handler(_session_close))
    verify = actions.add_parser("verify", help="check every stored result's signature; exit 1 if any was changed")
    verify.add_argument("code", metavar="CODE", nargs="?", help="one session (default: all)")
    verify.set_defaults(func=_handler(_session_verify))
    sync_parser = actions.add_parser("sync", help="save results that were queued while the database was unreachable")
    sync_parser.set_defaults(func=_handler(_session_sync))
    for parser in (create, listing, show, close, verify, sync_parser):
        _db_option(parser)

    report = subparsers.add_parser("report", help="cohort report (HTML, CSV, JSON) or a certificate",
                                   description="Reports for trainers and managers. Use '-' as a file name for the screen.")
    report.add_argument("--session", metavar="CODE", help="the session to report on")
    report.add_argument("--certificate", metavar="ATTEMPT_ID", help="a certificate for one passed attempt (with --html)")
    report.add_argument("--html", metavar="FILE", help="self-contained HTML report")
    report.add_argument("--csv", metavar="FILE", help="one row per attempt, safe to open in a spreadsheet")
    report.add_argument("--json", metavar="FILE", help="the report's data as JSON")
    report.add_argument("--no-verify", action="store_true", help="skip checking signatures (faster for huge sessions)")
    _db_option(report)
    report.set_defaults(func=_handler(_report))

    export = subparsers.add_parser("export", help="export results to other systems")
    kinds = export.add_subparsers(dest="kind", required=True, metavar="KIND")
    xapi_parser = kinds.add_parser("xapi", help="xAPI statements (to a file, or POSTed to a Learning Record Store)",
                                   description="Writes xAPI 1.0.3 statements: launched, answered (per choice), "
                                               "completed, passed/failed. With --lrs they are sent, and queued "
                                               "locally while the LRS is unreachable.")
    xapi_parser.add_argument("--session", required=True, metavar="CODE", help="the session to export")
    xapi_parser.add_argument("--out", metavar="FILE", help="write the statements as JSON (default: screen, unless --lrs)")
    xapi_parser.add_argument("--lrs", metavar="URL", help="LRS endpoint, e.g. https://lrs.example.org/xapi/")
    xapi_parser.add_argument("--lrs-user", metavar="U", help="LRS basic-auth key/user")
    xapi_parser.add_argument("--lrs-password", metavar="P",
                             help="LRS basic-auth secret/password (or set DOORSTEP_LRS_PASSWORD, which "
                                  "other users of this machine cannot see in the process list)")
    xapi_parser.add_argument("--base-url", default="https://doorstep.invalid", metavar="IRI",
                             help="your organisation's base IRI for activity and account ids")
    _db_option(xapi_parser)
    xapi_parser.set_defaults(func=_handler(_export_xapi))
    scorm_parser = kinds.add_parser(
        "scorm", help="a SCORM 1.2 package to upload to an LMS (Moodle, Totara, Learning Pool)",
        description="Writes one zip: imsmanifest.xml and one SCO per scenario, with the player and the "
                    "game's own engine inside (nothing is fetched when learners play). The LMS receives "
                    "the status (passed/failed, or completed in practice), the score, one interaction per "
                    "decision, and where to resume. Needs the runtime once: sh scripts/scorm_runtime.sh")
    scorm_parser.add_argument("scenarios", nargs="+", metavar="SCENARIO", help="scenario files or ids from scenarios/")
    scorm_parser.add_argument("-o", "--out", required=True, metavar="FILE", help="the zip to write, e.g. package.zip")
    scorm_parser.add_argument("--mode", choices=("assessed", "practice"), default="assessed",
                              help="assessed (default): marked, feedback at the end; practice: feedback after "
                                   "each choice, going back allowed, reported as completed")
    scorm_parser.add_argument("--title", help="the package's title in the LMS (default: the scenario's)")
    scorm_parser.add_argument("--no-precompile", dest="precompile", action="store_false",
                              help="do not precompile the Python for the page (no Node.js needed; slower start)")
    scorm_parser.set_defaults(func=_export_scorm)


def main(argv: list[str] | None = None) -> int:
    """Run the agency commands on their own: python -m game.cli.agency session list."""
    parser = argparse.ArgumentParser(prog="doorstep-agency")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
