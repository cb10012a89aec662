"""Pause / step away, available at any moment with Esc. In assessed mode leaving is recorded as
a withdrawal, never as a fail."""
from __future__ import annotations

import pygame

from game.ui.focus import Button
from game.ui.results import Go, Leave, SaveToSlot
from game.ui.screens.base import MenuCard

SHORT = "Take whatever time you need: nothing in Doorstep is timed."
MESSAGE = ("Take whatever time you need: nothing in Doorstep is timed. These scenarios describe harm to "
           "children, and some of us have lived it. If this has stirred something up, it is fine to stop here "
           "and talk to your supervisor or someone you trust.")


class PauseScreen(MenuCard):
    title = "Paused"

    def __init__(self, app, scene):
        super().__init__(app)
        self.scene = scene
        self.confirming = False
        self._build()

    def _build(self) -> None:
        assessed = not self.scene.practice
        if self.confirming:
            widgets = [Button("withdraw-yes", "Yes, withdraw",
                              detail="This is recorded as a withdrawal, not a fail. You can talk to your trainer about another attempt."),
                       Button("withdraw-no", "No, go back")]
            self.focus.set(widgets, focus="withdraw-no")   # the safe answer is the default
            self.layout(self.app.size)
            return
        else:
            widgets = [Button("resume", "Resume"), Button("notes", "Case notes"), Button("settings", "Settings")]
            if not assessed:
                widgets.append(Button("save", "Save to a slot", detail="Six named slots; F6 quick saves, F9 loads it"))
            if assessed:
                widgets.append(Button("withdraw", "Step away from this assessment", detail="Recorded as a withdrawal, not a fail"))
            else:
                widgets.append(Button("leave", "Save and leave", detail="Continue later from the title screen"))
        self.focus.set(widgets)
        self.layout(self.app.size)

    def messages(self) -> tuple[str, ...]:
        return (MESSAGE, SHORT)

    def heading(self) -> str:
        return "Step away from the assessment?" if self.confirming else "Paused"

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if self.confirming:
                self.confirming = False
                self._build()
            else:
                self.done(Go.BACK)
            return
        activated = self.focus.handle(event)
        if activated:
            self.activate(activated)
        elif self.app.router.top is self:
            self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        if widget_id == "resume":
            self.done(Go.BACK)
        elif widget_id == "notes":
            self.done(Go.BACK)
            self.scene.toggle("notes")
        elif widget_id == "settings":
            self.done(Go.SETTINGS)
        elif widget_id == "save":
            self.done(SaveToSlot(scene=self.scene))
        elif widget_id == "leave":
            self.done(Go.TITLE)
        elif widget_id == "withdraw":
            self.confirming = True
            self._build()
        elif widget_id == "withdraw-no":
            self.confirming = False
            self._build()
        elif widget_id == "withdraw-yes":
            self.withdraw()

    def withdraw(self) -> None:
        """The scene records the withdrawal (never a fail); then back to the title, saying so."""
        self.done(Leave(message=self.scene.step_away()))
