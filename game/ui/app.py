"""The desktop game's entry point: `run()` opens the window and runs the screens at 60 fps."""
from __future__ import annotations

import os
import sys
import traceback
import warnings

import pygame

from game.storage.saves import saves_dir
from game.ui import gamepad, settings as settings_store
from game.ui.bindings import Action
from game.ui.context import App
from game.ui.theme import BASE_SIZE, FPS

MIN_SIZE = (640, 400)


def open_window(fullscreen: bool) -> pygame.Surface:
    window = pygame.display.set_mode((0, 0) if fullscreen else BASE_SIZE,
                                     pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE)
    pygame.display.set_caption("Doorstep")
    with warnings.catch_warnings():   # pygame-ce marks from_display_module deprecated; it is the way to reach it
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            pygame.Window.from_display_module().minimum_size = MIN_SIZE
        except (AttributeError, pygame.error):
            pass   # an older pygame or no window manager: the layout still copes, just more cramped
    return window


def apply_fullscreen(app) -> None:
    """Switch the real window to match the setting (nothing to do without a window)."""
    if pygame.display.get_surface() is None:
        return
    try:
        window = open_window(app.settings.fullscreen)
    except pygame.error:
        return
    app.resize(window.get_size())


def make_app(scenarios_dir: str = "scenarios", settings_dir: str | None = None, speech=None) -> App:
    """An App with the title screen showing (used by run(), the tests and the screenshot script).
    `speech`: a game.ui.speech.Speech to read aloud through (the tests pass a recording one)."""
    from game.ui import flow

    surface = pygame.display.get_surface()
    app = App(scenarios_dir, settings_dir, size=surface.get_size() if surface else BASE_SIZE, speech=speech)
    app.router.push(flow.first_screen(app))
    return app


def run(scenarios_dir: str = "scenarios", settings_dir: str | None = None) -> int:
    """Play Doorstep in a window until the learner quits; returns the process exit code.

    An unexpected failure closes the window with a plain message (the details go to a log file
    in the user's data folder), never a traceback; progress is already autosaved."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        return _loop(scenarios_dir, settings_dir)
    except Exception:   # the last line of defence: a message for the learner, details to a file
        log = saves_dir(settings_dir).parent / "crash.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f" Details were written to {log}."
        except OSError:
            where = ""
        print("Doorstep hit a problem and had to close. Your progress up to your last choice is saved." + where,
              file=sys.stderr)
        return 1
    finally:
        pygame.quit()


def _loop(scenarios_dir: str, settings_dir: str | None) -> int:
    pygame.init()
    pygame.key.set_repeat(400, 40)
    gamepad.start()
    chosen, _ = settings_store.load(settings_store.settings_dir(settings_dir))   # decides the window mode
    window = open_window(chosen.fullscreen)
    app = make_app(scenarios_dir, settings_dir)
    clock = pygame.time.Clock()
    first_frame = os.environ.get("DOORSTEP_FIRST_FRAME")   # benchmarks/bench_frames.py: say when, then quit
    dt = 1 / FPS   # the clock is ticked after each frame, so the first one is never held back
    while app.running:
        for event in pygame.event.get():
            if event.type == pygame.KEYDOWN and app.keymap.action(event.key) is Action.FULLSCREEN and not app.capturing:
                app.change_settings(fullscreen=not app.settings.fullscreen)
                apply_fullscreen(app)
                window = pygame.display.get_surface()
                continue
            if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                window = pygame.display.get_surface()
                app.resize(window.get_size())
                continue
            app.handle(event)
        app.update(dt)
        app.draw(window)
        pygame.display.flip()
        if first_frame:
            print(first_frame, flush=True)
            break
        dt = min(clock.tick(FPS) / 1000, 0.1)
    app.ambient.set(False, 0)
    return 0
