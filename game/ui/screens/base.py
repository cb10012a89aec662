"""The screen protocol, the tiny screen stack that routes events, and drawing helpers shared by screens."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.focus import Column, FocusGroup, stack
from game.ui.results import Go

if TYPE_CHECKING:
    from game.ui.context import App


class Screen:
    """One screen. `overlay` screens (pause, notes) draw over the screen beneath them."""

    overlay = False
    title = ""

    def __init__(self, app: "App"):
        self.app = app
        self.focus = FocusGroup()
        self.then = None   # called with the result when this screen is dismissed (Router.push)

    def handle(self, event: pygame.event.Event) -> None:
        activated = self.focus.handle(event)
        if activated:
            self.activate(activated)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()

    def activate(self, widget_id: str) -> None:
        """A widget was clicked or pressed."""

    def back(self) -> None:
        """Esc: go back one screen (screens with nothing to go back to override this)."""
        self.done(Go.BACK)

    def done(self, result) -> None:
        """Hand a result (game.ui.results) to the app, which decides what comes next."""
        self.app.navigate(self, result)

    def dismiss(self, result=None) -> None:
        """Close this screen and give `result` to whoever pushed it (Textual's dismiss)."""
        self.app.router.dismiss(self, result)

    def update(self, dt: float) -> None:
        pass

    def layout(self, size: tuple[int, int]) -> None:
        """Place widgets for a window of `size`; called before drawing and whenever settings change."""

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def resumed(self) -> None:
        """Called when the screen above this one is popped."""

    def spoken(self) -> str:
        """The screen's text in reading order, for reading aloud (its controls are read as they
        take focus)."""
        return self.title

    def reads_focus_with_text(self) -> bool:
        """Whether new text is followed by the focused control (False where it is always the
        same 'Continue', so a listener hears the story, not the button, line after line)."""
        return True


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
        draw_panel(surface, self.card, app)   # the Router has dimmed what is beneath
        x, y = self.card.x + m.pad, self.card.y + m.pad
        inner = self.card.width - 2 * m.pad
        y += app.text.draw(surface, self.heading(), (x, y), m.heading, p.accent, inner, bold=True) + m.gap
        surface.set_clip(pygame.Rect(x, y, inner, max(0, self.column.area.top - y)))
        app.text.draw(surface, self.message, (x, y), m.body, p.text, inner)
        surface.set_clip(None)
        self.column.draw(surface, self.focus, app.text, m, p)


class Router:
    """A stack of screens: the top one gets events; overlays draw over the one beneath."""

    def __init__(self, app: "App"):
        self.app = app
        self.stack: list[Screen] = []
        self.fade = 0.0   # 1.0 just after a change, easing to 0 (skipped under reduce motion)
        self.backdrop = Backdrop()

    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen, then=None) -> None:
        """Show `screen` on top; `then(result)` runs when it is dismissed."""
        screen.then = then
        self.stack.append(screen)
        self._changed(screen)

    def dismiss(self, screen: Screen, result) -> None:
        if screen in self.stack:
            while self.stack[-1] is not screen:
                self.stack.pop()
            self.pop()
        if screen.then is not None:
            screen.then(result)

    def replace(self, screen: Screen) -> None:
        if self.stack:
            self.stack.pop()
        self.push(screen)

    def reset(self, screen: Screen) -> None:
        """Clear the stack and show `screen` (e.g. back to the title)."""
        self.stack.clear()
        self.push(screen)

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
            self.stack[-1].layout(self.app.size)
            self.stack[-1].resumed()
            self._changed(self.stack[-1], fade=False)

    def _changed(self, screen: Screen, fade: bool = True) -> None:
        screen.layout(self.app.size)
        if self.app.settings.reduce_motion:
            self.fade = 0.0
        elif fade and not screen.overlay:
            self.fade = 1.0

    def handle(self, event: pygame.event.Event) -> None:
        if self.top is not None:
            self.top.handle(event)

    def update(self, dt: float) -> None:
        self.fade = 0.0 if self.app.settings.reduce_motion else max(0.0, self.fade - dt * 4)
        if self.top is not None:
            self.top.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        first = len(self.stack) - 1
        while first > 0 and self.stack[first].overlay:
            first -= 1
        under, top = self.stack[first:-1], self.stack[-1] if self.stack else None
        if under:   # an overlay: what is beneath, drawn once and dimmed, then the overlay itself
            key = (tuple(id(s) for s in self.stack), self.app.settings, surface.get_size())
            self.backdrop.blit(surface, key, lambda picture: [s.draw(picture) for s in under], self.app)
        if top is not None:
            top.draw(surface)
        if self.fade > 0:
            veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            veil.fill((*self.app.palette.backdrop, round(255 * self.fade)))
            surface.blit(veil, (0, 0))


class Backdrop:
    """What lies under an overlay, drawn once and dimmed. Only the top screen gets events and
    updates, so the picture beneath cannot change while the overlay shows (a new `key`, from a
    resize, a settings change or another overlay, draws it again)."""

    def __init__(self) -> None:
        self.key = None
        self.picture: pygame.Surface | None = None

    def blit(self, surface: pygame.Surface, key, paint, app: "App") -> None:
        if key != self.key or self.picture is None or self.picture.get_size() != surface.get_size():
            self.picture = pygame.Surface(surface.get_size())
            paint(self.picture)
            draw_shade(self.picture, app)
            self.key = key
        surface.blit(self.picture, (0, 0))


_TRANSLUCENT: dict[tuple, pygame.Surface] = {}


def translucent(size: tuple[int, int], rgba: tuple, radius: int = 0) -> pygame.Surface:
    """A see-through rounded rectangle, made once per size and colour (panels are drawn every frame)."""
    key = (size, rgba, radius)
    card = _TRANSLUCENT.get(key)
    if card is None:
        if len(_TRANSLUCENT) > 32:
            _TRANSLUCENT.clear()
        card = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.rect(card, rgba, card.get_rect(), border_radius=radius)
        _TRANSLUCENT[key] = card
    return card


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, app: "App", alpha: int = 255) -> None:
    """A card or panel: the palette's panel colour with an edge."""
    m, p = app.metrics, app.palette
    if alpha < 255:
        surface.blit(translucent(rect.size, (*p.panel, alpha), m.radius), rect)
    else:
        pygame.draw.rect(surface, p.panel, rect, border_radius=m.radius)
    pygame.draw.rect(surface, p.panel_edge, rect, max(1, m.focus_width // 2), border_radius=m.radius)


def draw_shade(surface: pygame.Surface, app: "App") -> None:
    """Dim whatever is underneath an overlay."""
    surface.blit(translucent(surface.get_size(), app.palette.shade), (0, 0))


def draw_header(surface: pygame.Surface, app: "App", title: str, subtitle: str = "") -> int:
    """A screen title on the backdrop; returns the y below it."""
    m, p = app.metrics, app.palette
    y = m.margin
    width = m.width - 2 * m.margin
    y += app.text.draw(surface, title, (m.margin, y), m.heading, p.backdrop_text, width, bold=True)
    if subtitle:
        y += app.text.draw(surface, subtitle, (m.margin, y), m.small, p.backdrop_text, width)
    return y + m.gap


def hints_height(app: "App", hint: str) -> int:
    """The height draw_hints will use for `hint`, so layouts can stop above it."""
    m = app.metrics
    return len(app.text.wrap(hint, m.small, m.width - 2 * m.margin)) * app.text.line_height(m.small) + m.gap


def draw_hints(surface: pygame.Surface, app: "App", hint: str) -> None:
    """One line of key hints along the bottom edge of the window."""
    m, p = app.metrics, app.palette
    lines = app.text.wrap(hint, m.small, m.width - 2 * m.margin)
    y = m.height - m.gap - len(lines) * app.text.line_height(m.small)
    app.text.draw(surface, hint, (m.margin, y), m.small, p.backdrop_text, m.width - 2 * m.margin)


class ScrollView:
    """Content taller than the window, drawn on its own surface and scrolled by keys, wheel or focus."""

    def __init__(self) -> None:
        self.offset = 0
        self.content_h = 0
        self.view_h = 0

    def clamp(self) -> None:
        self.offset = max(0, min(self.offset, max(0, self.content_h - self.view_h)))

    def scroll(self, dy: int) -> None:
        self.offset += dy
        self.clamp()

    def reveal(self, top: int, bottom: int, margin: int = 0) -> None:
        """Scroll so content between `top` and `bottom` is visible."""
        if top - margin < self.offset:
            self.offset = top - margin
        elif bottom + margin > self.offset + self.view_h:
            self.offset = bottom + margin - self.view_h
        self.clamp()

    def handle_keys(self, event: pygame.event.Event, line: int) -> bool:
        """Page Up/Down, Home/End and the wheel; returns True when the event scrolled."""
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * line * 3)
            return True
        if event.type == pygame.KEYDOWN:
            step = {pygame.K_PAGEDOWN: self.view_h * 0.8, pygame.K_PAGEUP: -self.view_h * 0.8,
                    pygame.K_HOME: -10 ** 9, pygame.K_END: 10 ** 9}.get(event.key)
            if step is not None:
                self.scroll(round(step))
                return True
        return False

    def handle_reading_keys(self, event: pygame.event.Event, line: int) -> bool:
        """For pages that are only read: Up/Down scroll two lines, plus everything handle_keys
        does. Returns True when the event scrolled."""
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.scroll(line * 2 * (1 if event.key == pygame.K_DOWN else -1))
            return True
        return self.handle_keys(event, line)
