"""Pinned routes through scenarios/a-tidy-house.yaml (disguised compliance on a Child in Need plan).

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers or scores, the trainer's note
(docs/scenarios/a-tidy-house.md) must be updated with it.
"""
import pytest

from game.core import rules
from game.core.loader import check_path
from tests.helpers import play_choices, scenario_path

SCENARIO = scenario_path("a-tidy-house")

# Ring school and health first; credit the effort and ask to see the rooms; park the rent letter;
# put Bernie's account beside Kayleigh's; see Jayden alone in his room; ask about evenings; an
# honest summary; a factual record; see Jayden at school and take it to Femi; an honest account in
# supervision; unannounced Monday visit; keep to what you said at the door; name what you see;
# honest with Jayden; CIN meeting chaired by the manager; ring Marcus, the children's father; a
# strategy discussion today; a plan Kayleigh carries out herself.
MODEL = [2, 3, 1, 1, 3, 2, 2, 3, 1, 1, 2, 3, 2, 4, 3, 1, 1, 2]
# Won over throughout: no ringing round, "turned a corner", the rent letter takes the visit, the
# surgery's fault, Jayden left to his game, "a really positive visit", a glowing note, one comment
# from a child set aside, protecting the relationship, another arranged visit, step down.
WORST = [1, 1, 2, 2, 2, 1, 2, 3, 2, 3, 2]
# Going in heavy: strategy discussion on day one, a dig about notice, the letter pushed back,
# "I'll be checking", asked to leave, a label for a record, ringing Kayleigh about Jayden's
# words, "she's manipulating everyone, consider proceedings", then the unannounced visit: the
# door stays shut.
OVER_ESCALATING = [3, 2, 3, 3, 1, 2, 3, 2]
# The same, but a night-time police welfare check instead of the Monday visit.
POLICE_KNOCK = [3, 2, 3, 3, 1, 2, 3, 1]
# The model route until the end, then an emergency protection order.
LATE_EMERGENCY_ORDER = [2, 3, 1, 1, 3, 2, 2, 3, 1, 1, 2, 3, 2, 4, 2]
# The model route until the end, then a plan that only works while Early Help does it.
PLAN_ON_PAPER = MODEL[:17] + [1]
# The model, except that the meeting holds no strategy discussion: four nights a week uncovered.
NO_STRATEGY = MODEL[:16] + [2] + MODEL[17:]
# ... or the learner leaves the threshold call to the chair.
LEFT_TO_THE_CHAIR = MODEL[:16] + [3] + MODEL[17:]
# The model, except that Marcus is never asked.
MARCUS_LEFT_OUT = MODEL[:15] + [2] + MODEL[16:]
# Jayden only seen with Mum, and backing off at Monday's door; rescued by seeing him at school.
BACKED_OFF_THEN_RESCUED = [2, 3, 1, 1, 1, 2, 3, 1, 1, 2, 2, 1, 4, 3, 1, 1, 2]


@pytest.fixture(scope="module")
def model():
    return play_choices(SCENARIO, MODEL)


def test_scenario_loads_with_no_errors_or_warnings():
    scenario, problems = check_path(SCENARIO)
    assert scenario is not None
    assert [p.format() for p in problems] == []


def test_rules_hold_on_every_route():
    # About 3 seconds: walks every distinct play state, as `main.py validate` does.
    scenario, _ = check_path(SCENARIO)
    assert [p.format() for p in rules.check_rules(scenario)] == []


def test_model_route_passes_with_full_marks_and_the_good_ending(model):
    assert model["overall"] == 100
    assert model["passed"] is True
    assert model["ending"]["id"] == "end-plan-holds-dad"
    assert model["ending"]["kind"] == "child_protected"


def test_worst_route_fails_and_maisie_is_harmed():
    result = play_choices(SCENARIO, WORST)
    assert result["overall"] == 4
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-kettle"
    assert result["ending"]["kind"] == "child_harmed"
    notes = " ".join(note["text"] for note in result["chronology"])
    assert "Good progress reported" in notes
    assert "seen alone" not in notes


def test_over_escalating_route_fails_with_the_door_shut(model):
    result = play_choices(SCENARIO, OVER_ESCALATING)
    assert result["overall"] == 23
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-door-shut"
    assert result["ending"]["kind"] == "relationship_broken"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_police_welfare_check_is_over_escalation(model):
    result = play_choices(SCENARIO, POLICE_KNOCK)
    assert result["overall"] == 15
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-police-knock"
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_emergency_order_fails_even_after_a_good_play(model):
    result = play_choices(SCENARIO, LATE_EMERGENCY_ORDER)
    assert result["overall"] == 79
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-emergency-order"
    assert result["ending"]["kind"] == "over_escalated"
    assert (model["competencies"]["escalation"]["score"]
            > result["competencies"]["escalation"]["score"])


def test_a_plan_that_only_works_while_an_agency_does_it_drifts():
    result = play_choices(SCENARIO, PLAN_ON_PAPER)
    assert result["overall"] == 94
    assert result["passed"] is False
    assert result["ending"]["id"] == "end-paper-plan"
    assert result["ending"]["kind"] == "drift"


def test_backing_off_can_be_rescued_by_hearing_jayden_at_school():
    result = play_choices(SCENARIO, BACKED_OFF_THEN_RESCUED)
    assert result["overall"] == 86
    assert result["passed"] is True
    assert result["ending"]["id"] == "end-plan-holds-dad"
    notes = " ".join(note["text"] for note in result["chronology"])
    assert "Jayden NOT seen alone" in notes
    assert "Children not seen" in notes
    assert "Jayden seen alone at school" in notes


def test_ringing_round_first_lets_the_learner_put_both_accounts_side_by_side():
    # After ringing school and health, the first choice at the jabs is Bernie's account;
    # without ringing round it is only an offer to check. Same position, different score.
    informed = play_choices(SCENARIO, MODEL)
    uninformed = play_choices(SCENARIO, [1] + MODEL[1:])
    first = {r["decision_id"]: r for r in informed["decisions"]}["the-jabs"]
    second = {r["decision_id"]: r for r in uninformed["decisions"]}["the-jabs"]
    assert "Bernie has both cancellations" in first["choice_text"]
    assert "checking with Bernie" in second["choice_text"]
    assert informed["overall"] > uninformed["overall"]


def test_the_strategy_discussion_is_the_learners_call_and_it_matters(model):
    # Defect: the meeting was scripted to decide "no strategy discussion" for the learner.
    notes = " ".join(note["text"] for note in model["chronology"])
    assert "CIN meeting agreed a strategy discussion today" in notes
    for route in (NO_STRATEGY, LEFT_TO_THE_CHAIR):
        result = play_choices(SCENARIO, route)
        assert result["passed"] is False
        assert (result["ending"]["id"], result["ending"]["kind"]) == ("end-four-nights", "drift")
    assert play_choices(SCENARIO, NO_STRATEGY)["overall"] == 93
    assert play_choices(SCENARIO, LEFT_TO_THE_CHAIR)["overall"] == 95


def test_marcus_can_be_asked_and_what_he_offers_shows_in_the_plan(model):
    # Defect: the children's father was never contacted on any route.
    notes = " ".join(note["text"] for note in model["chronology"])
    assert "Marcus spoken to by phone" in notes
    assert "Father having the children alternate weekends" in notes
    left_out = play_choices(SCENARIO, MARCUS_LEFT_OUT)
    assert (left_out["overall"], left_out["passed"]) == (95, True)
    assert "alternate weekends" not in " ".join(n["text"] for n in left_out["chronology"])
    # The ending and Jayden's epilogue follow the route: Dad is in them only when he was asked.
    assert (left_out["ending"]["id"], model["ending"]["id"]) == ("end-plan-holds",
                                                                 "end-plan-holds-dad")
    assert "Dad" in model["ending"]["epilogue"]
    assert "Dad" not in left_out["ending"]["epilogue"]


# The model, except that Jayden is promised his words stay secret.
PROMISED_SECRECY = MODEL[:13] + [1] + MODEL[14:]
# The model, except that the review is kept a fortnight away after Jayden's account.
WAIT_A_FORTNIGHT = MODEL[:14] + [1]


def test_promising_a_child_secrecy_is_a_critical_fault():
    # Review: a promise of secrecy to a child who has just disclosed is a fault no score excuses.
    result = play_choices(SCENARIO, PROMISED_SECRECY)
    assert (result["overall"], result["passed"]) == (96, False)
    assert [c["decision_id"] for c in result["critical"]] == ["jaydens-question"]
    assert result["ending"]["kind"] == "child_protected"


def test_a_fortnight_of_nights_with_nothing_changed_is_a_critical_fault():
    result = play_choices(SCENARIO, WAIT_A_FORTNIGHT)
    assert (result["overall"], result["passed"]) == (81, False)
    assert [c["decision_id"] for c in result["critical"]] == ["what-next"]
    assert (result["ending"]["id"], result["ending"]["kind"]) == ("end-waiting", "drift")


def test_legal_advice_is_the_contingency_and_the_order_is_what_is_wrong(model):
    notes = " ".join(note["text"] for note in model["chronology"])
    # Review: the nights before Wednesday's meeting are covered, not left to the meeting.
    assert "must not drink while she is the only adult" in notes
    assert "legal advice is taken" in notes
    assert "strategy discussion if evening plan breaks down" not in notes
    order = play_choices(SCENARIO, LATE_EMERGENCY_ORDER)
    what_next = next(d for d in order["decisions"] if d["decision_id"] == "what-next")
    assert "Legal advice is a proper step" in what_next["feedback"]


def test_legal_advice_is_not_taught_as_over_escalation():
    # Defect: asking for a legal planning meeting was penalised. The weak choice in supervision
    # is now a hunch and a leap to proceedings, and its feedback says legal advice is proper.
    result = play_choices(SCENARIO, OVER_ESCALATING)
    supervision = next(d for d in result["decisions"] if d["decision_id"] == "supervision")
    assert "care proceedings" in supervision["choice_text"]
    assert "legal planning meeting" not in supervision["choice_text"]
    assert "proper step" in supervision["feedback"]


def test_every_variable_set_is_read_somewhere():
    from game.core.lean import observed_variables
    from game.core.loader import load_path
    scenario = load_path(SCENARIO)
    read = observed_variables(scenario)
    declared = {n for n, v in scenario.variables.items() if not v.builtin}
    assert declared - read == set()
