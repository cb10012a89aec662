"""Drive the real screens with synthetic keyboard and mouse events, without a person.

Used by the UI tests, the screenshot script and the frame benchmark, so all three exercise the
same code paths a learner does.
"""
from __future__ import annotations

import pygame

from game.ui.context import App


class Driver:
    def __init__(self, app: App, surface: pygame.Surface):
        self.app = app
        self.surface = surface

    @property
    def screen(self):
        return self.app.router.top

    def frame(self, n: int = 1, dt: float = 1 / 60) -> None:
        for _ in range(n):
            self.app.update(dt)
            self.app.draw(self.surface)

    def settle(self) -> None:
        """Run frames until fades and text reveals have finished (twelve seconds of play)."""
        self.frame(120, dt=1 / 10)

    def send(self, event: pygame.event.Event) -> None:
        self.app.handle(event)
        self.frame()

    def key(self, key: int, shift: bool = False, text: str = "") -> None:
        mod = pygame.KMOD_SHIFT if shift else 0
        self.app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0))
        self.send(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text, scancode=0))

    def type(self, text: str) -> None:
        for ch in text:
            self.send(pygame.event.Event(pygame.TEXTINPUT, text=ch))

    def click(self, pos: tuple[int, int]) -> None:
        self.app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        self.send(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))

    def click_widget(self, widget_id: str) -> None:
        widget = next(w for w in self.screen.focus.widgets if w.id == widget_id)
        self.click(widget.rect.center)

    def wheel(self, y: int) -> None:
        self.send(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))

    def tab_to(self, widget_id: str, limit: int = 60) -> None:
        """Press Tab until `widget_id` has focus (fails loudly when it never does)."""
        for _ in range(limit):
            focused = self.screen.focus.focused
            if focused is not None and focused.id == widget_id:
                return
            self.key(pygame.K_TAB)
        raise AssertionError(f"Tab never reached {widget_id!r}")

    def advance(self) -> None:
        """One 'go on' by keyboard, as a reader presses it: Enter on a feedback card, Space
        elsewhere (it shows a line in full, then moves on). At a decision it does nothing: a
        choice is never made by accident."""
        from game.ui.screens.dialogue import DialogueScreen

        scene = self.screen
        if isinstance(scene, DialogueScreen) and scene.review is not None:
            self.key(pygame.K_RETURN)
        else:
            self.key(pygame.K_SPACE)

    def play_until(self, done, step=None, limit: int = 400, what: str = "") -> int:
        """Ren'Py's "advance until": repeat `step(driver)` (default `advance`) until
        `done(driver)` is true; returns how many steps it took. Bounded, so a bug fails with
        where it got stuck instead of hanging the test run."""
        for taken in range(limit):
            if done(self):
                return taken
            (step or Driver.advance)(self)
        raise AssertionError(f"{what or 'the condition'} not reached in {limit} steps: stuck on "
                             f"{type(self.screen).__name__} ({self.screen.spoken()[:160]!r})")
