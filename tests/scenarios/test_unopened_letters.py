"""Pinned routes through scenarios/unopened-letters.yaml.

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers, the trainer's note
(docs/scenarios/unopened-letters.md) must be updated with it.
"""
import pytest

from game.core.loader import load_path
from game.core.play import play_route
from tests.helpers import play_choices, scenario_path

SCENARIO = scenario_path("unopened-letters")

# Keep an open mind and see Ruth today; go this morning with a phone interpreter; ring Joseph
# first; the interpreter through the letterbox; a plain introduction; take the interpreter worry
# seriously; see Ruth with Selam; ask what the letters meant to them; the honest answer about
# powers; the milk said with respect; lift the weight off Yonas; the hospital's children's unit
# today; a checked summary;
# a full record; keep the case open with the network told; fix the clinic's interpreter gap.
MODEL = [2, 3, 1, 2, 2, 2, 3, 1, 2, 3, 1, 3, 3, 1, 3, 2]
# The lowest total a learner can reach (the worst route `analyse` reports): "only a language
# problem", Yonas interprets and you carry on, court at the door, then the police; back with an
# interpreter but Dawit asked to interpret; Ruth seen; expectations before understanding; "no";
# the milk left to the doctors; Yonas reads the letters; the clinic's number; a promise to
# close; "no concerns" on the record; and the case closed.
WORST = [3, 1, 1, 3, 1, 2, 3, 3, 2, 1, 1, 2, 2, 2, 2, 2]
# Going in heavy before anyone has spoken Tigrinya: "concealment", a police welfare check, then
# a strategy discussion because they opened to the police.
POLICE_THEN_STRATEGY = [1, 4, 1]
# Going in heavy at the door: Joseph asked to pass on a warning, court at the door, back with
# Joseph, then straight into the bedroom uninvited.
COURT_AT_THE_DOOR = [1, 3, 2, 2, 4, 3, 1, 2]
# The whole model visit, then a strategy discussion at the office.
STRATEGY_AFTER_A_GOOD_VISIT = [2, 3, 1, 2, 2, 2, 3, 1, 2, 3, 1, 3, 3, 1, 1]
# Everything right, except that Yonas interprets from start to finish.
YONAS_INTERPRETS = [2, 1, 1, 1, 3, 1, 2, 1, 1, 3, 3, 1, 3]
# Everything right, except waiting three days for a face-to-face interpreter: Ruth is worse,
# and calling 999 then is right but too late.
FACE_TO_FACE_WAIT = [2, 2, 1, 2, 2, 2, 3, 1, 2, 3, 1, 2, 1, 3]
# The model, except a GP slot this afternoon instead of the hospital today.
GP_TODAY = MODEL[:11] + [4] + MODEL[12:]
# Everything right at the door, then Ruth is left asleep and the visit ends.
RUTH_LEFT_ASLEEP = [2, 3, 1, 2, 2, 2, 1, 1, 3]


@pytest.fixture(scope="module")
def model():
    return play_choices(SCENARIO, MODEL)


def test_model_route_passes_with_full_marks_and_ruth_seen_safe(model):
    assert model["overall"] == 100
    assert model["passed"] is True
    assert model["ending"]["id"] == "end-safe"
    assert model["ending"]["kind"] == "child_seen_safe"


def test_model_route_records_the_interpreter_and_keeps_the_case_open(model):
    notes = " ".join(note["text"] for note in model["chronology"])
    assert "telephone interpreting (Tigrinya)" in notes
    assert "Assessment stays open" in notes


def test_worst_route_scores_nothing_and_ruth_drifts():
    result = play_choices(SCENARIO, WORST)
    assert result["overall"] == 0
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-drift"
    assert result["ending"]["kind"] == "drift"


def test_police_then_strategy_discussion_fails_as_over_escalated(model):
    result = play_choices(SCENARIO, POLICE_THEN_STRATEGY)
    assert result["overall"] == 29
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-over"
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_court_at_the_door_breaks_the_relationship(model):
    result = play_choices(SCENARIO, COURT_AT_THE_DOOR)
    assert result["overall"] == 40
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-broken"
    assert result["ending"]["kind"] == "relationship_broken"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])
    assert (model["competencies"]["engagement"]["score"]
            > result["competencies"]["engagement"]["score"])


def test_strategy_discussion_after_a_good_visit_is_over_escalation_and_never_a_pass(model):
    # The points are high (one wrong call after fifteen good ones), but an over-escalated
    # ending is never a pass.
    result = play_choices(SCENARIO, STRATEGY_AFTER_A_GOOD_VISIT)
    assert result["overall"] == 86
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-over"
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_keeping_yonas_as_interpreter_fails_and_ruth_drifts():
    result = play_choices(SCENARIO, YONAS_INTERPRETS)
    assert result["overall"] == 66
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-filtered"
    assert result["ending"]["kind"] == "drift"


def test_leaving_ruth_asleep_fails_and_she_is_never_seen():
    result = play_choices(SCENARIO, RUTH_LEFT_ASLEEP)
    assert result["overall"] == 65
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-unseen"
    assert result["ending"]["kind"] == "risk_unseen"


def test_waiting_three_days_for_an_interpreter_ends_with_a_transfusion():
    # Defect: this route passed at 93, because nothing after Ruth was seen read `ruth_worse`.
    result = play_choices(SCENARIO, FACE_TO_FACE_WAIT)
    assert result["overall"] == 86
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-late"
    assert result["ending"]["kind"] == "child_harmed"
    notes = " ".join(note["text"] for note in result["chronology"])
    assert "999 called" in notes and "Breathing fast at rest" in notes


def test_the_model_takes_a_breathless_anaemic_toddler_to_hospital_the_same_day(model):
    # Defect: the model answer was a GP appointment for a child pale inside her lips and
    # breathless on crying. A GP slot still gets her there today, at a cost.
    notes = " ".join(note["text"] for note in model["chronology"])
    assert "Children's assessment unit at the hospital agreed to see Ruth this afternoon" in notes
    assert "did not need a transfusion" in model["ending"]["text"]
    gp = play_choices(SCENARIO, GP_TODAY)
    assert (gp["overall"], gp["ending"]["id"]) == (97, "end-safe")
    decision = next(d for d in gp["decisions"] if d["decision_id"] == "plan-today")
    assert decision["cost"] > 0 and "children's assessment unit" in decision["better"]


def test_the_yonas_route_has_the_door_opening_beat():
    state, _ = play_route(load_path(SCENARIO), YONAS_INTERPRETS)
    assert "yonas-door-opens" in state.route


# After the three-day wait Ruth is breathless at rest: a GP slot or a booking line is then a
# critical fault, and the ending stays the transfusion whatever else went well.
WAIT_THEN_GP = FACE_TO_FACE_WAIT[:11] + [3, 3, 1, 3]
WAIT_THEN_CLINIC_NUMBER = FACE_TO_FACE_WAIT[:11] + [1, 3, 1, 3]


@pytest.mark.parametrize("route, overall, choice", [
    (WAIT_THEN_GP, 83, "plan-today#7"),
    (WAIT_THEN_CLINIC_NUMBER, 81, "plan-today#3"),
])
def test_no_emergency_call_for_a_toddler_breathless_at_rest_is_a_critical_fault(
        route, overall, choice):
    result = play_choices(SCENARIO, route)
    assert result["overall"] == overall
    assert result["passed"] is False
    assert [fault["choice"] for fault in result["critical"]] == [choice]
    assert result["ending"]["id"] == "end-late"
    assert result["ending"]["kind"] == "child_harmed"


def test_leaving_ruth_asleep_is_a_critical_fault():
    result = play_choices(SCENARIO, RUTH_LEFT_ASLEEP)
    assert [fault["choice"] for fault in result["critical"]] == ["see-ruth#1"]
    assert (result["overall"], result["passed"], result["ending"]["id"]) == (65, False, "end-unseen")
