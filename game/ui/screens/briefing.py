"""The briefing: content note first, then the referral, what is known and any pre-visit risk
assessment; then the learner starts in practice or assessed mode. A joined assessed session's
attempt gets the same briefing, with only its own way in (begin, or continue where it was left)."""
from __future__ import annotations

import pygame

from game.ui.art.portraits import DESIGN
from game.core.play import Mode
from game.ui.focus import Button, row
from game.ui.results import Begin, Go
from game.ui.screens.base import Screen, ScrollView, draw_hints, draw_panel


def briefing_sections(scenario) -> list[tuple[str, str]]:
    """(heading, body) pairs of the briefing, in reading order."""
    b = scenario.briefing
    sections = []
    if scenario.content_note:
        sections.append(("Content note", scenario.content_note +
                         "\nYou can step away at any time with Esc. Nothing is timed."))
    sections.append(("The referral", b.referral or "No referral text."))
    if b.known:
        sections.append(("What is known", "\n".join(f"•  {k}" for k in b.known)))
    if b.risk_assessment:
        sections.append(("Pre-visit risk assessment", "\n".join(f"•  {r}" for r in b.risk_assessment)))
    return sections


def caption(character) -> str:
    """Who someone is, in words under their portrait."""
    role = character.role.replace("_", " ")
    return f"{character.name}\n{role}" + (f", aged {character.age}" if character.age is not None else "")


class BriefingScreen(Screen):
    def __init__(self, app, scenario, run=None, reading: bool = False):
        super().__init__(app)
        self.scenario = scenario
        self.run = run   # an assessed session's AttemptRun (game.storage.assessed), or None
        self.title = scenario.title
        self.scroll = ScrollView()
        self.focus.arrows = "horizontal"
        if reading:   # re-read during play (B): only the way back to the scene
            self.focus.set([Button("back", "Back to the scene")])
        elif run is not None:
            begin = "Continue your assessed attempt" if run.state is not None else "Begin the assessed attempt"
            self.focus.set([Button(Mode.ASSESSED.value, begin), Button("back", "Not now: back to the title")])
        else:
            self.focus.set([
                Button(Mode.PRACTICE.value, "Begin in practice mode"),
                Button(Mode.ASSESSED.value, "Begin an assessed attempt"),
                Button("back", "Back to the library"),
            ])

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        bottom = m.height - app.text.line_height(m.small) * 2 - m.gap
        rows_h = row(self.focus.widgets, app.text, m, m.margin, 0, m.width - 2 * m.margin)
        row(self.focus.widgets, app.text, m, m.margin, bottom - rows_h, m.width - 2 * m.margin)
        self.panel = pygame.Rect(m.margin, m.margin, m.width - 2 * m.margin,
                                 bottom - rows_h - m.margin - m.gap * 2 - m.focus_width * 2)
        self.scroll.view_h = self.panel.height - 2 * m.pad
        self.scroll.content_h = self._content(None)
        self.scroll.clamp()

    def _content(self, surface: pygame.Surface | None) -> int:
        """Draw the briefing text onto `surface` (or only measure it when None); returns its height."""
        app, m, p = self.app, self.app.metrics, self.app.palette
        width = self.panel.width - 2 * m.pad
        y = 0
        s = self.scenario
        blocks = [(s.title, m.heading, True, p.accent), (s.summary, m.body, False, p.text),
                  (f"About {s.minutes} minutes  ·  pass mark {s.pass_mark}% in assessed mode", m.small, False, p.muted)]
        for heading, body in briefing_sections(s):
            blocks += [("", m.small, False, p.text), (heading, m.body, True, p.accent), (body, m.body, False, p.text)]
        people = list(s.characters.values())
        if people:
            blocks += [("", m.small, False, p.text), ("People", m.body, True, p.accent)]
        for text, size, bold, colour in blocks:
            if surface is not None:
                app.text.draw(surface, text, (0, y - self.scroll.offset), size, colour, width, bold=bold)
            y += app.text.block_height(text, size, width, bold) if text else m.gap
        return y + self._people(surface, people, y, width)

    def _people(self, surface: pygame.Surface | None, people: list, top: int, width: int) -> int:
        """Each person's portrait (in their starting mood) with a caption, in rows; returns the height."""
        app, m, p = self.app, self.app.metrics, self.app.palette
        face_h = round(150 * m.ui)
        widest_name = max(app.text.width(c.name, m.small, True) for c in people)
        card_w = min(width, max(round(face_h * DESIGN[0] / DESIGN[1]), widest_name) + m.gap)
        per_row = max(1, width // (card_w + m.gap))
        height = 0
        for start in range(0, len(people), per_row):
            line = people[start:start + per_row]
            text_h = max(app.text.block_height(caption(c), m.small, card_w) for c in line)
            if surface is not None:
                for i, c in enumerate(line):
                    x, y = i * (card_w + m.gap), top + height - self.scroll.offset
                    face = app.portraits.get(c, c.mood, face_h)
                    surface.blit(face, (x + (card_w - face.get_width()) // 2, y))
                    app.text.draw(surface, caption(c), (x, y + face_h + m.gap // 2), m.small, p.text, card_w)
            height += face_h + m.gap // 2 + text_h + m.gap
        return height

    def handle(self, event) -> None:
        m = self.app.metrics
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.scroll.scroll(self.app.text.line_height(m.body) * (1 if event.key == pygame.K_DOWN else -1) * 2)
            return
        if self.scroll.handle_keys(event, m.body):
            return
        super().handle(event)

    def activate(self, widget_id: str) -> None:
        if widget_id != "back":
            self.done(Begin(scenario=self.scenario, mode=Mode(widget_id)))
        else:
            self.back()

    def back(self) -> None:
        if self.run is not None:
            self.run.enrolment.close()
            self.done(Go.TITLE)
        else:
            self.done(Go.BACK)

    def spoken(self) -> str:
        s = self.scenario
        parts = [s.title, s.summary, f"About {s.minutes} minutes. Pass mark {s.pass_mark}% in assessed mode."]
        parts += [f"{heading}. {body}" for heading, body in briefing_sections(s)]
        parts += ["People. " + ". ".join(caption(c).replace("\n", ", ") for c in s.characters.values())]
        return " ".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        surface.blit(app.backgrounds.get("office", app.size, 150 if p.name == "default" else 200), (0, 0))
        draw_panel(surface, self.panel, app)
        inner = self.panel.inflate(-2 * m.pad, -2 * m.pad)
        body = surface.subsurface(inner)
        self._content(body)
        if self.scroll.content_h > self.scroll.view_h:
            more = self.scroll.offset < self.scroll.content_h - self.scroll.view_h
            label = "More below" if more else "End of briefing"
            app.text.draw_line(surface, label, (self.panel.right - m.pad, self.panel.bottom - m.gap // 2), m.small,
                               p.accent, bold=True, anchor="bottomright")
        self.focus.draw(surface, app.text, m, p)
        hint = "Up/Down or Page Up/Down to read, Tab or Left/Right to pick, Enter to start, Esc to go back."
        draw_hints(surface, app, hint)
