"""Pinned routes through scenarios/none-of-your-business.yaml, played through the one play loop.

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers or scores, the trainer's note
(docs/scenarios/none-of-your-business.md) must be updated with it.
"""
import pytest

from tests.scenarios import pinned
from tests.scenarios.pinned import critical_at, score

SCENARIO = "none-of-your-business"

# A victim first; ring David and go tonight; plain authority at the door; speak to Joel from
# the foot of the stairs; Ian's knife shared honestly; meet on Joel's terms with Shanice;
# honest limits of confidentiality; "done to you, not by you"; agree with Joel how his dads are
# told; walk away from Kai's car and pass on the registration; the threat to the police the
# same day and a safety plan at home; hear David's fear; NRM and an exploitation plan; keep him
# in school; report him missing at once; a return conversation by Shanice with his words in the
# plan; a record in the language of exploitation.
MODEL = [2, 1, 2, 2, 2, 1, 2, 2, 2, 2, 1, 2, 1, 2, 2, 2, 3]
# The lowest total (the worst route `analyse` reports): "a good home", police at the door, a
# card left, "declined", the knife kept secret, the office, a promise of secrecy (critical),
# "bad choices", telling his dad everything, sending him home alone past Kai's car
# (critical), the threat left for the review, false reassurance about the record, and the case closed as a police matter.
WORST = [1, 2, 1, 3, 1, 2, 1, 1, 3, 3, 3, 1, 2]
# Over-escalating from the first knock: an offender, police at the door, court on the doorstep,
# and up the stairs to his bedroom.
HEAVY_FROM_THE_START = [3, 2, 3, 1]
# Over-escalating after a good start: Joel sent to foster care out of the area.
OUT_OF_AREA = MODEL[:10] + [2]
# Over-escalating: care proceedings threatened at David in his kitchen.
PROCEEDINGS_THREATENED = MODEL[:11] + [3]
# Over-escalating: secure accommodation.
SECURE = MODEL[:12] + [3]
# Over-escalating: the police asked to arrest him when found.
ARRESTED = MODEL[:14] + [3]
# Under-reacting: Joel's secret kept from his fathers.
SECRET_KEPT = MODEL[:8] + [1, 2, 1]
# Under-reacting: the photograph of the house left for next week's review.
THREAT_LEFT_FOR_THE_REVIEW = MODEL[:10] + [3] + MODEL[11:]
# Under-reacting: social care steps back for the police.
POLICE_MATTER = MODEL[:11] + [4]
# Under-reacting: the managed move accepted.
OUT_OF_SCHOOL = MODEL[:13] + [1] + MODEL[14:]
# Under-reacting: "give it till the morning" (critical).
TILL_MORNING = MODEL[:14] + [1]
# Critical: the meeting ended as Kai's car arrives, and Joel left to walk home alone past it.
SENT_OFF_ALONE = MODEL[:9] + [3] + MODEL[10:]
# Critical: a promise of secrecy; everything else right. Joel blocks the worker.
PROMISED_SECRECY = MODEL[:6] + [1] + MODEL[7:15] + [3]
# Critical: walking across to Kai's car.
CONFRONT_KAI = MODEL[:9] + [1]
# Everything right except the return conversation: the police do it.
NOT_ASKED = MODEL[:15] + [1, 3]


def play(numbers):
    return pinned.play(SCENARIO, numbers)


def test_model_route_passes_with_full_marks_and_joels_words_in_the_plan():
    result = play(MODEL)
    assert (result.overall, result.passed) == (100, True)
    assert (result.ending.id, result.ending.ending) == ("end-protected", "child_protected")
    notes = " ".join(note.text for note in result.chronology)
    assert "I want to go back to boxing" in notes
    assert "Threat (photo of front door) reported to DC Kaminski" in notes


def test_worst_route_scores_nothing_and_joel_is_left_unseen():
    result = play(WORST)
    assert (result.overall, result.passed) == (0, False)
    assert (result.ending.id, result.ending.ending) == ("end-closed", "risk_unseen")
    assert critical_at(result) == ["opening", "the-car"]


@pytest.mark.parametrize("route, overall, ending, kind", [
    (HEAVY_FROM_THE_START, 27, "end-broken", "relationship_broken"),
    (OUT_OF_AREA, 69, "end-moved", "over_escalated"),
    (PROCEEDINGS_THREATENED, 73, "end-broken", "relationship_broken"),
    (SECURE, 77, "end-secure", "over_escalated"),
    (ARRESTED, 84, "end-criminal", "over_escalated"),
])
def test_over_escalating_routes_fail_and_cost_escalation(route, overall, ending, kind):
    result = play(route)
    assert pinned.outcome(result)[:4] == (overall, False, ending, kind)
    assert score(result, "escalation") < score(play(MODEL), "escalation") == 100


@pytest.mark.parametrize("route, overall, ending, kind", [
    (SECRET_KEPT, 70, "end-harmed", "child_harmed"),
    (THREAT_LEFT_FOR_THE_REVIEW, 92, "end-harmed", "child_harmed"),
    (POLICE_MATTER, 74, "end-closed", "risk_unseen"),
    (OUT_OF_SCHOOL, 95, "end-excluded", "drift"),
])
def test_under_reacting_routes_fail_and_joel_pays_for_it(route, overall, ending, kind):
    assert pinned.outcome(play(route)) == (overall, False, ending, kind, [])


def test_telling_ian_to_wait_till_morning_is_a_critical_fault_and_joel_is_hurt():
    result = play(TILL_MORNING)
    assert pinned.outcome(result) == (84, False, "end-found-late", "child_harmed",
                                      ["missing-now"])


def test_sending_joel_home_alone_past_kais_car_fails_even_with_a_good_ending():
    # 95 points and a child_protected ending: only the critical fault fails it.
    result = play(SENT_OFF_ALONE)
    assert pinned.outcome(result) == (95, False, "end-protected", "child_protected",
                                      ["the-car"])
    notes = " ".join(note.text for note in result.chronology)
    assert "Joel went home alone" in notes


def test_a_promise_of_secrecy_is_a_critical_fault_and_joel_stops_talking():
    result = play(PROMISED_SECRECY)
    assert (result.overall, result.passed) == (89, False)
    assert result.ending.ending == "child_protected"
    assert critical_at(result) == ["opening"]
    assert "promise-broken" in result.route and "return-blocked" in result.route


def test_confronting_kai_is_a_critical_fault_and_the_worker_is_hurt():
    result = play(CONFRONT_KAI)
    assert (result.overall, result.passed) == (66, False)
    assert (result.ending.id, result.ending.ending) == ("end-worker", "worker_harmed")
    assert critical_at(result) == ["the-car"]


def test_without_his_own_words_the_plan_protects_him_but_does_not_hear_him():
    result = play(NOT_ASKED)
    assert (result.overall, result.passed) == (93, True)
    assert result.ending.id == "end-protected-unheard"


def test_the_best_choice_is_the_longest_or_shortest_in_at_most_a_third_of_decisions():
    counted, longest, shortest = pinned.length_tells(SCENARIO)
    assert counted == 17
    assert longest * 3 <= counted and shortest * 3 <= counted, (longest, shortest)
