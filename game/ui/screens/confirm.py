"""Cards over the current screen: a heading, a message and a column of buttons (MenuCard, used
by the pause menu too), and the yes/no question (ConfirmScreen) whose safe answer has focus."""
from __future__ import annotations

import pygame

from game.ui.focus import Button, Column, stack
from game.ui.screens.base import Screen, draw_panel, draw_shade


class MenuCard(Screen):
    """An overlay card. `heading()` and `messages()` (longest first: the first that leaves room
    for the buttons is shown, so a message never covers them at large text sizes)."""

    overlay = True

    def __init__(self, app):
        super().__init__(app)
        self.column = Column()
        self.focus.arrows = "vertical"
        self.message = ""

    def heading(self) -> str:
        return self.title

    def messages(self) -> tuple[str, ...]:
        return ("",)

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(640 * m.ui * max(1, m.text_scale * 0.8)))
        inner = width - 2 * m.pad
        menu_h = stack(self.focus.widgets, app.text, m, 0, 0, inner - 6 * m.focus_width) + 6 * m.focus_width
        for self.message in self.messages():
            self.head_h = (app.text.block_height(self.heading(), m.heading, inner, True)
                           + app.text.block_height(self.message, m.body, inner) + m.gap * 2)
            if self.head_h + menu_h + 2 * m.pad <= m.height - 2 * m.gap:
                break
        self.card = pygame.Rect(0, 0, width, min(m.height - 2 * m.gap, self.head_h + menu_h + 2 * m.pad))
        self.card.center = (m.width // 2, m.height // 2)
        area = pygame.Rect(self.card.x + m.pad, self.card.y + m.pad + self.head_h, inner,
                           max(m.button_h, self.card.bottom - 2 * m.pad - self.card.y - self.head_h))
        self.column.place(self.focus.widgets, app.text, m, area, self.focus.focused)

    def spoken(self) -> str:
        return f"{self.heading()}. {self.messages()[0]}"

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        draw_shade(surface, app)
        draw_panel(surface, self.card, app)
        x, y = self.card.x + m.pad, self.card.y + m.pad
        inner = self.card.width - 2 * m.pad
        y += app.text.draw(surface, self.heading(), (x, y), m.heading, p.accent, inner, bold=True) + m.gap
        surface.set_clip(pygame.Rect(x, y, inner, max(0, self.column.area.top - y)))
        app.text.draw(surface, self.message, (x, y), m.body, p.text, inner)
        surface.set_clip(None)
        self.column.draw(surface, self.focus, app.text, m, p)


class ConfirmScreen(MenuCard):
    """A yes/no question; dismissed with True (yes) or False (no, Esc)."""

    def __init__(self, app, question: str, detail: str, yes: str, no: str):
        super().__init__(app)
        self.title, self.detail = question, detail
        self.focus.set([Button("yes", yes), Button("no", no)], focus="no")

    def messages(self) -> tuple[str, ...]:
        return (self.detail,)

    def handle(self, event) -> None:
        super().handle(event)
        if self.app.router.top is self:
            self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        self.dismiss(widget_id == "yes")

    def back(self) -> None:
        self.dismiss(False)
