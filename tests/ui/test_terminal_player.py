"""The terminal player (issue 14, defect 10): stepping away keeps the progress and the same
command carries on; the keys are advertised; the learner chooses practice or assessed; the
feedback is in the window's words. It consumes the core's Play events and never loads pygame."""
from __future__ import annotations

import io
import subprocess
import sys
from types import SimpleNamespace

from game.cli.playback import play_terminal
from game.core.loader import load_path
from game.storage import saves
from tests.helpers import ROOT, scenario_path

from .conftest import DEMO


def args(**given):
    return SimpleNamespace(**{"mode": None, "save": None, "from_node": None, "set": [], "log": None, **given})


def run(scenario, typed: str, **given) -> str:
    out = io.StringIO()
    assert play_terminal(scenario, args(**given), stdin=io.StringIO(typed), stdout=out) == 0
    return out.getvalue()


def test_step_away_keeps_progress_and_the_same_command_carries_on(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    scenario = load_path(scenario_path(DEMO))
    first = run(scenario, "p\n3\nq\ny\n")
    assert "? for help" in first and "Type ? and Enter at any prompt" in first
    assert "Your progress is saved" in first
    [kept] = [s for s in saves.list_saves(saves.saves_dir(str(tmp_path))) if isinstance(s, saves.Save)]
    assert kept.scenario_id == scenario.id and kept.mode == "practice"
    second = run(scenario, "\n2\n")                   # Enter: yes, carry on
    assert "Carry on from there?" in second and "Resuming 'Late Again'" in second
    assert second.count("Your choice (1-") >= 2        # it asked the second decision, not the first again


def test_q_asks_first_and_no_keeps_playing(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    text = run(load_path(scenario_path(DEMO)), "p\nq\nn\n3\n")
    assert "Step away for now?" in text and text.count("Feedback:") == 1


def test_the_learner_chooses_assessed_and_gets_no_feedback_until_the_end(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    text = run(load_path(scenario_path(DEMO)), "a\n3\n2\n1\n2\n4\n3\n2\n")
    assert "Practice or assessed?" in text and "Feedback:" not in text
    assert "PASSED" in text
    record = saves.load_records(saves.saves_dir(str(tmp_path)))["demo-late-again"]
    assert record.status == "passed" and saves.latest_save(saves.saves_dir(str(tmp_path))) is None


def test_practice_feedback_uses_plain_words_and_names_the_stronger_choice(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    text = run(load_path(scenario_path(DEMO)), "p\n2\nq\ny\n")
    assert "Feedback: A weak choice" in text or "Feedback: A reasonable choice" in text
    assert "A stronger choice:" in text


def test_terminal_play_never_imports_pygame(tmp_path):
    code = ("import io, sys, os; os.environ['DOORSTEP_DATA_DIR'] = sys.argv[1]\n"
            "from types import SimpleNamespace\n"
            "from game.cli.playback import play_terminal\n"
            "from game.core.loader import load_path\n"
            "a = SimpleNamespace(mode=None, save=None, from_node=None, set=[], log=None)\n"
            "play_terminal(load_path('scenarios/demo-late-again.yaml'), a, stdin=io.StringIO('p\\n3\\nq\\ny\\n'), stdout=io.StringIO())\n"
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
