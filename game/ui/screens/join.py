"""Join an assessed session: a session code and the learner's name, with clear errors, then the
session's scenarios, each played in assessed mode with every choice recorded by the session store
(game.storage.assessed).

The session's database is the default one (or DOORSTEP_DB), as for `main.py play --session`."""
from __future__ import annotations

import pygame

from game.ui.focus import Button, TextField, row, stack
from game.ui.results import Go, StartAttempt
from game.ui.screens.base import Screen, draw_hints, draw_panel

HINT = "Tab to move between the boxes, type, then Enter to join. Esc to go back."


def learner_hint(hint: str) -> str:
    """The store's hint, unless it is meant for the trainer at a command line."""
    if "main.py" in hint or "`" in hint:
        return "Please check it with your trainer."
    return hint


class JoinScreen(Screen):
    title = "Join an assessed session"

    def __init__(self, app):
        super().__init__(app)
        self.code = TextField("code", "Session code (from your trainer)", max_length=24)
        self.learner = TextField("learner", "Your name or staff ID", max_length=60)
        self.errors: list[str] = []
        self.focus.set([self.code, self.learner, Button("join", "Join"), Button("back", "Back")])
        pygame.key.start_text_input()

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(760 * m.ui * max(1, m.text_scale * 0.8)))
        inner = width - 2 * m.pad - 4 * m.focus_width
        head_h = app.text.block_height(self.title, m.heading, inner, True) + m.gap
        errors_h = sum(app.text.block_height(f"Problem: {e}", m.body, inner, True) for e in self.errors)
        fields_end = stack([self.code, self.learner], app.text, m, 0, 0, inner)
        buttons_h = row(self.focus.widgets[2:], app.text, m, 0, 0, inner)
        height = head_h + errors_h + fields_end + buttons_h + 2 * m.pad + m.gap * 2
        self.card = pygame.Rect(0, 0, width, min(height, m.height - 2 * m.gap))
        self.card.center = (m.width // 2, m.height // 2)
        x = self.card.x + m.pad + 2 * m.focus_width
        y = self.card.y + m.pad + head_h + errors_h
        y = stack([self.code, self.learner], app.text, m, x, y, inner)
        row(self.focus.widgets[2:], app.text, m, x, y, inner)

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back()
        before = (self.code.value, self.learner.value)
        activated = self.focus.handle(event)
        if self.errors and (self.code.value, self.learner.value) != before:
            self.errors = []   # retyping clears the old problem, so it never describes other text
            self.layout(self.app.size)
        if activated in ("code", "learner", "join"):
            self.join()
        elif activated == "back":
            self.back()

    def back(self) -> None:
        pygame.key.stop_text_input()
        self.done(Go.BACK)

    def join(self) -> None:
        code, learner = self.code.value.strip(), self.learner.value.strip()
        self.errors = []
        if not code:
            self.errors.append("Type the session code your trainer gave you.")
        if not learner:
            self.errors.append("Type your name or staff ID, as your trainer will know it.")
        if not self.errors:
            self._start(code, learner)
        self.layout(self.app.size)

    def _start(self, code: str, learner: str) -> None:
        from game.client.desktop import join_remote, server_url
        from game.core.errors import AuthoringError
        from game.storage.assessed import join, next_attempt
        from game.storage.errors import StoreError

        try:
            if server_url():   # through a Doorstep server (h10p: game/client/desktop.py)
                run = join_remote(server_url(), code, learner, self.app.scenarios_dir)
            else:
                enrolment = join(code, learner)
                run = next_attempt(enrolment, self.app.scenarios_dir)
            if run is None:
                self.errors.append(f"You have completed every scenario in "
                                   f"{enrolment.session.name}. Well done.")
                enrolment.close()
                return
        except StoreError as err:
            self.errors.append(f"{err.message} {learner_hint(err.hint)}".strip())
            return
        except AuthoringError as err:
            first = err.problems[0]
            self.errors.append(f"The scenario has a problem (line {first.line}: {first.message}). "
                               "Please tell your trainer.")
            return
        pygame.key.stop_text_input()
        self.done(StartAttempt(run=run))
        for note in run.notes:
            self.app.notify(note)

    def spoken(self) -> str:
        return " ".join([self.title, *(f"Problem: {e}" for e in self.errors), HINT])

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        surface.blit(app.backgrounds.get("office", app.size, 150 if p.name == "default" else 200), (0, 0))
        draw_panel(surface, self.card, app)
        inner = self.card.width - 2 * m.pad - 4 * m.focus_width
        x, y = self.card.x + m.pad, self.card.y + m.pad
        y += app.text.draw(surface, self.title, (x, y), m.heading, p.accent, inner, bold=True) + m.gap
        for e in self.errors:   # worded as a problem, not only coloured
            y += app.text.draw(surface, f"Problem: {e}", (x, y), m.body, p.bad, inner, bold=True)
        self.focus.draw(surface, app.text, m, p)
        draw_hints(surface, app, HINT)
