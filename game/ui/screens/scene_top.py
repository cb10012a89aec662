"""What the dialogue scene shows above and beside its panel: the top bar (the scenario, mode,
place and day, the child-seen marker and the toolbar) and the cast (a portrait for each person
on stage, with a name plate giving their mood in words, and a soft fade when a mood changes)."""
from __future__ import annotations

import pygame

from game.ui.art.backgrounds import LOCATION_LABELS
from game.ui.art.portraits import DESIGN
from game.ui.bindings import Action
from game.ui.focus import Button
from game.ui.screens.base import translucent

DESIGN_RATIO = DESIGN[0] / DESIGN[1]   # portrait width : height


def marker_label(child_seen) -> str:
    return "Child seen" if child_seen else "Child not yet seen"


class TopBar:
    """The strip along the top. `compact`: one row (a decision at large text needs the room)."""

    def __init__(self) -> None:
        self.buttons: list[Button] = [Button("notes", "Notes"), Button("history", "History"),
                                      Button("pause", "Pause (Esc)")]
        self.hover: str | None = None
        self.compact = False
        self.h = 0
        self.marker_at = (0, 0)
        self.marker_w = 0

    def layout(self, app, lines: tuple[str, str]) -> None:
        m, text = app.metrics, app.text
        # The toolbar, right-aligned, naming the keys as the learner has them.
        self.buttons[0].label = f"Notes ({app.keymap.label(Action.NOTES)})"
        self.buttons[1].label = f"History ({app.keymap.label(Action.HISTORY)})"
        x = m.width - m.margin
        bar_h = text.line_height(m.small) + m.pad
        for b in reversed(self.buttons):
            w = text.width(b.label, m.small, True) + 2 * m.pad
            x -= w
            b.rect = pygame.Rect(x, m.gap, w, bar_h)
            x -= m.gap
        # The child-seen marker sits left of the toolbar, or on its own row when text is large.
        left_w = max(text.width(lines[0], m.small, True), text.width(lines[1], m.small))
        self.marker_w = text.width("Child not yet seen", m.small, True) + m.small + m.gap * 2
        line = text.line_height(m.small)
        if self.compact or m.margin + left_w + self.marker_w + m.margin <= self.buttons[0].rect.left:
            self.marker_at = (self.buttons[0].rect.left - m.margin, m.gap + bar_h // 2)
            self.h = m.gap * 2 + (bar_h if self.compact else max(bar_h, 2 * line))
        else:
            self.marker_at = (m.width - m.margin, m.gap * 2 + bar_h + line // 2)
            self.h = m.gap * 3 + bar_h + max(line, 2 * line - bar_h)

    def hit(self, pos) -> Button | None:
        return next((b for b in self.buttons if b.rect.collidepoint(pos)), None)

    def draw(self, surface: pygame.Surface, app, lines: tuple[str, str], child_seen) -> None:
        m, p = app.metrics, app.palette
        surface.blit(translucent((m.width, self.h), (*p.backdrop, 215)), (0, 0))
        first, second = lines
        if not self.compact:
            app.text.draw_line(surface, first, (m.margin, m.gap), m.small, p.backdrop_text, bold=True)
            app.text.draw_line(surface, second, (m.margin, m.gap + app.text.line_height(m.small)), m.small, p.backdrop_text)
        elif m.margin + app.text.width(second, m.small) + m.gap * 2 <= self.marker_at[0] - self.marker_w:
            app.text.draw_line(surface, second, (m.margin, self.marker_at[1]), m.small, p.backdrop_text, anchor="midleft")
        # The child-seen marker: a shape and words, never colour alone.
        seen = bool(child_seen)
        label = marker_label(child_seen)
        size = m.small
        lw = app.text.width(label, size, True)
        right, cy = self.marker_at
        r = max(6, size // 2)
        cx = right - lw - m.gap - r
        if seen:
            pygame.draw.circle(surface, p.good, (cx, cy), r)
            tick = [(cx - r // 2, cy), (cx - r // 6, cy + r // 2), (cx + r // 2, cy - r // 2)]
            pygame.draw.lines(surface, p.panel, False, tick, max(2, r // 3))
        else:
            pygame.draw.circle(surface, p.backdrop_text, (cx, cy), r, max(2, r // 3))
        app.text.draw_line(surface, label, (right, cy), size, p.backdrop_text, bold=seen, anchor="midright")
        for b in self.buttons:
            fill = p.button_hover if b.id == self.hover else p.button
            pygame.draw.rect(surface, fill, b.rect, border_radius=m.radius)
            pygame.draw.rect(surface, p.button_edge, b.rect, 1, border_radius=m.radius)
            app.text.draw_line(surface, b.label, b.rect.center, m.small, p.button_text, bold=True, anchor="center")


def top_lines(scenario, view, practice: bool) -> tuple[str, str]:
    """The top bar's words: the scenario and mode, then the place and day."""
    mode = "Practice" if practice else "Assessed"
    where = LOCATION_LABELS.get(view.location, "")
    return f"{scenario.title}  ·  {mode}", f"{where}  ·  Day {view.day}"


class Cast:
    """The portraits. `side`: the width of a speaker shown beside the panel (0: above it);
    `faces`: False when the words need all the room."""

    def __init__(self) -> None:
        self.side = 0
        self.faces = True
        self.old: pygame.Surface | None = None   # the face before a mood change, faded out
        self.old_of: str | None = None
        self.fade = 0.0

    def height(self, app, panel: pygame.Rect, top_h: int) -> int:
        m = app.metrics
        if not self.faces:
            return 0
        label_h = app.text.line_height(m.small) + m.gap
        if self.side:
            return min(round(self.side / DESIGN_RATIO), panel.bottom - top_h - m.gap - label_h)
        space = panel.top - top_h - m.gap - label_h
        return 0 if space < 120 * m.ui else min(space, round(m.height * 0.46))

    def portrait(self, app, person, view, panel: pygame.Rect, top_h: int) -> pygame.Surface | None:
        if person is None or view is None:
            return None
        height = self.height(app, panel, top_h)
        if not height:
            return None
        return app.portraits.get(person, view.moods.get(person.id, person.mood), height)

    def mood_changed(self, old: pygame.Surface, person_id: str) -> None:
        """The speaker's mood changed: the old face fades into the new one."""
        self.old, self.old_of, self.fade = old, person_id, 1.0

    def update(self, dt: float) -> None:
        if self.fade > 0:
            self.fade = max(0.0, self.fade - dt * 3)

    def draw(self, surface: pygame.Surface, app, stage, view, panel: pygame.Rect, top_h: int) -> None:
        """Each person in the scene on their side, the speaker bright and the listener dimmed, with a
        name plate giving their mood in words."""
        m, p = app.metrics, app.palette
        speaking = stage.speaking
        cast = stage.cast[:1] if self.side else stage.cast
        if self.side and speaking is not None:
            cast = [speaking]
        for i, person in enumerate(cast):
            portrait = self.portrait(app, person, view, panel, top_h)
            if portrait is None:
                return
            bottom = ((panel.bottom if self.side else panel.top - m.gap)
                      - app.text.line_height(m.small) - m.gap // 2)
            if i == 0:
                spot = portrait.get_rect(bottomleft=(m.margin, bottom))
            else:
                spot = portrait.get_rect(bottomright=(m.width - m.margin, bottom))
            active = speaking is not None and person.id == speaking.id
            if active and self.fade > 0 and self.old_of == person.id \
                    and self.old is not None and self.old.get_size() == portrait.get_size():
                surface.blit(self.old, spot)
                portrait = portrait.copy()
                portrait.set_alpha(round(255 * (1 - self.fade)))
            elif not active:
                portrait = portrait.copy()
                portrait.set_alpha(150)
            surface.blit(portrait, spot)
            mood = view.moods.get(person.id, person.mood)
            plate = f"{person.name}  ·  {mood}" + ("  (speaking)" if active and len(stage.cast) > 1 else "")
            label = app.text.render(plate, m.small, p.backdrop_text, bold=active)
            box = label.get_rect(midtop=(spot.centerx, spot.bottom + m.gap // 2)).inflate(m.pad, m.gap // 2)
            box.clamp_ip(pygame.Rect(0, 0, m.width, m.height))
            surface.blit(translucent(box.size, (*p.backdrop, 210), m.radius), box)
            surface.blit(label, label.get_rect(center=box.center))
