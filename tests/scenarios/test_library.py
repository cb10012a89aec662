"""Checks across every shipped scenario."""
import glob
import os

from game.core.explore import all_expressions
from game.core.loader import load_path

from tests.helpers import ROOT


def test_every_variable_a_scenario_declares_is_read():
    # A variable that is set but never read is a promise the story does not keep (issue 12).
    for path in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml"))):
        scenario = load_path(path)
        read = {n for e in all_expressions(scenario) for n in e.names}
        texts = " ".join(getattr(n, "text", "") + getattr(n, "prompt", "")
                         + " ".join(c.text + c.note for c in getattr(n, "choices", ()))
                         + getattr(n, "note", "") for n in scenario.nodes.values())
        unread = [name for name, v in scenario.variables.items()
                  if not v.builtin and name not in read and "{" + name + "}" not in texts]
        assert unread == [], (scenario.id, unread)
