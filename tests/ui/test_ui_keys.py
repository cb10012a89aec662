"""Key remapping: bindings as data (one table, used by the scene, the F1 list and Settings >
Keys), a new key pressed on the Keys page, a key another action uses refused with that action
named, Reset to defaults, kept with the settings, and read aloud."""
from __future__ import annotations

import json
from pathlib import Path

import pygame

from game.ui import settings
from game.ui.app import make_app
from game.ui.bindings import BINDINGS, Action, Keymap, checked
from game.ui.driver import Driver
from game.ui.screens.about import HelpScreen
from game.ui.screens.keys_screen import KeysScreen
from game.ui.speech import Recording, Speech
from tests.helpers import SCENARIOS

from .playing import open_demo_by_keyboard


def open_keys(ui: Driver) -> KeysScreen:
    ui.tab_to("settings")
    ui.key(pygame.K_RETURN)
    ui.tab_to("keys")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, KeysScreen)
    return ui.screen


def remap(ui: Driver, action: Action, key: int) -> None:
    ui.tab_to(f"key:{action.value}")
    ui.key(pygame.K_RETURN)
    assert ui.screen.capturing is action
    ui.key(key)


def test_one_table_gives_every_action_a_distinct_default_key():
    names = [n for b in BINDINGS for n in b.keys]
    assert len(names) == len(set(names)) and {b.action for b in BINDINGS} == set(Action)
    assert Keymap().action(pygame.K_h) is Action.HISTORY and Keymap().label(Action.READ_AGAIN) == "R or F5"


def test_a_remapped_key_works_in_the_scene_the_toolbar_and_f1(ui, settings_dir):
    open_keys(ui)
    remap(ui, Action.HISTORY, pygame.K_j)
    assert "now J" in ui.screen.spoken()
    saved = json.loads((Path(settings_dir) / settings.FILE_NAME).read_text(encoding="utf-8"))
    assert saved["keys"] == {"history": "j"}
    ui.key(pygame.K_ESCAPE)
    ui.key(pygame.K_ESCAPE)
    scene = open_demo_by_keyboard(ui)
    ui.key(pygame.K_h)
    assert scene.panel_open is None                      # H no longer opens the history
    ui.key(pygame.K_j)
    assert scene.panel_open == "history" and "J or Esc to close" in scene.open_panel.hint
    ui.key(pygame.K_j)
    assert scene.panel_open is None and scene.toolbar[1].label == "History (J)"
    ui.key(pygame.K_F1)
    assert isinstance(ui.screen, HelpScreen) and "J:  What was said so far" in ui.screen.spoken()
    # and it is still remapped after a restart
    again = make_app(SCENARIOS, settings_dir)
    assert again.keymap.action(pygame.K_j) is Action.HISTORY and again.keymap.action(pygame.K_h) is None


def test_a_key_already_used_is_refused_naming_its_action_and_reset_restores(ui):
    keys = open_keys(ui)
    remap(ui, Action.HISTORY, pygame.K_n)
    assert "N is already used for case notes" in keys.spoken()
    assert ui.app.keymap.action(pygame.K_h) is Action.HISTORY and ui.app.settings.keys == ()
    remap(ui, Action.HISTORY, pygame.K_SPACE)
    assert "cannot be remapped" in keys.spoken() and ui.app.settings.keys == ()
    remap(ui, Action.HISTORY, pygame.K_ESCAPE)
    assert "stays H" in keys.spoken()
    remap(ui, Action.READ_AGAIN, pygame.K_F1)             # F1 is taken by the list of keys
    assert "already used for the list of keys" in keys.spoken()
    remap(ui, Action.NOTES, pygame.K_k)
    remap(ui, Action.HISTORY, pygame.K_n)                 # N is free once notes moved to K
    assert ui.app.keymap.action(pygame.K_n) is Action.HISTORY
    ui.click_widget("reset")
    assert ui.app.settings.keys == () and ui.app.keymap.action(pygame.K_h) is Action.HISTORY
    assert not next(w for w in keys.focus.widgets if w.id == "reset").enabled


def test_keys_pressed_while_choosing_a_key_do_nothing_else(ui):
    open_keys(ui)
    remap(ui, Action.HELP, pygame.K_F2)                  # F1 itself is captured, not the help screen
    assert isinstance(ui.screen, KeysScreen) and ui.app.keymap.action(pygame.K_F2) is Action.HELP
    ui.tab_to("key:voice")
    ui.key(pygame.K_RETURN)
    ui.key(pygame.K_F2)                                   # refused: F2 opens the keys now
    assert isinstance(ui.screen, KeysScreen) and "already used for the list of keys" in ui.screen.spoken()


def test_a_corrupt_or_out_of_date_remapping_gives_the_defaults(tmp_path):
    for bad in ({"history": "n"}, {"teleport": "t"}, {"history": "no such key"}, {"history": "space"}, ["h"]):
        assert checked(bad) == {}
        (tmp_path / settings.FILE_NAME).write_text(json.dumps({"keys": bad}), encoding="utf-8")
        loaded, _ = settings.load(tmp_path)
        assert loaded.keys == ()
    (tmp_path / settings.FILE_NAME).write_text(json.dumps({"keys": {"history": "j"}, "volume": 20}), encoding="utf-8")
    assert settings.load(tmp_path)[0].remapped == {"history": "j"}


def test_the_keys_page_is_read_aloud(window, settings_dir):
    recording = Recording()
    app = make_app(SCENARIOS, settings_dir, speech=Speech(recording))
    app.change_settings(speech=True)
    ui = Driver(app, window)
    ui.frame()
    open_keys(ui)
    start = len(recording.said)
    ui.key(pygame.K_DOWN)
    ui.key(pygame.K_UP)
    heard = " ".join(recording.said[start:])
    assert "What was said so far: H" in heard
    remap(ui, Action.HISTORY, pygame.K_n)
    heard = " ".join(recording.said[start:])
    assert "Press the new key for what was said so far" in heard and "N is already used for case notes" in heard


def test_a_gamepad_button_follows_the_remapped_key(ui):
    open_keys(ui)
    remap(ui, Action.HISTORY, pygame.K_j)
    ui.key(pygame.K_ESCAPE)
    ui.key(pygame.K_ESCAPE)
    scene = open_demo_by_keyboard(ui)
    ui.app.handle(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_X, instance_id=0))
    ui.frame()
    assert scene.panel_open == "history"
