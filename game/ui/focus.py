"""The focus layer: Tab/Shift+Tab order, a visible focus ring, Enter/Space to activate, arrows to
move between choices, and mouse hover/click, shared by every screen."""
from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ui.text import Text
from game.ui.theme import Metrics, Palette

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


@dataclass
class Widget:
    """Something that can take focus. `rect` is set by the owning screen's layout."""

    id: str
    label: str
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    enabled: bool = True
    number: int | None = None    # shown as a numbered key badge (choices 1-9)
    detail: str = ""             # a second, smaller line


@dataclass
class Button(Widget):
    pass


@dataclass
class Card(Widget):
    """A larger button made of a title and lines of differing weight (the library's scenarios)."""

    lines: tuple[tuple[str, str], ...] = ()   # (text, "meta" | "body" | "status")


@dataclass
class TextField(Widget):
    """A one-line text entry box. Typing goes to it while it has focus."""

    value: str = ""
    max_length: int = 40


def describe(w: Widget) -> str:
    """A control in words, for reading aloud: what it is, its state and what it does."""
    if isinstance(w, TextField):
        return f"{w.label}. Text box" + (f", containing {w.value}." if w.value else ", empty.")
    if isinstance(w, Card):
        said = ". ".join(part.rstrip(".") for part in [w.label, *(line for line, _ in w.lines)])
    else:
        said = f"Option {w.number}: {w.label}" if w.number is not None else w.label
        if w.detail:
            said = f"{said.rstrip('.')}. {w.detail}"
    return said.rstrip(".") + (". Not available." if not w.enabled else ". Button.")


class FocusGroup:
    """The focusable widgets of one screen, in Tab order."""

    def __init__(self, arrows: str = "both"):
        self.widgets: list[Widget] = []
        self.index = 0
        self.hover: str | None = None
        self.arrows = arrows  # "both", "vertical", "horizontal" or "none"

    def set(self, widgets: list[Widget], focus: str | None = None) -> None:
        """Replace the widgets, keeping focus on the same id when it is still there."""
        current = focus or (self.focused.id if self.focused else None)
        self.widgets = widgets
        ids = [w.id for w in widgets]
        if current in ids and widgets[ids.index(current)].enabled:
            self.index = ids.index(current)
        else:
            self.index = next((i for i, w in enumerate(widgets) if w.enabled), 0)

    @property
    def focused(self) -> Widget | None:
        if 0 <= self.index < len(self.widgets):
            return self.widgets[self.index]
        return None

    def focus(self, widget_id: str) -> None:
        for i, w in enumerate(self.widgets):
            if w.id == widget_id and w.enabled:
                self.index = i

    def move(self, step: int, wrap: bool = True) -> None:
        """Focus the next enabled widget `step` away. Tab wraps round; arrows stop at the ends,
        so Up on the first item never jumps to the last (Quit, on the title screen)."""
        if not self.widgets:
            return
        n = len(self.widgets)
        i = self.index
        for _ in range(n):
            i += step
            if not wrap and not 0 <= i < n:
                return
            i %= n
            if self.widgets[i].enabled:
                self.index = i
                return

    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        for w in self.widgets:
            if w.enabled and w.rect.collidepoint(pos):
                return w
        return None

    def handle(self, event: pygame.event.Event) -> str | None:
        """Move focus or report the id of the widget the event activated (None otherwise)."""
        if event.type == pygame.KEYDOWN:
            focused = self.focused
            if event.key == pygame.K_TAB:
                self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            elif isinstance(focused, TextField) and event.key == pygame.K_BACKSPACE:
                focused.value = focused.value[:-1]   # typed characters arrive as TEXTINPUT events
            elif event.key in ACTIVATE_KEYS and focused is not None and focused.enabled:
                if not (isinstance(focused, TextField) and event.key == pygame.K_SPACE):   # a space is typed
                    return focused.id
            elif event.key in (pygame.K_DOWN, pygame.K_RIGHT) and self._arrow_ok(event.key):
                self.move(1, wrap=False)
            elif event.key in (pygame.K_UP, pygame.K_LEFT) and self._arrow_ok(event.key):
                self.move(-1, wrap=False)
        elif event.type == pygame.TEXTINPUT:
            focused = self.focused
            if isinstance(focused, TextField) and len(focused.value) < focused.max_length:
                focused.value += event.text
        elif event.type == pygame.MOUSEMOTION:
            hit = self.widget_at(event.pos)
            self.hover = hit.id if hit else None
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = self.widget_at(event.pos)
            if hit is not None:
                self.focus(hit.id)
                if not isinstance(hit, TextField):
                    return hit.id
        return None

    def _arrow_ok(self, key: int) -> bool:
        if self.arrows == "both":
            return True
        if self.arrows == "vertical":
            return key in (pygame.K_UP, pygame.K_DOWN)
        if self.arrows == "horizontal":
            return key in (pygame.K_LEFT, pygame.K_RIGHT)
        return False

    def draw(self, surface: pygame.Surface, text: Text, m: Metrics, p: Palette) -> None:
        for w in self.widgets:
            draw_widget(surface, w, text, m, p, focused=w is self.focused, hovered=w.id == self.hover)


def draw_focus_ring(surface: pygame.Surface, rect: pygame.Rect, m: Metrics, p: Palette) -> None:
    """A thick two-tone ring outside `rect`: bright outer, dark inner, visible on any surface."""
    w = m.focus_width
    outer = rect.inflate(w * 4, w * 4)
    pygame.draw.rect(surface, p.focus, outer, w, border_radius=m.radius + w * 2)
    inner = rect.inflate(w * 2, w * 2)
    pygame.draw.rect(surface, p.focus_inner, inner, max(1, w // 2), border_radius=m.radius + w)


def draw_widget(surface: pygame.Surface, w: Widget, text: Text, m: Metrics, p: Palette,
                focused: bool, hovered: bool) -> None:
    """Draw a button or text field. Focus shows as a ring and an arrow marker, not colour alone."""
    fill = p.button_hover if (hovered and w.enabled) else p.button
    if isinstance(w, TextField):
        fill = p.panel
    pygame.draw.rect(surface, fill, w.rect, border_radius=m.radius)
    pygame.draw.rect(surface, p.button_edge if w.enabled else p.disabled_text, w.rect,
                     max(1, m.focus_width // 2), border_radius=m.radius)
    colour = p.button_text if w.enabled else p.disabled_text
    x = w.rect.x + m.pad
    inner_w = w.rect.width - 2 * m.pad
    if w.number is not None:
        badge = pygame.Rect(x, 0, m.body * 1.6, m.body * 1.6)
        badge.centery = w.rect.y + m.pad + text.line_height(m.body) // 2
        pygame.draw.rect(surface, p.accent, badge, border_radius=m.radius // 2)
        text.draw_line(surface, str(w.number), badge.center, m.body, p.panel, bold=True, anchor="center")
        x = badge.right + m.gap
        inner_w = w.rect.right - m.pad - x
    if isinstance(w, Card):
        y = w.rect.y + m.pad
        y += text.draw(surface, w.label, (x, y), m.body, colour, inner_w, bold=True) + m.gap // 2
        for line, kind in w.lines:
            line_colour = {"body": p.text, "status": p.accent}.get(kind, p.muted) if w.enabled else p.disabled_text
            y += text.draw(surface, line, (x, y), m.small, line_colour, inner_w, bold=kind == "status") + m.gap // 3
    elif isinstance(w, TextField):
        label_h = text.line_height(m.small)
        text.draw_line(surface, w.label, (x, w.rect.y + m.pad // 2), m.small, p.muted)
        shown = w.value + ("|" if focused else "")
        full = text.width(shown, m.body)
        if full > inner_w:   # a long path: its end, where typing goes
            shown = "…" + shown[-max(1, len(shown) * inner_w // full - 1):]
            while len(shown) > 2 and text.width(shown, m.body) > inner_w:
                shown = "…" + shown[2:]
        text.draw_line(surface, shown or " ", (x, w.rect.y + m.pad // 2 + label_h), m.body, p.text)
    else:
        y = w.rect.y + m.pad
        if w.number is None and not w.detail and text.block_height(w.label, m.body, inner_w, True) <= text.line_height(m.body, True):
            text.draw_line(surface, w.label, (x, w.rect.centery), m.body, colour, bold=True, anchor="midleft")
        else:
            y += text.draw(surface, w.label, (x, y), m.body, colour, inner_w, bold=w.number is None)
            if w.detail:
                text.draw(surface, w.detail, (x, y), m.small, p.muted if w.enabled else p.disabled_text, inner_w)
    if focused and w.enabled:
        draw_focus_ring(surface, w.rect, m, p)


def widget_height(w: Widget, text: Text, m: Metrics, width: int) -> int:
    """The height a widget needs at `width`, so long labels and big text reflow instead of clipping."""
    if isinstance(w, TextField):
        return m.pad + text.line_height(m.small) + text.line_height(m.body)
    inner = width - 2 * m.pad
    if isinstance(w, Card):
        h = text.block_height(w.label, m.body, inner, True) + m.gap // 2
        h += sum(text.block_height(line, m.small, inner, kind == "status") + m.gap // 3 for line, kind in w.lines)
        return max(m.button_h, h + 2 * m.pad)
    if w.number is not None:
        inner -= round(m.body * 1.6) + m.gap
    h = text.block_height(w.label, m.body, inner, bold=w.number is None)
    if w.detail:
        h += text.block_height(w.detail, m.small, inner)
    return max(m.button_h, h + 2 * m.pad)


def stack(widgets: list[Widget], text: Text, m: Metrics, x: int, y: int, width: int) -> int:
    """Lay widgets out top to bottom from (x, y); returns the y below the last one."""
    for w in widgets:
        h = widget_height(w, text, m, width)
        w.rect = pygame.Rect(x, y, width, h)
        y += h + m.gap + m.focus_width * 2
    return y


def row(widgets: list[Widget], text: Text, m: Metrics, x: int, y: int, max_width: int) -> int:
    """Lay widgets out left to right, wrapping onto new rows; returns the y below the last row."""
    cx, row_h = x, 0
    space = m.gap + m.focus_width * 3
    for w in widgets:
        width = min(max_width, text.width(w.label, m.body, True) + 2 * m.pad + (round(m.body * 1.6) + m.gap if w.number else 0))
        h = widget_height(w, text, m, width)
        if cx > x and cx + width > x + max_width:
            cx, y = x, y + row_h + space
            row_h = 0
        w.rect = pygame.Rect(cx, y, width, h)
        cx += width + space
        row_h = max(row_h, h)
    return y + row_h


class Column:
    """Widgets stacked in a clipped area that scrolls just enough to keep the focused one in view
    (menus at large text sizes can be taller than the window)."""

    def __init__(self) -> None:
        self.offset = 0
        self.area = pygame.Rect(0, 0, 0, 0)
        self.label_area: pygame.Rect | None = None
        self.content_h = 0

    def place(self, widgets: list[Widget], text: Text, m: Metrics, area: pygame.Rect, focused: Widget | None) -> None:
        self.area = area
        self.label_area = None
        ring = m.focus_width * 3
        x = area.x + ring
        self.content_h = stack(widgets, text, m, x, area.y + ring, area.width - 2 * ring) - area.y
        if self.content_h > area.height:   # a strip for "More below/above", clear of the buttons
            strip = text.line_height(m.small) + m.gap // 2
            self.label_area = pygame.Rect(area.x, area.bottom - strip, area.width, strip)
            self.area = area = pygame.Rect(area.x, area.y, area.width, max(1, area.height - strip))
        if focused is not None and focused in widgets:
            top, bottom = focused.rect.top - area.y - ring, focused.rect.bottom - area.y + ring
            if top < self.offset:
                self.offset = top
            elif bottom > self.offset + area.height:
                self.offset = bottom - area.height
        self.offset = max(0, min(self.offset, self.content_h - area.height))
        if self.offset:
            stack(widgets, text, m, x, area.y + ring - self.offset, area.width - 2 * ring)

    @property
    def overflows(self) -> bool:
        return self.label_area is not None

    def draw(self, surface: pygame.Surface, group: "FocusGroup", text: Text, m: Metrics, p: Palette,
             widgets: list[Widget] | None = None) -> None:
        """Draw `widgets` (default: all of the group's) clipped to the column."""
        surface.set_clip(self.area)
        for w in group.widgets if widgets is None else widgets:
            draw_widget(surface, w, text, m, p, focused=w is group.focused, hovered=w.id == group.hover)
        surface.set_clip(None)
        if self.overflows:
            more_below = self.offset < self.content_h - self.area.height
            label = text.render("More below" if more_below else "More above", m.small, p.accent, bold=True)
            spot = label.get_rect(midright=self.label_area.midright)
            pygame.draw.rect(surface, p.panel, spot.inflate(m.pad, m.gap // 4), border_radius=m.radius)
            surface.blit(label, spot)
