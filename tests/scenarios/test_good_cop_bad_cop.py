"""Pinned routes through scenarios/good-cop-bad-cop.yaml (splitting and complaints).

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers or scores, update the trainer's note
(docs/scenarios/good-cop-bad-cop.md) with it.
"""
import pytest

from tests.helpers import play_choices, scenario_path

SCENARIO = scenario_path("good-cop-bad-cop")

# Compare accounts with Bev; complaint to the manager; park the boiler and see Zain; his room;
# a plain summary; supervision asks for a multi-agency meeting; one message with Bev; a strategy
# discussion; a contract of expectation; a measurable plan; the early call planned with the
# manager and made with a colleague; strategy discussion + legal planning.
MODEL = [2, 4, 1, 3, 2, 1, 2, 2, 1, 3, 2, 3]
# The model, except the 8.15 call is made alone with no one told.
LONE_EARLY_CALL = MODEL[:10] + [1] + MODEL[11:]
# The gentle, collusive route: Bev does the visits; visits paused for the complaint; the boiler
# fills the visit; "I'll be in touch"; step down to early help with school in the lead.
WORST = [1, 3, 2, 1, 2]
# Going in heavy at every turn, ending with court announced at the network meeting.
OVER_ESCALATING = [3, 1, 3, 2, 3, 3, 1, 3]
# Heavy-handed throughout but without announcing court: the lowest score `analyse` finds.
HEAVY_THROUGHOUT = [1, 1, 3, 1, 1, 3, 1, 1, 3, 1, 1, 1]


@pytest.fixture(scope="module")
def model():
    return play_choices(SCENARIO, MODEL)


def test_model_route_scores_full_marks_and_protects_zain(model):
    assert model["overall"] == 100
    assert model["passed"] is True
    assert model["ending"]["id"] == "end-protected"
    assert model["ending"]["kind"] == "child_protected"


def test_model_route_hears_zain_and_records_the_contract_and_contingency(model):
    notes = " ".join(note["text"] for note in model["chronology"])
    assert "comes back sometimes, when I'm in bed" in notes
    assert "Contract of expectation" in notes
    assert "legal planning meeting" in notes


def test_worst_route_leaves_zain_unseen_and_fails():
    result = play_choices(SCENARIO, WORST)
    assert result["overall"] == 24
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-unseen"
    assert result["ending"]["kind"] == "risk_unseen"


def test_over_escalating_route_fails_as_over_escalated(model):
    result = play_choices(SCENARIO, OVER_ESCALATING)
    assert result["overall"] == 15
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-over"
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_heavy_handed_route_breaks_the_relationship():
    result = play_choices(SCENARIO, HEAVY_THROUGHOUT)
    assert result["overall"] == 0
    assert result["passed"] is False
    assert result["ending"]["kind"] == "relationship_broken"


def test_an_emergency_order_at_the_last_step_fails_an_otherwise_model_route():
    # Everything right until the breach, then an emergency protection order: a high score
    # cannot pass with an over-escalated ending.
    result = play_choices(SCENARIO, MODEL[:-1] + [4])
    assert result["overall"] == 89
    assert result["passed"] is False
    assert result["ending"]["kind"] == "over_escalated"


def test_closing_the_case_after_the_breach_leaves_zain_at_risk():
    result = play_choices(SCENARIO, MODEL[:-1] + [1])
    assert result["overall"] == 89
    assert result["passed"] is False
    assert result["ending"]["kind"] == "risk_unseen"
    # Review: withdrawing on the morning of the breach is a critical fault.
    assert [c["decision_id"] for c in result["critical"]] == ["four-weeks-decision"]


def test_one_more_chance_at_the_end_drifts_and_fails_despite_the_score():
    # Documented in the trainer's note: one soft decision after good work ends in drift,
    # and drift never passes, whatever the points.
    result = play_choices(SCENARIO, MODEL[:-1] + [2])
    assert result["overall"] == 90
    assert result["ending"]["kind"] == "drift"
    assert result["passed"] is False


def test_the_early_unannounced_call_is_a_safety_decision(model):
    # Defect: the 8.15 call was made alone, with no safety decision at all.
    notes = " ".join(n["text"] for n in model["chronology"])
    assert "joint with a colleague; whereabouts and call-back left" in notes
    lone = play_choices(SCENARIO, LONE_EARLY_CALL)
    assert lone["overall"] == 96
    # Review: alone, before anyone knows where you are, is a critical fault; it passed at 96.
    assert lone["passed"] is False
    assert [c["decision_id"] for c in lone["critical"]] == ["early-call"]
    assert "whereabouts" in lone["critical"][0]["why"]
    # With police at the door instead it is heavy-handed, not dangerous: it still passes.
    police = play_choices(SCENARIO, MODEL[:10] + [3, 3])
    assert (police["overall"], police["passed"], police["critical"]) == (96, True, [])
    assert (lone["competencies"]["personal_safety"]["score"]
            < model["competencies"]["personal_safety"]["score"])
    decision = next(d for d in lone["decisions"] if d["decision_id"] == "early-call")
    assert decision["cost"] > 0 and "Jess" in decision["better"]
