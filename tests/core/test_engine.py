"""Playing: exact scores on scripted routes, save/restore, rewind, starting mid-story."""
import dataclasses
import json

import pytest

from game.core import engine
from game.core.play import play_route
from game.core.debrief import make_debrief
from game.core.errors import AuthoringError, SaveError
from game.core.loader import load_path
from tests.helpers import scenario_path

DEMO = scenario_path("demo-late-again")
MODEL = [3, 2, 1, 2, 4, 3, 2]
WORST = [3, 1, 2, 1, 2, 1, 1]


@pytest.fixture(scope="module")
def demo():
    return load_path(DEMO)


@pytest.fixture
def base(write, base_text):
    return load_path(write(base_text))


def test_scripted_playthrough_exact_scores(base):
    good = make_debrief(base, play_route(base, [2])[0])
    assert (good.overall, good.passed, good.ending.id) == (100, True, "end-good")
    assert {c.name: c.score for c in good.competencies if c.score is not None} == \
        {"child_focus": 100, "engagement": 100}
    bad = make_debrief(base, play_route(base, [1])[0])
    assert (bad.overall, bad.passed, bad.ending.ending) == (0, False, "risk_unseen")
    assert bad.decisions[0].better == "Ask to see Jo." and bad.decisions[0].cost == 5


def test_state_is_immutable_and_effects_apply(base):
    s0 = engine.to_next_decision(base, engine.start(base))
    s1 = engine.apply(base, s0, engine.offered(base, s0)[1], at="2026-11-23T10:00:00Z")
    assert dict(s0.variables)["child_seen"] is False
    assert dict(s1.variables)["child_seen"] is True and dict(s1.variables)["trust"] == 1
    assert s1.history[-1] == engine.Step(decision="door", choice="door#2", number=2,
                                          at="2026-11-23T10:00:00Z")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s1.node = "x"


def test_choice_not_offered_is_refused(base, write, base_text):
    s0 = engine.to_next_decision(base, engine.start(base))
    other = load_path(write(base_text.replace("id: base", "id: other"), "other.yaml"))
    with pytest.raises(engine.PlayError):
        engine.choose_number(base, s0, 3)
    with pytest.raises(engine.PlayError):
        engine.advance(base, s0)  # a decision is not a beat
    finished = play_route(base, [1])[0]
    with pytest.raises(engine.PlayError):
        engine.apply(base, finished, base.choice("door#1"))
    assert other.id == "other"


def test_save_and_restore_round_trip_at_every_step(demo):
    state = engine.start(demo, "practice")
    for number in MODEL:
        state = engine.to_next_decision(demo, state)
        restored = engine.PlayState.from_json(state.to_json())
        assert restored == state
        assert engine.view(demo, restored) == engine.view(demo, state)
        state = engine.choose_number(demo, restored, number, at="t")
    final = engine.to_next_decision(demo, state)
    assert make_debrief(demo, engine.PlayState.from_json(final.to_json())).to_dict() == \
        make_debrief(demo, final).to_dict()


@pytest.mark.parametrize("junk", ["", "{", "[]", '{"format": "doorstep-play/1"}',
                                  '{"format": "other"}', "\x00\x01garbage"])
def test_corrupt_saves_get_a_clear_error(junk):
    with pytest.raises(SaveError):
        engine.PlayState.from_json(junk)


def test_truncated_and_tampered_saves(demo):
    text = engine.to_next_decision(demo, engine.start(demo)).to_json()
    with pytest.raises(SaveError):
        engine.PlayState.from_json(text[: len(text) // 2])
    data = json.loads(text)
    data["variables"]["trust"] = {"nested": "object"}
    with pytest.raises(SaveError):
        engine.PlayState.from_json(json.dumps(data))


def test_rewind_to_each_decision_replays_exactly(demo):
    state = engine.start(demo, "practice")
    checkpoints = []
    for number in MODEL:
        state = engine.to_next_decision(demo, state)
        checkpoints.append(state)
        state = engine.choose_number(demo, state, number)
    for k, expected in enumerate(checkpoints):
        back = engine.rewind(demo, state, k)
        assert back.node == expected.node and back.variables == expected.variables
        assert back.history == expected.history and back.chronology == expected.chronology


def test_rewind_is_refused_in_assessed_mode(demo):
    state = play_route(demo, MODEL, mode="assessed")[0]
    with pytest.raises(engine.PlayError, match="only possible in practice mode"):
        engine.rewind(demo, state, 0)


def test_start_from_any_node_with_variables(base):
    state = engine.start(base, at_node="door", variables={"trust": 5})
    assert state.node == "door" and dict(state.variables)["trust"] == 5
    with pytest.raises(engine.PlayError):
        engine.start(base, at_node="nowhere")
    with pytest.raises(engine.PlayError):
        engine.start(base, variables={"trust": "high"})


def test_resume_replays_on_an_edited_scenario(tmp_path, base_text):
    path = tmp_path / "base.yaml"
    path.write_text(base_text)
    old = load_path(str(path))
    state = engine.to_next_decision(old, engine.start(old))
    state = engine.choose_number(old, state, 2)
    path.write_text(base_text.replace("Jo is seen.", "Jo is seen, and smiles."))
    new = load_path(str(path))
    assert new.source_hash != old.source_hash
    resumed = engine.resume(new, engine.PlayState.from_json(state.to_json()))
    assert resumed.node == "end-good" and resumed.scenario_hash == new.source_hash
    with pytest.raises(SaveError, match="for scenario 'base'"):
        engine.resume(load_path(DEMO), resumed)


def test_runtime_problem_points_at_the_text(write, base_text):
    text = base_text.replace("text: What now? {jo} is asleep.", "text: Hello {name}.")
    scenario = load_path(write(text))
    state = engine.advance(scenario, engine.start(scenario))
    with pytest.raises(AuthoringError) as info:
        engine.view(scenario, state)
    assert "14:5: error: while playing: the text shows {name}, which was never set" in \
        str(info.value)


def test_chronology_records_notes_with_the_day(demo, write, base_text):
    state = play_route(demo, MODEL)[0]
    assert [(n.day, n.source) for n in state.chronology] == [
        (1, "arrival"), (1, "weight-drop"), (1, "tia-opens-up"), (1, "record#3")]
    assert state.chronology[-1].text.startswith("Third attempt at 6-8 week review.")
    # a note is stamped with the day it is written, after the choice's effects move the day on
    later = load_path(write(base_text.replace(
        "effects: [child_seen = true, trust -= 1]",
        "effects: [child_seen = true, trust -= 1, day += 2]\n        note: Jo seen at home.")))
    [note] = play_route(later, [2])[0].chronology
    assert (note.day, note.text, note.source) == (3, "Jo seen at home.", "door#2")


def test_advance_working_days_skips_weekends_and_notes_are_dated_sensibly(tmp_path, base_text):
    from game.core.loader import load_text
    # Day 1 is a Thursday. The choice agrees a visit in 3 working days (Tue, day 6); the beat
    # after it happens then, and its note is dated then; the choice's own note is dated the
    # day it was made (after its effects, before its time passes).
    text = base_text.replace("patterns: [avoidance]", "patterns: [avoidance]\nfirst_day: thursday")
    text = text.replace("        feedback: Clear and calm.\n        goto: end-good\n",
                        "        feedback: Clear and calm.\n        advance: 3 working days\n"
                        "        note: Agreed to come back on Tuesday.\n"
                        "        goto: later\n")
    text = text.replace("  - id: end-good\n", "  - id: later\n    text: You come back.\n"
                        "    advance: 2 days\n    note: Second visit.\n  - id: end-good\n")
    text = text.replace("require: child_seen", "require: child_seen and working_days <= 7")
    scenario = load_text(text, "base.yaml")
    state = play_route(scenario, [2])[0]
    values = dict(state.variables)
    assert (values["day"], values["working_days"]) == (8, 5)  # Tue + 2 days: Wed, Thu (working)
    assert [(n.day, n.text) for n in state.chronology] == [
        (1, "Agreed to come back on Tuesday."), (8, "Second visit.")]


@pytest.mark.parametrize("value", ["three working days", "0 days", "2 weeks", "3 workdays"])
def test_advance_must_be_a_number_of_days(write, base_text, value):
    from game.core.loader import check_path
    path = write(base_text.replace("    mood: hostile\n",
                                   f"    mood: hostile\n    advance: {value}\n"))
    _, problems = check_path(path)
    assert [(p.line, p.col, p.message, p.hint) for p in problems] == [
        (16, 14, f"'{value}' is not a time to advance",
         "write a whole number of days, e.g. 3 working days, or 2 days")]


TRIGGERS = """doorstep: 1
id: triggers
title: Triggers
summary: Missed visits escalate at any point.
patterns: [avoidance]
characters:
  kay: {name: Kay Morris, role: parent, mood: evasive}
variables:
  visits_defaulted: 1
triggers:
  - id: too-many-missed
    about: After three missed visits the case goes to a strategy discussion.
    when: visits_defaulted >= 3
    goto: strategy
nodes:
  - id: door
    prompt: Nobody answers. What now?
    choices:
      - text: Leave a card and book another visit.
        effects: visits_defaulted += 1
        goto: later
      - text: Wait in the car and try again in an hour.
        goto: door-again
  - id: later
    text: A week later you try again.
    goto: door
  - id: door-again
    text: Still nobody.
    goto: end-drift
  - id: strategy
    text: Your manager calls a strategy discussion.
  - id: end-protected
    ending: child_protected
    title: A plan
    text: The agencies meet.
    epilogue: Someone finally sees Jo.
  - id: end-drift
    ending: drift
    title: Drift
    text: Nothing changes.
    epilogue: Jo waits.
"""


def test_a_trigger_fires_once_at_any_point_and_every_walker_agrees():
    from game.core import explore
    from game.core.loader import check_bytes
    scenario, problems = check_bytes(TRIGGERS.encode(), "triggers.yaml", ".")
    assert problems == []  # 'strategy' is reached through the trigger: no warning
    state = play_route(scenario, [1, 1])[0]
    # the second missed visit made it 3: the story went straight there, not back to the door
    assert state.route == ("door", "later", "door", "strategy", "end-protected")
    assert state.vars["visits_defaulted"] == 3
    assert play_route(scenario, [2])[0].node == "end-drift"
    ex = explore.explore(scenario)
    assert sorted(s[0] for s in ex.outcomes) == ["end-drift", "end-protected"]


def test_a_trigger_with_a_bad_goto_or_condition_is_reported(tmp_path):
    from game.core.loader import check_bytes
    text = TRIGGERS.replace("goto: strategy", "goto: stratgy").replace(
        "when: visits_defaulted >= 3", "when: visits_defaulted >>= 3")
    _, problems = check_bytes(text.encode(), "triggers.yaml", ".")
    assert [(p.line, p.col, p.message) for p in problems if p.is_error] == [
        (13, 29, "in this condition: unexpected '>='"),
        (14, 11, "'goto' names 'stratgy', which is not a node")]
