"""Headless pygame for the UI tests: a dummy video and audio driver, a 1280x720 window, and a
Driver over the real App with settings and saves in a temporary folder."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui.app import make_app  # noqa: E402
from game.ui.driver import Driver  # noqa: E402
from tests.helpers import SCENARIOS  # noqa: E402

DEMO = "demo-late-again"


@pytest.fixture(scope="session")
def window():
    pygame.init()
    surface = pygame.display.set_mode((1280, 720))
    yield surface
    pygame.quit()


@pytest.fixture
def settings_dir(tmp_path):
    return str(tmp_path / "user")


@pytest.fixture
def ui(window, settings_dir):
    """A Driver on the title screen with fresh settings and no saves."""
    app = make_app(SCENARIOS, settings_dir)
    app.change_settings(instant_text=False, reduce_motion=False)
    driver = Driver(app, window)
    driver.frame()
    return driver
