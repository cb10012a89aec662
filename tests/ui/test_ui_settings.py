"""Settings persist per user, survive a damaged file, and change what is drawn."""
from __future__ import annotations

import json
from pathlib import Path

import pygame

from game.ui import settings
from game.ui.app import make_app
from game.ui.driver import Driver
from game.ui.screens.settings_screen import SettingsScreen
from tests.helpers import SCENARIOS


def test_missing_file_gives_defaults(tmp_path):
    assert settings.load(tmp_path) == (settings.Settings(), None)


def test_round_trip_and_clamping(tmp_path):
    settings.save(tmp_path, settings.Settings(text_scale=1.5, high_contrast=True, volume=70))
    loaded, problem = settings.load(tmp_path)
    assert problem is None and loaded.text_scale == 1.5 and loaded.high_contrast and loaded.volume == 70
    (tmp_path / settings.FILE_NAME).write_text(json.dumps({"text_scale": 9, "volume": 500}), encoding="utf-8")
    loaded, _ = settings.load(tmp_path)
    assert loaded.text_scale == 2.0 and loaded.volume == 100


def test_corrupt_file_gives_defaults_and_a_message(tmp_path, window):
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / settings.FILE_NAME).write_text('{"text_scale": "huge"', encoding="utf-8")
    loaded, problem = settings.load(tmp_path / "user")
    assert loaded == settings.Settings() and "damaged" in problem
    app = make_app(SCENARIOS, str(tmp_path / "user"))
    assert any("damaged" in n for n in app.notices)     # shown on screen, not a crash
    Driver(app, window).frame()
    for bad in ('{"high_contrast": "yes"}', "[]", "null"):
        (tmp_path / "user" / settings.FILE_NAME).write_text(bad, encoding="utf-8")
        assert settings.load(tmp_path / "user")[0] == settings.Settings()


def test_the_settings_screen_by_keyboard_persists(ui, settings_dir):
    ui.tab_to("settings")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, SettingsScreen)
    ui.key(pygame.K_RIGHT)                                # text size 100% -> 125%
    ui.tab_to("high_contrast")
    ui.key(pygame.K_RETURN)
    ui.tab_to("reduce_motion")
    ui.key(pygame.K_SPACE)
    saved = json.loads((Path(settings_dir) / settings.FILE_NAME).read_text(encoding="utf-8"))
    assert saved["text_scale"] == 1.25 and saved["high_contrast"] and saved["reduce_motion"]
    assert ui.app.metrics.body > 22
    ui.key(pygame.K_ESCAPE)
    assert ui.screen.title == "Doorstep"


def test_every_setting_value_is_reachable_by_mouse(ui):
    ui.click_widget("settings")
    for _ in range(6):
        ui.click_widget("volume")            # 40 -> 100 in steps of ten
    assert ui.app.settings.volume == 100
    ui.click_widget("volume")
    assert ui.app.settings.volume == 0       # and round again, so lower values are reachable
    for expected in (1.25, 1.5, 1.75, 2.0, 2.0):   # defect 8: it stops at 200%, never wraps to 100%
        ui.click_widget("text_scale")
        assert ui.app.settings.text_scale == expected
    for expected in (1.75, 1.5, 1.25, 1.0):
        ui.click_widget("text_smaller")
        assert ui.app.settings.text_scale == expected
    assert not next(w for w in ui.screen.focus.widgets if w.id == "text_smaller").enabled
    ui.click_widget("done")
    assert ui.screen.title == "Doorstep"
