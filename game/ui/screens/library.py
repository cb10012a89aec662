"""The scenario library: a card per scenario (title, pattern, duration, practice points, status,
best score), filtered by pattern."""
from __future__ import annotations

import pygame

from game.storage import saves
from game.ui import catalogue
from game.ui.focus import Button, Card, draw_widget, row, widget_height
from game.ui.results import OpenBriefing
from game.ui.screens.base import Screen, ScrollView, draw_header, draw_hints, hints_height


HINT = "Tab, Shift+Tab or arrows to move, Enter to open, Esc to go back."
MORE = "  More below: Page Down or scroll."


def pattern_label(pattern: str) -> str:
    return pattern.replace("_", " ").capitalize()


class LibraryScreen(Screen):
    title = "Scenario library"

    def __init__(self, app):
        super().__init__(app)
        self.pattern: str | None = None
        self.scroll = ScrollView()
        self.entries = catalogue.scan(app.scenarios_dir, saves.load_records(app.saves_dir))
        self._base: dict[str, pygame.Rect] = {}
        self._build()

    def resumed(self) -> None:
        self.entries = catalogue.scan(self.app.scenarios_dir, saves.load_records(self.app.saves_dir))
        self._build()
        self.layout(self.app.size)

    @property
    def patterns(self) -> list[str]:
        found: dict[str, None] = {}
        for e in self.entries:
            if e.scenario is not None:
                for pattern in e.scenario.patterns:
                    found.setdefault(pattern, None)
        return list(found)

    @property
    def saved(self) -> set[str]:
        """Ids of scenarios with an autosave waiting."""
        return {s.scenario_id for s in saves.list_saves(self.app.saves_dir) if isinstance(s, saves.Save)}

    def _build(self) -> None:
        # The active filter is marked in words as well as by position, never by colour alone.
        filters = [Button("filter:", "All patterns" + ("  (showing)" if self.pattern is None else ""))]
        for pattern in self.patterns:
            label = pattern_label(pattern)
            filters.append(Button(f"filter:{pattern}", f"{label}  (showing)" if pattern == self.pattern else label))
        cards = []
        saved = self.saved
        for e in self.entries:
            s = e.scenario
            if s is None:
                cards.append(Button(f"broken:{e.path.name}", e.path.name, enabled=False,
                                    detail=f"This scenario could not be loaded: {e.problem}. Ask your trainer to run 'main.py validate'."))
                continue
            if self.pattern is not None and self.pattern not in s.patterns:
                continue
            best = f"{e.record.best_score}%" if e.record and e.record.best_score is not None else "none yet"
            points = ", ".join(e.points[:8]) + (" and more" if len(e.points) > 8 else "")
            cards.append(Card(f"play:{e.path}", s.title, lines=(
                (f"{', '.join(pattern_label(p) for p in s.patterns)}  ·  about {s.minutes} minutes", "meta"),
                (s.summary, "body"),
                (f"Practice points: {points or 'none listed'}", "meta"),
                (("In progress: Continue from the title screen" if s.id in saved else e.status)
                 + f"  ·  Best score: {best}", "status"),
            )))
        if not cards:
            cards.append(Button("empty", "No scenarios here yet", enabled=False,
                                detail=f"Put scenario files in {self.app.scenarios_dir}/ (see docs/authoring.md)."))
        self.filters = filters
        self.cards = cards
        self.focus.set([*filters, *cards])

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        top = draw_header_height(app)
        bottom = m.height - hints_height(app, HINT + MORE) - m.gap
        self.area = pygame.Rect(0, top, m.width, bottom - top)
        ring = m.focus_width * 3
        # Filters and cards scroll together, so big text never squeezes the cards out of sight.
        y = row(self.filters, app.text, m, m.margin, ring, m.width - 2 * m.margin) + m.gap * 2 + ring
        self._base = {w.id: w.rect.copy() for w in self.filters}
        columns = max(1, min(3, (m.width - 2 * m.margin) // max(1, round(400 * m.ui * m.text_scale))))
        space = m.gap + m.focus_width * 4
        card_w = (m.width - 2 * m.margin - (columns - 1) * space) // columns
        i = 0
        while i < len(self.cards):
            line = self.cards[i:i + columns]
            h = max(widget_height(c, app.text, m, card_w) for c in line)
            for j, c in enumerate(line):
                self._base[c.id] = pygame.Rect(m.margin + j * (card_w + space), y, card_w, h)
            y += h + space
            i += columns
        self.scroll.content_h = y
        self.scroll.view_h = self.area.height
        focused = self.focus.focused
        if focused is not None and focused.id in self._base:
            base = self._base[focused.id]
            self.scroll.reveal(base.top, base.bottom, ring)
        self.scroll.clamp()
        self._place()

    def _place(self) -> None:
        for w in self.focus.widgets:
            w.rect = self._base[w.id].move(0, self.area.y - self.scroll.offset)

    def handle(self, event) -> None:
        if self.scroll.handle_keys(event, self.app.metrics.body):
            self._place()
            return
        before = self.focus.focused
        super().handle(event)
        if self.app.router.top is self and self.focus.focused is not before:
            self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        kind, _, value = widget_id.partition(":")
        if kind == "filter":
            self.pattern = value or None
            self._build()
            self.focus.focus(widget_id)
            self.scroll.offset = 0
            self.layout(self.app.size)
        elif kind == "play":
            entry = next(e for e in self.entries if str(e.path) == value)
            self.done(OpenBriefing(scenario=entry.scenario))

    def spoken(self) -> str:
        shown = len(self.cards) if self.cards and self.cards[0].enabled else 0
        return f"Scenario library. {shown} scenario{'s' if shown != 1 else ''}. Choose one to read its briefing."

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        shown = len(self.cards) if self.cards and self.cards[0].enabled else 0
        draw_header(surface, app, "Scenario library",
                    f"{shown} scenario{'s' if shown != 1 else ''}. Choose one to read its briefing.")
        surface.set_clip(self.area)
        for w in self.focus.widgets:
            if w.rect.colliderect(self.area):
                draw_widget(surface, w, app.text, m, p, focused=w is self.focus.focused, hovered=w.id == self.focus.hover)
        surface.set_clip(None)
        more = MORE if self.scroll.offset < self.scroll.content_h - self.scroll.view_h else ""
        draw_hints(surface, app, HINT + more)


def draw_header_height(app) -> int:
    """The y below the library's header, without drawing it (the layout needs it before drawing)."""
    m = app.metrics
    width = m.width - 2 * m.margin
    return (m.margin + app.text.block_height("Scenario library", m.heading, width, True)
            + app.text.line_height(m.small) + m.gap)
