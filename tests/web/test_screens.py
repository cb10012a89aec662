"""What protocol screens carry for the player and the clients (fast, pure): the content note in
the practice list, route labels as the learner read them (no raw {day}), the best route beside
the learner's, and the pinned scenario's hash on every screen."""
from __future__ import annotations

import re

import pytest

from game.core.analysis import analyse
from game.core.play import play_route
from game.web import protocol
from tests.web.routes import SCENARIOS, failing, passing, scenario

LIBRARY = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
DEMO = "demo-late-again"
RAW = re.compile(r"\{[^{}]*\}")


def test_the_practice_list_carries_each_scenarios_content_note():
    for sid in LIBRARY:
        s = scenario(sid)
        assert protocol.catalogue_entry(s)["content_note"] == s.content_note
    assert any(scenario(sid).content_note for sid in LIBRARY)


@pytest.mark.parametrize("sid", LIBRARY)
def test_route_labels_read_as_shown_with_no_raw_variables(sid):
    s = scenario(sid)
    numbers = analyse(s).best_choices
    d = protocol.screen(protocol.walk(s, numbers, mode="assessed"))["debrief"]
    for steps in (d["route_steps"], d["best_route_steps"]):
        assert steps and not [st["label"] for st in steps if RAW.search(st["label"])]
    for node in s.nodes:   # route maps (no play): a variable shows as '…', never {name}
        assert not RAW.search(protocol.node_label(s, node)), node


def test_a_label_shows_the_day_the_learner_was_on():
    s = scenario(DEMO)
    route = passing(DEMO)
    pos = protocol.walk(s, route.numbers, mode="assessed")
    steps = protocol.screen(pos)["debrief"]["route_steps"]
    (back,) = [st for st in steps if st["node"] == "back-at-base"]
    seen = next(v for v in pos.visited if v.node_id == "back-at-base")
    assert back["label"].startswith(f"Day {seen.day}, back at the health centre")
    assert protocol.node_label(s, "back-at-base").startswith("Day …, back at")
    # every step, in order, is the route's stops (branches left out), each labelled as shown
    assert [st["node"] for st in steps] == [v.node_id for v in pos.visited]


def test_the_debrief_carries_the_best_route_beside_the_learners():
    s = scenario(DEMO)
    best = analyse(s)
    for route in (passing(DEMO), failing(DEMO)):
        d = protocol.screen(protocol.walk(s, route.numbers, mode="assessed"))["debrief"]
        steps = d["best_route_steps"]
        assert [st["node"] for st in steps] == [n for n in best.best_route
                                                  if s.nodes[n].kind != "branch"]
        assert steps[-1]["kind"] == "ending"
        assert steps[-1]["label"] == s.nodes[play_route(s, best.best_choices)[0].node].title
    withdrawn = protocol.screen(protocol.walk(s, passing(DEMO).numbers[:2], withdrawn=True))
    assert withdrawn["debrief"]["best_route_steps"] == steps


def test_every_screen_names_the_version_played_by_its_hash():
    s = scenario(DEMO)
    numbers = passing(DEMO).numbers
    for pos in (protocol.walk(s, []), protocol.walk(s, numbers[:3], mode="assessed"),
                protocol.walk(s, numbers, mode="assessed"),
                protocol.walk(s, numbers[:2], mode="assessed", withdrawn=True)):
        assert protocol.screen(pos)["scenario"]["hash"] == s.source_hash
