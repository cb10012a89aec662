"""The play session (game/core/play.py): commands in, events out, one verdict."""
import json

import pytest

from game.core.debrief import Strength
from game.core.errors import AuthoringError
from game.core.loader import load_path
from game.core.play import (Advance, BeatShown, ChoiceTaken, Choose, DecisionShown, Finished,
                            Mode, Phase, Play, PlayError, Rewind, Rewound, StepAway, Stopped,
                            Withdrawn, play_route)
from tests.helpers import scenario_path

# Two decisions. The quick route ("Take her word and go") scores well and ends safely, but it
# leaves the child with the parent she has just named: a critical fault, so it can never pass.
CRITICAL = """\
doorstep: 1
id: crit
title: Critical
summary: A decision where the points and the safety of the child disagree.
patterns: [violence]
characters:
  dad: {name: Lee, role: parent, mood: hostile}
  amy: {name: Amy, role: child, age: 9}
nodes:
  - speaker: amy
    text: He shook me. Please don't tell him I said.
  - id: act
    prompt: It is late. What now?
    choices:
      - text: Agree a safety plan with Lee and leave Amy at home tonight.
        score: {child_focus: 1, engagement: 2}
        points: [CHILD-1]
        feedback: Amy has named her father; a plan agreed with him does not protect her.
        critical: Amy was left overnight with the parent she had just said hurt her.
        goto: calm
      - text: Call the duty manager and arrange for Amy to stay with her aunt tonight.
        score: {child_focus: 2, engagement: 2}
        points: [CHILD-1, ESC-1]
        feedback: Proportionate and immediate.
        effects: [child_seen = true]
        goto: calm
      - text: Ask Lee to stay at his brother's tonight while you speak to your manager.
        score: {child_focus: 2, engagement: 1}
        points: [CHILD-1, ESC-1]
        feedback: Amy is safer tonight, but Lee decides whether the plan holds.
        goto: calm
  - id: calm
    prompt: Lee shouts as you leave. What do you record?
    choices:
      - text: Exactly what Amy said, in her words, with the time.
        score: {recording: 2}
        points: [RECORD-1]
        feedback: Her words, dated.
        goto: end-safe
      - text: That the visit went well.
        score: {recording: -2}
        points: [RECORD-1]
        feedback: Filters out what matters.
        goto: end-drift
  - id: end-safe
    ending: child_protected
    title: Safe tonight
    text: Amy sleeps somewhere safe.
    epilogue: Amy tells her aunt she was scared to say it.
  - id: end-drift
    ending: drift
    title: Drift
    text: The notes say nothing.
    epilogue: Amy learns that telling changes nothing.
"""


@pytest.fixture
def crit(write):
    return load_path(write(CRITICAL, "crit.yaml"))


@pytest.fixture(scope="module")
def demo():
    return load_path(scenario_path("demo-late-again"))


def test_events_walk_a_whole_play(crit):
    play = Play.begin(crit, mode=Mode.ASSESSED)
    [shown] = play.current()
    assert isinstance(shown, BeatShown) and shown.view.speaker.name == "Amy"
    [decision] = play.send(Advance())
    assert isinstance(decision, DecisionShown) and len(decision.view.choices) == 3
    taken, nxt = play.send(Choose(number=2, at="2026-12-02T10:00:00Z"))
    assert isinstance(taken, ChoiceTaken) and taken.step.at == "2026-12-02T10:00:00Z"
    assert taken.review.strength is Strength.STRONG and taken.review.better_choice is None
    assert isinstance(nxt, DecisionShown) and play.phase is Phase.DECISION
    taken, finished = play.send(Choose(number=1))
    assert isinstance(finished, Finished) and play.phase is Phase.FINISHED
    assert finished.debrief is play.debrief() and finished.debrief.passed
    assert [d.choice for d in finished.debrief.decisions] == ["act#2", "calm#1"]


def test_a_critical_fault_fails_whatever_the_points(crit):
    state, debrief = play_route(crit, [1, 1])
    assert debrief.overall == 80 and debrief.ending.ending == "child_protected"
    assert debrief.passed is False
    [fault] = debrief.critical
    assert (fault.number, fault.choice) == (1, "act#1") and "overnight" in fault.why
    assert debrief.reasons == ("Decision 1 was a critical fault: Amy was left overnight with the "
                               "parent she had just said hurt her.",)
    assert debrief.decisions[0].strength is Strength.WEAK
    assert debrief.to_dict()["critical"][0]["why"] == fault.why


def test_a_failing_ending_never_passes_and_says_why(crit):
    _, debrief = play_route(crit, [2, 2])
    assert debrief.passed is False and debrief.ending.ending == "drift"
    assert any("not a safe outcome" in r for r in debrief.reasons)


def test_the_session_pass_mark_is_applied_by_the_core(crit):
    _, own = play_route(crit, [3, 1])
    assert (own.passed, own.pass_mark, own.overall) == (True, 70, 80)
    _, strict = play_route(crit, [3, 1], pass_mark=85)
    assert (strict.passed, strict.pass_mark, strict.overall) == (False, 85, 80)
    assert strict.reasons == ("The overall score (80) is below the pass mark (85).",)


def test_rules_of_the_state_machine_carry_hints(crit):
    play = Play.begin(crit, mode=Mode.ASSESSED)
    with pytest.raises(PlayError, match="Choose is not possible now: a line of the story is showing") as info:
        play.send(Choose(number=1))
    assert "Advance()" in info.value.hint
    play.send(Advance())
    with pytest.raises(PlayError, match="only possible in practice mode"):
        play.send(Rewind(to=0))
    with pytest.raises(PlayError, match="choice 4 is not offered at 'act' \\(there are 3\\)") as info:
        play.send(Choose(number=4))
    assert info.value.hint == "choose a number from 1 to 3"
    with pytest.raises(PlayError, match="Advance is not possible now"):
        play.send(Advance())


def test_stepping_away_is_a_withdrawal_not_a_fail(crit):
    play = Play.begin(crit, mode=Mode.ASSESSED)
    play.to_next_decision()
    play.send(Choose(number=2))
    [withdrawn] = play.send(StepAway())
    assert isinstance(withdrawn, Withdrawn) and play.phase is Phase.WITHDRAWN
    assert withdrawn.debrief.finished is False and withdrawn.debrief.passed is False
    assert withdrawn.debrief.reasons == ("The scenario was not finished.",)
    with pytest.raises(PlayError, match="stepped away"):
        play.send(Advance())
    # the state is kept as it was: resuming carries on at the same decision
    again = Play.resume(crit, play.state)
    assert again.phase is Phase.DECISION and len(again.state.history) == 1


def test_rewind_in_practice_keeps_the_reviews_in_step(demo):
    play = Play.begin(demo, mode=Mode.PRACTICE)
    play_route(demo, [3, 2], play=play, to_end=False)
    assert len(play.reviews) == 2
    events = play.send(Rewind(to=1))
    assert isinstance(events[0], Rewound) and isinstance(events[-1], DecisionShown)
    assert len(play.state.history) == 1 and len(play.reviews) == 1
    _, debrief = play_route(demo, [2, 1, 2, 4, 3, 2], play=play)
    assert debrief.overall == 100 and [d.number for d in debrief.decisions] == list(range(1, 8))


def test_resumed_play_reviews_match_a_live_one(demo):
    live = Play.begin(demo, mode=Mode.ASSESSED)
    play_route(demo, [3, 1, 2], play=live, to_end=False)
    resumed = Play.resume(demo, live.state)
    assert resumed.debrief() == live.debrief()


def test_a_fault_found_while_playing_stops_the_play(write, base_text):
    broken = load_path(write(base_text.replace("text: What now? {jo} is asleep.",
                                               "text: Hello {name}.")))
    play = Play.begin(broken)
    [stopped] = play.send(Advance())
    assert isinstance(stopped, Stopped) and play.phase is Phase.STOPPED
    assert "{name}, which was never set" in stopped.problem.message
    with pytest.raises(AuthoringError):
        play_route(broken, [1])


def test_route_errors_say_what_to_do(crit):
    with pytest.raises(PlayError, match="left over") as info:
        play_route(crit, [2, 1, 1])
    assert info.value.hint == "drop the extra numbers"
    with pytest.raises(PlayError, match="ran out at 'calm'"):
        play_route(crit, [2])


def test_analyse_lists_critical_choices_and_confirms_none_passes(write, capsys):
    from game.cli.main import main
    path = write(CRITICAL, "crit.yaml")
    assert main(["analyse", path]) == 0
    out = capsys.readouterr().out
    assert "Critical faults (1 choices; any one fails an attempt):" in out
    assert "act#1 (line 15): Agree a safety plan with Lee" in out
    assert "best route through it to a safe ending: 80/100, would pass but for the fault; " \
           "not passed (--choices 1,1)" in out and "0 of those routes pass." in out
    # a critical choice that scores best makes 100 unpassable: analyse says so and exits 1
    top = write(CRITICAL.replace("score: {child_focus: 1, engagement: 2}",
                                 "score: {child_focus: 5, engagement: 5}"), "crit.yaml")
    assert main(["analyse", top, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)["critical"]
    assert report["on_best_route"] == ["act#1"] and report["passing"] == 0
    assert report["choices"]["act#1"]["overall"] == 100


def test_the_debrief_quotes_choices_and_faults_as_they_were_shown(write):
    # {amy} and {day} in a critical choice's text, its reason and its feedback are filled in
    # everywhere the debrief quotes them, including the decision that decided a failing ending.
    text = (CRITICAL.replace("Agree a safety plan with Lee and leave Amy at home tonight.",
                             "On day {day}, agree a safety plan with Lee and leave {amy} home.")
            .replace("Amy was left overnight", "That night {amy} was left")
            .replace("a plan agreed with him", "on day {day} a plan agreed with him"))
    crit = load_path(write(text, "crit.yaml"))
    _, debrief = play_route(crit, [1, 2])
    first = debrief.decisions[0]
    assert first.choice_text == "On day 1, agree a safety plan with Lee and leave Amy home."
    assert first.critical.startswith("That night Amy was left") and "{" not in first.feedback
    assert debrief.critical[0].why.startswith("That night Amy was left")
    assert debrief.decided_by is not None and "{" not in debrief.decided_by.choice_text
    assert not any("{" in r for r in debrief.reasons)
