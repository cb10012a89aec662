"""Helpers the UI tests share: a route to an ending found through the core's Play, and
keyboard-only drivers over the real screens built on Driver.play_until (bounded)."""
from __future__ import annotations

import pygame

from game.core.model import NodeKind
from game.core.play import Mode, Phase, Play, play_route
from game.ui.driver import Driver
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dialogue import DialogueScreen
from tests.helpers import scenario_path

from .conftest import DEMO


def numbers_to(scenario, kind: str, mode: Mode = Mode.PRACTICE) -> list[int]:
    """Choice numbers (as offered) that reach an ending of `kind`, by depth-first search
    through the core's Play."""
    def search(taken):
        state, _ = play_route(scenario, taken, mode=mode, to_end=False)
        play = Play(scenario, state)
        if play.phase is Phase.FINISHED:
            return taken if scenario.nodes[state.node].ending == kind else None
        if len(taken) > 12:
            return None
        for n in range(1, len(play.view.choices) + 1):
            found = search(taken + [n])
            if found is not None:
                return found
        return None

    found = search([])
    assert found is not None, f"no route to a {kind} ending"
    return found


def open_demo_by_keyboard(ui: Driver, mode: str = "practice") -> DialogueScreen:
    assert ui.screen.focus.focused.id == "play"       # Continue is disabled with no save
    ui.key(pygame.K_RETURN)
    ui.tab_to(f"play:{scenario_path(DEMO)}")
    ui.key(pygame.K_RETURN)
    ui.tab_to(mode)
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, DialogueScreen)
    return ui.screen


def at_decision(ui: Driver) -> bool:
    scene = ui.screen
    return isinstance(scene, DialogueScreen) and scene.review is None and scene.view.kind == NodeKind.DECISION


def choose_by_keyboard(ui: Driver, number: int) -> None:
    """At a decision: show all of the prompt, move to choice `number` with Down, press Enter."""
    scene = ui.screen
    ui.key(pygame.K_SPACE)
    for _ in range(number - 1):
        ui.key(pygame.K_DOWN)
    assert scene.focus.focused.id == f"choice:{number}"
    ui.key(pygame.K_RETURN)


def play_by_keyboard(ui: Driver, numbers: list[int]) -> None:
    """Space through lines, Enter past feedback, arrows and Enter at each decision, Space then
    Enter for the debrief: keyboard only, until the debrief shows."""
    queue = list(numbers)

    def step(d: Driver) -> None:
        scene = d.screen
        if at_decision(d):
            choose_by_keyboard(d, queue.pop(0))
        elif isinstance(scene, DialogueScreen) and scene.view.kind == NodeKind.ENDING and scene.review is None:
            d.key(pygame.K_SPACE)
            d.key(pygame.K_RETURN)                    # See your debrief
        else:
            d.advance()

    ui.play_until(lambda d: isinstance(d.screen, DebriefScreen), step, what="the debrief")
    assert not queue, f"choices left over: {queue}"


def to_decision(ui: Driver) -> DialogueScreen:
    """Open the demo and advance to its first decision, the prompt shown in full."""
    scene = open_demo_by_keyboard(ui)
    ui.play_until(at_decision, what="the first decision")
    ui.key(pygame.K_SPACE)
    ui.settle()
    return scene
