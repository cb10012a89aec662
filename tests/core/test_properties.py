"""Properties over many scenarios and routes (hypothesis): scores stay in 0-100, the best route
scores 100, and no input at all can raise anything but our authoring error."""
import os
import random

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from game.core import engine
from game.core.analysis import analyse
from game.core.debrief import make_debrief
from game.core.errors import AuthoringError
from game.core.loader import load_text
from game.core.play import Choose, Phase, Play, play_route
from tests.helpers import SCENARIOS, scenario_path
from game.core.loader import load_path

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
SOAK = settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(nodes=st.integers(6, 120), seed=st.integers(0, 10_000), conditions=st.booleans())
def test_best_route_scores_100_and_worst_0(nodes, seed, conditions):
    scenario = load_text(generate(nodes, seed, conditions), "generated.yaml")
    a = analyse(scenario)
    best_state = play_route(scenario, a.best_choices)[0]
    worst_state = play_route(scenario, a.worst_choices)[0]
    assert best_state.route == a.best_route and worst_state.route == a.worst_route
    best, worst = make_debrief(scenario, best_state), make_debrief(scenario, worst_state)
    assert best.overall == 100
    # when every route totals the same there is nothing to tell apart: all score 100
    assert worst.overall == (100 if a.best["total"] == a.worst["total"] else 0)
    if not conditions:  # without conditions the playable best is the graph bound
        assert a.best == a.bound_best and a.worst == a.bound_worst


@FAST
@given(nodes=st.integers(6, 90), seed=st.integers(0, 10_000), route_seed=st.integers(0, 99))
def test_any_route_scores_within_0_and_100(nodes, seed, route_seed):
    scenario = load_text(generate(nodes, seed), "generated.yaml")
    rng = random.Random(route_seed)
    play = Play.begin(scenario, mode="assessed")
    while play.to_next_decision() and play.phase is Phase.DECISION:
        play.send(Choose(number=rng.randint(1, len(play.view.choices))))
    d = play.debrief()
    assert 0 <= d.overall <= 100
    assert all(c.score is None or 0 <= c.score <= 100 for c in d.competencies)
    assert d.passed == (d.overall >= 60 and d.ending.ending == "child_seen_safe")


@pytest.mark.parametrize("name", sorted(f[:-5] for f in os.listdir(SCENARIOS) if f.endswith(".yaml")))
def test_shipped_scenarios_best_route_scores_100_and_passes(name):
    scenario = load_path(scenario_path(name))
    a = analyse(scenario)
    best = make_debrief(scenario, play_route(scenario, a.best_choices)[0])
    assert best.overall == 100 and best.passed, best.reasons


# -- fuzzing: documents built from the format's own vocabulary, and raw junk -------------------
WORDS = ["doorstep", "id", "title", "summary", "patterns", "nodes", "choices", "text", "goto",
         "if", "effects", "score", "points", "ending", "epilogue", "speaker", "mood", "branch",
         "include", "characters", "variables", "rules", "require", "possible", "then", "prompt",
         "child_focus", "CHILD-1", "trust", "avoidance", "calm", "1", "-", ">=", "{x}"]
scalars = st.one_of(st.sampled_from(WORDS), st.integers(-5, 5), st.booleans(), st.none(),
                    st.text(max_size=20))
documents = st.recursive(
    scalars, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                    st.dictionaries(st.sampled_from(WORDS), kids, max_size=6)),
    max_leaves=40)


def _only_authoring_errors(text):
    try:
        load_text(text, "fuzz.yaml")
    except AuthoringError as exc:
        assert exc.problems and all(p.line >= 1 and p.col >= 1 for p in exc.problems)


@FAST
@given(doc=documents)
def test_structured_junk_only_raises_authoring_error(doc):
    base = {"doorstep": 1, "id": "fuzz", "title": "t", "summary": "s", "patterns": ["avoidance"]}
    if isinstance(doc, dict):
        base.update(doc)
    else:
        base["nodes"] = doc
    _only_authoring_errors(yaml.safe_dump(base, allow_unicode=True))


@FAST
@given(data=st.binary(max_size=300))
def test_binary_junk_only_raises_authoring_error(data):
    _only_authoring_errors(data)


@FAST
@given(parts=st.lists(st.sampled_from(list("ab:- \n[]{}&*!|>'\"#%@`,?\t") + WORDS),
                      max_size=80))
def test_yaml_shaped_junk_only_raises_authoring_error(parts):
    _only_authoring_errors("".join(parts))


@pytest.mark.slow
@SOAK
@given(doc=documents, seed=st.integers(0, 3))
def test_soak_mutated_scenarios_only_raise_authoring_error(doc, seed):
    # Replace one random node of the demo with junk: the loader must still only speak in problems.
    raw = yaml.safe_load(open(scenario_path("demo-late-again"), encoding="utf-8"))
    nodes = raw["nodes"]
    nodes[(hash(str(doc)) + seed) % len(nodes)] = doc
    _only_authoring_errors(yaml.safe_dump(raw, allow_unicode=True))
