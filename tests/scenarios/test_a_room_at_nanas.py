"""Pinned routes through scenarios/a-room-at-nanas.yaml (a police officer on a joint visit).

Routes are 1-based choice numbers among the choices offered at each decision, in order, played
through the one play loop (game.core.play.play_route); the verdict is Debrief.passed. If a change
to the scenario moves one of these numbers or scores, the trainer's note
(docs/scenarios/a-room-at-nanas.md) must be updated with it.
"""
import pytest

from game.core import rules
from game.core.analysis import analyse
from game.core.loader import check_path, load_path
from game.core.play import Mode, play_route
from tests.helpers import scenario_path
from tests.scenarios.pinned import length_tells

SCENARIO = scenario_path("a-room-at-nanas")

# Probation and the 2021 log first; roles agreed on the pavement; a plain request at the door;
# step between them; name the threat on camera; stay when the radio calls; hold the kitchen so
# the children are seen alone; arrest for the assault, away from the children; tell Pauline what
# the police will do; an evidence-led file; the threat recorded in full and shared; "you'd be
# shaking too"; everything to the risk meeting; the bail breach acted on.
MODEL = [2, 2, 1, 1, 1, 1, 1, 2, 2, 3, 2, 2, 1, 1]
UP_TO_THE_RADIO = MODEL[:5]
UP_TO_THE_ARM = MODEL[:7]
UP_TO_CUSTODY = MODEL[:9]
# The lowest total any route can reach (the worst route `analyse` reports).
WORST = [1, 3, 2, 2, 2, 1, 3, 2, 3, 1, 1, 1, 3, 3]
# Going in heavy: an armed unit asked for, police primacy, force threatened at the door, an
# arrest without a power, a taser in the hallway.
OVER_ESCALATING = [3, 1, 2, 3, 3]
# The model route, then the critical fault: leaving for the collision with Chidi alone inside.
LEFT_FOR_THE_COLLISION = UP_TO_THE_RADIO + [2]
# The model route, then the visit abandoned for the collision, children unseen.
ABANDONED = UP_TO_THE_RADIO + [3]
# Pauline's account accepted at the door.
DOOR_ACCEPTED = [2, 2, 3]
# The model route, then police protection on top of the arrest.
POLICE_PROTECTION = UP_TO_THE_ARM + [3]
# The model route, then words of advice and "leave for the night".
WORDS_OF_ADVICE = UP_TO_THE_ARM + [1]
# The model route, then no further action in custody.
NO_FURTHER_ACTION = UP_TO_CUSTODY + [2]
# The model route, then the children seen with Pauline beside them.
SEEN_WITH_NANA = UP_TO_THE_RADIO + [1, 3] + MODEL[7:]
# The model route, then heavy after the arrest: the guardianship threatened, foster care at the
# risk meeting, and pressure to stay in the case.
HEAVY_AFTERWARDS = UP_TO_THE_ARM + [2, 3, 3, 2, 2, 3, 3]


@pytest.fixture(scope="module")
def scenario():
    return load_path(SCENARIO)


def play(scenario, numbers):
    return play_route(scenario, numbers, mode=Mode.ASSESSED)[1]


def test_scenario_loads_with_no_errors_or_warnings():
    scenario, problems = check_path(SCENARIO)
    assert scenario is not None
    assert [p.format() for p in problems] == []


def test_rules_hold_on_every_route():
    scenario, _ = check_path(SCENARIO)
    assert [p.format() for p in rules.check_rules(scenario)] == []


def test_model_route_is_the_best_route_and_passes(scenario):
    assert list(analyse(scenario).best_choices) == MODEL
    debrief = play(scenario, MODEL)
    assert debrief.overall == 100
    assert debrief.passed is True
    assert debrief.critical == ()
    assert debrief.ending.id == "end-protected"
    assert debrief.ending.ending == "child_protected"
    notes = " ".join(n.text for n in debrief.chronology)
    assert "Threat to social worker recorded verbatim" in notes
    assert "registered intermediary" in notes


def test_worst_route_scores_nothing_and_shelley_comes_back(scenario):
    debrief = play(scenario, WORST)
    assert debrief.overall == 0
    assert debrief.passed is False
    assert debrief.ending.id == "end-back-again"
    assert debrief.ending.ending == "child_harmed"


def test_over_escalating_route_ends_the_visit_in_the_hallway(scenario):
    debrief = play(scenario, OVER_ESCALATING)
    assert debrief.overall == 20
    assert debrief.passed is False
    assert debrief.ending.id == "end-siege"
    assert debrief.ending.ending == "over_escalated"


def test_leaving_the_social_worker_alone_is_a_critical_fault(scenario):
    debrief = play(scenario, LEFT_FOR_THE_COLLISION)
    assert debrief.overall == 56
    assert debrief.passed is False
    assert debrief.ending.id == "end-alone"
    assert debrief.ending.ending == "worker_harmed"
    assert [f.decision_id for f in debrief.critical] == ["the-radio"]
    assert "left alone" in debrief.critical[0].why


def test_abandoning_the_visit_leaves_the_children_unseen(scenario):
    for route in (ABANDONED, DOOR_ACCEPTED):
        debrief = play(scenario, route)
        assert debrief.passed is False
        assert debrief.ending.id == "end-unseen"
        assert debrief.ending.ending == "risk_unseen"
    assert play(scenario, ABANDONED).overall == 56
    assert play(scenario, DOOR_ACCEPTED).overall == 43


def test_police_protection_on_top_of_the_arrest_is_over_escalation(scenario):
    model = play(scenario, MODEL)
    debrief = play(scenario, POLICE_PROTECTION)
    assert debrief.overall == 62
    assert debrief.passed is False
    assert debrief.ending.id == "end-police-protection"
    assert debrief.ending.ending == "over_escalated"
    escalation = {c.name: c.score for c in debrief.competencies}["escalation"]
    assert escalation < {c.name: c.score for c in model.competencies}["escalation"]


def test_words_of_advice_and_no_further_action_let_him_back(scenario):
    advice = play(scenario, WORDS_OF_ADVICE)
    nfa = play(scenario, NO_FURTHER_ACTION)
    assert (advice.overall, nfa.overall) == (62, 70)
    for debrief in (advice, nfa):
        assert debrief.passed is False
        assert debrief.ending.id == "end-back-again"
        assert debrief.ending.ending == "child_harmed"


def test_children_seen_with_their_grandmother_give_no_account(scenario):
    debrief = play(scenario, SEEN_WITH_NANA)
    assert debrief.overall == 93
    assert debrief.passed is True
    assert debrief.ending.id == "end-protected-gaps"
    assert "no-account" in debrief.route and "mason-types" not in debrief.route


def test_going_in_heavy_after_the_arrest_breaks_the_familys_trust(scenario):
    debrief = play(scenario, HEAVY_AFTERWARDS)
    assert debrief.overall == 74
    assert debrief.passed is False
    assert debrief.ending.id == "end-no-trust"
    assert debrief.ending.ending == "relationship_broken"


def test_the_answer_is_not_given_away_by_length():
    # (decisions with a best choice, best is the longest, best is the shortest): neither in more
    # than a third of decisions (chance is about a third with three options).
    counted, longest, shortest = length_tells("a-room-at-nanas")
    assert (counted, longest, shortest) == (14, 4, 2)
    assert longest * 3 <= counted and shortest * 3 <= counted
