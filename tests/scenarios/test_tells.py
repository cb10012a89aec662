"""The tell check (game/core/tells.py): the answer must not be given away by length or reasons."""
import glob
import os

from game.cli.report import analysis_report
from game.core.analysis import analyse
from game.core.critical import check_critical
from game.core.loader import load_path, load_text
from game.core.tells import justifies, scenario_tells, tell_problems

from tests.helpers import ROOT


def _scenario(best_texts, weak_texts):
    """Decisions d1..dn: the first choice is the best (score 2), the second the weaker (-2)."""
    nodes = []
    for i, (best, weak) in enumerate(zip(best_texts, weak_texts), 1):
        nodes.append(f"""  - id: d{i}
    prompt: What now?
    choices:
      - text: "{best}"
        score: {{child_focus: 2}}
        points: [CHILD-1]
        feedback: Good.
      - text: "{weak}"
        score: {{child_focus: -2}}
        points: [CHILD-1]
        feedback: Poor.""")
    return load_text(f"""doorstep: 1
id: tells
title: Tells
summary: Decisions with known lengths.
patterns: [avoidance]
characters:
  jo: {{name: Jo, role: child, age: 6}}
nodes:
{chr(10).join(nodes)}
  - id: end
    ending: child_seen_safe
    title: Seen
    text: Jo is seen.
    epilogue: Jo shows you a drawing.
""", "tells.yaml")


def test_best_longest_in_most_decisions_warns_with_the_decisions_named():
    s = _scenario(["Ask to see Jo now, alone, in her room.", "Ring school today.", "Go back now."],
                  ["Leave a card.", "Write to them and wait a fortnight.", "Stay."])
    t = scenario_tells(s)
    assert (t.counted, t.best_longest, t.best_shortest) == (3, 2, 1)
    [warning] = tell_problems(s)
    assert not warning.is_error and warning.line == 9
    assert "longest option in 2 of 3 decisions" in warning.message
    assert "d1, d3" in warning.hint


def test_balanced_lengths_do_not_warn():
    s = _scenario(["Ask to see Jo.", "Ring school today and ask.", "Go back.", "Ring the GP."],
                  ["Leave a card there.", "Write.", "Say nothing at all.", "Wait."])
    assert tell_problems(s) == []


def test_reasons_are_counted_for_best_and_weaker_options_apart():
    s = _scenario(["Ask to see Jo.", "Ring school."],
                  ["Leave a card, because she is asleep.", "Wait, so they calm down."])
    t = scenario_tells(s)
    assert t.reasons("best") == (0, 2) and t.reasons("weaker") == (2, 2)
    assert justifies("Go now, since it is late") and not justifies("Go now.")


def test_library_has_no_length_tell_and_analyse_prints_the_figures():
    # What `validate` adds for tells, on every shipped scenario (the rules walk is tested elsewhere).
    for path in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml"))):
        assert tell_problems(load_path(path)) == [], path
    scenario = load_path(os.path.join(ROOT, "scenarios", "the-dogs-at-number-nine.yaml"))
    out = analysis_report(scenario, analyse(scenario), check_critical(scenario))
    assert "best is the longest option:" in out and "options that argue for themselves" in out

