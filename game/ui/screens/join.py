"""Join an assessed session: a session code and the learner's name, with clear errors.

Until the session store (game.storage.assessed) can be called from here, the screen explains how
trainers start an assessed session from the command line.
"""
from __future__ import annotations

import pygame

from game.ui.focus import Button, row
from game.ui.screens.base import Screen, draw_hints, draw_panel

EXPLANATION = ("Assessed sessions are set up by your trainer: run "
               "`main.py play --session CODE --learner NAME`\n"
               "CODE is the session code your trainer gives you and NAME is your name or staff ID. "
               "Every choice is recorded for your trainer as you play.")


class JoinScreen(Screen):
    title = "Join an assessed session"

    def __init__(self, app):
        super().__init__(app)
        self.focus.set([Button("back", "Back")])

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(760 * m.ui * max(1, m.text_scale * 0.8)))
        inner = width - 2 * m.pad
        text_h = (app.text.block_height(self.title, m.heading, inner, True)
                  + app.text.block_height(EXPLANATION, m.body, inner) + m.gap * 2)
        button_h = row(self.focus.widgets, app.text, m, 0, 0, inner)
        self.card = pygame.Rect(0, 0, width, text_h + button_h + 2 * m.pad + m.gap * 2)
        self.card.center = (m.width // 2, m.height // 2)
        row(self.focus.widgets, app.text, m, self.card.x + m.pad + m.focus_width * 2,
            self.card.bottom - m.pad - button_h - m.focus_width, inner)

    def activate(self, widget_id: str) -> None:
        self.app.router.pop()

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        surface.blit(app.backgrounds.get("office", app.size, 150 if p.name == "default" else 200), (0, 0))
        draw_panel(surface, self.card, app)
        inner = self.card.width - 2 * m.pad
        x, y = self.card.x + m.pad, self.card.y + m.pad
        y += app.text.draw(surface, self.title, (x, y), m.heading, p.accent, inner, bold=True) + m.gap
        app.text.draw(surface, EXPLANATION, (x, y), m.body, p.text, inner)
        self.focus.draw(surface, app.text, m, p)
        draw_hints(surface, app, "Enter or Esc to go back.")
