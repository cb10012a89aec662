"""Whole playthroughs of the demo scenario through the real screens: keyboard only, mouse only,
assessed mode, Rewind, and Continue from an autosave."""
from __future__ import annotations

import pygame

from game.core import engine
from game.core.play import play_route
from game.core.loader import load_path
from game.storage import saves
from game.ui.app import make_app
from game.ui.driver import Driver
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dialogue import DialogueScreen
from tests.helpers import SCENARIOS, scenario_path

from .conftest import DEMO


def numbers_to(scenario, kind: str, mode: str = "practice") -> list[int]:
    """Choice numbers (as offered) that reach an ending of `kind`, found by searching the engine."""
    def search(state, taken):
        state = engine.to_next_decision(scenario, state)
        if state.finished:
            return taken if scenario.nodes[state.node].ending == kind else None
        if len(taken) > 12:
            return None
        for n, choice in enumerate(engine.offered(scenario, state), 1):
            found = search(engine.apply(scenario, state, choice), taken + [n])
            if found is not None:
                return found
        return None

    found = search(engine.start(scenario, mode), [])
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


def play_by_keyboard(ui: Driver, numbers: list[int]) -> None:
    """Space through beats; at each decision move with the arrow keys and press Enter."""
    queue = list(numbers)
    for _ in range(400):
        scene = ui.screen
        if not isinstance(scene, DialogueScreen):
            return
        if scene.feedback is not None:
            ui.key(pygame.K_RETURN)                    # Continue is focused first
        elif scene.view.kind == "decision":
            ui.key(pygame.K_SPACE)                     # show the whole prompt and the choices
            target = queue.pop(0)
            for _ in range(target - 1):
                ui.key(pygame.K_DOWN)
            assert scene.focus.focused.id == f"choice:{target}"
            ui.key(pygame.K_RETURN)
        elif scene.view.kind == "ending":
            ui.key(pygame.K_SPACE)
            ui.key(pygame.K_RETURN)                    # See your debrief
        else:
            ui.key(pygame.K_SPACE)
            ui.key(pygame.K_SPACE)
    raise AssertionError("the playthrough never reached the debrief")


def test_keyboard_only_playthrough_reaches_the_good_ending(ui):
    scenario = load_path(scenario_path(DEMO))
    numbers = numbers_to(scenario, "child_seen_safe")
    scene = open_demo_by_keyboard(ui)
    play_by_keyboard(ui, numbers)
    assert isinstance(ui.screen, DebriefScreen)
    assert ui.screen.state.finished
    assert ui.screen.debrief.ending.ending == "child_seen_safe"
    assert ui.screen.debrief.ending.id == play_route(scenario, numbers, mode="practice")[0].node
    assert [s.number for s in ui.screen.state.history] == numbers
    assert scene.state.node == ui.screen.state.node
    # Finishing clears the autosave and records the result for the library card.
    assert saves.latest_save(ui.app.saves_dir) is None
    assert saves.load_records(ui.app.saves_dir)[scenario.id].status == "completed"


def test_mouse_only_playthrough_matches_the_engine(ui):
    scenario = load_path(scenario_path(DEMO))
    numbers = numbers_to(scenario, "risk_unseen")
    expected = play_route(scenario, numbers, mode="practice")[0]
    ui.click_widget("play")
    ui.click_widget(f"play:{scenario_path(DEMO)}")
    ui.click_widget("practice")
    queue = list(numbers)
    for _ in range(400):
        scene = ui.screen
        if isinstance(scene, DebriefScreen):
            break
        if scene.feedback is not None:
            ui.click_widget("continue")
        elif scene.view.kind == "decision":
            ui.click((640, 700))                      # a click shows the whole prompt
            ui.click_widget(f"choice:{queue.pop(0)}")
        elif scene.view.kind == "ending":
            ui.click((640, 700))
            ui.click_widget("debrief")
        else:
            ui.click(scene.panel.center)
    assert isinstance(ui.screen, DebriefScreen)
    assert ui.screen.state.node == expected.node
    assert ui.screen.debrief.ending.ending == "risk_unseen"


def test_assessed_play_has_no_feedback_and_reports_pass_or_fail(ui):
    scenario = load_path(scenario_path(DEMO))
    numbers = numbers_to(scenario, "child_seen_safe", "assessed")
    open_demo_by_keyboard(ui, mode="assessed")
    play_by_keyboard(ui, numbers)
    debrief = ui.screen.debrief
    assert debrief.mode == "assessed"
    assert debrief.passed == (debrief.overall >= scenario.pass_mark)
    assert saves.load_records(ui.app.saves_dir)[scenario.id].status == ("passed" if debrief.passed else "not_passed")


def test_rewind_goes_back_to_the_same_decision(ui):
    scene = open_demo_by_keyboard(ui)
    while scene.view.kind != "decision":
        ui.key(pygame.K_SPACE)
    decision = scene.view.node_id
    ui.key(pygame.K_SPACE)
    ui.key(pygame.K_2)
    assert scene.feedback is not None and len(scene.state.history) == 1
    ui.tab_to("rewind")
    ui.key(pygame.K_RETURN)
    assert scene.feedback is None
    assert scene.view.kind == "decision" and scene.view.node_id == decision
    assert scene.state.history == ()


def test_continue_resumes_exactly_where_the_learner_left(ui, window, settings_dir):
    scene = open_demo_by_keyboard(ui)
    play_by_keyboard_steps = 0
    while len(scene.state.history) < 2:
        if scene.feedback is not None:
            ui.key(pygame.K_RETURN)
        elif scene.view.kind == "decision":
            ui.key(pygame.K_SPACE)
            ui.key(pygame.K_1)
        else:
            ui.key(pygame.K_SPACE)
            ui.key(pygame.K_SPACE)
        play_by_keyboard_steps += 1
        assert play_by_keyboard_steps < 100
    left = scene.state
    ui.key(pygame.K_ESCAPE)
    ui.tab_to("leave")
    ui.key(pygame.K_RETURN)
    # A new run of the game, same user folder.
    again = Driver(make_app(SCENARIOS, settings_dir), window)
    again.frame()
    title = again.screen
    assert title.focus.focused.id == "continue"
    again.key(pygame.K_RETURN)
    resumed = again.screen
    assert isinstance(resumed, DialogueScreen)
    assert resumed.state == left
