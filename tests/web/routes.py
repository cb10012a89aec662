"""Routes through a scenario as choice numbers, with the verdict the core gives each: so a test
can pick a passing and a failing route and know what the player must show at the end."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.core import engine
from game.core.debrief import Debrief
from game.core.play import play_route
from game.core.loader import load_path
from game.web import protocol

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@lru_cache(maxsize=None)
def scenario(scenario_id: str):
    return load_path(str(SCENARIOS / f"{scenario_id}.yaml"))


@dataclass(frozen=True)
class Route:
    numbers: tuple[int, ...]
    debrief: Debrief


def routes(scenario_id: str, pass_mark: int = 70, limit: int = 20_000) -> list[Route]:
    """Every complete route (up to `limit`), each judged as the server judges an attempt."""
    s = scenario(scenario_id)
    found, stack = [], [()]
    while stack and len(found) < limit:
        numbers = stack.pop()
        state, _ = play_route(s, numbers, mode=engine.Mode.ASSESSED, to_end=False)
        if state.finished:
            pos = protocol.walk(s, list(numbers), mode=engine.ASSESSED, pass_mark=pass_mark)
            found.append(Route(numbers, pos.debrief))
            continue
        offered = len(engine.offered(s, state))
        stack.extend(numbers + (n,) for n in range(offered, 0, -1))
    return found


def passing(scenario_id: str, pass_mark: int = 70) -> Route:
    return next(r for r in routes(scenario_id, pass_mark) if r.debrief.passed)


def failing(scenario_id: str, pass_mark: int = 70) -> Route:
    """A route that reaches an ending and does not pass (the longest, to exercise the most)."""
    return max((r for r in routes(scenario_id, pass_mark) if not r.debrief.passed),
               key=lambda r: len(r.numbers))
