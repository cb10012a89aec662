"""A yes/no question over the current screen, whose safe answer has focus."""
from __future__ import annotations

from game.ui.focus import Button
from game.ui.screens.base import MenuCard


class ConfirmScreen(MenuCard):
    """A yes/no question; dismissed with True (yes) or False (no, Esc)."""

    def __init__(self, app, question: str, detail: str, yes: str, no: str):
        super().__init__(app)
        self.title, self.detail = question, detail
        self.focus.set([Button("yes", yes), Button("no", no)], focus="no")

    def messages(self) -> tuple[str, ...]:
        return (self.detail,)

    def handle(self, event) -> None:
        super().handle(event)
        if self.app.router.top is self:
            self.layout(self.app.size)

    def activate(self, widget_id: str) -> None:
        self.dismiss(widget_id == "yes")

    def back(self) -> None:
        self.dismiss(False)
