"""Pinned routes through scenarios/a-room-at-nanas.yaml (a police officer on a joint visit).

Routes are 1-based choice numbers among the choices offered at each decision, in order, played
through the one play loop (tests.scenarios.pinned.play, an assessed play_route); the verdict is
Debrief.passed. If a change to the scenario moves one of these numbers or scores, the trainer's
note (docs/scenarios/a-room-at-nanas.md) must be updated with it.
"""
import pytest

from tests.scenarios import pinned
from tests.scenarios.pinned import length_tells, score

SCENARIO = "a-room-at-nanas"

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
WORST = [1, 3, 2, 2, 2, 1, 2, 2, 3, 1, 1, 1, 3, 3]
# Going in heavy: an armed unit asked for, police primacy, force threatened at the door, an
# arrest without a power, a taser in the hallway.
OVER_ESCALATING = [3, 1, 2, 3, 3]
# The model route, but a taser drawn on Shelley at the threat (a critical fault): the visit goes
# on, and the footage of it is what the family and the force remember.
TASER = MODEL[:4] + [3] + MODEL[5:]
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


def play(numbers):
    return pinned.play(SCENARIO, numbers)


def test_model_route_passes_with_full_marks():
    result = play(MODEL)
    assert pinned.outcome(result) == (100, True, "end-protected", "child_protected", [])
    notes = " ".join(note.text for note in result.chronology)
    assert "Threat to social worker recorded verbatim" in notes
    assert "registered intermediary" in notes


@pytest.mark.parametrize("route, overall, ending, kind, critical", [
    (WORST, 0, "end-back-again", "child_harmed", []),
    (OVER_ESCALATING, 18, "end-siege", "over_escalated", ["the-threat"]),
    (DOOR_ACCEPTED, 43, "end-unseen", "risk_unseen", ["at-the-door"]),
    (LEFT_FOR_THE_COLLISION, 56, "end-alone", "worker_harmed", ["the-radio"]),
    (ABANDONED, 56, "end-unseen", "risk_unseen", ["the-radio"]),
    (TASER, 88, "end-on-camera", "relationship_broken", ["the-threat"]),
    (POLICE_PROTECTION, 62, "end-police-protection", "over_escalated", []),
    (WORDS_OF_ADVICE, 62, "end-back-again", "child_harmed", []),
    (NO_FURTHER_ACTION, 70, "end-back-again", "child_harmed", []),
    (HEAVY_AFTERWARDS, 74, "end-no-trust", "relationship_broken", []),
])
def test_routes_that_fail_and_the_ending_each_leads_to(route, overall, ending, kind, critical):
    assert pinned.outcome(play(route)) == (overall, False, ending, kind, critical)


@pytest.mark.parametrize("route", [OVER_ESCALATING, POLICE_PROTECTION])
def test_using_more_power_than_the_evidence_allows_costs_escalation(route):
    assert score(play(route), "escalation") < score(play(MODEL), "escalation") == 100


def test_the_critical_fault_says_the_worker_was_left_alone():
    assert "left alone" in play(LEFT_FOR_THE_COLLISION).critical[0].why


def test_the_critical_faults_name_what_was_done():
    assert "taser was drawn on an unarmed woman" in play(TASER).critical[0].why
    assert "children unseen" in play(ABANDONED).critical[0].why
    assert "section 47" in play(DOOR_ACCEPTED).critical[0].why


@pytest.mark.parametrize("before", [1, 3])
def test_going_in_without_checking_with_probation_leaves_gaps(before):
    # Straight to the visit, or an armed unit asked for: the rest of the model route is right,
    # but nobody knew the licence before the door, so the best ending is out of reach.
    result = play([before] + MODEL[1:])
    assert pinned.outcome(result) == (93, True, "end-protected-gaps", "child_protected", [])


def test_children_seen_with_their_grandmother_give_no_account():
    result = play(SEEN_WITH_NANA)
    assert pinned.outcome(result) == (93, True, "end-protected-gaps", "child_protected", [])
    assert "no-account" in result.route and "mason-types" not in result.route


def test_the_answer_is_not_given_away_by_length():
    # (decisions with a best choice, best is the longest, best is the shortest): neither in more
    # than a third of decisions (chance is about a third with three options).
    counted, longest, shortest = length_tells(SCENARIO)
    assert (counted, longest, shortest) == (14, 3, 3)
    assert longest * 3 <= counted and shortest * 3 <= counted
