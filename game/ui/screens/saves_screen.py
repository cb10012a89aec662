"""Named save slots and the list of saved plays (Ren'Py's save and load screens).

Saving (from the pause menu, practice only) writes the play as it stands into one of six slots;
an assessed attempt is never saved to a slot, so it cannot be taken back to an earlier point.
Loading (from the title) lists every readable save: the autosaves, the slots and the quick save
(F6 in practice; F9 loads it)."""
from __future__ import annotations

from datetime import datetime

import pygame

from game.storage import saves
from game.ui.focus import Button, Column
from game.ui.results import Go, ResumeSave
from game.ui.screens.base import Screen, draw_header, draw_hints, hints_height

SLOTS, QUICK = saves.NAMED_SLOTS, saves.QUICK_SLOT
HINT = "Up/Down or Tab to move, Enter to choose, Esc to go back."


def when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).strftime("%d %b %Y %H:%M")
    except ValueError:
        return iso


def describe_save(save: saves.Save) -> str:
    return f"{save.title} ({save.mode}), saved {when(save.saved_at)}"


def slot_name(slot: str) -> str:
    if slot == QUICK:
        return "Quick save"
    if slot in SLOTS:
        return f"Slot {slot.split('-')[1]}"
    return "Autosave"


class SavesScreen(Screen):
    def __init__(self, app, scene=None):
        super().__init__(app)
        self.scene = scene   # a DialogueScreen to save from, or None to choose a save to load
        self.title = "Save to a slot" if scene is not None else "Load a saved play"
        self.column = Column()
        self.focus.arrows = "vertical"
        self._build()

    def _build(self) -> None:
        found = {s.slot: s for s in saves.list_saves(self.app.saves_dir) if isinstance(s, saves.Save)}
        if self.scene is not None:
            widgets = [Button(slot, slot_name(slot), detail=describe_save(found[slot]) if slot in found else "Empty")
                       for slot in SLOTS]
        else:
            self.loadable = list(found.values())
            widgets = [Button(f"load:{s.slot}", f"{slot_name(s.slot)}: {s.title}", detail=describe_save(s))
                       for s in self.loadable] or [Button("none", "No saved plays yet", enabled=False)]
        self.focus.set([*widgets, Button("back", "Back")])

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(760 * m.ui * max(1, m.text_scale * 0.8)))
        top = m.margin + app.text.line_height(m.heading, True) + app.text.line_height(m.small) + m.gap
        area = pygame.Rect(m.margin, top, width, m.height - hints_height(app, HINT) - m.gap - top)
        self.column.place(self.focus.widgets, app.text, m, area, self.focus.focused)

    def handle(self, event) -> None:
        super().handle(event)
        if self.app.router.top is self:
            self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        if widget_id == "back":
            self.done(Go.BACK)
        elif widget_id.startswith("load:"):
            slot = widget_id.split(":", 1)[1]
            self.done(ResumeSave(save=next(s for s in self.loadable if s.slot == slot)))
        elif self.scene is not None and widget_id in SLOTS:
            self.app.notify(self.scene.save_to(widget_id, slot_name(widget_id)))
            self._build()
            self.focus.focus(widget_id)
            self.layout(self.app.size)

    def spoken(self) -> str:
        return f"{self.title}. {HINT}"

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        subtitle = ("Practice only: an assessed attempt is never saved to a slot." if self.scene is not None
                    else "Autosaves, your named slots and the quick save, newest first.")
        draw_header(surface, app, self.title, subtitle)
        self.column.draw(surface, self.focus, app.text, m, p)
        draw_hints(surface, app, HINT)
