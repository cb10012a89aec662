"""What the dialogue scene shows over itself: the practice feedback card (the core's review of
the choice just made, in plain words) and the reading panel (case notes, or what was said)."""
from __future__ import annotations

import pygame

from game.ui import wording
from game.ui.bindings import Action
from game.ui.focus import row, widget_height
from game.ui.screens.base import ScrollView, draw_panel


class FeedbackCard:
    """The review of one decision: strong, reasonable, weak or a critical fault, why, what it did
    to each competency, the stronger choice and the practice points. Its buttons are the scene's."""

    def __init__(self, review):
        self.review = review
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.view = ScrollView()

    def blocks(self, app) -> list[tuple[str, int, bool, tuple]]:
        """(text, size, bold, colour), top to bottom."""
        m, p, r = app.metrics, app.palette, self.review
        blocks = [("Feedback on your choice", m.heading, True, p.accent),
                  (f"You chose: {r.choice_text}", m.body, True, p.text),
                  (wording.verdict_line(r), m.body, True, p.bad if r.critical else p.accent)]
        if r.feedback:
            blocks.append((r.feedback, m.body, False, p.text))
        if wording.effects(r):
            blocks.append((wording.effects(r), m.small, False, p.text))
        if wording.stronger(r):
            blocks.append((wording.stronger(r), m.body, True, p.text))
        if r.points:
            blocks.append(("Practice points:\n" + "\n".join(f"{pid}  {title}" for pid, title in r.points),
                           m.small, False, p.text))
        return blocks

    def text(self, app) -> str:
        return " ".join(text for text, *_ in self.blocks(app))

    def layout(self, app, widgets) -> None:
        m = app.metrics
        width = min(m.width - 2 * m.margin, round(900 * m.ui * max(1, m.text_scale * 0.75)))
        inner = width - 2 * m.pad
        body = self.blocks(app)
        content = sum(app.text.block_height(t, size, inner, bold) for t, size, bold, _ in body) + m.gap * len(body)
        buttons_h = max(widget_height(w, app.text, m, inner) for w in widgets)
        h = min(m.height - 2 * m.gap, content + buttons_h + 3 * m.pad + m.focus_width * 4)
        self.rect = pygame.Rect(0, 0, width, h)
        self.rect.center = (m.width // 2, m.height // 2)
        self.view.content_h = content
        self.view.view_h = h - buttons_h - 3 * m.pad - m.focus_width * 4
        self.view.clamp()
        row(widgets, app.text, m, self.rect.x + m.pad + m.focus_width * 2,
            self.rect.bottom - m.pad - buttons_h - m.focus_width * 2, inner - m.focus_width * 4)

    def scroll(self, app, event) -> bool:
        """Up/Down, Page Up/Down and the wheel read a long card; Left/Right/Tab pick a button."""
        line = app.text.line_height(app.metrics.body)
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.view.scroll(line * (1 if event.key == pygame.K_DOWN else -1))
            return True
        return self.view.handle_keys(event, line)

    def draw(self, surface: pygame.Surface, app, focus) -> None:
        m, p = app.metrics, app.palette
        draw_panel(surface, self.rect, app)   # over the dimmed scene (DialogueScreen.draw)
        inner = self.rect.width - 2 * m.pad
        area = pygame.Rect(self.rect.x + m.pad, self.rect.y + m.pad, inner, self.view.view_h)
        surface.set_clip(area)
        y = area.y - self.view.offset
        for text, size, bold, colour in self.blocks(app):
            y += app.text.draw(surface, text, (area.x, y), size, colour, inner, bold=bold) + m.gap
        surface.set_clip(None)
        if self.view.content_h > self.view.view_h:
            more = self.view.offset < self.view.content_h - self.view.view_h
            app.text.draw_line(surface, "More below: Down or Page Down" if more else "Up for more",
                               (area.right, area.bottom), m.small, p.accent, bold=True, anchor="topright")
        focus.draw(surface, app.text, m, p)


class ReadingPanel:
    """Case notes ("notes") or what was said ("history"), read over the scene. Its own key or
    Esc, Enter, Space or a click closes it."""

    CLOSE = (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_SPACE)

    def __init__(self, kind: str, title: str, items: list[tuple[str, str]], hint: str):
        self.kind, self.title, self.items, self.hint = kind, title, items, hint
        self.view = ScrollView()
        if kind == "history":
            self.view.offset = 10 ** 9   # the history opens at its newest line

    def text(self) -> str:
        return " ".join(f"{who}: {what}" if who else what for who, what in self.items)

    def handle(self, app, event) -> bool:
        """Scroll or close; False once the panel is closed."""
        line = app.text.line_height(app.metrics.body)
        if event.type == pygame.KEYDOWN:
            if event.key in self.CLOSE or app.keymap.action(event.key) in (Action.NOTES, Action.HISTORY):
                return False
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.view.scroll(line * (1 if event.key == pygame.K_DOWN else -1))
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return False
        self.view.handle_keys(event, line)
        return True

    def draw(self, surface: pygame.Surface, app) -> None:
        m, p = app.metrics, app.palette
        width = min(m.width - 2 * m.margin, round(820 * m.ui * max(1, m.text_scale * 0.8)))
        rect = pygame.Rect(0, m.margin, width, m.height - 2 * m.margin)
        rect.centerx = m.width // 2
        draw_panel(surface, rect, app)
        inner = rect.inflate(-2 * m.pad, -2 * m.pad)
        y = inner.y + app.text.draw(surface, self.title, (inner.x, inner.y), m.heading, p.accent, inner.width, bold=True)
        footer = app.text.block_height(self.hint, m.small, inner.width)
        body = pygame.Rect(inner.x, y + m.gap, inner.width, inner.bottom - y - m.gap - footer - m.gap)
        self.view.content_h = sum((app.text.line_height(m.small, True) if label else 0)
                                  + app.text.block_height(text, m.body, body.width) + m.gap for label, text in self.items)
        self.view.view_h = body.height
        self.view.clamp()
        surface.set_clip(body)
        cy = body.y - self.view.offset
        for label, text in self.items:
            if label:
                cy += app.text.draw(surface, label, (body.x, cy), m.small, p.accent, body.width, bold=True)
            cy += app.text.draw(surface, text, (body.x, cy), m.body, p.text, body.width) + m.gap
        surface.set_clip(None)
        app.text.draw(surface, self.hint, (inner.x, inner.bottom - footer), m.small, p.muted, inner.width)
