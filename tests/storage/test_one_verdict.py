"""One verdict everywhere: for seeded random complete routes through every shipped scenario,
what the learner is told, what the store keeps, the cohort report (CSV and JSON), the xAPI verb
and whether a certificate is issued all agree with the core's Debrief.passed.

The routes are chosen so the cases that once went wrong are always present: a failing ending
(drift, a child unseen) that scores at or above the pass mark, and a session whose pass mark
differs from the scenario's.
"""
from __future__ import annotations

import csv
import io
import json
import os
import random
import re

import pytest

from game.cli.agency import play_assessed_terminal
from game.cli.main import main
from game.core.analysis import TOTAL, analyse
from game.core.loader import load_path
from game.core.model import FAILING_ENDINGS
from game.core.play import Choose, Mode, Phase, Play
from game.exports import xapi
from game.exports.cohort import gather
from game.exports.tabular import cohort_csv, cohort_json
from game.storage.store import ScenarioRef, Store
from tests.helpers import SCENARIOS

SHIPPED = sorted(f[:-5] for f in os.listdir(SCENARIOS) if f.endswith(".yaml"))
ROUTES_TRIED = 60


def random_route(scenario, rng: random.Random, pass_mark: int,
                 skill: float) -> tuple[list[int], object]:
    """A complete route, as choice numbers, with the core's debrief of it: at each decision
    the learner takes the least costly choice with probability `skill`, else any at random."""
    costs = analyse(scenario).choice_costs
    play = Play.begin(scenario, mode=Mode.ASSESSED, pass_mark=pass_mark)
    numbers = []
    while play.to_next_decision() and play.phase is Phase.DECISION:
        offered = play.view.choices
        if rng.random() < skill:
            pick = min(range(len(offered)), key=lambda n: costs[offered[n].key].cost[TOTAL])
        else:
            pick = rng.randrange(len(offered))
        numbers.append(pick + 1)
        play.send(Choose(number=numbers[-1]))
    return numbers, play.debrief()


def pick_routes(scenario, seed: int, pass_mark: int) -> list[tuple[list[int], object]]:
    """A pass, failing endings that score at least the pass mark, a fail on points, and a few
    others, from seeded random routes (each kind only if the scenario has one)."""
    rng = random.Random(seed)
    tried = [random_route(scenario, rng, pass_mark, skill=(1.0, 0.9, 0.75, 0.0)[i % 4])
             for i in range(ROUTES_TRIED)]
    kinds = [
        [r for r in tried if r[1].passed],
        [r for r in tried if r[1].ending.ending in FAILING_ENDINGS and r[1].overall >= pass_mark],
        [r for r in tried if r[1].ending.ending not in FAILING_ENDINGS and not r[1].passed],
        tried,
    ]
    picked, seen = [], set()
    for group in kinds:
        for numbers, debrief in group[:2]:
            if tuple(numbers) not in seen:
                seen.add(tuple(numbers))
                picked.append((numbers, debrief))
    return picked


@pytest.fixture
def store_url(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DOORSTEP_SECRET", raising=False)
    monkeypatch.delenv("DOORSTEP_DB", raising=False)
    return f"sqlite:///{tmp_path / 'results.sqlite3'}"


def test_every_shell_agrees_with_the_core(store_url, tmp_path, capsys):
    dangerous = 0  # failing endings at or above the pass mark: the routes once certified
    for index, name in enumerate(SHIPPED):
        path = os.path.join(SCENARIOS, f"{name}.yaml")
        scenario = load_path(path)
        # every other scenario is assessed on a session pass mark that is not the scenario's
        mark = scenario.pass_mark if index % 2 == 0 else min(95, scenario.pass_mark + 10)
        store = Store(store_url)
        code = store.create_session(f"Cohort {name}", mark, [ScenarioRef(
            scenario.id, scenario.title, path, scenario.source_hash)]).code
        store.close()
        routes = pick_routes(scenario, seed=index, pass_mark=mark)
        assert any(d.passed for _, d in routes) and any(not d.passed for _, d in routes), name
        expected = {}
        for i, (numbers, core) in enumerate(routes):
            learner = f"Learner {i} of {name}"
            out = io.StringIO()
            status = play_assessed_terminal(code, learner, store_url, scenarios_dir=SCENARIOS,
                                            stdin=io.StringIO("".join(f"{n}\n" for n in numbers)),
                                            stdout=out)
            told = out.getvalue()
            assert status == 0, told
            # what the learner is told, in the debrief and in the result line
            assert f"Overall: {core.overall}/100 (pass mark {mark}) - " \
                   f"{'PASSED' if core.passed else 'NOT PASSED'}" in told
            assert re.search(rf"Result recorded for {learner}: {core.overall}/100, "
                             rf"{'passed' if core.passed else 'not passed'} ", told), told
            expected[learner] = core
            dangerous += core.ending.ending in FAILING_ENDINGS and core.overall >= mark

        store = Store(store_url)
        rows = {r.learner: r for r in store.session_results(code)}
        cohort = gather(store, code)
        csv_rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(cohort_csv(cohort)))}
        statements = xapi.session_statements(store, code, "https://doorstep.invalid")
        assert json.loads(cohort_json(cohort))["passed"] == sum(d.passed for d in expected.values())
        for learner, core in expected.items():
            row = rows[learner]
            assert (row.passed, row.overall, row.ending_kind) == \
                (core.passed, core.overall, core.ending.ending), learner
            assert store.debrief(row.attempt_id)["passed"] is core.passed
            assert csv_rows[learner]["passed"] == ("yes" if core.passed else "no")
            [verb] = [s["verb"]["display"]["en-GB"] for s in statements
                      if s["actor"]["name"] == learner and s["verb"]["display"]["en-GB"]
                      in ("passed", "failed")]
            assert verb == ("passed" if core.passed else "failed"), learner
            cert = tmp_path / f"{row.attempt_id}.html"
            issued = main(["report", "--certificate", row.attempt_id, "--html", str(cert),
                           "--db", store_url]) == 0
            capsys.readouterr()
            assert issued is core.passed and cert.exists() is core.passed, learner
        store.close()
    assert dangerous, "no route reached a failing ending at or above the pass mark"
