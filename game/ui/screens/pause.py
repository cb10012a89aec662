"""Pause / step away, available at any moment with Esc. In assessed mode leaving is recorded as
a withdrawal, never as a fail."""
from __future__ import annotations

import pygame

from game.ui.focus import Button, Column, stack
from game.ui.results import Go, Leave
from game.ui.screens.base import Screen, draw_panel, draw_shade

SHORT = "Take whatever time you need: nothing in Doorstep is timed."
MESSAGE = ("Take whatever time you need: nothing in Doorstep is timed. These scenarios describe harm to "
           "children, and some of us have lived it. If this has stirred something up, it is fine to stop here "
           "and talk to your supervisor or someone you trust.")


class PauseScreen(Screen):
    overlay = True
    title = "Paused"

    def __init__(self, app, scene):
        super().__init__(app)
        self.scene = scene
        self.confirming = False
        self.column = Column()
        self.focus.arrows = "vertical"
        self._build()

    def _build(self) -> None:
        assessed = self.scene.state.mode == "assessed"
        if self.confirming:
            widgets = [Button("withdraw-yes", "Yes, withdraw",
                              detail="This is recorded as a withdrawal, not a fail. You can talk to your trainer about another attempt."),
                       Button("withdraw-no", "No, go back")]
            self.focus.set(widgets, focus="withdraw-no")   # the safe answer is the default
            self.layout(self.app.size)
            return
        else:
            widgets = [Button("resume", "Resume"), Button("notes", "Case notes"), Button("settings", "Settings")]
            if assessed:
                widgets.append(Button("withdraw", "Step away from this assessment", detail="Recorded as a withdrawal, not a fail"))
            else:
                widgets.append(Button("leave", "Save and leave", detail="Continue later from the title screen"))
        self.focus.set(widgets)
        self.layout(self.app.size)

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(640 * m.ui * max(1, m.text_scale * 0.8)))
        inner = width - 2 * m.pad
        menu_h = stack(self.focus.widgets, app.text, m, 0, 0, inner - 6 * m.focus_width) + 6 * m.focus_width
        # Large text: the short message, so the message never covers Resume; the menu scrolls if need be.
        for self.message in (MESSAGE, SHORT):
            self.head_h = (app.text.block_height(self._title(), m.heading, inner, True)
                           + app.text.block_height(self.message, m.body, inner) + m.gap * 2)
            if self.head_h + menu_h + 2 * m.pad <= m.height - 2 * m.gap:
                break
        height = min(m.height - 2 * m.gap, self.head_h + menu_h + 2 * m.pad)
        self.card = pygame.Rect(0, 0, width, height)
        self.card.center = (m.width // 2, m.height // 2)
        area = pygame.Rect(self.card.x + m.pad, self.card.y + m.pad + self.head_h, inner,
                           max(m.button_h, self.card.bottom - m.pad - self.card.y - m.pad - self.head_h))
        self.column.place(self.focus.widgets, app.text, m, area, self.focus.focused)

    def _title(self) -> str:
        return "Step away from the assessment?" if self.confirming else "Paused"

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if self.confirming:
                self.confirming = False
                self._build()
            else:
                self.done(Go.BACK)
            return
        activated = self.focus.handle(event)
        if activated:
            self.activate(activated)
        elif self.app.router.top is self:
            self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        if widget_id == "resume":
            self.done(Go.BACK)
        elif widget_id == "notes":
            self.done(Go.BACK)
            self.scene.toggle("notes")
        elif widget_id == "settings":
            self.done(Go.SETTINGS)
        elif widget_id == "leave":
            self.done(Go.TITLE)
        elif widget_id == "withdraw":
            self.confirming = True
            self._build()
        elif widget_id == "withdraw-no":
            self.confirming = False
            self._build()
        elif widget_id == "withdraw-yes":
            self.withdraw()

    def withdraw(self) -> None:
        """The scene records the withdrawal (never a fail); then back to the title, saying so."""
        self.done(Leave(message=self.scene.step_away()))

    def spoken(self) -> str:
        return f"{self._title()}. {MESSAGE}"

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        draw_shade(surface, app)
        draw_panel(surface, self.card, app)
        x, y = self.card.x + m.pad, self.card.y + m.pad
        inner = self.card.width - 2 * m.pad
        y += app.text.draw(surface, self._title(), (x, y), m.heading, p.accent, inner, bold=True) + m.gap
        surface.set_clip(pygame.Rect(x, y, inner, max(0, self.column.area.top - y)))
        app.text.draw(surface, self.message, (x, y), m.body, p.text, inner)
        surface.set_clip(None)
        self.column.draw(surface, self.focus, app.text, m, p)
