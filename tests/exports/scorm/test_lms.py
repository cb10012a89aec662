"""The SCORM package as an LMS runs it (slow): unzipped and served on 127.0.0.1, launched in a
frame of a page whose window.API is scorm-again's SCORM 1.2 run-time, in headless Chromium,
played by keyboard only. Also: the package's core under Node, with no browser at all.

Needs the runtime (sh scripts/scorm_runtime.sh: Pyodide, the wheels, scorm-again), Node.js,
/usr/bin/chromium and Playwright for Python; .ci/run installs them.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from game.core.loader import load_path
from game.exports.scorm import package, sco
from game.web import protocol
from tests.exports.scorm import harness
from tests.exports.scorm.test_package import CRITICAL, DEMO, routes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runtime() -> package.Runtime:
    try:
        found = package.Runtime.find()
    except package.RuntimeMissing as err:
        harness.missing("the SCORM runtime", f"{err}; {err.hint}")
    if shutil.which("node") is None:
        harness.missing("Node.js", "apt-get install nodejs npm")
    return found


@pytest.fixture(scope="module")
def built(runtime, tmp_path_factory) -> dict[str, Path]:
    """The real packages: assessed (two scenarios, so two SCOs) and practice."""
    out = tmp_path_factory.mktemp("scorm")
    return {"assessed": package.build([DEMO, CRITICAL], out / "assessed.zip", "assessed", runtime=runtime).path,
            "practice": package.build([CRITICAL], out / "practice.zip", "practice", runtime=runtime).path}


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright import sync_api as playwright
    except ImportError:
        harness.missing("Playwright for Python", "pip install -r requirements-dev.txt")
    if not Path(harness.CHROMIUM).exists():
        harness.missing(harness.CHROMIUM, "apt-get install chromium")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=harness.CHROMIUM, args=harness.FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lms(built, runtime, tmp_path_factory):
    """{mode: base URL} of each package laid out as an LMS serves it, beside the test LMS page."""
    urls, servers = {}, []
    for mode, path in built.items():
        root = tmp_path_factory.mktemp(f"lms-{mode}")
        harness.lay_out(path, runtime.pyodide.parent / "scorm-again", root)
        server = harness.serve(root)
        urls[mode] = server.__enter__()
        servers.append(server)
    yield urls
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


def _interactions(kept: dict) -> list[dict]:
    return [kept["interactions"][k] for k in sorted(kept["interactions"], key=int)]


def test_the_core_runs_in_pyodide_under_node(built, tmp_path):
    with zipfile.ZipFile(built["assessed"]) as z:
        z.extractall(tmp_path)
    numbers, _ = next((r, p) for r, p in routes(DEMO) if p.debrief.passed)
    done = subprocess.run(["node", str(harness.HERE / "node_play.mjs"), str(tmp_path), "demo-late-again", "assessed",
                           ",".join(map(str, numbers))], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    answers = json.loads(done.stdout)
    assert answers[-1]["python"].startswith("3.")  # Pyodide's CPython, compiled to WebAssembly
    desktop = sco.Sco.from_path(DEMO, "assessed", "Able, Ann")
    expected = [json.loads(desktop.start(""))] + [
        json.loads(desktop.send(json.dumps({"type": "choose", "number": n, "at": "2026-12-02T10:00:00Z"})))
        for n in numbers]
    assert answers[:-1] == expected  # the same engine: the same screens and LMS values, to the byte


def test_a_keyboard_playthrough_that_passes(context, lms):
    numbers, position = next((r, p) for r, p in routes(DEMO) if p.debrief.passed)
    learner = harness.Learner(context, lms["assessed"], "demo-late-again", name="Able, Ann")
    learner.begin()
    assert "Ann Able" in learner._frame().inner_text("#briefing-mode")  # cmi.core.student_name
    learner.play(numbers)
    assert learner.screen() == "debrief" and "Passed" in learner._frame().inner_text("#verdict")
    kept, calls = learner.kept(), learner.calls()
    assert kept["core"]["lesson_status"] == "passed"
    assert kept["core"]["score"] == {"raw": str(position.debrief.overall), "min": "0", "max": "100"}
    assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", kept["core"]["session_time"])
    assert kept["core"]["exit"] == "" and calls[0] == "LMSInitialize" and calls[-1] == "LMSFinish"
    interactions = _interactions(kept)
    assert len(interactions) == len(numbers) == len(position.debrief.decisions)
    for it, n, review in zip(interactions, numbers, position.debrief.decisions):
        assert (it["type"], it["student_response"], it["result"]) == ("choice", "abc"[n - 1], sco.RESULTS[review.strength])
        assert it["id"].startswith(f"d{review.number}-") and re.fullmatch(r"\d\d:\d\d:\d\d", it["time"])
    assert kept["suspend_data"].endswith(".".join(map(str, numbers))) and len(kept["suspend_data"]) < 200
    assert learner.outside == []  # nothing was fetched from anywhere but the LMS's own server
    assert learner._frame().evaluate("() => window.doorstep.lms.errors") == []  # scorm-again took every value


def test_a_keyboard_playthrough_that_fails(context, lms):
    numbers, position = next((r, p) for r, p in routes(DEMO) if not p.debrief.passed and len(r) >= 3)
    learner = harness.Learner(context, lms["assessed"], "demo-late-again")
    learner.begin()
    learner.play(numbers)
    kept = learner.kept()
    assert kept["core"]["lesson_status"] == "failed" and kept["core"]["score"]["raw"] == str(position.debrief.overall)
    assert len(_interactions(kept)) == len(numbers) and learner.calls()[-1] == "LMSFinish"
    assert learner._frame().evaluate("() => window.doorstep.lms.errors") == []


def test_a_critical_fault_fails_in_the_lms_whatever_the_score(context, lms):
    learner = harness.Learner(context, lms["assessed"], "critical")
    learner.begin()
    learner.play([2])
    kept = learner.kept()
    assert kept["core"]["lesson_status"] == "failed" and int(kept["core"]["score"]["raw"]) >= 70
    assert _interactions(kept)[0]["result"] == "wrong"
    assert "critical fault" in learner._frame().inner_text("#verdict-reasons")


def test_closing_mid_scenario_and_relaunching_resumes_from_suspend_data(context, lms):
    numbers, position = next((r, p) for r, p in routes(DEMO) if len(r) >= 4)
    first = harness.Learner(context, lms["assessed"], "demo-late-again")
    first.begin()
    first.play(numbers, stop_after=2)
    assert first.calls().count("LMSCommit") >= 3  # each choice is committed as it is made
    kept = first.leave()  # the learner closes the activity: pagehide -> exit suspend, LMSFinish
    assert first.calls()[-1] == "LMSFinish"
    assert kept["core"]["exit"] == "suspend" and kept["core"]["lesson_status"] == "incomplete"
    assert kept["suspend_data"].endswith(f":{numbers[0]}.{numbers[1]}")
    first.close()

    again = harness.Learner(context, lms["assessed"], "demo-late-again", kept=kept)
    again.wait_briefing()
    assert again._frame().inner_text("#begin") == "Carry on where you stopped"
    again.begin()
    again.play(numbers[2:])
    final = again.kept()
    assert final["core"]["lesson_status"] == ("passed" if position.debrief.passed else "failed")
    assert final["core"]["score"]["raw"] == str(position.debrief.overall)
    assert final["suspend_data"].endswith(".".join(map(str, numbers)))
    assert len(_interactions(final)) == len(numbers)  # numbered on from the first launch's two


def test_a_practice_package_gives_feedback_and_reports_completed(context, lms):
    learner = harness.Learner(context, lms["practice"], "critical")
    learner.begin()
    learner.play([3], debrief=False)
    assert learner.screen() == "ending"
    kept = learner.kept()
    assert kept["core"]["lesson_status"] == "completed" and kept["core"]["score"]["raw"] == "0"
    assert "LMSFinish" not in learner.calls()  # practice may still go back: it finishes with the page


def test_when_the_engine_cannot_load_the_learner_is_told_and_nothing_is_judged(context, built, runtime, tmp_path):
    harness.lay_out(built["assessed"], runtime.pyodide.parent / "scorm-again", tmp_path)
    (tmp_path / "pkg" / "player" / "core.zip").unlink()  # a broken upload
    with harness.serve(tmp_path) as base:
        learner = harness.Learner(context, base, "critical")
        learner.begin()
        learner.page.wait_for_timeout(200)
        learner.play([1], stop_after=0)
        learner.key("1")  # the choice waits for the engine, which fails
        learner.page.wait_for_function(
            "() => !document.getElementById('sco').contentDocument.getElementById('problem').hidden", timeout=60_000)
        text = learner._frame().inner_text("#problem")
        assert "could not be loaded" in text and "open the activity again" in text
        assert learner.kept()["core"]["lesson_status"] == "incomplete"


def test_practice_goes_back_by_keyboard_and_the_lms_gets_the_route_finally_taken(context, lms):
    learner = harness.Learner(context, lms["practice"], "critical")
    learner.begin()
    learner.play([3], stop_after=0)
    before = learner.answers()
    learner.key("3")
    learner.wait_for(lambda: learner.answers() > before)
    learner.wait_for(lambda: learner.screen() == "feedback")
    assert "Jo stays unseen" in learner._frame().inner_text("#feedback")  # the core's feedback, at once
    before = learner.answers()
    learner.tab_to("#feedback-rewind")
    learner.key("Enter")  # go back and choose again
    learner.wait_for(lambda: learner.answers() > before and learner.screen() == "decision")
    learner.play([1], debrief=False)
    kept = learner.kept()
    assert kept["core"]["lesson_status"] == "completed" and kept["core"]["score"]["raw"] == "100"
    assert kept["suspend_data"].endswith(":1")
    assert [i["student_response"] for i in _interactions(kept)] == ["c", "a"]  # both decisions, as taken


def test_stepping_away_by_keyboard_ends_the_attempt_as_a_withdrawal(context, lms):
    numbers, _ = next((r, p) for r, p in routes(DEMO) if len(r) >= 3)
    learner = harness.Learner(context, lms["assessed"], "demo-late-again")
    learner.begin()
    learner.play(numbers, stop_after=1)
    learner.tab_to("#step-away")
    learner.key("Enter")
    learner.tab_to("#away-yes")  # the dialog's safe default is "No, go back"
    before = learner.answers()
    learner.key("Enter")
    learner.wait_for(lambda: learner.answers() > before and learner.screen() == "away")
    kept = learner.kept()
    assert kept["core"]["lesson_status"] == "incomplete" and kept["core"]["exit"] == ""
    assert kept["suspend_data"].endswith(f":{numbers[0]}!") and "raw" not in {k for k, v in kept["core"]["score"].items() if v}
    assert learner.calls()[-1] == "LMSFinish"
