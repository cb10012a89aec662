"""The App: what every screen shares (settings, palette, sizes, text, art, saves, the router)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import platformdirs
import pygame

from game.storage import saves
from game.ui import settings as settings_store
from game.ui.art.backgrounds import Backgrounds
from game.ui.bindings import Action, Keymap
from game.ui import flow, gamepad
from game.ui.art.portraits import Portraits
from game.ui.focus import TextField, describe
from game.ui.screens.base import Router
from game.ui.sound import Ambient
from game.ui.seen import Seen
from game.ui.speech import Speech
from game.ui.text import Text
from game.ui.theme import BASE_SIZE, Metrics, Palette, metrics, palette


class App:
    """Shared state for the screens. Holds no pygame window itself, so tests can draw anywhere."""

    def __init__(self, scenarios_dir: str = "scenarios", settings_dir: str | None = None,
                 size: tuple[int, int] = BASE_SIZE, speech: Speech | None = None):
        self.scenarios_dir = Path(scenarios_dir)
        self.config_dir = settings_store.settings_dir(settings_dir)
        self.saves_dir = saves.saves_dir(settings_dir)
        # Saved debriefs go where people look for their files (Documents), not the hidden data folder.
        self.exports_dir = (self.saves_dir.parent / "debriefs" if settings_dir
                            else Path(platformdirs.user_documents_dir()) / "Doorstep debriefs")
        self.settings, problem = settings_store.load(self.config_dir)
        self.notices: list[str] = [problem] if problem else []
        self.reported: set[str] = set()   # problems already told to the learner this run
        self.size = size
        self.text = Text()
        self.portraits = Portraits()
        self.backgrounds = Backgrounds()
        self.ambient = Ambient()
        self.speech = speech if speech is not None else Speech()
        self.seen = Seen(self.saves_dir)
        self._voiced: tuple = (None, None, None)   # (screen text, widget, notices) last read aloud
        self.router = Router(self)
        self.running = True
        self._metrics: tuple[tuple, Metrics] | None = None
        self._keymap: tuple[tuple, Keymap] | None = None
        self.ambient.set(self.settings.sound, self.settings.volume)

    @property
    def palette(self) -> Palette:
        return palette(self.settings.high_contrast)

    @property
    def metrics(self) -> Metrics:
        key = (self.size, self.settings.text_scale)
        if self._metrics is None or self._metrics[0] != key:
            self._metrics = (key, metrics(self.size, self.settings.text_scale))
        return self._metrics[1]

    @property
    def keymap(self) -> Keymap:
        """The key bindings in force (game.ui.bindings), with the learner's remapping."""
        if self._keymap is None or self._keymap[0] != self.settings.keys:
            self._keymap = (self.settings.keys, Keymap(self.settings.remapped))
        return self._keymap[1]

    @property
    def capturing(self) -> bool:
        """True while the Keys page waits for a new key: every key goes to it, none acts."""
        return getattr(self.router.top, "capturing", None) is not None

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size: every screen on the stack lays itself out again."""
        self.size = (max(320, size[0]), max(240, size[1]))
        for screen in self.router.stack:
            screen.layout(self.size)

    def change_settings(self, **changes) -> None:
        """Apply, persist and act on changed settings."""
        self.settings = replace(self.settings, **changes)
        problem = settings_store.save(self.config_dir, self.settings)
        if problem:
            self.notify(problem)
        self.ambient.set(self.settings.sound, self.settings.volume)
        for screen in self.router.stack:
            screen.layout(self.size)

    def notify(self, message: str) -> None:
        """Show a message in a banner until the learner next presses a key or clicks."""
        if message not in self.notices:
            self.notices.append(message)

    @property
    def voicing(self) -> bool:
        return self.settings.speech and self.speech.available

    def voice(self, again: bool = False, lead: str = "") -> None:
        """Read aloud what changed since last time: a message, the screen's text when the screen
        or its text changed, the focused control when focus moved or its label changed.
        `again` reads the whole screen and the focused control even when nothing changed."""
        top = self.router.top
        if top is None or not self.voicing:
            return
        screen = (id(top), top.spoken())
        widget = top.focus.focused
        widget_key = (id(top), widget.id, widget.label, widget.enabled) if widget is not None else None
        notices = " ".join(self.notices)
        parts = [lead]
        if notices and (again or notices != self._voiced[2]):
            parts.append(notices)
        if again or screen != self._voiced[0]:
            parts.append(screen[1])
        if widget is not None and (again or widget_key != self._voiced[1]
                                   or (screen != self._voiced[0] and top.reads_focus_with_text())):
            parts.append(describe(widget))
        self._voiced = (screen, widget_key, notices)
        if any(parts):
            self.speech.say(" ... ".join(p for p in parts if p))

    def toggle_speech(self) -> None:
        """V, as in Ren'Py: self-voicing on or off from anywhere."""
        if not self.speech.available:
            self.notify(self.speech.problem)
            return
        if self.settings.speech:
            self.speech.say("Reading aloud is off.")
            self.change_settings(speech=False)
        else:
            self.change_settings(speech=True)
            self.voice(again=True, lead="Reading aloud is on. R reads the screen again, V turns it off.")

    def quit(self) -> None:
        self.running = False

    def navigate(self, screen, result) -> None:
        """A screen is done with `result` (game.ui.results): flow decides what comes next."""
        flow.navigate(self, screen, result)

    def ask_to_quit(self) -> None:
        flow.ask_to_quit(self)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.CONTROLLERDEVICEADDED, pygame.CONTROLLERBUTTONDOWN):
            event = gamepad.as_key(event, self.keymap)
            if event is None:
                return
        if event.type == pygame.QUIT:   # the window's close button: asked, like Quit (a second close quits)
            self.ask_to_quit()
            self.voice()
            return
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and self.notices:
            self.notices.clear()
        if event.type == pygame.KEYDOWN and self._shortcut(event):
            return
        self.router.handle(event)
        self.voice()

    def _shortcut(self, event: pygame.event.Event) -> bool:
        """Keys that work on every screen: help, quick load, reading aloud and reading again.
        Letters are left alone while a text box has focus, so they can be typed."""
        top = self.router.top
        if self.capturing:
            return False
        action = self.keymap.action(event.key)
        if isinstance(top.focus.focused, TextField) and len(pygame.key.name(event.key)) == 1:   # typed
            return False
        if action is Action.QUICK_LOAD:
            self.navigate(top, flow.Go.QUICK_LOAD)
        elif action is Action.HELP:
            self.navigate(top, flow.Go.HELP)
        elif action is Action.READ_AGAIN:
            self.voice(again=True)
            return True
        elif action is Action.VOICE:
            self.toggle_speech()
            return True
        else:
            return False
        self.voice()
        return True

    def update(self, dt: float) -> None:
        self.router.update(dt)
        self.voice()

    def draw(self, surface: pygame.Surface) -> None:
        if surface.get_size() != self.size:
            self.resize(surface.get_size())
        surface.fill(self.palette.backdrop)
        self.router.draw(surface)
        if self.notices:
            self._draw_notices(surface)

    def _draw_notices(self, surface: pygame.Surface) -> None:
        m, p = self.metrics, self.palette
        message = "  ".join(self.notices) + "  (press any key to dismiss)"
        width = m.width - 4 * m.margin
        h = self.text.block_height(message, m.small, width - 2 * m.pad) + 2 * m.pad
        rect = pygame.Rect(2 * m.margin, m.gap, width, h)   # along the top, clear of the buttons
        pygame.draw.rect(surface, p.panel, rect, border_radius=m.radius)
        pygame.draw.rect(surface, p.accent, rect, m.focus_width, border_radius=m.radius)
        self.text.draw(surface, message, (rect.x + m.pad, rect.y + m.pad), m.small, p.text, width - 2 * m.pad)
