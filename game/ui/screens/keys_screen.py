"""Settings > Keys: give an action another key. Choose the action, press the new key; a key
another action already uses is refused and that action named; Reset to defaults puts every key
back. Saved with the other settings at once."""
from __future__ import annotations

import pygame

from game.ui.bindings import BINDINGS, BY_ACTION, Action, key_label, key_name
from game.ui.focus import Button, Column
from game.ui.results import Go
from game.ui.screens.base import Screen, draw_header, draw_hints, hints_height

HINT = "Up/Down to move, Enter to change the key of an action, then press the new key (Esc cancels)."


class KeysScreen(Screen):
    title = "Keys"

    def __init__(self, app):
        super().__init__(app)
        self.focus.arrows = "vertical"
        self.column = Column()
        self.capturing: Action | None = None   # the action waiting for its new key
        self.message = ""
        self._build()

    def _build(self) -> None:
        keys = self.app.keymap
        remapped = self.app.settings.remapped
        widgets = [Button(f"key:{b.action.value}", f"{b.short}: {keys.label(b.action)}",
                          detail=("Press the new key now (Esc cancels)" if self.capturing is b.action
                                  else f"Changed from {' or '.join(key_label(k) for k in b.keys)}"
                                  if b.action.value in remapped else ""))
                   for b in BINDINGS]
        widgets += [Button("reset", "Reset to defaults", enabled=bool(remapped)), Button("done", "Done")]
        self.focus.set(widgets)

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(860 * m.ui * max(1, m.text_scale * 0.8)))
        top = m.margin + app.text.line_height(m.heading, True) + app.text.block_height(
            self._subtitle(), m.small, m.width - 2 * m.margin) + m.gap
        bottom = m.height - hints_height(app, HINT) - m.gap
        area = pygame.Rect((m.width - width) // 2, top, width, bottom - top)
        self.column.place(self.focus.widgets, app.text, m, area, self.focus.focused)

    def _subtitle(self) -> str:
        return self.message or "Tab, arrows, Enter, Space, 1 to 9 and Esc are fixed, so every screen can always be used."

    def handle(self, event) -> None:
        if self.capturing is not None:
            if event.type == pygame.KEYDOWN:
                self._capture(event.key)
            return
        super().handle(event)
        if self.app.router.top is self:
            self.layout(self.app.size)

    def _capture(self, key: int) -> None:
        action, self.capturing = self.capturing, None
        name = key_name(key)
        what = BY_ACTION[action].short
        if key == pygame.K_ESCAPE:
            self.message = f"Not changed: {what} stays {self.app.keymap.label(action)}."
        elif (refused := self.app.keymap.refusal(action, name)) is not None:
            self.message = f"Not changed: {refused}"
        else:
            remapped = self.app.settings.remapped
            if name in BY_ACTION[action].keys:
                remapped.pop(action.value, None)
            else:
                remapped[action.value] = name
            self.app.change_settings(keys=tuple(sorted(remapped.items())))
            self.message = f"{what}: now {key_label(name)}."
        self._build()
        self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        if widget_id == "done":
            self.back()
        elif widget_id == "reset":
            self.app.change_settings(keys=())
            self.message = "Every key is back to its default."
            self._build()
            self.layout(self.app.size)
        elif widget_id.startswith("key:"):
            self.capturing = Action(widget_id.split(":", 1)[1])
            self.message = f"Press the new key for {BY_ACTION[self.capturing].short.lower()}, or Esc to cancel."
            self._build()
            self.layout(self.app.size)

    def back(self) -> None:
        self.done(Go.BACK)

    def spoken(self) -> str:
        return f"Keys. {self._subtitle()} {HINT}"

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        draw_header(surface, app, "Keys", self._subtitle())
        self.column.draw(surface, self.focus, app.text, m, p)
        draw_hints(surface, app, HINT)
