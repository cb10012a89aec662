"""The conventions visual-novel players expect (Ren'Py's): auto-forward with a wait, skipping
lines already read, choices tried before marked on a replay, going back through the whole
scene, the briefing again during play, a keys screen, and a gamepad."""
from __future__ import annotations

import pygame

from game.core.model import NodeKind
from game.ui.screens.about import HelpScreen, key_rows
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.dialogue import DialogueScreen
from game.ui.screens.library import LibraryScreen

from .playing import at_decision, choose_by_keyboard, open_demo_by_keyboard


def test_auto_forward_moves_on_by_itself_and_stops_at_a_decision(ui):
    ui.app.change_settings(auto_forward=True, auto_delay=2)
    scene = open_demo_by_keyboard(ui)
    first = scene.view.node_id
    ui.frame(40, dt=0.1)                                  # four seconds, no key pressed
    assert scene.view.node_id != first
    ui.frame(600, dt=0.1)
    assert at_decision(ui)                                # it never chooses
    ui.frame(60, dt=0.1)
    assert at_decision(ui) and scene.state.history == ()


def test_skip_goes_through_lines_already_read_and_stops_at_new_ones(ui):
    scene = open_demo_by_keyboard(ui)
    ui.key(pygame.K_s)
    ui.frame(5)
    assert scene.view.node_id == scene.play.scenario.start   # nothing read yet: skip stays put
    ui.play_until(at_decision)
    decision = scene.view.node_id
    ui.key(pygame.K_ESCAPE)
    ui.tab_to("leave")
    ui.key(pygame.K_RETURN)
    ui.tab_to("play")
    ui.key(pygame.K_RETURN)
    ui.tab_to(next(c.id for c in ui.screen.cards if "demo-late-again" in c.id))
    ui.key(pygame.K_RETURN)
    ui.tab_to("practice")
    ui.key(pygame.K_RETURN)
    again = ui.screen
    ui.key(pygame.K_s)
    ui.frame(20)
    assert again.view.node_id == decision and again.view.kind == NodeKind.DECISION


def test_a_choice_tried_before_is_marked_on_the_replay(ui):
    scene = open_demo_by_keyboard(ui)
    ui.play_until(at_decision)
    choose_by_keyboard(ui, 2)
    ui.tab_to("rewind")
    ui.key(pygame.K_RETURN)
    ui.key(pygame.K_SPACE)
    details = {w.id: w.detail for w in scene.focus.widgets}
    assert details["choice:2"] == "You chose this on an earlier play" and details["choice:1"] == ""


def test_backspace_goes_back_through_every_decision_in_practice(ui):
    route = [3, 2, 1]
    scene = open_demo_by_keyboard(ui)
    ui.play_until(lambda d: len(scene.state.history) == 3 and at_decision(d),
                  lambda d: choose_by_keyboard(d, route[len(scene.state.history)]) if at_decision(d) else d.advance())
    for left in (2, 1, 0):
        ui.key(pygame.K_BACKSPACE)
        assert len(scene.state.history) == left and at_decision(ui)


def test_b_reads_the_briefing_again_and_esc_returns_to_the_scene(ui):
    scene = open_demo_by_keyboard(ui)
    ui.key(pygame.K_b)
    assert isinstance(ui.screen, BriefingScreen) and [w.id for w in ui.screen.focus.widgets] == ["back"]
    ui.key(pygame.K_ESCAPE)
    assert ui.screen is scene


def test_f1_lists_every_key_on_any_screen(ui):
    ui.key(pygame.K_F1)
    assert isinstance(ui.screen, HelpScreen)
    for keys, what in key_rows(ui.app.keymap):
        assert keys in ui.screen.spoken() and what in ui.screen.spoken()
    ui.key(pygame.K_ESCAPE)
    open_demo_by_keyboard(ui)
    ui.key(pygame.K_F1)
    assert isinstance(ui.screen, HelpScreen)
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, DialogueScreen)


def test_a_gamepad_drives_the_menus(ui):
    ui.app.handle(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A, instance_id=0))
    ui.frame()
    assert isinstance(ui.screen, LibraryScreen)
    ui.app.handle(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_B, instance_id=0))
    ui.frame()
    assert ui.screen.title == "Doorstep"


def test_named_slots_save_in_practice_and_load_from_the_title(ui):
    from game.ui.screens.saves_screen import SavesScreen

    scene = open_demo_by_keyboard(ui)
    ui.play_until(at_decision)
    choose_by_keyboard(ui, 3)
    ui.key(pygame.K_RETURN)                                # past the feedback
    kept = scene.state
    ui.key(pygame.K_ESCAPE)
    ui.tab_to("save")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, SavesScreen)
    ui.tab_to("slot-2")
    ui.key(pygame.K_RETURN)
    assert any("Saved in Slot 2" in n for n in ui.app.notices)
    ui.key(pygame.K_ESCAPE)                                # back to the pause menu
    ui.key(pygame.K_ESCAPE)                                # and the scene, which plays on
    ui.play_until(lambda d: len(scene.state.history) == 2,
                  lambda d: choose_by_keyboard(d, 1) if at_decision(d) else d.advance())
    ui.key(pygame.K_ESCAPE)
    ui.tab_to("leave")
    ui.key(pygame.K_RETURN)
    ui.tab_to("load")
    ui.key(pygame.K_RETURN)
    ui.tab_to("load:slot-2")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, DialogueScreen) and ui.screen.state == kept


def test_an_assessed_attempt_cannot_be_saved_to_a_slot(ui):
    open_demo_by_keyboard(ui, mode="assessed")
    ui.key(pygame.K_ESCAPE)
    assert "save" not in [w.id for w in ui.screen.focus.widgets]
    ui.key(pygame.K_ESCAPE)
    ui.key(pygame.K_F6)
    assert any("cannot be saved to a slot" in n for n in ui.app.notices)


def test_f6_quick_saves_and_f9_loads_it_from_anywhere(ui):
    scene = open_demo_by_keyboard(ui)
    ui.play_until(at_decision)
    ui.key(pygame.K_F6)
    kept = scene.state
    choose_by_keyboard(ui, 1)
    ui.key(pygame.K_F9)
    assert isinstance(ui.screen, DialogueScreen) and ui.screen is not scene and ui.screen.state == kept
    assert [type(s).__name__ for s in ui.app.router.stack] == ["TitleScreen", "DialogueScreen"]
