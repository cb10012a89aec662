"""game/web/protocol.py: the screens a player shows, made from choice numbers alone (pure)."""
from __future__ import annotations

import ast
import json
import re

import pytest

from game.core.engine import PlayError
from game.core.loader import load_path
from game.core.play import play_route
from game.web import protocol
from tests.server.conftest import DEMO, ROOT, best_numbers

SCENARIO = load_path(str(DEMO))
BEST = best_numbers(SCENARIO)


def test_the_first_screen_has_the_opening_lines_and_the_first_decision():
    s = protocol.screen(protocol.walk(SCENARIO, []))
    assert s["protocol"] == 1 and s["phase"] == "decision" and s["seq"] == 0
    assert s["beats"] and all(b["text"] for b in s["beats"])
    assert [c["number"] for c in s["decision"]["choices"]] == list(range(1, len(s["decision"]["choices"]) + 1))
    assert s["feedback"] is None and s["debrief"] is None and s["can_rewind"] is False
    json.dumps(s)  # plain JSON all the way down


def test_practice_shows_the_card_for_the_choice_just_made_and_assessed_never_does():
    weak = next(n for n in (1, 2, 3) if n != BEST[0])
    practice = protocol.screen(protocol.walk(SCENARIO, [weak]))
    card = practice["feedback"]
    assert card["strength"] in ("reasonable", "weak") and card["better"] and card["feedback"]
    assert card["choice"] == protocol.screen(protocol.walk(SCENARIO, []))["decision"]["choices"][weak - 1]["text"]
    assert practice["can_rewind"] and practice["history"][0]["number"] == weak
    assessed = protocol.screen(protocol.walk(SCENARIO, [weak], mode="assessed"))
    assert assessed["feedback"] is None and assessed["can_rewind"] is False


def test_the_debrief_is_the_cores_with_chart_epilogue_and_labelled_route():
    pos = protocol.walk(SCENARIO, BEST, mode="assessed", pass_mark=80)
    s = protocol.screen(pos)
    _, core = play_route(SCENARIO, BEST, pass_mark=80)
    d = s["debrief"]
    assert s["phase"] == "finished" and s["decision"] is None
    assert d["overall"] == core.overall and d["passed"] == core.passed and d["pass_mark"] == 80
    assert {c["name"] for c in d["chart"]} == {c.name for c in core.competencies if c.score is not None}
    assert d["epilogue"] == core.ending.epilogue
    labels = [step["label"] for step in d["route_steps"]]
    assert labels[-1] == core.ending.title
    assert not any(re.fullmatch(r"L\d+", label) for label in labels)


def test_stepping_away_gives_a_withdrawn_debrief_that_never_passes():
    s = protocol.screen(protocol.walk(SCENARIO, BEST[:2], mode="assessed", withdrawn=True))
    assert s["phase"] == "withdrawn" and s["debrief"]["passed"] is False and s["decision"] is None


def test_numbers_not_offered_or_left_over_are_refused():
    with pytest.raises(PlayError):
        protocol.walk(SCENARIO, [99])
    with pytest.raises(PlayError, match="left over"):
        protocol.walk(SCENARIO, BEST + [1])


def test_the_briefing_puts_the_content_note_and_the_referral_first():
    b = protocol.briefing(SCENARIO)
    assert b["content_note"] == SCENARIO.content_note and b["referral"] == SCENARIO.briefing.referral
    assert b["people"] and all(p["name"] for p in b["people"])


def test_protocol_imports_only_the_core():
    # h11 runs it inside Pyodide for SCORM: no server, storage, web framework or pygame.
    tree = ast.parse((ROOT / "game" / "web" / "protocol.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert modules and all(m in ("__future__", "dataclasses", "typing") or m.startswith("game.core.")
                           for m in modules), modules
