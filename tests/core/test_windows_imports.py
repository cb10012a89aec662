"""Windows is real: every module imports, and every main.py command is there, when the
POSIX-only modules (fcntl, termios, ...) do not exist. Once `import fcntl` in the outbox made
`session`, `report` and `export` vanish from main.py on Windows without a word."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSIX_ONLY = ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog")

PROBE = r"""
import importlib, json, pkgutil, sys
for name in sys.argv[1].split(","):
    if name:
        sys.modules[name] = None  # `import name` now raises ImportError, as on Windows
import game
failed = {}
for info in pkgutil.walk_packages(game.__path__, "game."):
    try:
        importlib.import_module(info.name)
    except ImportError as err:
        failed[info.name] = str(err)
from game.cli.main import build_parser

def subcommands(parser):
    return next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices

commands = sorted(subcommands(build_parser([])))
# Each command as it is really registered when it is run (the agency and server ones load only
# then): its options must be there, not only its name in --help.
options = {name: sorted(o for a in subcommands(build_parser([name]))[name]._actions for o in a.option_strings)
           for name in commands}
print(json.dumps({"failed": failed, "commands": commands, "options": options}))
"""


def probe(blocked: tuple[str, ...]) -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE, ",".join(blocked)], capture_output=True,
                         text=True, env=env, cwd=str(ROOT), timeout=240)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_every_module_and_command_survives_without_posix_only_modules():
    normal = probe(())
    windows = probe(POSIX_ONLY)
    assert normal["failed"] == {}
    assert windows["failed"] == {}, "modules that need a POSIX-only import: " + ", ".join(windows["failed"])
    assert windows["commands"] == normal["commands"]
    assert windows["options"] == normal["options"]
    for command in ("play", "session", "report", "export", "serve", "trainer"):
        assert command in windows["commands"]
    assert "--workers" in windows["options"]["serve"] and "--db" in windows["options"]["report"]
