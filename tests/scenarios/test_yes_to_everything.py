"""Pinned routes through scenarios/yes-to-everything.yaml, played through the one play loop.

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers or scores, the trainer's note
(docs/scenarios/yes-to-everything.md) must be updated with it.
"""
import pytest

from tests.scenarios import pinned
from tests.scenarios.pinned import critical_at, score

SCENARIO = "yes-to-everything"

# An open mind; ask the adult team how Gemma takes things in and ring her; a plain
# introduction; hear Gemma, not Kyle; ask about the burn; ask her to say the plan back; the
# honest answer about removal; an independent advocate; ask about the money, alone; a picture
# summary she says back; a full record; an adapted parenting assessment; reconvene the CIN
# meeting with her advocate; a collection plan at nursery; no to section 20; the café, not
# the kitchen; and, once she tells, a strategy discussion with Alfie safe with her at her aunt's.
MODEL = [3, 2, 2, 2, 2, 3, 2, 2, 2, 1, 1, 3, 2, 2, 2, 2, 1]
UP_TO_THE_CALL = MODEL[:12]
UP_TO_FRIDAY = MODEL[:15]
UP_TO_THE_CAFE = MODEL[:16]
# The lowest total (the worst route `analyse` reports): "disguised compliance", a letter, a
# list of failures at the door, Kyle accepted as her voice, the burn left, "do you
# understand?", "I promise", Kyle as her supporter, a food voucher, a letter, the blaming
# record, "she can't", a redone CIN meeting, Kyle added to nursery's list (critical) and a
# section 20 signature (critical).
WORST = [1, 1, 4, 1, 1, 1, 4, 1, 1, 2, 2, 1, 2, 3, 1]
# Over-escalating: a strategy discussion about the burn before asking her a single question.
STRATEGY_OVER_THE_BURN = [3, 2, 2, 2, 3]
# Over-escalating: the whole good visit, then a strategy discussion at the professionals' call.
STRATEGY_AFTER_A_GOOD_VISIT = UP_TO_THE_CALL + [1]
# Over-escalating: the duty senior's section 20, taken to Gemma to sign (critical).
SECTION_20 = UP_TO_THE_CALL + [2, 2, 1]
# Over-escalating done carefully: section 20 with easy read and her advocate. Not a critical
# fault (consent is sought properly), but the decision is still out of proportion.
SECTION_20_DONE_PROPERLY = UP_TO_THE_CALL + [2, 2, 3]
# Over-escalating at the very end: an emergency protection order against the mother who told.
EMERGENCY_ORDER = UP_TO_THE_CAFE + [3]
# Under-reacting: Kyle added to the nursery collection list (critical), everything else right.
KYLE_ON_THE_LIST = UP_TO_THE_CALL + [2, 3, 2, 2, 1]
# Under-reacting: stepped down to early help at the call.
STEPPED_DOWN = UP_TO_THE_CALL + [3]
# Under-reacting: Kyle written into the plan as Gemma's support.
KYLE_AS_HER_SUPPORT = [3, 2, 2, 2, 2, 3, 2, 1, 2, 1, 1, 3, 2, 2, 2]
# Kyle allowed to answer for her in the front room, everything after it right: a cost in
# points, not the choice that decides the ending.
KYLE_AS_HER_VOICE = [3, 2, 2, 1, 2, 3, 2, 2, 2, 1, 1, 3, 2, 2, 2, 2, 1]
# Under-reacting: she tells, and is sent home to ask the dealers to leave (critical).
SENT_HOME = UP_TO_THE_CAFE + [2]
# Under-reacting: Alfie crying at the door, and the visit rearranged for Monday.
REARRANGED = UP_TO_FRIDAY + [4]
# Going in alone to confront Kyle (critical).
CONFRONT_KYLE = UP_TO_THE_CAFE + [4]
# Everything right except the advocate: a good ending, but a poorer one.
NO_ADVOCATE = [3, 2, 2, 2, 2, 3, 2, 3, 2, 1, 1, 3, 2, 2, 2, 2, 1]


def play(numbers):
    return pinned.play(SCENARIO, numbers)


def test_model_route_passes_with_full_marks_and_alfie_protected_with_his_mother():
    result = play(MODEL)
    assert (result.overall, result.passed) == (100, True)
    assert (result.ending.id, result.ending.ending) == ("end-protected", "child_protected")
    assert critical_at(result) == []
    notes = " ".join(note.text for note in result.chronology)
    assert "Asked Gemma to say what the plan asked of her" in notes
    assert "Strategy discussion with police today" in notes


def test_worst_route_scores_nothing_with_two_critical_faults():
    result = play(WORST)
    assert (result.overall, result.passed) == (0, False)
    assert result.ending.id == "end-section-20"
    assert critical_at(result) == ["nursery-response", "s20"]


@pytest.mark.parametrize("route, overall, ending", [
    (STRATEGY_OVER_THE_BURN, 47, "end-over"),
    (STRATEGY_AFTER_A_GOOD_VISIT, 73, "end-over"),
    (SECTION_20_DONE_PROPERLY, 82, "end-section-20"),
    (EMERGENCY_ORDER, 90, "end-removed"),
])
def test_over_escalating_routes_fail_with_an_over_escalated_ending(route, overall,
                                                                   ending):
    result = play(route)
    assert pinned.outcome(result)[:4] == (overall, False, ending, "over_escalated")
    assert score(result, "escalation") < score(play(MODEL), "escalation") == 100


def test_section_20_signature_is_a_critical_fault():
    result = play(SECTION_20)
    assert (result.overall, result.passed) == (79, False)
    assert result.ending.id == "end-section-20"
    assert critical_at(result) == ["s20"]
    assert any("not consent" in reason for reason in result.reasons)


def test_kyle_on_the_collection_list_fails_even_with_a_good_ending():
    # Points above the pass mark and a child_protected ending: only the critical fault fails it.
    result = play(KYLE_ON_THE_LIST)
    assert (result.overall, result.passed) == (91, False)
    assert result.ending.ending == "child_protected"
    assert critical_at(result) == ["nursery-response"]
    notes = " ".join(note.text for note in result.chronology)
    assert "Mother did not see Alfie until 9pm" in notes


@pytest.mark.parametrize("route, overall, ending, kind", [
    (STEPPED_DOWN, 73, "end-stepped-down", "drift"),
    (KYLE_AS_HER_SUPPORT, 83, "end-harmed", "child_harmed"),
    (REARRANGED, 88, "end-harmed", "child_harmed"),
])
def test_under_reacting_routes_fail_and_alfie_pays_for_it(route, overall, ending, kind):
    assert pinned.outcome(play(route)) == (overall, False, ending, kind, [])


def test_sending_her_home_to_the_dealers_for_a_week_is_a_critical_fault():
    result = play(SENT_HOME)
    assert pinned.outcome(result) == (90, False, "end-waited", "child_harmed", ["final"])


def test_kyle_answering_for_her_once_costs_points_but_does_not_decide_the_ending():
    # Only writing him into the plan (who-supports, summary) makes him her helper on Friday.
    result = play(KYLE_AS_HER_VOICE)
    assert pinned.outcome(result) == (93, True, "end-protected", "child_protected", [])
    assert "helper-door" not in result.route
    assert "helper-door" in play(KYLE_AS_HER_SUPPORT).route


def test_confronting_kyle_alone_is_a_critical_fault_and_the_worker_is_hurt():
    result = play(CONFRONT_KYLE)
    assert (result.overall, result.passed) == (90, False)
    assert (result.ending.id, result.ending.ending) == ("end-worker", "worker_harmed")
    assert critical_at(result) == ["final"]


def test_without_an_advocate_alfie_is_safe_but_gemma_is_still_saying_yes():
    result = play(NO_ADVOCATE)
    assert (result.overall, result.passed) == (96, True)
    assert result.ending.id == "end-protected-alone"


def test_the_record_is_what_the_network_reads():
    # The blaming record is quoted back at the call and by the duty senior.
    blame = UP_TO_THE_CALL[:10] + [2] + UP_TO_THE_CALL[11:] + [2, 2, 2, 2, 1]
    result = play(blame)
    assert "call-blame" in result.route and "paul-blame" in result.route
    assert "call-blame" not in play(MODEL).route


def test_the_best_choice_is_the_longest_or_shortest_in_at_most_a_third_of_decisions():
    counted, longest, shortest = pinned.length_tells(SCENARIO)
    assert counted == 17
    assert longest * 3 <= counted and shortest * 3 <= counted, (longest, shortest)
