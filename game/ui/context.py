"""The App: what every screen shares (settings, palette, sizes, text, art, saves, the router)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame

from game.storage import saves
from game.ui import settings as settings_store
from game.ui.art.backgrounds import Backgrounds
from game.ui.art.portraits import Portraits
from game.ui.screens.base import Router
from game.ui.sound import Ambient
from game.ui.speech import Speech
from game.ui.text import Text
from game.ui.theme import BASE_SIZE, Metrics, Palette, metrics, palette


class App:
    """Shared state for the screens. Holds no pygame window itself, so tests can draw anywhere."""

    def __init__(self, scenarios_dir: str = "scenarios", settings_dir: str | None = None,
                 size: tuple[int, int] = BASE_SIZE):
        self.scenarios_dir = Path(scenarios_dir)
        self.config_dir = settings_store.settings_dir(settings_dir)
        self.saves_dir = saves.saves_dir(settings_dir)
        self.settings, problem = settings_store.load(self.config_dir)
        self.notices: list[str] = [problem] if problem else []
        self.reported: set[str] = set()   # problems already told to the learner this run
        self.size = size
        self.text = Text()
        self.portraits = Portraits()
        self.backgrounds = Backgrounds()
        self.ambient = Ambient()
        self.speech = Speech()
        self.router = Router(self)
        self.running = True
        self._metrics: tuple[tuple, Metrics] | None = None
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

    def say(self, text: str) -> None:
        if self.settings.speech:
            self.speech.say(text)

    def quit(self) -> None:
        self.running = False

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and self.notices:
            self.notices.clear()
        self.router.handle(event)

    def update(self, dt: float) -> None:
        self.router.update(dt)

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
