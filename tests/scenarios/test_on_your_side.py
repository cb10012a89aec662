"""Pinned routes through scenarios/on-your-side.yaml (a health visitor in a split: one parent's ally).

Routes are 1-based choice numbers among the choices offered at each decision, in order, played
through the one play loop (tests.scenarios.pinned.play, an assessed play_route); the verdict is
Debrief.passed. If a change to the scenario moves one of these numbers or scores, the trainer's
note (docs/scenarios/on-your-side.md) must be updated with it.
"""
import pytest

from tests.scenarios import pinned
from tests.scenarios.pinned import length_tells, score

SCENARIO = "on-your-side"

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
# The model route, then the critical fault: Lorna rung for her agreement before the paediatric
# unit. Lorna sends Maya in, forty minutes late; the route fails however well it scores.
LORNA_FIRST = UP_TO_THE_SLEEPY_BABY + [3] + MODEL[13:]
# The model route, then "she should go to foster carers" to the ward.
FOSTER_CARE_AT_DISCHARGE = UP_TO_DISCHARGE + [2]
# The model route, then secrecy to win her back, or handing the family over.
CONFIDANTE = UP_TO_THE_STEP + [1]
HANDED_OVER = UP_TO_THE_STEP + [3]
# Everything right except Andre: left to Siobhán to pass things on.
ANDRE_LEFT_OUT = MODEL[:3] + [1] + MODEL[4:]
# Warned to watch what she says: Siobhán keeps quiet until she is watched making a bottle.
WARNED = [1, 1] + MODEL[2:]


def play(numbers):
    return pinned.play(SCENARIO, numbers)


def test_model_route_passes_with_one_message():
    result = play(MODEL)
    assert pinned.outcome(result) == (100, True, "end-one-message", "child_protected", [])
    notes = " ".join(note.text for note in result.chronology)
    assert "Over-diluted feeds" in notes
    assert "Shared with social worker the same day" in notes
    assert "Interpreter requested" in notes


@pytest.mark.parametrize("route, overall, ending, kind, critical", [
    (WORST, 0, "end-confidante", "drift", ["sleepy-choice"]),
    (WON_OVER, 10, "end-no-concerns", "child_harmed", []),
    (OVER_ESCALATING, 35, "end-door-shut", "relationship_broken", []),
    (FOSTER_CARE_AT_CORE_GROUP, 81, "end-meeting-turned", "over_escalated", []),
    (MONDAY_GP, 85, "end-seizure", "child_harmed", ["sleepy-choice"]),
    (FOSTER_CARE_AT_DISCHARGE, 89, "end-kept-on-ward", "over_escalated", []),
    (CONFIDANTE, 92, "end-confidante", "drift", []),
    (HANDED_OVER, 92, "end-handed-over", "risk_unseen", []),
    (LORNA_FIRST, 92, "end-forty-minutes", "child_protected", ["sleepy-choice"]),
])
def test_routes_that_fail_and_the_ending_each_leads_to(route, overall, ending, kind, critical):
    assert pinned.outcome(play(route)) == (overall, False, ending, kind, critical)


@pytest.mark.parametrize("route", [FOSTER_CARE_AT_CORE_GROUP, FOSTER_CARE_AT_DISCHARGE])
def test_proposing_foster_care_costs_escalation(route):
    assert score(play(route), "escalation") < score(play(MODEL), "escalation") == 100


def test_a_weaker_route_that_still_protects_maya_gets_the_poorer_ending():
    assert pinned.outcome(play(ANDRE_LEFT_OUT)) == (93, True, "end-steady", "child_protected", [])


def test_the_critical_faults_name_the_delayed_medical_care():
    assert "same-day medical assessment" in play(MONDAY_GP).critical[0].why
    assert "social care's agreement" in play(LORNA_FIRST).critical[0].why


def test_leaving_andre_out_changes_the_core_group():
    result = play(ANDRE_LEFT_OUT)
    assert "andre-absent" in result.route and "andre-at-core-group" not in result.route
    report = {r.decision_id: r for r in result.decisions}["core-group-report"]
    assert "never once had an interpreter" in report.choice_text
    assert "Father not spoken with" in " ".join(n.text for n in play(OVER_ESCALATING).chronology)


def test_watching_the_feed_brings_out_the_money_even_after_a_warning():
    warned = play(WARNED)
    assert "late-confiding" in warned.route and "late-confiding" not in play(MODEL).route
    assert warned.overall < 100


def test_the_answer_is_not_given_away_by_length():
    # (decisions with a best choice, best is the longest, best is the shortest): neither in more
    # than a third of decisions (chance is about a third with three options).
    counted, longest, shortest = length_tells(SCENARIO)
    assert (counted, longest, shortest) == (15, 2, 2)
    assert longest * 3 <= counted and shortest * 3 <= counted


def test_a_glowing_health_record_is_read_back_at_the_core_group():
    glowing = play(MODEL[:7] + [2] + MODEL[8:])
    assert "glowing-record" in glowing.route and "glowing-record" not in play(MODEL).route
