"""The command line as trainers and tests use it: exit codes, output, no tracebacks."""
import io
import os
import re
import json
import subprocess
import sys

import pytest

from game.cli.main import main
from game.cli.terminal import play_interactive
from game.core.play import Phase
from game.core.loader import load_path
from tests.helpers import ROOT, scenario_path

DEMO = scenario_path("demo-late-again")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_play_choices_json_is_the_debrief(capsys):
    code, out, _ = run(capsys, "play", DEMO, "--choices", "3,2,1,2,4,3,2", "--json")
    d = json.loads(out)
    assert code == 0 and d["overall"] == 100 and d["passed"] is True
    assert d["ending"]["kind"] == "child_seen_safe" and d["choices"][0] == "knock#3"
    assert d["decisions"][0]["points"][0]["id"].startswith(("CHILD", "ENGAGE", "SPOT", "ESC"))


def test_play_choices_that_run_out_or_overflow(capsys):
    code, out, _ = run(capsys, "play", DEMO, "--choices", "3", "--json")
    assert code == 1 and json.loads(out)["finished"] is False
    code, _, err = run(capsys, "play", DEMO, "--choices", "9")
    assert code == 1 and "choice 9 is not offered" in err


def test_validate_exit_codes_and_messages(capsys, tmp_path):
    code, out, _ = run(capsys, "validate", DEMO)
    assert code == 0 and "1 file checked: 0 errors, 0 warnings" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("doorstep: 1\nid: bad\ntitle: x\nsummary: y\npatterns: [avoidence]\nnodes: []\n")
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 2
    assert f"{bad}:5:12: error: 'avoidence' is not a known value for 'patterns'" in out
    assert "hint: did you mean 'avoidance'?" in out


def test_validate_a_folder_with_fragments(capsys):
    code, out, _ = run(capsys, "validate", "--no-rules", f"{ROOT}/scenarios")
    assert code == 0 and "0 errors" in out


def test_analyse_report(capsys):
    code, out, _ = run(capsys, "analyse", DEMO)
    assert code == 0
    assert "Late Again (demo-late-again)" in out and "(play it: --choices " in out
    assert re.search(r"Overall\s+-14 \.\. 27", out)


@pytest.mark.parametrize("fmt,marker", [("dot", "digraph"), ("graphml", "<graphml"),
                                        ("json", '"edges"'), ("svg", "<svg")])
def test_graph_formats(capsys, fmt, marker):
    code, out, _ = run(capsys, "graph", DEMO, "--format", fmt)
    assert code == 0 and marker in out and "end-good" in out


def test_new_writes_a_scenario_that_validates(capsys, tmp_path):
    code, out, _ = run(capsys, "new", "Late Again Two", "--dir", str(tmp_path))
    assert code == 0
    path = tmp_path / "late-again-two.yaml"
    assert path.exists()
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and "0 errors, 0 warnings" in out
    code, _, err = run(capsys, "new", "late-again-two", "--dir", str(tmp_path))
    assert code == 1 and "already exists" in err


def test_coverage_lists_points(capsys):
    code, out, _ = run(capsys, "coverage")
    assert code == 0 and "practice points exercised" in out and "CHILD-1" in out


def test_monkey_runs_are_reproducible(capsys):
    code, first, _ = run(capsys, "test", DEMO, "--random", "50", "--seed", "7")
    code2, second, _ = run(capsys, "test", DEMO, "--random", "50", "--seed", "7")
    assert code == code2 == 0 and first == second and "50 of 50 random playthroughs" in first


def test_monkey_reports_the_route_to_a_runtime_problem(capsys, tmp_path, base_text):
    text = base_text.replace("text: What now? {jo} is asleep.", "text: Hello {name}.")
    path = tmp_path / "base.yaml"
    path.write_text(text)
    code, out, _ = run(capsys, "test", str(path), "--random", "5")
    assert code == 2 and "while playing: the text shows {name}" in out
    assert "reproduce with: main.py play" in out


def test_log_and_replay(capsys, tmp_path):
    log = tmp_path / "run.json"
    run(capsys, "play", DEMO, "--choices", "3,2,1,2,4,3,2", "--log", str(log))
    code, out, _ = run(capsys, "play", DEMO, "--replay", str(log), "--json")
    assert code == 0 and json.loads(out)["overall"] == 100


def test_start_from_a_node_with_variables(capsys):
    code, out, _ = run(capsys, "play", DEMO, "--from", "supervision-decision", "--set",
                       "visits_defaulted=4", "--choices", "1", "--json")
    assert code == 0 and json.loads(out)["finished"] is True


def test_terminal_play_reads_numbers_and_steps_away():
    scenario = load_path(DEMO)
    out = io.StringIO()
    saved = []
    play = play_interactive(scenario, "practice", stdin=io.StringIO("x\n3\nn\nb\n3\nq\n"),
                            stdout=out, on_state=saved.append)
    state = play.state
    assert play.phase is Phase.WITHDRAWN
    text = out.getvalue()
    assert "Please type a number" in text and "Feedback:" in text
    assert "Back to your last decision." in text and "You stepped away." in text
    assert len(state.history) == 1 and len(saved) == 2


def test_no_traceback_for_bad_input_through_main_py(tmp_path):
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"\xff\xfe\x00junk")
    for args in (["validate", str(junk)], ["play", str(junk)], ["analyse", str(junk)],
                 ["play", str(tmp_path / "missing.yaml")]):
        proc = subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=60)
        assert "Traceback" not in proc.stderr + proc.stdout
        assert proc.returncode == 2


def test_help_everywhere():
    for args in ([], ["play"], ["validate"], ["analyse"], ["graph"], ["new"], ["coverage"],
                 ["test"]):
        proc = subprocess.run([sys.executable, "main.py", *args, "--help"], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0 and "usage: main.py" in proc.stdout


def test_validate_strict_fails_on_warnings(capsys, tmp_path, base_text):
    path = tmp_path / "base.yaml"
    path.write_text(base_text.replace("      - text: Ask to see Jo.",
                                      "      - text: Leave a card."))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and "warning: choice 2 has the same text as choice 1" in out
    code, out, _ = run(capsys, "validate", "--strict", str(path))
    assert code == 2 and "0 errors, 1 warning" in out


def test_new_writes_a_schema_path_that_survives_moving_the_folder(capsys, tmp_path):
    first = tmp_path / "mine"
    run(capsys, "new", "late-again-two", "--dir", str(first))
    moved = tmp_path / "elsewhere" / "moved"
    moved.parent.mkdir()
    first.rename(moved)
    head = (moved / "late-again-two.yaml").read_text(encoding="utf-8").splitlines()[0]
    uri = head.split("$schema=", 1)[1]
    assert uri.startswith("file://")
    from urllib.parse import unquote, urlparse
    assert os.path.exists(unquote(urlparse(uri).path).lstrip("/") if os.name == "nt"
                          else unquote(urlparse(uri).path))


def test_points_lists_every_practice_point_with_its_meaning(capsys):
    from game.core.practice_points import REGISTRY
    code, out, _ = run(capsys, "points")
    assert code == 0
    assert all(f"  {pid}" in out for pid in REGISTRY)
    assert "CHILD: Keep the child in focus" in out
    code, out, _ = run(capsys, "points", "esc", "--json")
    data = json.loads(out)
    assert code == 0 and {p["group"] for p in data["points"]} == {"ESC"}
    code, out, _ = run(capsys, "points", "NOPE")
    assert code == 1 and "the groups are SPOT, CHILD" in out


def test_validate_keeps_results_between_runs_and_sees_every_change(capsys, tmp_path,
                                                                    monkeypatch, base_text):
    monkeypatch.setenv("DOORSTEP_CACHE_DIR", str(tmp_path / "cache"))
    from game.core import loader
    calls = []
    real = loader.check_bytes_with_includes
    monkeypatch.setattr(loader, "check_bytes_with_includes",
                        lambda *a: calls.append(a[1]) or real(*a))
    (tmp_path / "bits.yaml").write_text("fragment: bits\nnodes:\n  - A line.\n")
    path = tmp_path / "base.yaml"
    path.write_text(base_text.replace("  - The door opens a crack.\n", "  - include: bits.yaml\n"))
    assert run(capsys, "validate", str(path))[0] == 0
    assert run(capsys, "validate", str(path))[0] == 0
    assert len(calls) == 1  # the second run reused the first run's result
    (tmp_path / "bits.yaml").write_text("fragment: bits\nnodes:\n  - speaker: nobody\n"
                                        "    text: A line.\n")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 2 and "unknown character 'nobody'" in out and len(calls) == 2
    # a damaged cache file is ignored and replaced, never an error
    (tmp_path / "cache" / "checks.json").write_text("{not json")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 2 and len(calls) == 3
    assert json.loads((tmp_path / "cache" / "checks.json").read_text())["format"]


def test_graph_svg_is_a_story_map(capsys):
    code, out, _ = run(capsys, "graph", DEMO, "--format", "svg")
    assert code == 0
    import xml.dom.minidom
    xml.dom.minidom.parseString(out)  # well-formed
    assert "Tia Mensah</text>" in out              # a beat labelled by its speaker
    assert "Tuesday, twenty to eleven, and\u2026" in out  # ... and its first words
    assert "Narration</text>" in out
    assert 'marker-end="url(#arrow)"' in out       # arrows
    assert ">1. Ring the police for a\u2026" in out  # choices label their arrows
    assert "Ending: child seen safe</text>" in out  # endings by kind
    assert 'fill="#f4c7c3"' in out and 'fill="#b6d7a8"' in out  # coloured: pass or not


def test_play_json_debrief_fills_in_prompts_and_shows_final_variables(capsys, tmp_path,
                                                                      base_text):
    path = tmp_path / "base.yaml"
    path.write_text(base_text.replace("prompt: What do you do?",
                                      "prompt: Trust is {trust}. What do you do with {jo}?")
                    .replace("      - text: Ask to see Jo.", "      - text: Ask to see {jo}."))
    code, out, _ = run(capsys, "play", str(path), "--choices", "2", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["decisions"][0]["prompt"] == "Trust is 2. What do you do with Jo?"
    assert data["decisions"][0]["choice_text"] == "Ask to see Jo."
    assert data["variables"] == {"child_seen": True, "day": 1, "working_days": 0,
                                 "visits_defaulted": 0, "trust": 1, "name": None}
