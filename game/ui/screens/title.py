"""The title screen: Continue, Play, Join assessed session, Settings, About, Quit."""
from __future__ import annotations

from datetime import datetime

import pygame

from game.storage import saves
from game.ui.focus import Button, Column
from game.ui.results import Go, ResumeSave
from game.ui.screens.base import Screen, draw_hints, hints_height


HINT = ("Tab or arrow keys to move, Enter to choose. F1 keys, V reads aloud, F11 full screen. "
        "Nothing in Doorstep is timed.")
TAGLINE = ("Practice for the home visits that do not go to plan: the door that stays shut, the parent who agrees "
           "to everything and changes nothing. Keep the child in focus.")


PLACES = {"play": Go.LIBRARY, "load": Go.LOAD, "join": Go.JOIN, "settings": Go.SETTINGS, "about": Go.ABOUT,
          "quit": Go.QUIT}


class TitleScreen(Screen):
    title = "Doorstep"

    def __init__(self, app):
        super().__init__(app)
        self.focus.arrows = "vertical"
        self.column = Column()
        self.resumed()

    def resumed(self) -> None:
        self.save = saves.latest_save(self.app.saves_dir)
        broken = [s for s in saves.list_saves(self.app.saves_dir) if isinstance(s, saves.BrokenSave)]
        for b in broken:
            if b.path not in self.app.reported:   # say it once, not every time the title returns
                self.app.reported.add(b.path)
                self.app.notify(b.message)
        detail = ""
        if self.save is not None:
            mode = "assessed" if self.save.mode == "assessed" else "practice"
            detail = f"{self.save.title} ({mode}), saved {_when(self.save.saved_at)}"
        widgets = [
            Button("continue", "Continue", enabled=self.save is not None, detail=detail or "No saved play yet"),
            Button("play", "Play a scenario", detail="Choose from the scenario library"),
            Button("load", "Load a saved play", enabled=self.save is not None, detail="Autosaves, named slots, the quick save"),
            Button("join", "Join an assessed session", detail="With a code from your trainer"),
            Button("settings", "Settings", detail="Text size, contrast, motion, sound"),
            Button("about", "About Doorstep", detail="The guidance behind it, credits, font licence"),
            Button("quit", "Quit"),
        ]
        self.details = [w.detail for w in widgets]
        self.focus.set(widgets, focus="continue" if self.save is not None else "play")

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        text = app.text
        wide = m.width >= round(900 * m.ui)
        menu_w = min(m.width - 2 * m.margin, round(540 * m.ui * max(1.0, m.text_scale * 0.75)))
        if wide and menu_w * 2 + 3 * m.margin > m.width:
            menu_w = (m.width - 3 * m.margin) // 2
        self.brand_w = (m.width - 3 * m.margin - menu_w) if wide else m.width - 2 * m.margin
        brand_h = (text.block_height("Doorstep", m.title, self.brand_w, True)
                   + text.block_height(TAGLINE, m.body, self.brand_w) + m.gap * 2)
        x = m.width - m.margin - menu_w if wide else m.margin
        top = m.margin // 2 if wide else m.margin + brand_h
        bottom = m.height - hints_height(app, HINT) - m.gap
        for w, detail in zip(self.focus.widgets, self.details):
            w.detail = detail
        area = pygame.Rect(x, top, menu_w, bottom - top)
        self.column.place(self.focus.widgets, text, m, area, self.focus.focused)
        if self.column.overflows:   # big text: drop the second lines before scrolling
            for w in self.focus.widgets:
                w.detail = ""
            self.column.place(self.focus.widgets, text, m, area, self.focus.focused)

    def handle(self, event) -> None:
        super().handle(event)
        self.layout(self.app.size)   # keep the focused item in view at large text sizes

    def activate(self, widget_id: str) -> None:
        if widget_id == "continue" and self.save is not None:
            self.done(ResumeSave(save=self.save))
        elif widget_id in PLACES:
            self.done(PLACES[widget_id])

    def back(self) -> None:
        pass  # Esc on the title does nothing: quitting is an explicit choice

    def spoken(self) -> str:
        return f"Doorstep. {TAGLINE} {HINT}"

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        surface.blit(app.backgrounds.get("street", app.size, 110 if p.name == "default" else 200), (0, 0))
        x, y = m.margin, m.margin
        y += app.text.draw(surface, "Doorstep", (x, y), m.title, p.backdrop_text if p.name != "default" else (255, 255, 255),
                           self.brand_w, bold=True)
        app.text.draw(surface, TAGLINE, (x, y + m.gap), m.body, p.backdrop_text, self.brand_w)
        self.column.draw(surface, self.focus, app.text, m, p)
        draw_hints(surface, app, HINT)


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).strftime("%d %b %Y %H:%M")
    except ValueError:
        return iso
