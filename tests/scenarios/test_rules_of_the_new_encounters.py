"""The three encounters added for issue 12 by h12new2 load with no problems and their rules hold on
every route (as `main.py validate` checks). About ten seconds: each walks every play state."""
import pytest

from game.core import rules
from game.core.loader import check_path
from tests.helpers import scenario_path


@pytest.mark.parametrize("name", ["what-the-sensor-says", "on-your-side", "a-room-at-nanas"])
def test_loads_with_no_problems_and_its_rules_hold_on_every_route(name):
    scenario, problems = check_path(scenario_path(name))
    assert scenario is not None
    assert [p.format() for p in problems] == []
    assert [p.format() for p in rules.check_rules(scenario)] == []
