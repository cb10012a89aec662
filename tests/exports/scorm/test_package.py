"""The SCORM 1.2 package: what the SCO's Python tells the LMS, and the zip an LMS imports.

These run on CPython with a stand-in runtime (no npm, no browser); test_lms.py runs the real
package in Chromium against scorm-again.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from game.cli.main import main
from game.core.errors import AuthoringError
from game.core.loader import load_path
from game.exports.scorm import package, sco
from game.web import protocol

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
DEMO = str(ROOT / "scenarios" / "demo-late-again.yaml")
CRITICAL = str(HERE / "critical.yaml")
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}


def routes(path: str, mode: str = "assessed") -> list[tuple[list[int], protocol.Position]]:
    """Every route through a scenario (as choice numbers) with where it ends."""
    scenario = load_path(path)
    out = []

    def walk(prefix):
        p = protocol.walk(scenario, prefix, mode=mode)
        if p.state.finished:
            out.append((prefix, p))
            return
        for n in range(1, len(p.rest.choices) + 1):
            walk(prefix + [n])
    walk([])
    return out


def play(s: sco.Sco, numbers: list[int]) -> list[dict]:
    answers = [json.loads(s.start(""))]
    for n in numbers:
        answers.append(json.loads(s.send(json.dumps({"type": "choose", "number": n, "at": "2026-12-02T10:00:00Z"}))))
    return answers


# -- what the LMS is told ----------------------------------------------------------------------

def test_an_assessed_pass_and_fail_report_the_cores_verdict():
    every = routes(DEMO)
    passing = next((r, p) for r, p in every if p.debrief.passed)
    failing = next((r, p) for r, p in every if not p.debrief.passed and len(r) >= 3)
    for numbers, position in (passing, failing):
        answers = play(sco.Sco.from_path(DEMO, "assessed", "Able, Ann"), numbers)
        assert [a["lms"]["cmi.core.lesson_status"] for a in answers[:-1]] == ["incomplete"] * len(numbers)
        last = answers[-1]["lms"]
        assert last["cmi.core.lesson_status"] == ("passed" if position.debrief.passed else "failed")
        assert (last["cmi.core.score.raw"], last["cmi.core.score.min"], last["cmi.core.score.max"]) == \
            (str(position.debrief.overall), "0", "100")
        assert last["cmi.core.exit"] == "" and answers[0]["lms"]["cmi.core.exit"] == "suspend"
        interactions = [i for a in answers for i in a["interactions"]]
        assert len(interactions) == len(numbers) == len(position.debrief.decisions)
        for it, n, review in zip(interactions, numbers, position.debrief.decisions):
            assert it["type"] == "choice" and it["student_response"] == "abc"[n - 1]
            assert re.fullmatch(r"[A-Za-z0-9_.\-]{1,255}", it["id"]) and review.decision_id in it["id"]
            assert it["result"] == sco.RESULTS[review.strength]
        same = protocol.walk(load_path(DEMO), numbers, mode="assessed", at="2026-12-02T10:00:00Z")
        assert answers[-1]["screen"] == json.loads(json.dumps(protocol.screen(same)))  # the server's screen


def test_a_critical_fault_fails_whatever_the_score():
    answers = play(sco.Sco.from_path(CRITICAL, "assessed"), [2])
    last = answers[-1]
    assert last["lms"]["cmi.core.lesson_status"] == "failed" and int(last["lms"]["cmi.core.score.raw"]) >= 70
    assert last["interactions"][0]["result"] == "wrong"
    assert "critical fault" in last["screen"]["debrief"]["reasons"][0]
    assert play(sco.Sco.from_path(CRITICAL, "assessed"), [1])[-1]["lms"]["cmi.core.lesson_status"] == "passed"


def test_practice_is_completed_and_can_go_back():
    s = sco.Sco.from_path(CRITICAL, "practice")
    first = json.loads(s.start(""))
    assert first["lms"]["cmi.core.lesson_status"] == "incomplete"
    after = json.loads(s.send(json.dumps({"type": "choose", "number": 3})))
    assert after["lms"]["cmi.core.lesson_status"] == "completed" and after["screen"]["feedback"]
    back = json.loads(s.send(json.dumps({"type": "rewind", "to": 0})))
    assert back["screen"]["phase"] == "decision" and back["lms"]["cmi.suspend_data"].endswith(":")
    assert back["lms"]["cmi.core.lesson_status"] == "incomplete"


def test_assessed_play_cannot_go_back_and_bad_commands_are_refused():
    s = sco.Sco.from_path(CRITICAL, "assessed")
    s.start("")
    assert "only possible in practice" in json.loads(s.send(json.dumps({"type": "rewind", "to": 0})))["error"]
    assert json.loads(s.send(json.dumps({"type": "choose", "number": 9})))["error"]
    assert json.loads(s.send("not json"))["error"]
    assert json.loads(s.send(json.dumps({"type": "choose", "number": 1})))["lms"]["cmi.core.lesson_status"] == "passed"


def test_resume_from_suspend_data_carries_on_where_the_learner_was():
    numbers = next(r for r, p in routes(DEMO) if len(r) >= 4)
    first = sco.Sco.from_path(DEMO, "assessed")
    answers = play(first, numbers[:2])
    saved = answers[-1]["lms"]["cmi.suspend_data"]
    assert len(saved) < 100 and saved.endswith(f":{numbers[0]}.{numbers[1]}")
    again = sco.Sco.from_path(DEMO, "assessed")
    resumed = json.loads(again.start(saved))
    assert resumed["screen"]["seq"] == 2 and resumed["screen"]["decision"] == answers[-1]["screen"]["decision"]
    rest = [json.loads(again.send(json.dumps({"type": "choose", "number": n}))) for n in numbers[2:]]
    assert rest[-1]["screen"]["phase"] == "finished"
    assert rest[-1]["lms"]["cmi.suspend_data"].endswith(".".join(map(str, numbers)))


@pytest.mark.parametrize("saved", ["", "junk", "d1:000000000000:1.2", "d1:{hash}:1;2", "d1:{hash}:9.9.9.9"])
def test_suspend_data_that_does_not_fit_starts_afresh(saved):
    scenario = load_path(DEMO)
    s = sco.Sco.from_path(DEMO, "assessed")
    answer = json.loads(s.start(saved.format(hash=scenario.source_hash[:12])))
    assert answer["screen"]["seq"] == 0 and s.numbers == []


def test_the_longest_route_fits_suspend_data_many_times_over():
    longest = max((r for r, _ in routes(DEMO)), key=len)
    assert len(sco.suspend_data(load_path(DEMO), longest)) < sco.SUSPEND_LIMIT // 20


@pytest.mark.parametrize("given, shown", [("Able, Ann", "Ann Able"), ("Ann Able", "Ann Able"),
                                          ("  Smith ,  Jo  ", "Jo Smith"), ("", ""), ("Prince,", "Prince,")])
def test_the_lms_name_is_shown_first_name_first(given, shown):
    assert sco.display_name(given) == shown


def test_the_learner_name_from_the_lms_reaches_the_briefing():
    assert json.loads(sco.Sco.from_path(DEMO, "assessed", "Able, Ann").start(""))["learner"] == "Ann Able"


# -- the zip ----------------------------------------------------------------------------------

@pytest.fixture
def runtime(tmp_path) -> package.Runtime:
    """A stand-in runtime: placeholder Pyodide files, and small libraries shaped like the real
    wheels and PyYAML's source archive (the slow tests use the real ones)."""
    pyodide = tmp_path / "node_modules" / "pyodide"
    pyodide.mkdir(parents=True)
    for name in package.PYODIDE_FILES:
        (pyodide / name).write_bytes(b"placeholder " + name.encode())
    (pyodide / "package.json").write_text('{"version": "0.0-test"}')
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for lib in ("networkx", "fastjsonschema"):
        with zipfile.ZipFile(wheels / f"{lib}-1.0-py3-none-any.whl", "w") as w:
            w.writestr(f"{lib}/__init__.py", "x = 1\n")
            w.writestr(f"{lib}/tests/test_x.py", "")
    import tarfile
    with tarfile.open(wheels / "pyyaml-6.0.tar.gz", "w:gz") as t:
        data = b"# pure yaml\n"
        info = tarfile.TarInfo("pyyaml-6.0/lib/yaml/__init__.py")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    return package.Runtime(pyodide=pyodide, wheels=wheels)


def _manifest(z: zipfile.ZipFile) -> ElementTree.Element:
    return ElementTree.fromstring(z.read("imsmanifest.xml"))


def test_the_manifest_parses_and_names_files_that_exist(runtime, tmp_path):
    built = package.build([DEMO, CRITICAL], tmp_path / "p.zip", "assessed", runtime=runtime, precompile=False)
    with zipfile.ZipFile(built.path) as z:
        names = set(z.namelist())
        assert z.namelist()[0] == "imsmanifest.xml"
        root = _manifest(z)
    assert root.find("cp:metadata/cp:schemaversion", NS).text == "1.2"
    items = root.findall("cp:organizations/cp:organization/cp:item", NS)
    assert [i.find("cp:title", NS).text for i in items] == ["Late Again", "A Promise at the Door"]
    resources = {r.get("identifier"): r for r in root.findall("cp:resources/cp:resource", NS)}
    named = set()
    for item in items:
        r = resources[item.get("identifierref")]
        assert r.get(f"{{{NS['adlcp']}}}scormtype") == "sco" and r.get("href") in names
        assert [d.get("identifierref") for d in r.findall("cp:dependency", NS)] == ["player"]
    for r in resources.values():
        named |= {f.get("href") for f in r.findall("cp:file", NS)}
    assert named <= names  # every file named is in the zip...
    assert names - named == {"imsmanifest.xml", "NOTICE.txt"}  # ...and every file in it is named
    assert b"masteryscore" not in zipfile.ZipFile(built.path).read("imsmanifest.xml")  # the LMS must not re-judge


def test_each_sco_page_is_the_player_with_its_opening_made_by_the_core(runtime, tmp_path):
    built = package.build([CRITICAL], tmp_path / "p.zip", "practice", runtime=runtime, precompile=False)
    with zipfile.ZipFile(built.path) as z:
        page = z.read("player/critical.html").decode()
        core = zipfile.ZipFile(io.BytesIO(z.read("player/core.zip")))
    launch = json.loads(re.search(r'<script type="application/json" id="doorstep-launch">(.*?)</script>', page, re.S)[1])
    assert launch["mode"] == "practice" and launch["scenario"] == "critical"
    assert launch["opening"] == json.loads(sco.Sco.from_path(CRITICAL, "practice").start(""))
    assert launch["opening"]["briefing"]["content_note"].startswith("A parent asking")
    assert 'src="scorm-main.js"' in page and 'src="main.js"' not in page
    inside = set(core.namelist())
    assert {"game/core/play.py", "game/web/protocol.py", "game/exports/scorm/sco.py", "networkx/__init__.py",
            "yaml/__init__.py", "jsonschema/__init__.py", "scenarios/index.json"} <= inside
    assert not any("/tests/" in n or n.startswith(("game/ui", "game/server", "game/storage")) for n in inside)
    assert json.loads(core.read("scenarios/index.json")) == {"critical": "scenarios/critical/critical.yaml"}


def test_included_fragments_travel_with_their_scenario(runtime, tmp_path):
    built = package.build([DEMO], tmp_path / "p.zip", runtime=runtime, precompile=False)
    with zipfile.ZipFile(built.path) as z:
        inside = zipfile.ZipFile(io.BytesIO(z.read("player/core.zip"))).namelist()
    assert "scenarios/demo-late-again/fragments/supervision.yaml" in inside
    assert "scenarios/demo-late-again/demo-late-again.yaml" in inside


def test_markup_in_scenario_text_cannot_break_out_of_the_page(runtime, tmp_path):
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(Path(CRITICAL).read_text().replace("id: critical", "id: hostile").replace(
        "title: A Promise at the Door", 'title: "</script><script>alert(1)</script>"'))
    built = package.build([str(hostile)], tmp_path / "p.zip", runtime=runtime, precompile=False)
    page = zipfile.ZipFile(built.path).read("player/hostile.html").decode()
    assert "<script>alert(1)" not in page and "&lt;/script&gt;" in page


def test_a_broken_scenario_writes_no_package(runtime, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(Path(CRITICAL).read_text().replace("goto: end-unseen", "goto: nowhere"))
    with pytest.raises(AuthoringError):
        package.build([str(broken)], tmp_path / "p.zip", runtime=runtime, precompile=False)
    assert not (tmp_path / "p.zip").exists()


def test_the_command_without_the_runtime_says_how_to_get_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DOORSTEP_SCORM_RUNTIME", str(tmp_path / "none"))
    assert main(["export", "scorm", "demo-late-again", "-o", str(tmp_path / "p.zip")]) == 1
    err = capsys.readouterr().err
    assert "scripts/scorm_runtime.sh" in err and "Traceback" not in err


def test_the_command_writes_the_package(runtime, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DOORSTEP_SCORM_RUNTIME", str(runtime.pyodide.parents[1]))
    out = tmp_path / "p.zip"
    assert main(["export", "scorm", "demo-late-again", CRITICAL, "-o", str(out), "--mode", "practice",
                 "--no-precompile"]) == 0
    assert "2 scenario(s)" in capsys.readouterr().out
    assert "(practice)" in zipfile.ZipFile(out).read("imsmanifest.xml").decode()


def test_stepping_away_ends_the_attempt_unjudged_as_on_the_server():
    s = sco.Sco.from_path(DEMO, "assessed")
    s.start("")
    first = json.loads(s.send(json.dumps({"type": "choose", "number": 1})))
    away = json.loads(s.send(json.dumps({"type": "step_away"})))
    assert away["screen"]["phase"] == "withdrawn"
    assert away["lms"]["cmi.core.lesson_status"] == "incomplete" and away["lms"]["cmi.core.exit"] == ""
    assert away["lms"]["cmi.suspend_data"] == first["lms"]["cmi.suspend_data"] + "!"
    assert "cmi.core.score.raw" not in away["lms"]  # no verdict, no score: a withdrawal is never a fail
    assert "stepped away" in json.loads(s.send(json.dumps({"type": "choose", "number": 1})))["error"]
    relaunched = sco.Sco.from_path(DEMO, "assessed")
    again = json.loads(relaunched.start(away["lms"]["cmi.suspend_data"]))
    assert again["screen"]["phase"] == "withdrawn" and again["lms"]["cmi.core.lesson_status"] == "incomplete"
    assert json.loads(relaunched.send(json.dumps({"type": "choose", "number": 1})))["error"]
