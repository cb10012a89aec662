"""Settings: text size, contrast, motion, text speed, sound, speech, full screen, keys. Saved at once."""
from __future__ import annotations

import pygame

from game.ui.app import apply_fullscreen
from game.ui.bindings import Action
from game.ui.focus import Button, Column, draw_widget, row
from game.ui.results import Go
from game.ui.screens.base import Screen, draw_header, draw_hints, hints_height
from game.ui.theme import TEXT_SCALES


SUBTITLE = "Changes take effect and are saved straight away."
HINT = "Up/Down or Tab to move, Enter to switch, Left/Right to adjust, Esc when done."


def _on(value: bool) -> str:
    return "On" if value else "Off"


class SettingsScreen(Screen):
    title = "Settings"

    def __init__(self, app):
        super().__init__(app)
        self.focus.arrows = "vertical"
        self.columns: list[Column] = []
        self.corner: list = []
        self._build()

    def _build(self) -> None:
        s = self.app.settings
        speech_ok = self.app.speech.available
        sound_ok = self.app.ambient.available
        scale = round(s.text_scale * 100)
        widgets = [
            Button("text_scale", f"Text size: {scale}%",
                   detail="Left/Right to change; Enter for larger" + (" (this is the largest)" if s.text_scale >= TEXT_SCALES[-1] else "")),
            Button("text_smaller", "Smaller text", enabled=s.text_scale > TEXT_SCALES[0],
                   detail="Back towards 100%"),
            Button("high_contrast", f"High contrast: {_on(s.high_contrast)}", detail="White and yellow on black"),
            Button("reduce_motion", f"Reduce motion: {_on(s.reduce_motion)}", detail="No fades or moving transitions"),
            Button("instant_text", f"Show text instantly: {_on(s.instant_text)}", detail="Instead of revealing it letter by letter"),
            Button("text_speed", f"Text speed: {s.text_speed} letters a second", detail="Left/Right to change, or Enter to step round"),
            Button("sound", f"Ambient sound: {_on(s.sound and sound_ok)}", enabled=sound_ok,
                   detail="A quiet background tone" if sound_ok else "Not available: no sound device was found"),
            Button("volume", f"Volume: {s.volume}%", enabled=sound_ok, detail="Left/Right to change, or Enter to step round"),
            Button("speech", f"Read aloud (self-voicing): {_on(s.speech and speech_ok)}", enabled=speech_ok,
                   detail=("Reads every screen and the control in focus; R reads again, V turns it on or off anywhere"
                           if speech_ok else f"Not available: {self.app.speech.problem}")),
            Button("auto_forward", f"Auto-forward: {f'after {s.auto_delay} seconds' if s.auto_forward else 'Off'}",
                   detail="Each line moves on by itself, stopping at decisions (also A); Left/Right: the wait"),
            Button("fullscreen", f"Full screen: {_on(s.fullscreen)}", detail=f"Also {self.app.keymap.label(Action.FULLSCREEN)}"),
            Button("keys", "Change keys"),
            Button("done", "Done"),
        ]
        self.focus.set(widgets)
        self.details = {w.id: w.detail for w in widgets}

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(720 * m.ui * max(1, m.text_scale * 0.8)))
        top = m.margin + app.text.line_height(m.heading, True) + app.text.line_height(m.small) + m.gap
        bottom = m.height - hints_height(app, HINT) - m.gap
        # Change keys: a button of its own at the top right, beside the heading, so the columns
        # of settings keep their room.
        self.corner = [w for w in self.focus.widgets if w.id == "keys"]
        row(self.corner, app.text, m, 0, m.margin // 2 + m.focus_width * 2, m.width)
        for w in self.corner:
            w.rect.right = m.width - m.margin - m.focus_width * 2
            if m.margin + app.text.width(SUBTITLE, m.small) + m.gap > w.rect.left:   # a narrow window
                top = max(top, w.rect.bottom + m.gap + m.focus_width * 2)
        widgets = [w for w in self.focus.widgets if w not in self.corner]
        two = m.width >= 2 * round(520 * m.ui * m.text_scale) + 3 * m.margin
        if two:   # wide windows: two columns, so every setting is in view at once
            width = (m.width - 3 * m.margin) // 2
            half = (len(widgets) + 1) // 2
            self.parts = [widgets[:half], widgets[half:]]
        else:
            self.parts = [widgets]
        self.columns = self.columns[:len(self.parts)] + [Column() for _ in range(len(self.parts) - len(self.columns))]
        for w in widgets:
            w.detail = self.details[w.id]
        self._place(width, top, bottom)
        if any(column.overflows for column in self.columns[:len(self.parts)]):
            # Too tall: keep the second line only where it matters (the control in focus, and
            # why a control cannot be used), so every setting stays in view when it can.
            for w in widgets:
                if w.enabled and w is not self.focus.focused:
                    w.detail = ""
            self._place(width, top, bottom)

    def _place(self, width: int, top: int, bottom: int) -> None:
        m = self.app.metrics
        for i, (column, part) in enumerate(zip(self.columns, self.parts)):
            area = pygame.Rect(m.margin + i * (width + m.margin), top, width, bottom - top)
            focused = self.focus.focused if self.focus.focused in part else None
            column.place(part, self.app.text, m, area, focused)

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            w = self.focus.focused
            if w is not None:
                self.change(w.id, 1 if event.key == pygame.K_RIGHT else -1)
            return
        super().handle(event)
        if self.app.router.top is self:
            self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        if widget_id == "done":
            self.back()
        elif widget_id == "keys":
            self.done(Go.KEYS)
        else:
            self.change(widget_id, 1, wrap=True)   # Enter or a click steps round, so a mouse can reach every value

    def change(self, name: str, step: int, wrap: bool = False) -> None:
        app, s = self.app, self.app.settings

        def stepped(value: int, low: int, high: int, by: int) -> int:
            value += by * step
            if wrap and value > high:
                return low
            return max(low, min(high, value))

        if name in ("text_scale", "text_smaller"):   # stops at 100% and 200%, never wraps round
            i = TEXT_SCALES.index(s.text_scale) if s.text_scale in TEXT_SCALES else 0
            i = max(0, min(len(TEXT_SCALES) - 1, i + (-step if name == "text_smaller" else step)))
            app.change_settings(text_scale=TEXT_SCALES[i])
        elif name == "text_speed":
            app.change_settings(text_speed=stepped(s.text_speed, 10, 200, 10))
        elif name == "volume":
            app.change_settings(volume=stepped(s.volume, 0, 100, 10))
        elif name == "auto_forward" and not wrap:   # Left/Right: the wait (and on)
            app.change_settings(auto_forward=True, auto_delay=stepped(s.auto_delay, 1, 10, 1))
        elif name == "fullscreen":
            app.change_settings(fullscreen=not s.fullscreen)
            apply_fullscreen(app)
        elif name == "sound" and not app.ambient.ready():
            app.notify("No sound device was found, so ambient sound stays off.")
        elif name == "speech" and not app.speech.available:
            return
        elif name in ("high_contrast", "reduce_motion", "instant_text", "sound", "speech", "auto_forward"):
            app.change_settings(**{name: not getattr(s, name)})
        else:
            return
        self._build()
        self.layout(app.size)

    def resumed(self) -> None:
        self._build()   # back from Keys: the key named in a detail may have changed
        self.layout(self.app.size)

    def back(self) -> None:
        self.done(Go.BACK)

    def spoken(self) -> str:
        return f"Settings. Changes take effect and are saved straight away. {HINT}"

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        draw_header(surface, app, "Settings", SUBTITLE)
        for column, part in zip(self.columns, self.parts):
            column.draw(surface, self.focus, app.text, m, p, part)
        for w in self.corner:
            draw_widget(surface, w, app.text, m, p, focused=w is self.focus.focused, hovered=w.id == self.focus.hover)
        draw_hints(surface, app, HINT)
