"""Cohort reports: HTML (self-contained, escaped), CSV (formula-safe), JSON, certificates."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess

import pytest

from game.exports.cohort import band, gather
from game.exports.html_report import cohort_html
from game.exports.tabular import cohort_csv, cohort_json, safe_cell
from tests.exports.conftest import HOSTILE
from tests.storage.conftest import demo_ref, play_and_record


def test_bands_cover_zero_to_a_hundred():
    assert [band(s) for s in (0, 9, 10, 69, 70, 99, 100)] == [0, 0, 1, 6, 7, 9, 9]


def test_cohort_figures(cohort_store):
    store, code = cohort_store
    cohort = gather(store, code)
    assert (cohort.finished, cohort.passed, cohort.learners) == (4, 2, 5)
    assert cohort.distribution["overall"] == (0, 0, 0, 1, 1, 0, 0, 1, 0, 1)  # 35, 40, 75, 90
    assert not any(cohort.distribution["recording"])  # not assessed: score None, left out
    [top] = cohort.mistakes
    assert (top.choice_text, top.taken, top.reached, top.cost) == ("Leave a card and go.", 2, 4, 3)
    assert top.points[1][0] == "COLL-1" and top.points[1][1]  # titles from the registry
    assert top.better == "Ask to see Mia." and top.prompt == "What now at at-door?"
    [routes] = cohort.routes
    assert routes.nodes["at-door"] == 4 and routes.edges[("at-door", "end-drift")] == 2


def test_html_is_self_contained_and_escapes_learner_text(cohort_store):
    store, code = cohort_store
    page = cohort_html(gather(store, code))
    assert "<script" not in page.lower() and HOSTILE not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Tuesday &lt;b&gt;cohort&lt;/b&gt;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page) and "<link" not in page
    assert page.count('<svg class="chart"') >= 4  # pass bar, histograms, route map
    assert "Leave a card and go." in page and "COLL-1" in page
    assert "No route map" in page  # the fixture's scenario file does not exist


def test_csv_neutralises_formulas(cohort_store):
    store, code = cohort_store
    rows = list(csv.DictReader(io.StringIO(cohort_csv(gather(store, code)))))
    names = {r["learner"] for r in rows}
    assert "'" + HOSTILE in names and HOSTILE not in names
    ann = next(r for r in rows if r["learner"] == "Ann Able")
    assert (ann["overall"], ann["passed"], ann["integrity"]) == ("90", "yes", "ok")
    assert next(r for r in rows if r["learner"] == "Dan Dunn")["overall"] == ""


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_prefixes_formula_starts(text):
    assert safe_cell(text) == "'" + text


def test_safe_cell_keeps_plain_values():
    assert [safe_cell(v) for v in ("Ann", -5, 3.5, True, None)] == ["Ann", -5, 3.5, "yes", ""]


def test_json_export_round_trips(cohort_store):
    store, code = cohort_store
    data = json.loads(cohort_json(gather(store, code)))
    assert data["pass_rate"] == 0.5 and data["session"]["code"] == code
    assert {a["learner"] for a in data["attempts"]} >= {HOSTILE, "Dan Dunn"}
    assert data["mistakes"][0]["points"][0]["id"] == "CHILD-1"


def test_tampered_result_is_flagged_in_every_format(cohort_store):
    store, code = cohort_store
    from sqlalchemy import update
    from game.storage.schema import results
    with store.engine.begin() as conn:
        conn.execute(update(results).where(results.c.overall == 40).values(overall=95))
    cohort = gather(store, code)
    assert len(cohort.problems) == 1
    assert "FAILED INTEGRITY CHECK" in cohort_html(cohort)
    assert "TAMPERED" in cohort_csv(cohort)


def test_route_map_on_the_real_scenario_graph(tmp_path, monkeypatch):
    from game.storage.store import Store
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    store = Store(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    scenario, ref = demo_ref()
    code = store.create_session("c", 70, [ref]).code
    for n, numbers in enumerate([[1], [2], [2, 1], [3, 2, 1]]):
        play_and_record(store, code, f"L{n}", scenario, numbers)
    page = cohort_html(gather(store, code))
    # Nodes are named by what happens there (the opening line), not by their ids.
    start_title = re.search(r"<title>Tuesday, twenty to eleven[^<:]*: (\d+) of (\d+)", page)
    assert start_title and start_title.groups() == ("4", "4")
    svg = page[page.index('<svg class="chart route-map"'):]
    assert not re.search(r">L\d+<", svg[:svg.index("</svg>")])
    assert page.count('class="edge"') >= len(scenario.nodes) - len(scenario.endings)
    assert "could not be loaded" not in page
    store.close()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")
def test_report_renders_in_headless_chromium(cohort_store, tmp_path):
    store, code = cohort_store
    report = tmp_path / "report.html"
    report.write_text(cohort_html(gather(store, code)), encoding="utf-8")
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run([*flags, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=90)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Uncaught" not in dom.stderr and "SyntaxError" not in dom.stderr
    assert dom.stdout.count("<svg") >= 4 and "Decisions to discuss" in dom.stdout
    assert "<script>alert" not in dom.stdout  # the hostile name stayed text in the live DOM
    shot = tmp_path / "report.png"
    subprocess.run([*flags, "--window-size=1200,2000", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=90, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
