"""The dialogue scene: background, portraits with moods, the speaker's words revealed progressively,
numbered choices, feedback and Rewind in practice mode, case notes (N), the backlog (H) and a
pause / step-away menu (Esc). Every change of state is autosaved."""
from __future__ import annotations

from game.clock import now_iso

import pygame

from game.core import engine
from game.core.competencies import COMPETENCIES
from game.core.play import Play
from game.core.errors import AuthoringError, SaveError
from game.core.loader import load_path
from game.core.practice_points import REGISTRY
from game.storage import saves
from game.ui.art.backgrounds import LOCATION_LABELS
from game.ui.art.portraits import DESIGN
from game.ui.focus import ACTIVATE_KEYS, Button, draw_widget, row, widget_height
from game.ui.screens.base import Screen, ScrollView, draw_panel, draw_shade, translucent

DESIGN_RATIO = DESIGN[0] / DESIGN[1]   # portrait width : height
NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(1, 10)} | {getattr(pygame, f"K_KP{i}"): i for i in range(1, 10)}


def start(app, scenario, mode: str) -> None:
    """Begin a new play of `scenario` in `mode` ('practice' or 'assessed') on top of the briefing."""
    try:
        state = engine.start(scenario, mode=mode)
        screen = DialogueScreen(app, scenario, state)
    except AuthoringError as err:
        first = err.problems[0] if err.problems else None
        app.notify(f"'{scenario.title}' cannot start" + (f" (line {first.line}: {first.message})" if first else "") +
                   ". Please tell your trainer.")
        return
    app.router.replace(screen)


def resume(app, save: saves.Save) -> None:
    """Continue a saved play exactly where it was; a problem becomes a message, not a crash."""
    try:
        scenario = load_path(save.scenario_path)
    except AuthoringError:
        app.notify(f"'{save.title}' has changed or has a problem, so this save cannot be resumed. "
                   "Ask your trainer to run 'main.py validate'.")
        return
    if scenario.id != save.scenario_id:
        app.notify(f"The file for '{save.title}' now holds a different scenario, so this save cannot be resumed.")
        return
    try:
        state = engine.resume(scenario, engine.PlayState.from_json(save.state_json))
    except SaveError as err:
        app.notify(f"The save for '{save.title}' could not be read ({err}). Your other saves are unaffected.")
        return
    try:
        screen = DialogueScreen(app, scenario, state, resumed=True)
    except AuthoringError:
        app.notify(f"'{save.title}' has a problem at the point you saved, so it cannot be resumed. "
                   "Please tell your trainer.")
        return
    app.router.push(screen)


def decisions_taken(state) -> int:
    """How many decisions the learner has made so far in `state` (each Step is one)."""
    return len(state.history)


class DialogueScreen(Screen):
    def __init__(self, app, scenario, state, resumed: bool = False, run=None):
        super().__init__(app)
        self.scenario = scenario
        self.state = state
        self.run = run   # an assessed session's AttemptRun (game.storage.assessed), or None
        self.title = scenario.title
        self.slot = saves.slot_for(scenario.id, state.mode)
        self.backlog: list[tuple[str, str]] = []
        if resumed:
            self.backlog.append(("", "(Resumed from your save.)"))
        self.feedback = None          # the Choice just made, while its feedback card shows
        self.feedback_k = 0           # which decision it was, for Rewind
        self.panel_open: str | None = None   # "notes" or "history"
        self.panel_scroll = ScrollView()
        self.scroll = ScrollView()
        self.portrait_char = None            # who is speaking (or, at an ending, the child)
        self.cast: list = []                 # up to two people in the scene, each keeping their side
        self.last_speaker_id: str | None = None
        self.old_portrait: pygame.Surface | None = None
        self.old_portrait_of: str | None = None
        self.portrait_fade = 0.0
        self.toolbar: list[Button] = [Button("notes", "Notes (N)"), Button("history", "History (H)"),
                                      Button("pause", "Pause (Esc)")]
        self.toolbar_hover: str | None = None
        self.finished_recorded = False
        self._enter_view()
        self.autosave()

    # ----- engine -----
    def _enter_view(self) -> None:
        before = self._portrait_key()
        old_surface = self._portrait_surface(self.portrait_char) if hasattr(self, "panel") else None
        old_location = self.view.location if hasattr(self, "view") else None
        self.view = engine.view(self.scenario, self.state)
        v = self.view
        speaker = v.speaker
        if v.kind == "ending":
            # The ending is about the child: show them, whoever spoke last.
            child = next((c for c in self.scenario.characters.values() if c.role == "child"), None)
            self.portrait_char, self.cast = child, [child] if child else []
        else:
            if v.location != old_location:
                self.cast = []               # a new place: only those who speak here appear
            if speaker is not None:
                self.portrait_char = speaker
                self._join_cast(speaker)
        key = self._portrait_key()
        if key != before and before is not None and key is not None and key[0] == before[0] \
                and old_surface is not None and not self.app.settings.reduce_motion:
            self.old_portrait, self.old_portrait_of, self.portrait_fade = old_surface, key[0], 1.0   # mood change
        name = speaker.name if speaker is not None else ""
        text = v.text if v.kind != "decision" else (v.prompt or v.text or "")
        if v.kind == "ending" and v.ending is not None:
            text = f"{v.ending.title}. {v.ending.text}"
        if text:
            self.backlog.append((name, text))
        self.shown_text = text
        self.reveal = float(len(text)) if self.app.settings.instant_text else 0.0
        self.app.say(f"{name}: {text}" if name else text)
        self.scroll.offset = 0
        if v.kind == "ending":
            self._record_finish()
        self._build()

    def _join_cast(self, person) -> None:
        """Keep the two most recent speakers on screen; a newcomer takes the quieter one's side."""
        if any(c.id == person.id for c in self.cast):
            self.cast = [person if c.id == person.id else c for c in self.cast]
        elif len(self.cast) < 2:
            self.cast.append(person)
        else:
            quieter = next(i for i, c in enumerate(self.cast) if c.id != self.last_speaker_id)
            self.cast[quieter] = person
        self.last_speaker_id = person.id

    def _portrait_key(self) -> tuple | None:
        if self.portrait_char is None or not hasattr(self, "view"):
            return None
        return self.portrait_char.id, self.view.moods.get(self.portrait_char.id)

    def autosave(self) -> None:
        if self.state.finished:
            saves.delete_save(self.app.saves_dir, self.slot)
            return
        save = saves.Save(self.slot, self.scenario.id, self.scenario.path, self.scenario.title,
                          self.state.mode, now_iso(), self.state.to_json())
        try:
            saves.write_save(self.app.saves_dir, save)
        except OSError as err:
            self.app.notify(f"Your progress could not be saved ({err.strerror or err}).")

    def _record_finish(self) -> None:
        if self.finished_recorded:
            return
        self.finished_recorded = True
        debrief = self.debrief()
        if self.run is not None:
            self.app.notify(self.run.finish(debrief))
        status = ("passed" if debrief.passed else "not_passed") if self.state.mode == "assessed" else "completed"
        try:
            saves.record_result(self.app.saves_dir, self.scenario.id, status, debrief.overall)
        except OSError:
            pass

    def debrief(self):
        """The core's debrief of this play, judged on the session's pass mark when assessed."""
        return Play(self.scenario, self.state,
                    pass_mark=self.run.pass_mark if self.run is not None else None).debrief()

    def stopped(self, err: AuthoringError) -> None:
        """The scenario hit a mistake only found while playing: say so plainly and leave safely."""
        from game.ui.screens.title import TitleScreen

        first = err.problems[0] if err.problems else None
        where = f" (line {first.line}: {first.message})" if first else ""
        self.app.router.reset(TitleScreen(self.app))
        self.app.notify(f"'{self.scenario.title}' has a problem and cannot go on{where}. "
                        "Your progress up to your last choice is saved. Please tell your trainer.")

    def advance(self) -> None:
        try:
            self.state = engine.advance(self.scenario, self.state)
            self.autosave()
            self._enter_view()
        except AuthoringError as err:
            self.stopped(err)

    def choose(self, number: int) -> None:
        choices = self.view.choices
        if not 1 <= number <= len(choices):
            return
        choice = choices[number - 1]
        said = self.view.choice_texts[number - 1]
        k = decisions_taken(self.state)
        try:
            self.state = engine.apply(self.scenario, self.state, choice, at=now_iso())
        except AuthoringError as err:
            return self.stopped(err)
        self.autosave()
        if self.run is not None:   # every choice goes to the session store as it is made
            before = len(self.run.notes)
            self.run.on_state(self.state)
            for note in self.run.notes[before:]:
                self.app.notify(note)
        if self.state.mode == "practice" and (choice.feedback or choice.points):
            self.feedback, self.feedback_k, self.feedback_text = choice, k, said
            self.backlog.append(("You", said))
            self._build()
            return
        self.backlog.append(("You", said))
        self._safe_enter()

    def _safe_enter(self) -> None:
        try:
            self._enter_view()
        except AuthoringError as err:
            self.stopped(err)

    def rewind(self) -> None:
        try:
            self.state = engine.rewind(self.scenario, self.state, self.feedback_k)
        except AuthoringError as err:
            return self.stopped(err)
        self.feedback = None
        self.backlog.append(("", "(Rewound to choose again.)"))
        self.autosave()
        self._safe_enter()

    def open_debrief(self) -> None:
        from game.ui.screens.debrief import DebriefScreen

        self.app.router.replace(DebriefScreen(self.app, self.scenario, self.state,
                                                     self.debrief()))

    # ----- widgets -----
    @property
    def revealed(self) -> bool:
        return self.reveal >= len(self.shown_text)

    def _build(self) -> None:
        v = self.view
        if self.feedback is not None:
            widgets = [Button("continue", "Continue"), Button("rewind", "Rewind and choose again")]
        elif v.kind == "decision":
            # Room for the choices is kept while the prompt is revealed, so nothing jumps when they
            # appear; until then they are neither drawn nor usable.
            widgets = [Button(f"choice:{i}", t, number=i, enabled=self.revealed) for i, t in enumerate(v.choice_texts, 1)]
        elif v.kind == "ending":
            widgets = [Button("debrief", "See your debrief", enabled=self.revealed)]
        else:
            widgets = [Button("next", "Continue")]
        self.focus.set(widgets)
        self.layout(self.app.size)

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        text = app.text
        # Toolbar along the top, right-aligned.
        x = m.width - m.margin
        bar_h = text.line_height(m.small) + m.pad
        for b in reversed(self.toolbar):
            w = text.width(b.label, m.small, True) + 2 * m.pad
            x -= w
            b.rect = pygame.Rect(x, m.gap, w, bar_h)
            x -= m.gap
        # The child-seen marker sits left of the toolbar, or on its own row when text is large.
        left_w = max(text.width(self._top_lines()[0], m.small, True), text.width(self._top_lines()[1], m.small))
        marker_w = text.width("Child not yet seen", m.small, True) + m.small + m.gap * 2
        line = text.line_height(m.small)
        if m.margin + left_w + marker_w + m.margin <= self.toolbar[0].rect.left:
            self.marker_at = (self.toolbar[0].rect.left - m.margin, m.gap + bar_h // 2)
            self.top_h = m.gap * 2 + max(bar_h, 2 * line)
        else:
            self.marker_at = (m.width - m.margin, m.gap * 2 + bar_h + line // 2)
            self.top_h = m.gap * 3 + bar_h + max(line, 2 * line - bar_h)
        # The panel: as tall as its content needs, at least 32% of the window. When that leaves
        # too little room above it for a face (long choices), the speaker moves beside the panel.
        self.side = 0
        left = m.margin
        label_h = line + m.gap
        max_h = m.height - self.top_h - m.gap
        while True:
            inner_w = m.width - m.margin - left - 2 * m.pad
            content = self._content_height(inner_w)
            panel_h = max(round(m.height * 0.32), min(max_h, content + 2 * m.pad))
            room = m.height - panel_h - m.gap - self.top_h - m.gap - label_h
            if self.side or room >= m.height * 0.3 or self.portrait_char is None or m.width < 900 * m.ui:
                break
            self.side = min(round((max_h - label_h) * 0.8 * DESIGN_RATIO), m.width // 3)
            left = m.margin + self.side + m.gap
        self.panel = pygame.Rect(left, m.height - panel_h - m.gap, m.width - m.margin - left, panel_h)
        self.scroll.view_h = panel_h - 2 * m.pad
        self.scroll.content_h = content
        self.scroll.clamp()
        self._place_widgets(inner_w)
        # Feedback card, centred, over the scene.
        if self.feedback is not None:
            self._layout_feedback()

    def _text_block_height(self, width: int) -> int:
        m, text = self.app.metrics, self.app.text
        h = text.line_height(m.body, True) + m.gap // 2   # speaker line
        if self.view.kind == "ending" and self.view.ending is not None:
            h += text.block_height(self.view.ending.title, m.heading, width, True)
            h += text.block_height(self.view.ending.text, m.body, width)
        else:
            h += text.block_height(self.shown_text, m.body, width)
        return h

    def _content_height(self, width: int) -> int:
        m = self.app.metrics
        h = self._text_block_height(width) + m.gap
        if self.feedback is None:
            for w in self.focus.widgets:
                h += widget_height(w, self.app.text, m, self._widget_w(w, width)) + m.gap + m.focus_width * 2
        return h + m.focus_width * 2

    def _widget_w(self, w, width: int) -> int:
        m = self.app.metrics
        if w.number is None:
            return min(width, self.app.text.width(w.label, m.body, True) + 2 * m.pad + 2 * m.focus_width)
        return width - 4 * m.focus_width

    def _place_widgets(self, width: int) -> None:
        m = self.app.metrics
        if self.feedback is not None:
            return
        y0 = self.panel.y + m.pad + self._text_block_height(width) + m.gap - self.scroll.offset
        x = self.panel.x + m.pad + 2 * m.focus_width
        y = y0 + m.focus_width * 2
        for w in self.focus.widgets:
            h = widget_height(w, self.app.text, m, self._widget_w(w, width))
            w.rect = pygame.Rect(x, y, self._widget_w(w, width), h)
            if w.number is None:
                w.rect.right = self.panel.right - m.pad - 2 * m.focus_width
            y += h + m.gap + m.focus_width * 2

    def _layout_feedback(self) -> None:
        app, m = self.app, self.app.metrics
        width = min(m.width - 2 * m.margin, round(900 * m.ui * max(1, m.text_scale * 0.75)))
        inner = width - 2 * m.pad
        body = self._feedback_blocks()
        content = sum(app.text.block_height(t, size, inner, bold) for t, size, bold, _ in body) + m.gap * len(body)
        buttons_h = max(widget_height(w, app.text, m, inner) for w in self.focus.widgets)
        h = min(m.height - 2 * m.gap, content + buttons_h + 3 * m.pad + m.focus_width * 4)
        self.card = pygame.Rect(0, 0, width, h)
        self.card.center = (m.width // 2, m.height // 2)
        self.card_view = ScrollView()
        self.card_view.content_h = content
        self.card_view.view_h = h - buttons_h - 3 * m.pad - m.focus_width * 4
        row(self.focus.widgets, app.text, m, self.card.x + m.pad + m.focus_width * 2,
            self.card.bottom - m.pad - buttons_h - m.focus_width * 2, inner - m.focus_width * 4)

    def _feedback_blocks(self) -> list[tuple[str, int, bool, tuple]]:
        m, p = self.app.metrics, self.app.palette
        c = self.feedback
        blocks = [("Feedback on your choice", m.heading, True, p.accent),
                  (f"You chose: {self.feedback_text}", m.body, True, p.text)]
        if c.feedback:
            blocks.append((c.feedback, m.body, False, p.text))
        scored = [f"{label} {'+' if c.scores[name] > 0 else ''}{c.scores[name]}"
                  for name, label in COMPETENCIES if c.scores.get(name)]
        if scored:
            blocks.append(("Scores: " + ",  ".join(scored), m.small, True, p.muted))
        if c.points:
            lines = [f"{pid}  {REGISTRY[pid].title}" if pid in REGISTRY else pid for pid in c.points]
            blocks.append(("Practice points:\n" + "\n".join(lines), m.small, False, p.text))
        return blocks

    # ----- events -----
    def handle(self, event) -> None:
        if self.panel_open:
            self._handle_panel(event)
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return self.pause()
            if event.key == pygame.K_n:
                return self.toggle("notes")
            if event.key == pygame.K_h:
                return self.toggle("history")
        if event.type == pygame.MOUSEMOTION:
            hit = next((b for b in self.toolbar if b.rect.collidepoint(event.pos)), None)
            self.toolbar_hover = hit.id if hit else None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = next((b for b in self.toolbar if b.rect.collidepoint(event.pos)), None)
            if hit is not None:
                return self.pause() if hit.id == "pause" else self.toggle(hit.id)
        if self.feedback is not None and self._scroll_card(event):
            return
        if event.type == pygame.MOUSEWHEEL and event.y > 0 and self.scroll.offset == 0 and self.feedback is None:
            return self.toggle("history")
        paging = event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN)
        if event.type == pygame.MOUSEWHEEL or paging:
            self.scroll.handle_keys(event, self.app.metrics.body)
            self._place_widgets(self.panel.width - 2 * self.app.metrics.pad)
            return
        if not self.revealed and self.feedback is None and self._is_continue(event):
            self.reveal = float(len(self.shown_text))
            self._build()
            return
        if self.feedback is None and self.view.kind == "decision" and event.type == pygame.KEYDOWN:
            if event.key in NUMBER_KEYS:
                return self.choose(NUMBER_KEYS[event.key])
            if event.key == pygame.K_SPACE:
                return   # Space skips text; a choice needs Enter or its number, so it is never made by accident
        before = self.focus.focused
        activated = self.focus.handle(event)
        if activated:
            return self.activate(activated)
        if self.focus.focused is not before and self.focus.focused is not None and self.feedback is None:
            self._keep_visible(self.focus.focused)
        if self.view.kind == "beat" and self.feedback is None and self._is_continue(event):
            self.advance()

    def _scroll_card(self, event) -> bool:
        """Up/Down, Page Up/Down and the wheel read a long feedback card; Left/Right/Tab pick a button."""
        line = self.app.text.line_height(self.app.metrics.body)
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.card_view.scroll(line * (1 if event.key == pygame.K_DOWN else -1))
            return True
        return self.card_view.handle_keys(event, line)

    def _is_continue(self, event) -> bool:
        if event.type == pygame.KEYDOWN:
            return event.key in ACTIVATE_KEYS
        return event.type == pygame.MOUSEBUTTONDOWN and event.button == 1

    def _keep_visible(self, w) -> None:
        m = self.app.metrics
        top = w.rect.top + self.scroll.offset - self.panel.y - m.pad
        self.scroll.reveal(top, top + w.rect.height, m.focus_width * 3)
        self._place_widgets(self.panel.width - 2 * m.pad)

    def activate(self, widget_id: str) -> None:
        if widget_id == "next":
            self.advance()
        elif widget_id.startswith("choice:"):
            self.choose(int(widget_id.split(":")[1]))
        elif widget_id == "continue":
            self.feedback = None
            self._safe_enter()
        elif widget_id == "rewind":
            self.rewind()
        elif widget_id == "debrief":
            self.open_debrief()

    def pause(self) -> None:
        from game.ui.screens.pause import PauseScreen

        self.app.router.push(PauseScreen(self.app, self))

    def toggle(self, name: str) -> None:
        self.panel_open = None if self.panel_open == name else name
        self.panel_scroll = ScrollView()
        if name == "history":
            self.panel_scroll.offset = 10 ** 9   # the backlog opens at its newest line

    def _handle_panel(self, event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_n, pygame.K_h, pygame.K_RETURN, pygame.K_SPACE):
                self.panel_open = None
                return
            line = self.app.text.line_height(self.app.metrics.body)
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.panel_scroll.scroll(line * (1 if event.key == pygame.K_DOWN else -1))
                return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.panel_open = None
            return
        self.panel_scroll.handle_keys(event, self.app.text.line_height(self.app.metrics.body))

    def update(self, dt: float) -> None:
        if not self.revealed:
            self.reveal = min(float(len(self.shown_text)), self.reveal + dt * self.app.settings.text_speed)
            if self.revealed:
                self._build()
        if self.portrait_fade > 0:
            self.portrait_fade = max(0.0, self.portrait_fade - dt * 3)

    # ----- drawing -----
    def _portrait_height(self) -> int:
        m = self.app.metrics
        label_h = self.app.text.line_height(m.small) + m.gap
        if self.side:
            return min(round(self.side / DESIGN_RATIO), self.panel.bottom - self.top_h - m.gap - label_h)
        space = self.panel.top - self.top_h - m.gap - label_h
        return 0 if space < 120 * m.ui else min(space, round(m.height * 0.46))

    def _portrait_surface(self, person) -> pygame.Surface | None:
        if person is None or not hasattr(self, "view"):
            return None
        height = self._portrait_height()
        if not height:
            return None
        mood = self.view.moods.get(person.id, person.mood)
        return self.app.portraits.get(person, mood, height)

    def _draw_cast(self, surface: pygame.Surface) -> None:
        """Each person in the scene on their side, the speaker bright and the listener dimmed, with a
        name plate giving their mood in words."""
        app, m, p = self.app, self.app.metrics, self.app.palette
        cast = [self.portrait_char] if self.side and self.portrait_char is not None else self.cast
        for i, person in enumerate(cast):
            portrait = self._portrait_surface(person)
            if portrait is None:
                return
            bottom = ((self.panel.bottom if self.side else self.panel.top - m.gap)
                      - app.text.line_height(m.small) - m.gap // 2)
            if i == 0:
                spot = portrait.get_rect(bottomleft=(m.margin, bottom))
            else:
                spot = portrait.get_rect(bottomright=(m.width - m.margin, bottom))
            active = self.portrait_char is not None and person.id == self.portrait_char.id
            if active and self.portrait_fade > 0 and self.old_portrait_of == person.id \
                    and self.old_portrait is not None and self.old_portrait.get_size() == portrait.get_size():
                surface.blit(self.old_portrait, spot)
                portrait = portrait.copy()
                portrait.set_alpha(round(255 * (1 - self.portrait_fade)))
            elif not active:
                portrait = portrait.copy()
                portrait.set_alpha(150)
            surface.blit(portrait, spot)
            mood = self.view.moods.get(person.id, person.mood)
            plate = f"{person.name}  ·  {mood}" + ("  (speaking)" if active and len(self.cast) > 1 else "")
            label = app.text.render(plate, m.small, p.backdrop_text, bold=active)
            box = label.get_rect(midtop=(spot.centerx, spot.bottom + m.gap // 2)).inflate(m.pad, m.gap // 2)
            box.clamp_ip(pygame.Rect(0, 0, m.width, m.height))
            surface.blit(translucent(box.size, (*p.backdrop, 210), m.radius), box)
            surface.blit(label, label.get_rect(center=box.center))

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        v = self.view
        surface.blit(app.backgrounds.get(v.location, app.size, p.scene_dim), (0, 0))
        self._draw_top(surface)
        self._draw_cast(surface)
        draw_panel(surface, self.panel, app, alpha=245)
        self._draw_panel_text(surface)
        if self.feedback is None:
            clip = self.panel.inflate(0, -m.gap)
            surface.set_clip(clip)
            for w in self.focus.widgets:
                if w.enabled:
                    draw_widget(surface, w, app.text, m, p, focused=w is self.focus.focused,
                                hovered=w.id == self.focus.hover)
            surface.set_clip(None)
            if self.scroll.content_h > self.scroll.view_h:
                below = self.scroll.offset < self.scroll.content_h - self.scroll.view_h
                more = "More below (Page Down)" if below else "Page Up for more"
                label = app.text.render(more, m.small, p.accent, bold=True)
                spot = label.get_rect(bottomright=(self.panel.right - m.pad, self.panel.bottom - m.gap // 2))
                pygame.draw.rect(surface, p.panel, spot.inflate(m.pad, m.gap // 2), border_radius=m.radius)
                surface.blit(label, spot)
        else:
            self._draw_feedback(surface)
        if self.panel_open:
            self._draw_side_panel(surface)

    def child_marker_label(self) -> str:
        return "Child seen" if self.view.child_seen else "Child not yet seen"

    def _top_lines(self) -> tuple[str, str]:
        mode = "Assessed" if self.state.mode == "assessed" else "Practice"
        where = LOCATION_LABELS.get(self.view.location, "")
        return f"{self.scenario.title}  ·  {mode}", f"{where}  ·  Day {self.view.day}"

    def _draw_top(self, surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        surface.blit(translucent((m.width, self.top_h), (*p.backdrop, 215)), (0, 0))
        first, second = self._top_lines()
        app.text.draw_line(surface, first, (m.margin, m.gap), m.small, p.backdrop_text, bold=True)
        app.text.draw_line(surface, second, (m.margin, m.gap + app.text.line_height(m.small)), m.small, p.backdrop_text)
        # The child-seen marker: a shape and words, never colour alone.
        seen = bool(self.view.child_seen)
        label = self.child_marker_label()
        size = m.small
        lw = app.text.width(label, size, True)
        right, cy = self.marker_at
        r = max(6, size // 2)
        cx = right - lw - m.gap - r
        if seen:
            pygame.draw.circle(surface, p.good, (cx, cy), r)
            tick = [(cx - r // 2, cy), (cx - r // 6, cy + r // 2), (cx + r // 2, cy - r // 2)]
            pygame.draw.lines(surface, p.panel, False, tick, max(2, r // 3))
        else:
            pygame.draw.circle(surface, p.backdrop_text, (cx, cy), r, max(2, r // 3))
        app.text.draw_line(surface, label, (right, cy), size, p.backdrop_text, bold=seen, anchor="midright")
        for b in self.toolbar:
            fill = p.button_hover if b.id == self.toolbar_hover else p.button
            pygame.draw.rect(surface, fill, b.rect, border_radius=m.radius)
            pygame.draw.rect(surface, p.button_edge, b.rect, 1, border_radius=m.radius)
            app.text.draw_line(surface, b.label, b.rect.center, m.small, p.button_text, bold=True, anchor="center")

    def _draw_panel_text(self, surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        v = self.view
        inner_w = self.panel.width - 2 * m.pad
        x, y = self.panel.x + m.pad, self.panel.y + m.pad - self.scroll.offset
        surface.set_clip(self.panel.inflate(0, -m.gap))
        if v.kind == "ending" and v.ending is not None:
            speaker = "How it ended"
        elif v.speaker is not None:
            mood = v.moods.get(v.speaker.id, v.speaker.mood) if v.mood is None else v.mood
            speaker = f"{v.speaker.name}  ·  {mood}"
        elif v.kind == "decision":
            speaker = "Your decision"
        else:
            speaker = ""
        if speaker:
            app.text.draw_line(surface, speaker, (x, y), m.body, p.accent, bold=True)
        y += app.text.line_height(m.body, True) + m.gap // 2
        limit = None if self.revealed else int(self.reveal)
        if v.kind == "ending" and v.ending is not None:
            y += app.text.draw(surface, v.ending.title, (x, y), m.heading, p.text, inner_w, bold=True)
            app.text.draw(surface, v.ending.text, (x, y), m.body, p.text, inner_w,
                          limit=None if limit is None else max(0, limit - len(v.ending.title) - 2))
        else:
            italic = v.speaker is None and v.kind == "beat"
            app.text.draw(surface, self.shown_text, (x, y), m.body, p.text, inner_w, italic=italic, limit=limit)
        surface.set_clip(None)
        if self.revealed and v.kind == "decision" and self.feedback is None and self.scroll.offset == 0:
            hint = f"Press 1 to {len(v.choices)}, or arrows and Enter" if len(v.choices) > 1 else "Press 1 or Enter"
            if app.text.width(speaker, m.body, True) + app.text.width(hint, m.small) + m.pad * 2 <= inner_w:
                app.text.draw_line(surface, hint, (self.panel.right - m.pad, self.panel.y + m.pad), m.small, p.muted,
                                   anchor="topright")
        if not self.revealed:
            app.text.draw_line(surface, "Space or Enter to show all", (self.panel.right - m.pad, self.panel.bottom - m.gap),
                               m.small, p.muted, anchor="bottomright")

    def _draw_feedback(self, surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        draw_shade(surface, app)
        draw_panel(surface, self.card, app)
        inner = self.card.width - 2 * m.pad
        area = pygame.Rect(self.card.x + m.pad, self.card.y + m.pad, inner, self.card_view.view_h)
        surface.set_clip(area)
        y = area.y - self.card_view.offset
        for text, size, bold, colour in self._feedback_blocks():
            y += app.text.draw(surface, text, (area.x, y), size, colour, inner, bold=bold) + m.gap
        surface.set_clip(None)
        if self.card_view.content_h > self.card_view.view_h:
            more = self.card_view.offset < self.card_view.content_h - self.card_view.view_h
            app.text.draw_line(surface, "More below: Down or Page Down" if more else "Up for more",
                               (area.right, area.bottom), m.small, p.accent, bold=True, anchor="topright")
        self.focus.draw(surface, app.text, m, p)

    def _draw_side_panel(self, surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        draw_shade(surface, app)
        width = min(m.width - 2 * m.margin, round(820 * m.ui * max(1, m.text_scale * 0.8)))
        rect = pygame.Rect(0, m.margin, width, m.height - 2 * m.margin)
        rect.centerx = m.width // 2
        draw_panel(surface, rect, app)
        inner = rect.inflate(-2 * m.pad, -2 * m.pad)
        if self.panel_open == "notes":
            title = "Case notes"
            items = ([(f"Day {n.day}", n.text) for n in self.state.chronology]
                     or [("", "No case notes yet. Notes are added as the case goes on.")])
            hint = "N or Esc to close. Up/Down to scroll."
        else:
            title = "What was said"
            items = self.backlog or [("", "Nothing yet.")]
            hint = "H or Esc to close. Up/Down or the mouse wheel to scroll."
        y = inner.y
        y += app.text.draw(surface, title, (inner.x, y), m.heading, p.accent, inner.width, bold=True)
        footer = app.text.block_height(hint, m.small, inner.width)
        body = pygame.Rect(inner.x, y + m.gap, inner.width, inner.bottom - y - m.gap - footer - m.gap)
        content = 0
        for label, text in items:
            content += ((app.text.line_height(m.small, True) if label else 0)
                        + app.text.block_height(text, m.body, body.width) + m.gap)
        self.panel_scroll.content_h, self.panel_scroll.view_h = content, body.height
        self.panel_scroll.clamp()
        surface.set_clip(body)
        cy = body.y - self.panel_scroll.offset
        for label, text in items:
            if label:
                cy += app.text.draw(surface, label, (body.x, cy), m.small, p.accent, body.width, bold=True)
            cy += app.text.draw(surface, text, (body.x, cy), m.body, p.text, body.width) + m.gap
        surface.set_clip(None)
        app.text.draw(surface, hint, (inner.x, inner.bottom - footer), m.small, p.muted, inner.width)
