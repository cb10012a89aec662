"""Pinned routes through scenarios/the-dogs-at-number-nine.yaml.

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers, the trainer's note
(docs/scenarios/the-dogs-at-number-nine.md) must be updated with it.
"""
import pytest

from tests.helpers import play_choices, scenario_path
from tests.scenarios.routes import critical_at, debrief

SCENARIO = scenario_path("the-dogs-at-number-nine")

# Name every risk to the manager; joint visit, police told; whereabouts and call-back left; knock
# and wait on the path; plain opening; dogs shut away first; look past Gary to Amira; hear his
# grievance and still ask to see her; leave calmly when threatened; report and come back with
# police tonight; speak to both parents; open questions with Amira; Nadia's own plan for tonight;
# the threat recorded in full; everyone who may visit told; talk about fear in supervision.
MODEL = [3, 2, 1, 3, 1, 2, 3, 1, 1, 3, 2, 1, 3, 2, 4, 3]
# The lowest total any route can reach: plays it down, goes alone, no whereabouts, round the back,
# "routine check", crouches to the dog, eyes only on Gary, "fingermarks", apologises and offers the
# weekend, then swings to asking for an arrest, a leading question, Amira home with Gary tonight,
# a record without the threat, Gary shut out, and "I'm fine" in supervision. (Gary is in custody
# by the kitchen decision, so "her own bed" there is the weaker, not the critical, version.)
WORST = [1, 1, 3, 1, 2, 1, 1, 2, 3, 3, 3, 3, 2, 3, 2, 1]
# Proposing to go alone: the manager refuses it, but it is a critical fault.
LONE = [3, 1] + MODEL[2:]
# Amira sent to bed at home with Gary after she has told: a critical fault, and its own ending.
HOME_TONIGHT = MODEL[:12] + [1] + MODEL[13:]
# School tomorrow against the strategy discussion, then the same-day visit when she is kept off.
SCHOOL_THEN_TODAY = [3, 3, 2] + MODEL[2:]
# Backing off: the same poor start, then back to the office instead of returning with police.
BACKING_OFF = [1, 1, 3, 1, 2, 1, 1, 2, 3, 1]
# Bravado: alone, dogs loose, squaring up to the threat.
BRAVADO = [1, 1, 3, 1, 3, 1, 1, 2, 2]
# Going in heavy: "a police job", Section 47 at the door, "intimidating" dogs, "fingermarks",
# then police protection from the car.
OVER_ESCALATING = [2, 2, 1, 3, 3, 3, 1, 2, 1, 2]
# Going in heavy all the way: the same start, then an arrest on the doorstep and Gary shut out.
HEAVY_ALL_THE_WAY = [2, 2, 1, 3, 3, 3, 3, 2, 1, 3, 3, 1, 2, 2, 2, 2]


@pytest.fixture(scope="module")
def model():
    return play_choices(SCENARIO, MODEL)


def test_model_route_passes_with_full_marks_and_amira_protected(model):
    assert model["overall"] == 100
    assert model["passed"] is True
    assert model["ending"]["id"] == "end-protected"
    assert model["ending"]["kind"] == "child_protected"


def test_worst_route_scores_nothing_and_breaks_the_relationship():
    result = play_choices(SCENARIO, WORST)
    assert result["overall"] == 0
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-broken"
    assert result["ending"]["kind"] == "relationship_broken"


def test_backing_off_after_the_threat_leaves_amira_unseen(model):
    result = play_choices(SCENARIO, BACKING_OFF)
    assert result["overall"] == 6
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-unseen"
    assert result["ending"]["kind"] == "risk_unseen"
    assert (model["competencies"]["child_focus"]["score"]
            > result["competencies"]["child_focus"]["score"])


def test_bravado_gets_the_worker_bitten(model):
    result = play_choices(SCENARIO, BRAVADO)
    assert result["overall"] == 13
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-bitten"
    assert result["ending"]["kind"] == "worker_harmed"
    assert (model["competencies"]["personal_safety"]["score"]
            > result["competencies"]["personal_safety"]["score"])


def test_over_escalating_route_fails_with_amira_removed(model):
    result = play_choices(SCENARIO, OVER_ESCALATING)
    assert result["overall"] == 36
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-removed"
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_heavy_handling_all_the_way_breaks_the_relationship(model):
    result = play_choices(SCENARIO, HEAVY_ALL_THE_WAY)
    assert result["overall"] == 48
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-broken"
    assert result["ending"]["kind"] == "relationship_broken"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_one_slip_at_the_car_fails_whichever_way_it_goes():
    # The decision that matters most: after the threat, leaving Amira unseen overnight and asking
    # for her removal both fail an otherwise model play.
    back_to_office = play_choices(SCENARIO, MODEL[:9] + [1])
    removal = play_choices(SCENARIO, MODEL[:9] + [2])
    assert (back_to_office["overall"], back_to_office["ending"]["kind"]) == (65, "risk_unseen")
    assert (removal["overall"], removal["ending"]["kind"]) == (66, "over_escalated")
    assert back_to_office["passed"] is False and removal["passed"] is False


def test_a_leading_question_leaves_a_plan_about_one_bruise():
    route = MODEL[:11] + [2] + MODEL[12:]
    result = play_choices(SCENARIO, route)
    assert result["ending"]["id"] == "end-one-bruise"
    assert result["ending"]["kind"] == "drift"


def test_threat_left_out_of_the_record_drifts():
    route = MODEL[:13] + [3] + MODEL[14:]
    result = play_choices(SCENARIO, route)
    assert result["ending"]["id"] == "end-drift"
    assert result["ending"]["kind"] == "drift"


def test_seeing_her_at_school_tomorrow_overrides_the_strategy_discussion_and_fails():
    # Defect: the school route passed at 96 and the day-2 visit still said "tonight".
    late = debrief("the-dogs-at-number-nine", SCHOOL_THEN_TODAY)
    # The ending and Amira's epilogue follow the day lost: a day at home rehearsing the story.
    assert (late.overall, late.ending.id, late.ending.ending) == (
        94, "end-protected-late", "child_protected")
    assert "sickness bug" in late.ending.epilogue and "practising" in late.ending.epilogue
    assert critical_at(late) == ["how-to-visit"]
    assert late.passed is False
    notes = " ".join(n.text for n in late.chronology)
    assert "against the strategy discussion's decision" in notes
    assert "would still need to be seen today" in notes and "seen tonight" not in notes
    waited = play_choices(SCENARIO, [3, 3, 1])
    assert (waited["overall"], waited["ending"]["id"], waited["passed"]) == (34, "end-unseen", False)


def test_a_lone_visit_is_refused_by_the_manager_and_is_a_critical_fault():
    result = debrief("the-dogs-at-number-nine", LONE)
    assert (result.overall, result.ending.id) == (91, "end-protected")
    assert critical_at(result) == ["how-to-visit"]
    assert result.passed is False
    assert any("Team manager refused it" in n.text for n in result.chronology)


def test_amira_left_at_home_with_gary_after_telling_is_critical_and_the_ending_follows():
    result = debrief("the-dogs-at-number-nine", HOME_TONIGHT)
    assert (result.overall, result.ending.id, result.ending.ending) == (
        92, "end-home-tonight", "child_harmed")
    assert critical_at(result) == ["tonight"]
    assert result.passed is False
    assert "Nana" not in result.ending.epilogue


def test_every_route_that_reaches_the_protected_ending_had_amira_at_her_nanas():
    # The protected epilogue says she stayed at Nana's: true after either way of going there.
    for kitchen in (2, 3):
        route = MODEL[:12] + [kitchen] + MODEL[13:]
        result = play_choices(SCENARIO, route)
        notes = " ".join(n["text"] for n in result["chronology"])
        if result["ending"]["id"] == "end-protected":
            assert "maternal grandmother's overnight" in notes


def test_model_chronology_records_the_threat_in_full(model):
    notes = " ".join(note["text"] for note in model["chronology"])
    assert "needing a new car" in notes
    assert "Violence at Work report" in notes


def test_driving_away_after_the_threat_without_police_help_is_a_critical_fault():
    # Everything right up to the car, then back to the office: Amira unseen overnight.
    result = debrief("the-dogs-at-number-nine", MODEL[:9] + [1])
    assert (result.overall, result.ending.id, result.ending.ending) == (
        65, "end-unseen", "risk_unseen")
    assert critical_at(result) == ["in-the-car"]
    assert result.passed is False
    assert "{now}" not in " ".join(result.reasons)
