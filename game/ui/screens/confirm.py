"""A yes/no question over the current screen; the safe answer has focus. Returns True or False."""
from __future__ import annotations

import pygame

from game.ui.focus import Button, Column, stack
from game.ui.screens.base import Screen, draw_panel, draw_shade


class ConfirmScreen(Screen):
    overlay = True

    def __init__(self, app, question: str, detail: str, yes: str, no: str):
        super().__init__(app)
        self.title, self.detail = question, detail
        self.column = Column()
        self.focus.arrows = "vertical"
        self.focus.set([Button("yes", yes), Button("no", no)], focus="no")

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(640 * m.ui * max(1, m.text_scale * 0.8)))
        inner = width - 2 * m.pad
        self.head_h = (app.text.block_height(self.title, m.heading, inner, True)
                       + app.text.block_height(self.detail, m.body, inner) + m.gap * 2)
        menu_h = stack(self.focus.widgets, app.text, m, 0, 0, inner - 6 * m.focus_width) + 6 * m.focus_width
        self.card = pygame.Rect(0, 0, width, min(m.height - 2 * m.gap, self.head_h + menu_h + 2 * m.pad))
        self.card.center = (m.width // 2, m.height // 2)
        area = pygame.Rect(self.card.x + m.pad, self.card.y + m.pad + self.head_h, inner,
                           self.card.bottom - 2 * m.pad - self.card.y - self.head_h)
        self.column.place(self.focus.widgets, app.text, m, area, self.focus.focused)

    def handle(self, event) -> None:
        super().handle(event)
        if self.app.router.top is self:
            self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        self.dismiss(widget_id == "yes")

    def back(self) -> None:
        self.dismiss(False)

    def spoken(self) -> str:
        return f"{self.title} {self.detail}"

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        draw_shade(surface, app)
        draw_panel(surface, self.card, app)
        x, y = self.card.x + m.pad, self.card.y + m.pad
        inner = self.card.width - 2 * m.pad
        y += app.text.draw(surface, self.title, (x, y), m.heading, p.accent, inner, bold=True) + m.gap
        app.text.draw(surface, self.detail, (x, y), m.body, p.text, inner)
        self.column.draw(surface, self.focus, app.text, m, p)
