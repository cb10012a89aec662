"""Every shipped scenario comes with what a trainer needs: a trainer's note, a row in the README's
scenario table, and pinned routes."""
import os
import re

import pytest

from game.core.analysis import analyse
from game.core.loader import load_path

from tests.helpers import ROOT, SCENARIOS

SHIPPED = sorted(f[:-5] for f in os.listdir(SCENARIOS) if f.endswith(".yaml"))
# The newer encounters' notes table the model route as plain numbers, which must be the best
# route `analyse` reports.
MODEL_ROW_CHECKED = ["yes-to-everything", "none-of-your-business", "at-the-gate",
                     "what-the-sensor-says", "on-your-side", "a-room-at-nanas"]


def _read(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as f:
        return f.read()


@pytest.mark.parametrize("name", SHIPPED)
def test_each_scenario_has_a_trainers_note_a_readme_row_and_pinned_routes(name):
    note = _read("docs", "scenarios", name + ".md")
    assert f"scenarios/{name}.yaml" in note
    assert re.search(rf"^\| `{re.escape(name)}` \|", _read("README.md"), re.MULTILINE)
    assert os.path.exists(os.path.join(ROOT, "tests", "scenarios",
                                       "test_" + name.replace("-", "_") + ".py"))


@pytest.mark.parametrize("name", MODEL_ROW_CHECKED)
def test_the_notes_model_route_is_the_best_route(name):
    row = re.search(r"^\| Model \| ([\d, ]+) \|", _read("docs", "scenarios", name + ".md"),
                    re.MULTILINE)
    numbers = [int(n) for n in row.group(1).split(",")]
    assert numbers == list(analyse(load_path(os.path.join(SCENARIOS, name + ".yaml"))).best_choices)


def test_every_variable_a_scenario_declares_is_read():
    # A variable that is set but never read is a promise the story does not keep (issue 12).
    from game.core.lean import observed_variables
    for name in SHIPPED:
        scenario = load_path(os.path.join(SCENARIOS, name + ".yaml"))
        read = observed_variables(scenario)
        texts = " ".join(getattr(n, "text", "") + getattr(n, "prompt", "")
                         + " ".join(c.text + c.note for c in getattr(n, "choices", ()))
                         + getattr(n, "note", "") for n in scenario.nodes.values())
        unread = [v for v, var in scenario.variables.items()
                  if not var.builtin and v not in read and "{" + v + "}" not in texts]
        assert unread == [], (name, unread)
