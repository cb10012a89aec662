"""Pinned routes through scenarios/at-the-gate.yaml, played through the one play loop.

Routes are 1-based choice numbers among the choices offered at each decision, in order.
If a change to the scenario moves one of these numbers or scores, the trainer's note
(docs/scenarios/at-the-gate.md) must be updated with it.
"""
import pytest

from tests.scenarios import pinned
from tests.scenarios.pinned import critical_at, score

SCENARIO = "at-the-gate"

# Sandra writes Aylin's words down and asks nothing more; an open invitation to Aylin, no
# leading questions; no promise of secrecy; ring children's social care now; a verbatim record
# with a body map; the class teacher told not to contact home (so he does not); two of you at
# the gate and a private room; honest and brief with Elif; five minutes and the social worker on
# speakerphone, 999 if she insists; the door kept shut on Dean and 999; the afternoon recorded
# and sent on; need-to-know only; Elif's complaint met calmly; "it isn't your fault"; a factual
# report and the DSL at the conference.
MODEL = [1, 1, 2, 1, 1, 2, 2, 2, 3, 2, 2, 2, 2, 1, 1]
UP_TO_THE_GATE = MODEL[:6]
UP_TO_THE_OFFICE = MODEL[:8]
# The lowest total (the worst route `analyse` reports): doubting Sandra, a leading question, a
# promise of secrecy (critical), the phone referral (the alternatives end the story), no
# record, the class teacher told nothing, a call to smooth things over with Elif, threats at the gate, a lie about a
# misunderstanding, five minutes and the social worker (the alternatives end it), Dean told the
# allegation (critical), home without a record, nobody told, an apology to Elif, more questions for Aylin,
# and a report that balances the account.
WORST = [3, 2, 1, 1, 3, 1, 3, 1, 3, 3, 1, 1, 3, 1, 3, 2]
# Over-escalating: lockdown and 999 for an upset mother at home time.
LOCKDOWN = UP_TO_THE_GATE + [4]
# Over-escalating: blocking the door and locking the corridor.
HELD = UP_TO_THE_OFFICE + [1]
# Over-escalating: threatening to ban Elif from the site.
BANNED = MODEL[:12] + [3]
# Breaching confidentiality: the whole staff briefed.
STAFFROOM = MODEL[:11] + [1]
# Critical: waiting to see whether she says more.
WAIT_AND_SEE = [1, 1, 2, 2]
# Critical: ringing Elif for her side before referring.
ELIF_FIRST = [1, 1, 2, 3]
# Critical: Aylin handed to her mother and Dean's van.
HANDED_OVER = UP_TO_THE_OFFICE + [2]
# Critical: handing her over on a condition nobody can enforce.
ON_CONDITION = UP_TO_THE_OFFICE + [4]
# Critical: telling Elif what Aylin said.
TOLD_ELIF = MODEL[:7] + [1]
# A leading question: Aylin's account is spoiled and the enquiry ends with no further action.
LEADING_QUESTION = [1, 2] + MODEL[2:]
# Critical: Dean told the allegation through the door.
DEAN_FOREWARNED = MODEL[:9] + [1] + MODEL[10:]
# Critical: a promise of secrecy; everything else right.
PROMISED = [1, 1, 1] + MODEL[3:]
# Critical: the class teacher told nothing, and his call to the mother kept from children's
# social care.
CALL_HIDDEN = MODEL[:5] + [1, 1] + MODEL[6:]
# The class teacher told nothing; his call to the mother passed on at once. A small cost.
NOT_BRIEFED = MODEL[:5] + [1, 2] + MODEL[6:]
# Dean invited into the office.
DEAN_INVITED = MODEL[:9] + [3]


def play(numbers):
    return pinned.play(SCENARIO, numbers)


def test_model_route_passes_with_full_marks_and_a_clean_account():
    result = play(MODEL)
    assert (result.overall, result.passed) == (100, True)
    assert (result.ending.id, result.ending.ending) == ("end-protected", "child_protected")
    assert "police-exact" in result.route
    notes = " ".join(note.text for note in result.chronology)
    assert "11.40 Referral by phone to children's social care" in notes
    assert "no contact with home" in notes and "did not contact home, as agreed" in notes


def test_worst_route_scores_nothing():
    result = play(WORST)
    assert (result.overall, result.passed) == (0, False)
    assert (result.ending.id, result.ending.ending) == ("end-nfa", "drift")
    assert critical_at(result) == ["promise", "dean"]


@pytest.mark.parametrize("route, overall, ending, kind", [
    (LOCKDOWN, 56, "end-over", "over_escalated"),
    (HELD, 65, "end-over", "over_escalated"),
    (BANNED, 82, "end-moved", "relationship_broken"),
])
def test_over_escalating_routes_fail_and_cost_escalation(route, overall, ending, kind):
    result = play(route)
    assert pinned.outcome(result)[:4] == (overall, False, ending, kind)
    assert score(result, "escalation") < score(play(MODEL), "escalation") == 100


@pytest.mark.parametrize("route, overall, ending, kind", [
    (STAFFROOM, 81, "end-moved", "relationship_broken"),
    (LEADING_QUESTION, 93, "end-nfa", "drift"),
    (DEAN_INVITED, 71, "end-worker", "worker_harmed"),
])
def test_other_wrong_calls_fail_with_the_ending_they_lead_to(route, overall, ending,
                                                              kind):
    assert pinned.outcome(play(route)) == (overall, False, ending, kind, [])


@pytest.mark.parametrize("route, overall, decision, ending", [
    (HANDED_OVER, 64, "release", "end-harmed"),
    (ON_CONDITION, 66, "release", "end-harmed"),
    (WAIT_AND_SEE, 45, "refer", "end-retracted"),
    (ELIF_FIRST, 45, "refer", "end-retracted"),
    (TOLD_ELIF, 61, "what-to-say", "end-harmed"),
    (DEAN_FOREWARNED, 91, "dean", "end-nfa"),
    (PROMISED, 92, "promise", "end-protected"),
    (CALL_HIDDEN, 91, "josh-call", "end-protected"),
])
def test_critical_faults_fail_whatever_the_points(route, overall, decision, ending):
    result = play(route)
    assert (result.overall, result.passed) == (overall, False)
    assert result.ending.id == ending
    assert critical_at(result) == [decision]


def test_a_class_teacher_nobody_told_rings_home_and_the_dsl_must_pass_it_on():
    result = play(NOT_BRIEFED)
    assert pinned.outcome(result) == (97, True, "end-protected", "child_protected", [])
    assert "josh-call" in result.route and "josh-call" not in play(MODEL).route
    notes = " ".join(note.text for note in result.chronology)
    assert "MASH told that class teacher rang mother" in notes


def test_no_further_action_says_which_mistake_sank_the_enquiry():
    assert "nfa-contaminated" in play(LEADING_QUESTION).route
    assert "nfa-contaminated" not in play(DEAN_FOREWARNED).route
    assert "end-nfa" in play(DEAN_FOREWARNED).route


def test_a_broken_promise_is_thrown_back_at_the_dsl():
    assert "aylin-promise" in play(PROMISED).route
    assert "aylin-promise" not in play(MODEL).route


def test_a_summary_record_leaves_the_police_asking_for_her_words():
    summary = MODEL[:4] + [2] + MODEL[5:]
    result = play(summary)
    assert "police-exact" not in result.route
    assert any("no verbatim record" in note.text for note in result.chronology)


def test_the_best_choice_is_the_longest_or_shortest_in_at_most_a_third_of_decisions():
    counted, longest, shortest = pinned.length_tells(SCENARIO)
    assert counted == 16
    assert longest * 3 <= counted and shortest * 3 <= counted, (longest, shortest)
