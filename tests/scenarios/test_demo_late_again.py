"""Pinned routes through the demo scenario, scenarios/demo-late-again.yaml.

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers, the trainer's note
(docs/scenarios/demo-late-again.md) must be updated with it.
"""
import pytest

from tests.helpers import play_choices, scenario_path

SCENARIO = scenario_path("demo-late-again")

# Knock again and wait; see Ruby today; wake and weigh her; park the letter and ask about mood,
# including plainly about thoughts of harm; the full plan (only offered once Tia has opened up); a
# full record; supervision from the chronology.
MODEL = [3, 2, 1, 2, 4, 3, 2]
# The model, except Ruby is left asleep: the weekly visits are agreed but she is weighed late.
LEFT_ASLEEP = [3, 2, 2, 2, 4, 3, 2]
# The model, except the council letter takes the visit: nobody asks about Tia's mood.
LETTER_TAKES_THE_VISIT = [3, 2, 1, 3, 3, 3, 2]
# Threaten social services at the door; glance at Ruby asleep; brush off the council letter;
# "ring when you're ready"; a record that leaves everything out; "it's in hand" in supervision.
WORST = [3, 1, 2, 1, 2, 1, 1]
# Threaten social services; "check her all over for marks"; refer to social care at the end.
OVER_ESCALATING = [3, 1, 3, 2, 1, 3, 2]
# Ring the police for a welfare check at the closed door.
POLICE_AT_THE_DOOR = [1, 3, 2]


@pytest.fixture(scope="module")
def model():
    return play_choices(SCENARIO, MODEL)


def test_model_route_passes_with_full_marks_and_the_good_ending(model):
    assert model["overall"] == 100
    assert model["passed"] is True
    assert model["ending"]["id"] == "end-good"
    assert model["ending"]["kind"] == "child_seen_safe"


def test_worst_route_fails_and_ends_in_drift():
    result = play_choices(SCENARIO, WORST)
    assert result["overall"] == 0
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-drift"
    assert result["ending"]["kind"] == "drift"


def test_over_escalating_route_fails_as_over_escalated(model):
    result = play_choices(SCENARIO, OVER_ESCALATING)
    assert result["overall"] == 49
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-over"
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_police_welfare_check_at_the_door_is_over_escalation(model):
    result = play_choices(SCENARIO, POLICE_AT_THE_DOOR)
    assert result["overall"] == 44
    assert result["passed"] is False
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["engagement"]["score"]
            > result["competencies"]["engagement"]["score"])


def test_leaving_a_card_leaves_ruby_unseen_and_supervision_calls_the_agencies_together():
    # Card through the door, then the chronology in supervision: a fourth missed contact
    # (more than three) makes the manager convene a multi-agency meeting.
    result = play_choices(SCENARIO, [2, 2])
    assert result["overall"] == 37
    assert result["ending"]["kind"] == "risk_unseen"
    assert result["passed"] is False
    notes = " ".join(note["text"] for note in result["chronology"])
    assert "multi-agency meeting" in notes


def test_leaving_ruby_asleep_ends_with_her_weighed_a_week_late_not_unseen():
    # Defect: this route failed at 83 with an epilogue saying nobody had seen Ruby since, although
    # weekly visits had been agreed.
    result = play_choices(SCENARIO, LEFT_ASLEEP)
    assert (result["overall"], result["passed"]) == (88, False)
    assert (result["ending"]["id"], result["ending"]["kind"]) == ("end-weighed-late", "drift")
    assert "Next Tuesday she opened the door" in result["ending"]["text"]
    assert "nobody outside the flat has seen her" not in result["ending"]["epilogue"]


def test_tia_answers_the_question_about_harm_only_when_it_is_asked(model):
    # Defect: Tia answered a question about thoughts of harm that the learner never asked. Now the
    # choice that asks about her mood asks it plainly, and only that choice gets her answer.
    decision = next(d for d in model["decisions"] if d["decision_id"] == "letter-or-mood")
    assert "thoughts of harming herself or Ruby" in decision["choice_text"]
    assert "Asked directly - no thoughts of harming" in " ".join(
        n["text"] for n in model["chronology"])
    unasked = play_choices(SCENARIO, LETTER_TAKES_THE_VISIT)
    assert "thoughts of harming" not in " ".join(n["text"] for n in unasked["chronology"])
