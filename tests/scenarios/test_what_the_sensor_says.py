"""Pinned routes through scenarios/what-the-sensor-says.yaml (a child on a protection plan, over months).

Routes are 1-based choice numbers among the choices offered at each decision, in order, played
through the one play loop (game.core.play.play_route); the verdict is Debrief.passed. If a change
to the scenario moves one of these numbers or scores, the trainer's note
(docs/scenarios/what-the-sensor-says.md) must be updated with it.
"""
import pytest

from game.core import rules
from game.core.loader import check_path, load_path
from game.core.play import Mode, play_route
from tests.helpers import scenario_path
from tests.scenarios.pinned import length_tells

SCENARIO = scenario_path("what-the-sensor-says")

# Core group within three working days; Ethan's ordinary day; the honest answer to "will we have
# to go back?"; the Home Office fear answered truthfully; objective by objective at the core
# group; Por Por with an interpreter and Kelvin brought in; a record that can be checked; a joint
# evening visit with the nurse and an interpreter; Por Por's fear met with a pen she can read;
# "no change despite input" said in supervision; review conference forward and the legal gateway;
# pre-proceedings, not proceedings; the letter explained in person; hospital on the sick night;
# the plan kept, rewritten around pre-proceedings.
MODEL = [2, 3, 1, 2, 1, 3, 2, 1, 3, 1, 1, 3, 1, 3, 1]
UP_TO_SUPERVISION = MODEL[:10]
UP_TO_THE_LETTER = MODEL[:13]
# The lowest total any route can reach (the worst route `analyse` reports): the core group left
# to its date, a yes/no question about Mummy, a promise of confidentiality, foster care proposed,
# Por Por left to Winnie, a glowing record, Ethan as interpreter, another month, an interim care
# order asked for, then proceedings issued at the legal planning meeting.
WORST = [1, 1, 3, 3, 1, 1, 2, 2, 3, 2]
# Won over (under-reacting throughout): the core group left to its date, home not asked about,
# the confidentiality promise, a nurse to do it, Kelvin left out, a glowing record, Ethan as
# interpreter, "real gains", and "keep going until October".
WON_OVER = [1, 2, 3, 2, 2, 1, 2, 2, 2]
# Going in heavy: a police welfare check, a yes/no question, immigration brushed aside, foster
# care proposed in front of Winnie, "falsifying" in the record, police on the evening visit.
OVER_ESCALATING = [3, 1, 1, 3, 1, 3, 3]
# The model route, then an interim care order asked for and proceedings issued at the meeting.
RUSH_TO_COURT = UP_TO_SUPERVISION + [3, 2]
# The model route, then police protection on the sick night instead of an ambulance.
POLICE_PROTECTION = UP_TO_THE_LETTER + [1]
# The model route, then the critical fault: Ethan in DKA left at home until the morning.
SICK_NIGHT_AT_HOME = UP_TO_THE_LETTER + [2]
# A careful worker who will not go to legal: everything right until "keep going until October".
NO_LEGAL_PLANNING = UP_TO_SUPERVISION + [2]
# Everything right, then the plan ended at the review conference.
PLAN_ENDED = MODEL[:14] + [2]
# Everything right, then proceedings recommended at the review conference.
PROCEEDINGS_AT_CONFERENCE = MODEL[:14] + [3]
# Everything right except Kelvin left out: protected, but with one person carrying it.
KELVIN_LEFT_OUT = MODEL[:5] + [2] + MODEL[6:]


@pytest.fixture(scope="module")
def scenario():
    return load_path(SCENARIO)


def play(scenario, numbers):
    return play_route(scenario, numbers, mode=Mode.ASSESSED)[1]


def competency(debrief, name):
    return {c.name: c.score for c in debrief.competencies}[name]


def test_scenario_loads_with_no_errors_or_warnings():
    scenario, problems = check_path(SCENARIO)
    assert scenario is not None
    assert [p.format() for p in problems] == []


def test_rules_hold_on_every_route():
    scenario, _ = check_path(SCENARIO)
    assert [p.format() for p in rules.check_rules(scenario)] == []


def test_model_route_passes_with_full_marks_and_the_family_in_the_plan(scenario):
    debrief = play(scenario, MODEL)
    assert debrief.overall == 100
    assert debrief.passed is True
    assert debrief.critical == ()
    assert debrief.ending.id == "end-family"
    assert debrief.ending.ending == "child_protected"
    notes = " ".join(n.text for n in debrief.chronology)
    assert "core group convened for Thursday 5 June" in notes
    assert "Pre-proceedings begun" in notes


def test_worst_route_scores_nothing_and_ends_in_court(scenario):
    debrief = play(scenario, WORST)
    assert debrief.overall == 0
    assert debrief.passed is False
    assert debrief.ending.id == "end-court"
    assert debrief.ending.ending == "over_escalated"


def test_won_over_route_drifts_until_ethan_collapses(scenario):
    debrief = play(scenario, WON_OVER)
    assert debrief.overall == 9
    assert debrief.passed is False
    assert debrief.ending.id == "end-november"
    assert debrief.ending.ending == "child_harmed"


def test_over_escalating_route_shuts_the_door(scenario):
    debrief = play(scenario, OVER_ESCALATING)
    assert debrief.overall == 14
    assert debrief.passed is False
    assert debrief.ending.id == "end-door-shut"
    assert debrief.ending.ending == "relationship_broken"


def test_rushing_to_court_fails_though_the_work_before_it_was_good(scenario):
    model = play(scenario, MODEL)
    debrief = play(scenario, RUSH_TO_COURT)
    assert debrief.overall == 70
    assert debrief.passed is False
    assert debrief.ending.id == "end-court"
    assert debrief.ending.ending == "over_escalated"
    assert competency(model, "escalation") > competency(debrief, "escalation")


def test_legal_planning_is_the_proper_step_and_waiting_for_the_review_drifts(scenario):
    # Legal planning is taught as a proper step when co-operation is withheld: declining it
    # ("keep going until October") drifts, however good the work before it.
    debrief = play(scenario, NO_LEGAL_PLANNING)
    assert debrief.overall == 75
    assert debrief.passed is False
    assert debrief.ending.id == "end-same-plan"
    assert debrief.ending.ending == "drift"
    asked = {r.decision_id: r for r in play(scenario, MODEL).decisions}["next-step"]
    assert "legal gateway" in asked.choice_text
    assert asked.better is None and asked.scores["escalation"] == 3
    waited = {r.decision_id: r for r in debrief.decisions}["next-step"]
    assert waited.cost > 0 and "legal gateway" in waited.better


def test_police_protection_on_the_sick_night_is_over_escalation(scenario):
    debrief = play(scenario, POLICE_PROTECTION)
    assert debrief.overall == 87
    assert debrief.passed is False
    assert debrief.ending.id == "end-police-protection"
    assert debrief.ending.ending == "over_escalated"


def test_leaving_ethan_at_home_in_dka_is_a_critical_fault(scenario):
    debrief = play(scenario, SICK_NIGHT_AT_HOME)
    assert debrief.overall == 86
    assert debrief.passed is False
    assert debrief.ending.id == "end-intensive-care"
    assert debrief.ending.ending == "child_harmed"
    assert [f.decision_id for f in debrief.critical] == ["sick-night-choice"]
    assert "ketoacidosis" in debrief.critical[0].why
    assert any("ketoacidosis" in reason for reason in debrief.reasons)


def test_ending_the_plan_at_the_review_leaves_ethan_unseen(scenario):
    debrief = play(scenario, PLAN_ENDED)
    assert debrief.overall == 92
    assert debrief.passed is False
    assert debrief.ending.id == "end-plan-ended"
    assert debrief.ending.ending == "risk_unseen"


def test_proceedings_at_the_review_conference_is_over_escalation(scenario):
    debrief = play(scenario, PROCEEDINGS_AT_CONFERENCE)
    assert debrief.overall == 92
    assert debrief.passed is False
    assert debrief.ending.id == "end-court"


def test_leaving_the_father_out_still_protects_but_gives_a_poorer_ending(scenario):
    debrief = play(scenario, KELVIN_LEFT_OUT)
    assert debrief.overall == 93
    assert debrief.passed is True
    assert debrief.ending.id == "end-deadline"
    assert debrief.ending.ending == "child_protected"


def test_a_late_core_group_meets_three_weeks_later_and_costs_points(scenario):
    late = play(scenario, [1] + MODEL[1:])
    quick = play(scenario, MODEL)
    assert "late core group" not in " ".join(late.route)
    assert "core-group-late" in late.route and "core-group-thursday" not in late.route
    assert "core-group-thursday" in quick.route
    assert "To core group 26 June" in " ".join(n.text for n in late.chronology)
    assert late.overall < quick.overall
    assert late.passed is True  # a late core group is a fault, not a fail on its own


def test_the_best_route_is_the_model_and_takes_no_critical_choice(scenario):
    from game.core.analysis import analyse
    assert list(analyse(scenario).best_choices) == MODEL
    critical = {c.key for d in scenario.decisions for c in d.choices if c.critical}
    assert critical, "the scenario has a critical fault"
    assert play(scenario, MODEL).critical == ()


def test_the_answer_is_not_given_away_by_length():
    # (decisions with a best choice, best is the longest, best is the shortest): neither in more
    # than a third of decisions (chance is about a third with three options).
    counted, longest, shortest = length_tells("what-the-sensor-says")
    assert (counted, longest, shortest) == (15, 4, 2)
    assert longest * 3 <= counted and shortest * 3 <= counted
