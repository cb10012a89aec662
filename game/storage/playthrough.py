"""Turning the engine's play state into what the store records."""
from __future__ import annotations

from game.core.engine import PlayState
from game.core.model import Scenario
from game.clock import now_iso
from game.storage.store import ChoiceRecord


def choices_made(scenario: Scenario, state: PlayState, after: int = 0) -> list[ChoiceRecord]:
    """The state's decisions from number `after` (0-based) on, as ChoiceRecords."""
    made = []
    for seq, step in enumerate(state.history[after:], start=after):
        choice = scenario.choice(step.choice)
        made.append(ChoiceRecord(
            seq=seq, node_id=step.decision, choice_id=step.choice,
            choice_text=choice.text if choice else step.choice,
            scores=dict(choice.scores) if choice else {},
            # The engine keeps whatever time the player passed; the store wants ISO text.
            at=step.at if isinstance(step.at, str) else now_iso()))
    return made
