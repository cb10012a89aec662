"""Whole playthroughs of the demo scenario through the real screens: keyboard only, mouse only,
assessed mode, Rewind, and Continue from an autosave."""
from __future__ import annotations

import pygame

from game.core.model import NodeKind
from game.core.play import Mode, play_route
from game.core.loader import load_path
from game.storage import saves
from game.ui.app import make_app
from game.ui.driver import Driver
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dialogue import DialogueScreen
from tests.helpers import SCENARIOS, scenario_path

from .conftest import DEMO
from .playing import at_decision, numbers_to, open_demo_by_keyboard, play_by_keyboard


def test_keyboard_only_playthrough_reaches_the_good_ending(ui):
    scenario = load_path(scenario_path(DEMO))
    numbers = numbers_to(scenario, "child_seen_safe")
    scene = open_demo_by_keyboard(ui)
    play_by_keyboard(ui, numbers)
    assert isinstance(ui.screen, DebriefScreen)
    assert ui.screen.debrief.finished
    assert ui.screen.debrief.ending.ending == "child_seen_safe"
    assert ui.screen.debrief.ending.id == play_route(scenario, numbers, mode=Mode.PRACTICE)[0].node
    assert [s.number for s in scene.state.history] == numbers
    # Finishing clears the autosave and records the result for the library card.
    assert saves.latest_save(ui.app.saves_dir) is None
    assert saves.load_records(ui.app.saves_dir)[scenario.id].status == "completed"


def test_mouse_only_playthrough_matches_the_engine(ui):
    scenario = load_path(scenario_path(DEMO))
    numbers = numbers_to(scenario, "risk_unseen")
    expected, _ = play_route(scenario, numbers, mode=Mode.PRACTICE)
    ui.click_widget("play")
    ui.click_widget(f"play:{scenario_path(DEMO)}")
    ui.click_widget("practice")
    queue = list(numbers)

    def click(d):
        scene = d.screen
        if scene.review is not None:
            d.click_widget("continue")
        elif scene.view.kind == NodeKind.DECISION:
            d.click((640, 700))                      # a click shows the whole prompt
            d.click_widget(f"choice:{queue.pop(0)}")
        elif scene.view.kind == NodeKind.ENDING:
            d.click((640, 700))
            d.click_widget("debrief")
        else:
            d.click(scene.panel.center)

    ui.play_until(lambda d: isinstance(d.screen, DebriefScreen), click, what="the debrief by mouse")
    assert ui.screen.debrief.route[-1] == expected.node
    assert ui.screen.debrief.ending.ending == "risk_unseen"


def test_assessed_play_has_no_feedback_and_reports_pass_or_fail(ui):
    scenario = load_path(scenario_path(DEMO))
    numbers = numbers_to(scenario, "child_seen_safe", Mode.ASSESSED)
    open_demo_by_keyboard(ui, mode="assessed")
    play_by_keyboard(ui, numbers)
    debrief = ui.screen.debrief
    assert debrief.mode == "assessed"
    assert debrief.passed == (debrief.overall >= scenario.pass_mark)
    assert saves.load_records(ui.app.saves_dir)[scenario.id].status == ("passed" if debrief.passed else "not_passed")


def test_rewind_goes_back_to_the_same_decision(ui):
    scene = open_demo_by_keyboard(ui)
    ui.play_until(at_decision)
    decision = scene.view.node_id
    ui.key(pygame.K_SPACE)
    ui.key(pygame.K_2)
    assert scene.review is not None and len(scene.state.history) == 1
    ui.tab_to("rewind")
    ui.key(pygame.K_RETURN)
    assert scene.review is None
    assert scene.view.kind == NodeKind.DECISION and scene.view.node_id == decision
    assert scene.state.history == ()


def test_continue_resumes_exactly_where_the_learner_left(ui, window, settings_dir):
    scene = open_demo_by_keyboard(ui)
    ui.play_until(lambda d: len(scene.state.history) == 2 and scene.review is None,
                  lambda d: d.key(pygame.K_1) if at_decision(d) else d.advance())
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
