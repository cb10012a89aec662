"""The window's structure (issue 9, section 6): screens return results and never import one
another, only game/ui/flow.py knows every screen, and no shell module judges an attempt."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.helpers import ROOT

UI = Path(ROOT) / "game" / "ui"
SHARED = {"base", "scene_panels", "scene_top"}   # helpers every screen may use; not screens


def imported_screens(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("game.ui.screens."):
                found.add(node.module.rsplit(".", 1)[1])
            elif node.module == "game.ui.screens":
                found |= {a.name for a in node.names}
    return found - SHARED


def test_no_screen_imports_another_screen():
    for path in (UI / "screens").glob("*.py"):
        assert not imported_screens(path), f"{path.name} imports {imported_screens(path)}"


def test_only_flow_knows_the_screens():
    knowing = {p.name for p in UI.glob("*.py") if imported_screens(p)}
    assert knowing <= {"flow.py", "driver.py"}, knowing   # driver.py: the test driver's DialogueScreen check


def test_no_shell_module_compares_a_score_with_a_pass_mark():
    judging = re.compile(r"(overall|score)\s*(>=|>|<|<=)\s*\w*pass_mark|pass_mark\s*(>=|>|<|<=)")
    shells = [*UI.rglob("*.py"), Path(ROOT) / "game" / "cli" / "terminal.py", Path(ROOT) / "game" / "cli" / "playback.py"]
    for path in shells:
        assert not judging.search(path.read_text(encoding="utf-8")), f"{path} judges an attempt itself"
