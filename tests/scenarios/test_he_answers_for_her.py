"""Pinned routes through scenarios/he-answers-for-her.yaml.

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers, the trainer's note
(docs/scenarios/he-answers-for-her.md) must be updated with it.
"""
import pytest

from game.core.loader import check_path
from game.core.rules import check_rules
from tests.helpers import play_choices, scenario_path
from tests.scenarios.routes import critical_at, debrief

SCENARIO = scenario_path("he-answers-for-her")

# Frame the call around the police call-out and ask for Natalia; checks and a joint visit with Sam;
# turn down Craig as interpreter; questions to Natalia by name while noting who answers; routine
# household questions; Zosia shows her room while Sam keeps Craig talking; good days and bad days;
# separate meetings booked for both parents; Craig's allegation noted as his account; a factual
# record; Craig engaged as a parent without becoming the channel; forms at the end, Zosia first;
# MARAC and an independent adviser for her high-risk answers; a professionals-only meeting with a
# plan for what each parent is told.
MODEL = [2, 3, 1, 3, 1, 2, 3, 4, 2, 3, 2, 3, 1, 1]
# The lowest total the story allows: shut Craig out on the phone, then police on the visit; let him
# interpret and answer; take his word about the household; demand to see Zosia alone; don't seek
# Natalia alone; adopt his account of her drinking; a rosy record; make him the family's contact;
# then swing to announcing child protection enquiries to both together.
WORST = [3, 2, 2, 1, 2, 3, 3, 1, 1, 3, 4]
# Collusion all the way: tell Craig what Zosia said; go alone without checks; let him interpret and
# answer; take his word about the household; leave Zosia upstairs; don't seek Natalia alone; adopt
# his account of her drinking; a rosy record; make him the family's contact; close with advice.
COLLUSIVE = [1, 1, 2, 1, 2, 4, 3, 1, 1, 3, 3]
# Shut Craig out on the phone; police on the visit; lecture him on the doorstep; name his control
# in front of her; confront him with his boots and post; demand to see Zosia alone; ask Natalia
# about him within earshot; tell him he is manipulating you; "coercive control confirmed"; keep
# him out; announce child protection enquiries to both together and ask him to leave.
OVER_ESCALATING = [3, 2, 3, 2, 3, 3, 1, 3, 2, 1, 4]
# Heavy-handed but not enough to stop Natalia coming: then an ultimatum to her on her own.
ULTIMATUM = [3, 1, 3, 2, 2, 1, 4, 2, 2, 2, 2]
# The charming perpetrator: let him interpret and lead, then adopt his account of Natalia.
# Even a professionals-only meeting then follows his agenda.
STEERED = [2, 1, 2, 1, 1, 1, 4, 1, 3, 2, 1, 1]
# The model route, except that Craig is made the family's contact: Natalia's appointment is
# cancelled by text, and the worker reaches her through the school instead.
CONTACT_THROUGH_CRAIG = [2, 3, 1, 3, 1, 2, 3, 4, 2, 3, 3, 2, 3, 1, 1]
# The model route, except that the last step is a family meeting with Craig in the room.
FAMILY_MEETING_AT_THE_END = [2, 3, 1, 3, 1, 2, 3, 4, 2, 3, 2, 3, 1, 2]
# The model route, except that her high-risk answers are left with her: no MARAC referral.
NOT_REFERRED = MODEL[:12] + [2] + MODEL[13:]
# ... or Craig is arrested on the spot without her agreement.
ARREST_NOW = MODEL[:12] + [3]


@pytest.fixture(scope="module")
def model():
    return play_choices(SCENARIO, MODEL)


def test_model_route_passes_with_full_marks_and_zosia_protected(model):
    assert model["overall"] == 100
    assert model["passed"] is True
    assert model["ending"]["id"] == "end-protected"
    assert model["ending"]["kind"] == "child_protected"


def test_worst_route_scores_nothing_and_swings_from_backing_off_to_going_in_heavy():
    result = play_choices(SCENARIO, WORST)
    assert result["overall"] == 0
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-over"
    assert result["ending"]["kind"] == "over_escalated"


def test_colluding_throughout_fails_and_zosia_pays_for_having_spoken():
    result = play_choices(SCENARIO, COLLUSIVE)
    assert result["overall"] == 4
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-harmed"
    assert result["ending"]["kind"] == "child_harmed"


def test_over_escalating_route_fails_as_over_escalated(model):
    result = play_choices(SCENARIO, OVER_ESCALATING)
    assert result["overall"] == 12
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-over"
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_an_ultimatum_to_natalia_breaks_the_relationship(model):
    result = play_choices(SCENARIO, ULTIMATUM)
    assert result["overall"] == 36
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-broken"
    assert result["ending"]["kind"] == "relationship_broken"
    assert (model["competencies"]["engagement"]["score"]
            > result["competencies"]["engagement"]["score"])


def test_adopting_craigs_account_leaves_the_risk_unseen():
    result = play_choices(SCENARIO, STEERED)
    assert result["overall"] == 53
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-steered"
    assert result["ending"]["kind"] == "risk_unseen"


def test_making_craig_the_contact_costs_an_appointment_that_the_school_route_recovers():
    result = play_choices(SCENARIO, CONTACT_THROUGH_CRAIG)
    assert result["overall"] == 95
    assert result["passed"] is True
    assert result["ending"]["id"] == "end-protected"
    notes = " ".join(note["text"] for note in result["chronology"])
    assert "cancelled by text" in notes
    assert "via school family support worker" in notes


def test_a_family_meeting_with_craig_present_fails_despite_good_work_before_it():
    result = play_choices(SCENARIO, FAMILY_MEETING_AT_THE_END)
    assert result["overall"] == 89
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-family"
    assert result["ending"]["kind"] == "risk_unseen"


def test_scenario_loads_without_errors_or_warnings_and_keeps_its_size():
    scenario, problems = check_path(SCENARIO)
    assert problems == []
    assert len(scenario.nodes) <= 90
    assert len(scenario.decisions) >= 10
    assert len(scenario.endings) >= 3


@pytest.mark.slow
def test_scenario_rules_hold_on_every_route():
    # The rules include "protected only when Zosia and Natalia were both heard away from Craig
    # and the household is known"; this walks every play state the story allows (a few seconds).
    scenario, _ = check_path(SCENARIO)
    assert check_rules(scenario) == []


def test_high_risk_answers_go_to_marac_and_leaving_them_with_her_is_critical(model):
    # Defect: no decision about a domestic abuse referral although her answers warranted one.
    notes = " ".join(n["text"] for n in model["chronology"])
    assert "MARAC referral is being made" in notes
    assert "A domestic abuse adviser works with her" in model["ending"]["text"]
    result = debrief("he-answers-for-her", NOT_REFERRED)
    assert (result.overall, result.ending.id, result.ending.ending) == (
        92, "end-not-referred", "child_harmed")
    assert critical_at(result) == ["risk-answers"]
    assert result.passed is False
    assert "domestic abuse adviser" not in result.ending.text


def test_arresting_craig_without_her_agreement_is_over_escalation():
    result = play_choices(SCENARIO, ARREST_NOW)
    assert (result["overall"], result["passed"]) == (85, False)
    assert (result["ending"]["id"], result["ending"]["kind"]) == ("end-over", "over_escalated")


def test_he_set_the_agenda_says_the_professionals_meeting_went_ahead():
    result = play_choices(SCENARIO, STEERED)
    assert result["ending"]["id"] == "end-steered"
    assert "professionals' meeting goes ahead" in result["ending"]["text"]


# The model route, except that the first call tells Craig what Zosia said at school.
TOLD_CRAIG = [1] + MODEL[1:]
# The model route until the end, then the case is closed with advice.
CLOSED_AT_THE_END = MODEL[:13] + [3]


def test_telling_craig_that_zosia_spoke_is_a_critical_fault():
    # Review: this passed at 94 with Zosia protected. Telling the adult a child described that
    # she has spoken about him, before she is seen or safe, fails whatever follows.
    result = debrief("he-answers-for-her", TOLD_CRAIG)
    assert (result.overall, result.passed) == (94, False)
    assert critical_at(result) == ["first-call"]
    assert result.ending.ending == "child_protected"


def test_closing_the_case_is_a_critical_fault_and_its_ending_fits_a_marac_referral():
    result = debrief("he-answers-for-her", CLOSED_AT_THE_END)
    assert (result.overall, result.passed) == (87, False)
    assert critical_at(result) == ["decide-next"]
    assert (result.ending.id, result.ending.ending) == ("end-closed", "risk_unseen")
    # The MARAC referral was made on this route, so the ending no longer says nobody reported.
    assert "nobody reports anything" not in result.ending.text
    assert critical_at(debrief("he-answers-for-her", COLLUSIVE)) == ["first-call", "decide-next"]


def test_the_interpreter_feedback_says_what_it_costs_natalia():
    result = play_choices(SCENARIO, [2, 3, 2, 3, 1, 2, 3, 4, 2, 3, 2, 3, 1])
    interpreter = next(d for d in result["decisions"] if d["decision_id"] == "interpreter")
    assert "safe to tell" in interpreter["feedback"]
    assert result["decided_by"]["decision_id"] == "interpreter"
    assert (result["overall"], result["passed"], result["ending"]["kind"]) == (90, False, "drift")
