"""Walking every route over lean states: bounded, honest, and the same answers as full play."""
import pytest

from benchmarks.generate import generate, generate_loop
from game.core import engine, explore, exact
from game.core.analysis import analyse
from game.core.loader import load_path, load_text
from game.core.monkey import monkey_runs
from game.core.play import play_route
from game.core.rules import check_rules
from tests.helpers import scenario_path

LOOPY = """doorstep: 1
id: loopy
title: Loopy
summary: A counter in a loop.
patterns: [avoidance]
characters:
  kay: {name: Kay Morris, role: parent, mood: evasive}
variables:
  knocks: 0
nodes:
  - id: door
    prompt: Nobody answers. What now?
    choices:
      - text: Knock again.
        effects: EFFECT
        goto: check
      - text: Leave.
        goto: end-unseen
  - id: check
    branch:
      - if: knocks > LIMIT
        goto: end-unseen
      - goto: door
  - id: end-unseen
    ending: risk_unseen
    title: Unseen
    text: The door stays shut after {knocks} knocks.
    epilogue: Nobody knows you came.
"""


def loopy(effect="knocks += 1", limit="100000000"):
    return load_text(LOOPY.replace("EFFECT", effect).replace("LIMIT", limit), "loopy.yaml")


def test_a_counter_in_a_loop_stops_at_the_limit_and_says_so():
    problems = check_rules(loopy(), max_states=5000)
    assert [(p.severity, p.line, p.col, p.message) for p in problems] == [
        ("warning", 1, 1, "checked 5,000 play states, stopped at the limit: the story has more, "
                          "so rules and runtime problems beyond them were not checked")]


def test_a_number_that_grows_without_bound_is_an_authoring_error():
    problems = check_rules(loopy("knocks = knocks * knocks + 2", limit="999999999"))
    assert [(p.line, p.col, p.message) for p in problems if p.is_error] == [
        (14, 9, "while playing: the effect 'knocks = knocks * knocks + 2' took 'knocks' past "
                "\u00b11,000,000,000")]
    assert problems[0].hint == "reached by choices 1,1,1,1,1,1"


def test_counting_that_nothing_reads_does_not_multiply_states():
    # 'rounds += 1' on the loop back is never read: the walk is as small as without it.
    plain = explore.explore(load_text(generate_loop(200), "generated-200.yaml"))
    counted = explore.explore(load_text(generate_loop(200, counter=True), "generated-200.yaml"))
    assert plain.complete and counted.complete and counted.states == plain.states


@pytest.mark.parametrize("name", ["demo-late-again", "a-tidy-house", "he-answers-for-her"])
def test_rules_outcomes_match_full_play_states(name):
    # Every (ending, rules' verdicts) a lean walk finds is one some full play reaches, and the
    # example route it reports replays, through the engine, to that ending.
    scenario = load_path(scenario_path(name))
    ex = explore.explore(scenario)
    assert ex.complete and not ex.failures
    for state in ex.outcomes[:50]:
        played = play_route(scenario, ex.route(state))[0]
        assert played.node == state[0]
        ctx = engine._Context(dict(played.variables), played.route, played.history)
        for rule in scenario.rules:
            if not rule.at_endings or scenario.nodes[state[0]].ending in rule.at_endings:
                assert rule.condition.fn(ctx) == rule.condition.fn(ex.lean.context(state))


def test_exact_best_route_replays_to_its_score():
    scenario = load_text(generate(300, seed=3), "generated-300.yaml")
    ext = exact.exact_extremes(scenario)
    played = play_route(scenario, ext.best_choices)[0]
    assert played.route == ext.best_route
    total = sum(sum(scenario.choice(s.choice).scores.values()) for s in played.history)
    assert total == ext.best["total"]


def test_analyse_finishes_on_an_unguarded_loop_with_playable_routes():
    scenario = load_text(generate_loop(3000), "generated-3000.yaml")
    a = analyse(scenario)
    assert a.has_loops
    for numbers, route in ((a.best_choices, a.best_route), (a.worst_choices, a.worst_route)):
        played = play_route(scenario, numbers)[0]
        assert played.finished and played.route == route
    assert a.worst["total"] < a.best["total"]


def test_random_play_of_a_long_story_without_loops_does_not_fail_falsely():
    # 10,100 lines in a row before the only decision: more steps than the old bound.
    lines = "".join(f"  - Line {i}.\n" for i in range(10_100))
    text = LOOPY.replace("nodes:\n", "nodes:\n" + lines).replace("EFFECT", "knocks += 1") \
        .replace("LIMIT", "0")
    report = monkey_runs(load_text(text, "loopy.yaml"), runs=2)
    assert report.failure is None and report.completed == 2
