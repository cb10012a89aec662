"""Pinned routes through scenarios/what-the-sensor-says.yaml (a child on a protection plan, over months).

Routes are 1-based choice numbers among the choices offered at each decision, in order, played
through the one play loop (tests.scenarios.pinned.play, an assessed play_route); the verdict is
Debrief.passed. If a change to the scenario moves one of these numbers or scores, the trainer's
note (docs/scenarios/what-the-sensor-says.md) must be updated with it.
"""
import pytest

from tests.scenarios import pinned
from tests.scenarios.pinned import length_tells, score

SCENARIO = "what-the-sensor-says"

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
# Everything right, then the plan ended (or proceedings recommended) at the review conference.
PLAN_ENDED = MODEL[:14] + [2]
PROCEEDINGS_AT_CONFERENCE = MODEL[:14] + [3]
# Everything right except Kelvin left out: protected, but with one person carrying it.
KELVIN_LEFT_OUT = MODEL[:5] + [2] + MODEL[6:]
# Everything right except the core group left to its booked date.
LATE_CORE_GROUP = [1] + MODEL[1:]


def play(numbers):
    return pinned.play(SCENARIO, numbers)


def notes(result):
    return " ".join(note.text for note in result.chronology)


def test_model_route_passes_with_full_marks_and_the_family_in_the_plan():
    result = play(MODEL)
    assert pinned.outcome(result) == (100, True, "end-family", "child_protected", [])
    assert "core group convened for Thursday 5 June" in notes(result)
    assert "Pre-proceedings begun" in notes(result)


@pytest.mark.parametrize("route, overall, ending, kind, critical", [
    (WORST, 0, "end-court", "over_escalated", []),
    (WON_OVER, 9, "end-november", "child_harmed", []),
    (OVER_ESCALATING, 14, "end-door-shut", "relationship_broken", []),
    (RUSH_TO_COURT, 70, "end-court", "over_escalated", []),
    (NO_LEGAL_PLANNING, 75, "end-same-plan", "drift", []),
    (SICK_NIGHT_AT_HOME, 86, "end-intensive-care", "child_harmed", ["sick-night-choice"]),
    (POLICE_PROTECTION, 87, "end-police-protection", "over_escalated", ["sick-night-choice"]),
    (PLAN_ENDED, 92, "end-plan-ended", "risk_unseen", []),
    (PROCEEDINGS_AT_CONFERENCE, 92, "end-court", "over_escalated", []),
])
def test_routes_that_fail_and_the_ending_each_leads_to(route, overall, ending, kind, critical):
    assert pinned.outcome(play(route)) == (overall, False, ending, kind, critical)


@pytest.mark.parametrize("route", [WORST, RUSH_TO_COURT, POLICE_PROTECTION,
                                   PROCEEDINGS_AT_CONFERENCE, OVER_ESCALATING])
def test_over_escalating_costs_escalation(route):
    assert score(play(route), "escalation") < score(play(MODEL), "escalation") == 100


def test_legal_planning_is_the_proper_step_and_waiting_for_the_review_drifts():
    # Asking for the legal gateway is the best choice in supervision; declining it ("keep going
    # until October") is scored as drift, however good the work before it.
    asked = {r.decision_id: r for r in play(MODEL).decisions}["next-step"]
    assert "legal gateway" in asked.choice_text and asked.better is None
    waited = {r.decision_id: r for r in play(NO_LEGAL_PLANNING).decisions}["next-step"]
    assert waited.cost > 0 and "legal gateway" in waited.better


def test_leaving_ethan_at_home_in_dka_is_named_in_the_debrief():
    result = play(SICK_NIGHT_AT_HOME)
    assert "ketoacidosis" in result.critical[0].why
    assert any("ketoacidosis" in reason for reason in result.reasons)


@pytest.mark.parametrize("route, overall, ending", [
    (KELVIN_LEFT_OUT, 93, "end-deadline"),
    (LATE_CORE_GROUP, 91, "end-family"),
])
def test_weaker_routes_that_still_protect_ethan_pass_lower(route, overall, ending):
    assert pinned.outcome(play(route)) == (overall, True, ending, "child_protected", [])


def test_a_late_core_group_meets_three_weeks_later():
    late, quick = play(LATE_CORE_GROUP), play(MODEL)
    assert "core-group-late" in late.route and "core-group-thursday" not in late.route
    assert "core-group-thursday" in quick.route
    assert "To core group 26 June" in notes(late)


def test_the_answer_is_not_given_away_by_length():
    # (decisions with a best choice, best is the longest, best is the shortest): neither in more
    # than a third of decisions (chance is about a third with three options).
    counted, longest, shortest = length_tells(SCENARIO)
    assert (counted, longest, shortest) == (15, 3, 2)
    assert longest * 3 <= counted and shortest * 3 <= counted


def test_a_glowing_core_group_minute_is_read_back_at_the_legal_planning_meeting():
    glowing = play(MODEL[:6] + [1] + MODEL[7:])
    assert "glowing-minute" in glowing.route and "glowing-minute" not in play(MODEL).route
