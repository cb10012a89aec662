"""About: the guidance Doorstep is built on, credits, and the font's licence."""
from __future__ import annotations

import pygame

from game.ui.bindings import BINDINGS, FIXED, Keymap
from game.ui.focus import Button, row
from game.ui.results import Go
from game.ui.screens.base import Screen, ScrollView, draw_hints, draw_panel
from game.ui.text import font_licence

GUIDANCE = (
    "Kent and Medway safeguarding procedures: non-compliance.",
    "A procedures chapter on non-compliance or disguised compliance by parents or carers.",
    "Sussex child protection procedures: working with families who are uncooperative.",
    "Bridgend safeguarding board guidance on hostile and uncooperative parents and carers.",
    "Pan Bedfordshire fact sheet on uncooperative families.",
)

ABOUT = (
    "Doorstep is a training simulation for people who work with children and families: social workers, "
    "health visitors, teachers and police. It puts you on the doorstep with a family who will not co-operate "
    "and asks you to keep the child in focus, escalate correctly and proportionately, and avoid collusion; then "
    "it shows what your choices meant for the child.\n"
    "The scenarios are fictional. Feedback and scoring follow numbered practice points, paraphrased from "
    "these public safeguarding procedures:"
)

CREDITS = (
    "Made by the Doorstep team with pygame-ce, PyYAML and networkx. Portraits and scenes are drawn in code.\n"
    "Text is set in Atkinson Hyperlegible Next, designed for the Braille Institute of America to be easy to read, "
    "used under the SIL Open Font License 1.1 (full text below)."
)


class AboutScreen(Screen):
    title = "About"

    def __init__(self, app):
        super().__init__(app)
        self.scroll = ScrollView()
        self.focus.set([Button("back", "Back")])

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        bottom = m.height - app.text.line_height(m.small) * 2 - m.gap
        h = row(self.focus.widgets, app.text, m, 0, 0, m.width)
        row(self.focus.widgets, app.text, m, m.margin + 2 * m.focus_width, bottom - h - 2 * m.focus_width, m.width)
        self.panel = pygame.Rect(m.margin, m.margin, m.width - 2 * m.margin, bottom - h - m.margin - m.gap * 2 - 4 * m.focus_width)
        self.scroll.view_h = self.panel.height - 2 * m.pad
        self.scroll.content_h = self._draw_content(None)
        self.scroll.clamp()

    def _blocks(self):
        m, p = self.app.metrics, self.app.palette
        return [("About Doorstep", m.heading, True, p.accent), (ABOUT, m.body, False, p.text),
                ("\n".join(f"•  {g}" for g in GUIDANCE), m.body, False, p.text), ("", m.body, False, p.text),
                ("Credits", m.body, True, p.accent), (CREDITS, m.body, False, p.text), ("", m.body, False, p.text),
                ("Font licence", m.body, True, p.accent), (font_licence(), m.small, False, p.text)]

    def _draw_content(self, surface) -> int:
        app, m = self.app, self.app.metrics
        width = self.panel.width - 2 * m.pad
        y = 0
        for text, size, bold, colour in self._blocks():
            if surface is not None and -2000 < y - self.scroll.offset < self.panel.height:
                app.text.draw(surface, text, (0, y - self.scroll.offset), size, colour, width, bold=bold)
            y += app.text.block_height(text, size, width, bold) if text else m.gap
        return y

    def handle(self, event) -> None:
        if self.scroll.handle_reading_keys(event, self.app.text.line_height(self.app.metrics.body)):
            return
        super().handle(event)

    def activate(self, widget_id: str) -> None:
        self.done(Go.BACK)

    def spoken(self) -> str:
        return " ".join(t for t, size, *_ in self._blocks() if t and size != self.app.metrics.small)

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        draw_panel(surface, self.panel, app)
        self._draw_content(surface.subsurface(self.panel.inflate(-2 * m.pad, -2 * m.pad)))
        self.focus.draw(surface, app.text, m, p)
        draw_hints(surface, app, "Up/Down or Page Up/Down to read, Enter or Esc to go back.")


GAMEPAD = ("A gamepad", "A: choose, B or Start: back or pause, D-pad: move, shoulders: back and forward a line, "
                        "X: history, Y: notes, Back: this list")


def key_rows(keymap: Keymap) -> list[tuple[str, str]]:
    """(keys, what they do) for every control, the remappable ones as the learner has them."""
    return [*FIXED, *((keymap.label(b.action), b.description) for b in BINDINGS),
            ("The mouse wheel", "In practice, as Page Up and Page Down; else scroll, or at the top of a scene open what was said"),
            GAMEPAD, ("Remapping", "Settings, then Keys: give an action another key")]


class HelpScreen(AboutScreen):
    """F1 anywhere: every key, in a list a screen reader or the voice reads in order."""

    title = "Keys"

    def _blocks(self):
        m, p = self.app.metrics, self.app.palette
        rows = "\n".join(f"{keys}:  {what}" for keys, what in key_rows(self.app.keymap))
        return [("Keys and controls", m.heading, True, p.accent), (rows, m.body, False, p.text),
                ("", m.body, False, p.text),
                ("Nothing in Doorstep is timed. Everything can also be done with the mouse alone.", m.body, False, p.text),
                ("", m.body, False, p.text)]
