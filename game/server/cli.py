"""`main.py serve` and `main.py trainer ...`: run the server, manage trainer accounts."""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from game.storage.errors import StoreError

DEFAULT_PORT = 8080


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from game.server.app import Settings, create_app
    serve_options = dict(host=args.host, port=args.port, log_level=args.log_level,
                         proxy_headers=bool(args.forwarded_allow_ips),
                         forwarded_allow_ips=args.forwarded_allow_ips or None, server_header=False)
    if args.workers > 1:
        # Each worker process builds its own app from the environment; they share nothing but
        # the database, which is what makes several of them (or several machines) safe.
        os.environ.update(DOORSTEP_SCENARIOS=args.scenarios,
                          DOORSTEP_SECURE_COOKIES="1" if args.secure_cookies else "0")
        if args.db:
            os.environ["DOORSTEP_DB"] = args.db
        print(f"Doorstep server on http://{args.host}:{args.port}/ with {args.workers} workers. "
              "Ctrl+C stops.", flush=True)
        uvicorn.run("game.server.app:app_from_environment", factory=True, workers=args.workers,
                    **serve_options)
        return 0
    try:
        app = create_app(Settings(db_url=args.db, scenarios_dir=args.scenarios,
                                  secure_cookies=args.secure_cookies))
    except StoreError as err:
        print(f"error: {err.message}", file=sys.stderr)
        if err.hint:
            print(f"hint: {err.hint}", file=sys.stderr)
        return 1
    where = app.app.state.store.where
    print(f"Doorstep server on http://{args.host}:{args.port}/ (results: {where}). "
          f"Learners: http://{args.host}:{args.port}/play/  Trainers: /trainer  Ctrl+C stops.",
          flush=True)
    uvicorn.run(app, **serve_options)
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password (at least 10 characters): ")
    if getpass.getpass("Again: ") != first:
        raise StoreError("The two passwords differ.", "Run the command again.")
    return first


def _trainer(args: argparse.Namespace) -> int:
    from game.server import accounts
    from game.storage.hosted import HostedStore
    try:
        store = HostedStore(args.db)
        try:
            if args.action == "list":
                for t in store.list_trainers():
                    print(f"{t.username:20} {t.role:8} {t.display_name}{'  (disabled)' if t.disabled else ''}")
                return 0
            if args.action == "add":
                t = accounts.add(store, args.username, args.name or args.username, _password(args), args.role)
                store.audit("command line", "trainer_add", None, f"{t.username} ({t.role})")
                print(f"Added {t.role} '{t.username}'. They sign in at /trainer.")
                return 0
            accounts.reset_password(store, args.username, _password(args))
            store.audit("command line", "trainer_password", None, args.username)
            print(f"New password set for '{args.username}'.")
            return 0
        finally:
            store.close()
    except StoreError as err:
        print(f"error: {err.message}", file=sys.stderr)
        if err.hint:
            print(f"hint: {err.hint}", file=sys.stderr)
        return 1


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="results database: postgresql://user:password@host/dbname "
                             "(default: $DOORSTEP_DB, else a SQLite file in the user data folder)")


def register(subparsers: argparse._SubParsersAction, scenarios_dir: str) -> None:
    s = subparsers.add_parser("serve", help="run the Doorstep server (browser player, assessed "
                              "sessions, trainer dashboard)",
                              description="Runs the server: learners play in the browser at /play/, "
                                          "trainers sign in at /trainer. See docs/agencies.md.")
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for a training room)")
    s.add_argument("--port", type=int, default=int(os.environ.get("PORT", DEFAULT_PORT)))
    s.add_argument("--scenarios", default=scenarios_dir, metavar="DIR",
                   help="scenario library for practice and new sessions (default: scenarios)")
    s.add_argument("--secure-cookies", action="store_true",
                   help="mark cookies Secure (when users reach the server over HTTPS)")
    s.add_argument("--forwarded-allow-ips", metavar="IPS", default="",
                   help="the reverse proxy's address(es), to trust its X-Forwarded-For/-Proto")
    s.add_argument("--workers", type=int, default=1, metavar="N",
                   help="server processes sharing the database (PostgreSQL; default 1)")
    s.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"))
    _db(s)
    s.set_defaults(func=_serve)

    t = subparsers.add_parser("trainer", help="trainer and manager accounts for the server")
    actions = t.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="make an account (asks for the password)")
    add.add_argument("username")
    add.add_argument("--name", help="how the dashboard greets them")
    add.add_argument("--role", choices=("trainer", "manager"), default="trainer",
                     help="trainer: runs their own sessions; manager: reads every report (default trainer)")
    pw = actions.add_parser("password", help="set a new password")
    pw.add_argument("username")
    for p in (add, pw):
        p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    listing = actions.add_parser("list", help="list accounts")
    for p in (add, pw, listing):
        _db(p)
    t.set_defaults(func=_trainer)
