"""The debrief names the decision that decided a failing ending (game/core/decided.py)."""
from game.core.loader import load_text
from game.core.play import play_route

from tests.scenarios.routes import debrief

# A flag set at the first decision is read only at a branch after the second: the ending is
# settled at decision 1, though the learner meets it after decision 2.
FLAGGED = """doorstep: 1
id: flagged
title: Flagged
summary: A hidden flag decides the ending.
patterns: [avoidance]
characters:
  jo: {name: Jo, role: child, age: 6}
variables:
  rushed: false
nodes:
  - id: first
    prompt: First?
    choices:
      - text: Take your time.
        score: {child_focus: 1}
        points: [CHILD-1]
        feedback: Good.
      - text: Rush it.
        effects: rushed = true
        score: {child_focus: -1}
        points: [CHILD-1]
        feedback: Poor.
  - id: second
    prompt: Second?
    choices:
      - text: Ask to see Jo.
        effects: child_seen = true
        score: {child_focus: 2}
        points: [CHILD-1]
        feedback: Good.
      - text: Leave a card.
        score: {child_focus: -2}
        points: [CHILD-1]
        feedback: Poor.
        goto: end-unseen
  - branch:
      - if: rushed
        goto: end-drift
  - id: end-good
    ending: child_seen_safe
    title: Seen
    text: Jo is seen.
    epilogue: Jo shows you a drawing.
  - id: end-drift
    ending: drift
    title: Drift
    text: Nothing changes.
    epilogue: Jo waits.
  - id: end-unseen
    ending: risk_unseen
    title: Unseen
    text: The door shuts.
    epilogue: Jo does not know you came.
"""


def test_the_hidden_flag_is_named_not_the_last_decision():
    scenario = load_text(FLAGGED, "flagged.yaml")
    _, result = play_route(scenario, [2, 1])
    assert result.ending.id == "end-drift" and result.passed is False
    assert (result.decided_by.number, result.decided_by.decision_id) == (1, "first")
    assert any(r.startswith('Decision 1 decided that ending: after "Rush it."')
               for r in result.reasons)
    assert result.to_dict()["decided_by"]["choice"] == "first#2"


def test_the_last_choice_is_named_when_it_was_the_one_that_decided():
    scenario = load_text(FLAGGED, "flagged.yaml")
    _, result = play_route(scenario, [1, 2])
    assert result.decided_by.decision_id == "second"


def test_a_good_ending_names_nothing():
    scenario = load_text(FLAGGED, "flagged.yaml")
    _, result = play_route(scenario, [1, 1])
    assert result.passed is True and result.decided_by is None


def test_craig_as_interpreter_is_named_as_what_decided_he_answers():
    # Defect: this route failed at 94 with no word of which choice decided it.
    result = debrief("he-answers-for-her", [2, 3, 2, 3, 1, 2, 3, 4, 2, 3, 2, 3, 1])
    assert result.passed is False
    assert result.decided_by is not None and result.decided_by.decision_id == "interpreter"


def test_the_issue_examples_name_their_deciding_decisions():
    # Late Again: Ruby left asleep; Good Cop: a soft written agreement; Unopened Letters: waiting
    # for a face-to-face interpreter; A Tidy House: no strategy discussion at the CIN meeting.
    for name, route, decision in (
            ("demo-late-again", [3, 2, 2, 2, 4, 3, 2], "see-ruby"),
            ("good-cop-bad-cop", [2, 4, 1, 3, 2, 1, 2, 2, 2, 3, 2, 3], "contract-decision"),
            ("unopened-letters", [2, 2, 1, 2, 2, 2, 3, 1, 2, 3, 1, 2, 1, 3], "plan-visit"),
            ("a-tidy-house", [2, 3, 1, 1, 3, 2, 2, 3, 1, 1, 2, 3, 2, 4, 3, 1, 2, 2], "threshold")):
        result = debrief(name, route)
        assert result.passed is False, name
        assert result.decided_by.decision_id == decision, name
