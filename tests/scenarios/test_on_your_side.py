"""Pinned routes through scenarios/on-your-side.yaml (a health visitor in a split: one parent's ally).

Routes are 1-based choice numbers among the choices offered at each decision, in order, played
through the one play loop (game.core.play.play_route); the verdict is Debrief.passed. If a change
to the scenario moves one of these numbers or scores, the trainer's note
(docs/scenarios/on-your-side.md) must be updated with it.
"""
import pytest

from game.core import rules
from game.core.analysis import analyse
from game.core.loader import check_path, load_path
from game.core.play import Mode, play_route
from tests.helpers import scenario_path
from tests.scenarios.pinned import length_tells

SCENARIO = scenario_path("on-your-side")

# Ring the social worker before the visit; honest limits of confidentiality; watch a feed made up;
# face Andre and write to him; the two mood questions; share the same day and tell Siobhán; no
# letter for the complaint; a record of facts and sources; name your own pull in supervision; no
# surprises the night before; one account at the core group; a measurable health plan; the
# paediatric assessment unit now; discharge through a planning meeting; stay, on Maya's side.
MODEL = [1, 2, 3, 2, 1, 3, 2, 1, 3, 1, 2, 3, 1, 3, 2]
UP_TO_THE_PLAN = MODEL[:11]
UP_TO_THE_SLEEPY_BABY = MODEL[:12]
UP_TO_DISCHARGE = MODEL[:13]
UP_TO_THE_STEP = MODEL[:14]
# The lowest total any route can reach (the worst route `analyse` reports): a curt text to the
# social worker, a warning to keep quiet, "always petite", Andre left to Siobhán, a threat about
# her mood, a strategy discussion demanded, the complaint discouraged, a labelling record, asking
# to hand the family over, "of course x", "no concerns", "as before", Lorna rung before hospital,
# home on the ward's say-so, then secrecy promised.
WORST = [2, 1, 1, 1, 3, 2, 1, 3, 2, 2, 3, 2, 3, 1, 1]
# Won over: a grievance about the social worker, secrecy promised, "always petite", Andre left
# out, "doing brilliantly", kept for the core group, a supportive letter, a glowing record, "no
# concerns about my involvement", "of course x", and "no concerns" at the core group.
WON_OVER = [3, 3, 1, 1, 2, 1, 3, 2, 1, 2, 3]
# Going in heavy: a curt text, a warning to keep quiet, "watering down is dangerous", leaving when
# a Deaf father slaps the table, and a strategy discussion demanded: she shuts the door.
OVER_ESCALATING = [2, 1, 2, 3, 2]
# The model route, then foster care proposed at the core group.
FOSTER_CARE_AT_CORE_GROUP = UP_TO_THE_PLAN + [1]
# The model route, then the critical fault: a floppy, dry baby left for a Monday GP appointment.
MONDAY_GP = UP_TO_THE_SLEEPY_BABY + [2]
# The model route, then Lorna rung before the paediatric unit.
LORNA_FIRST = UP_TO_THE_SLEEPY_BABY + [3] + MODEL[13:]
# The model route, then "she should go to foster carers" to the ward.
FOSTER_CARE_AT_DISCHARGE = UP_TO_DISCHARGE + [2]
# The model route, then secrecy to win her back, or handing the family over.
CONFIDANTE = UP_TO_THE_STEP + [1]
HANDED_OVER = UP_TO_THE_STEP + [3]
# Everything right except Andre: left to Siobhán to pass things on.
ANDRE_LEFT_OUT = MODEL[:3] + [1] + MODEL[4:]


@pytest.fixture(scope="module")
def scenario():
    return load_path(SCENARIO)


def play(scenario, numbers):
    return play_route(scenario, numbers, mode=Mode.ASSESSED)[1]


def reviews(debrief):
    return {r.decision_id: r for r in debrief.decisions}


def test_scenario_loads_with_no_errors_or_warnings():
    scenario, problems = check_path(SCENARIO)
    assert scenario is not None
    assert [p.format() for p in problems] == []


def test_rules_hold_on_every_route():
    scenario, _ = check_path(SCENARIO)
    assert [p.format() for p in rules.check_rules(scenario)] == []


def test_model_route_is_the_best_route_and_passes_with_one_message(scenario):
    assert list(analyse(scenario).best_choices) == MODEL
    debrief = play(scenario, MODEL)
    assert debrief.overall == 100
    assert debrief.passed is True
    assert debrief.critical == ()
    assert debrief.ending.id == "end-one-message"
    assert debrief.ending.ending == "child_protected"
    notes = " ".join(n.text for n in debrief.chronology)
    assert "Over-diluted feeds" in notes
    assert "Shared with social worker the same day" in notes
    assert "Interpreter requested" in notes


def test_worst_route_scores_nothing_and_drifts_in_secrecy(scenario):
    debrief = play(scenario, WORST)
    assert debrief.overall == 0
    assert debrief.passed is False
    assert debrief.ending.id == "end-confidante"
    assert debrief.ending.ending == "drift"


def test_won_over_route_ends_with_maya_in_intensive_care(scenario):
    debrief = play(scenario, WON_OVER)
    assert debrief.overall == 10
    assert debrief.passed is False
    assert debrief.ending.id == "end-no-concerns"
    assert debrief.ending.ending == "child_harmed"


def test_over_escalating_route_shuts_the_door_on_health(scenario):
    debrief = play(scenario, OVER_ESCALATING)
    assert debrief.overall == 35
    assert debrief.passed is False
    assert debrief.ending.id == "end-door-shut"
    assert debrief.ending.ending == "relationship_broken"
    assert "Father not spoken with" in " ".join(n.text for n in debrief.chronology)


def test_foster_care_at_the_core_group_is_over_escalation(scenario):
    debrief = play(scenario, FOSTER_CARE_AT_CORE_GROUP)
    assert debrief.overall == 81
    assert debrief.passed is False
    assert debrief.ending.id == "end-meeting-turned"
    assert debrief.ending.ending == "over_escalated"


def test_a_monday_gp_appointment_for_a_floppy_baby_is_a_critical_fault(scenario):
    debrief = play(scenario, MONDAY_GP)
    assert debrief.overall == 85
    assert debrief.passed is False
    assert debrief.ending.id == "end-seizure"
    assert debrief.ending.ending == "child_harmed"
    assert [f.decision_id for f in debrief.critical] == ["sleepy-choice"]
    assert "same-day medical assessment" in debrief.critical[0].why


def test_ringing_the_social_worker_before_hospital_costs_and_gives_the_poorer_ending(scenario):
    debrief = play(scenario, LORNA_FIRST)
    assert debrief.overall == 92
    assert debrief.passed is True
    assert debrief.ending.id == "end-steady"
    assert reviews(debrief)["sleepy-choice"].cost > 0


def test_foster_care_at_discharge_keeps_maya_on_the_ward(scenario):
    debrief = play(scenario, FOSTER_CARE_AT_DISCHARGE)
    assert debrief.overall == 89
    assert debrief.passed is False
    assert debrief.ending.id == "end-kept-on-ward"
    assert debrief.ending.ending == "over_escalated"


def test_buying_back_her_trust_with_secrecy_drifts(scenario):
    debrief = play(scenario, CONFIDANTE)
    assert debrief.overall == 92
    assert debrief.passed is False
    assert debrief.ending.id == "end-confidante"
    assert debrief.ending.ending == "drift"


def test_handing_the_family_over_leaves_maya_unseen(scenario):
    debrief = play(scenario, HANDED_OVER)
    assert debrief.overall == 92
    assert debrief.passed is False
    assert debrief.ending.id == "end-handed-over"
    assert debrief.ending.ending == "risk_unseen"


def test_leaving_andre_out_changes_the_core_group_and_the_ending(scenario):
    debrief = play(scenario, ANDRE_LEFT_OUT)
    assert debrief.overall == 93
    assert debrief.passed is True
    assert debrief.ending.id == "end-steady"
    assert "andre-absent" in debrief.route and "andre-at-core-group" not in debrief.route
    report = reviews(debrief)["core-group-report"]
    assert "never once had an interpreter" in report.choice_text


def test_watching_the_feed_brings_out_the_money_even_after_a_warning(scenario):
    # Warned to watch what she says, Siobhán keeps quiet; watching the bottle being made up
    # still brings it out.
    warned = play(scenario, [1, 1] + MODEL[2:])
    assert "late-confiding" in warned.route
    assert warned.overall < 100


def test_the_answer_is_not_given_away_by_length():
    # (decisions with a best choice, best is the longest, best is the shortest): neither in more
    # than a third of decisions (chance is about a third with three options).
    counted, longest, shortest = length_tells("on-your-side")
    assert (counted, longest, shortest) == (15, 1, 3)
    assert longest * 3 <= counted and shortest * 3 <= counted
