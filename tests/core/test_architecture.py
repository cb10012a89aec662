"""The core stays pure: it imports no shell, no pygame, nothing that reads the clock or the
network, and runs no eval/exec."""
import ast
import pathlib
import subprocess
import sys

from tests.helpers import ROOT

CORE = pathlib.Path(ROOT) / "game" / "core"
FORBIDDEN = {"pygame", "time", "datetime", "socket", "urllib", "http", "requests", "sqlite3",
             "sqlalchemy", "psycopg", "threading", "subprocess", "game.ui", "game.cli",
             "game.storage", "game.exports"}


def test_core_imports_nothing_impure():
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), \
                    f"{path.name} imports {name}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "compile"), f"{path.name} calls eval"


def test_loading_and_playing_never_imports_pygame():
    code = ("import sys; from game.core.loader import load_path; "
            "from game.core.play import play_route; "
            "s = load_path('scenarios/demo-late-again.yaml'); "
            "play_route(s, [3, 2, 1, 2, 4, 3, 2]); "
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "False", out.stderr
