"""The dialogue scene: a view over the core's play session (game.core.play).

The screen sends the core commands (Advance, Choose, Rewind, StepAway) and shows the events it
gets back: BeatShown / DecisionShown put a line or a decision on screen, ChoiceTaken's review is
the practice feedback card, Finished carries the debrief (its verdict is shown, never computed
here), Withdrawn and Stopped leave safely. Around that: the background, the top bar and the
portraits (scene_top, fed by game.ui.stage), the words revealed progressively, numbered choices,
case notes, the history, the briefing again, rollback in practice (a line at a time, back across
decisions through the core's Rewind) and the pause menu (Esc); keys come from game.ui.bindings.
Every change of state is autosaved; an assessed session's choices go to its store."""
from __future__ import annotations

import pygame

from game.clock import now_iso
from game.core.errors import AuthoringError, SaveError
from game.core.loader import load_path
from game.core.model import NodeKind
from game.core.play import (Advance, ChoiceTaken, Choose, Finished, Mode, Play, Rewind, Rewound,
                            StepAway, Stopped)
from game.storage import saves
from game.ui.bindings import Action
from game.ui.focus import ACTIVATE_KEYS, Button, draw_widget, widget_height
from game.ui.results import Leave, Pause, ShowBriefing, ShowDebrief
from game.ui.screens.base import Backdrop, Screen, ScrollView, draw_panel
from game.ui.screens.scene_panels import FeedbackCard, ReadingPanel
from game.ui.screens.scene_top import DESIGN_RATIO, Cast, TopBar, marker_label, top_lines
from game.ui.stage import Stage, spoken_line, transcript

NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(1, 10)} | {getattr(pygame, f"K_KP{i}"): i for i in range(1, 10)}


def start(app, scenario, mode: Mode, run=None) -> None:
    """Begin a play of `scenario` in `mode` in place of the briefing. `run`: an assessed
    session's attempt (game.storage.assessed.AttemptRun), resumed where it was left."""
    try:
        play = run.play() if run is not None else Play.begin(scenario, mode=mode)
        screen = DialogueScreen(app, play, run=run, resumed=run is not None and run.state is not None)
    except AuthoringError as err:
        first = err.problems[0] if err.problems else None
        app.notify(f"'{scenario.title}' cannot start" + (f" (line {first.line}: {first.message})" if first else "") +
                   ". Please tell your trainer.")
        return
    app.router.replace(screen)


def resume(app, save: saves.Save) -> None:
    """Continue a saved play exactly where it was; a problem becomes a message, not a crash.
    A save of an assessed session's attempt joins the session again and resumes the attempt the
    store holds, so its result is recorded there."""
    if save.session:
        return _rejoin(app, save)
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
        from game.core.engine import PlayState

        play = Play.resume(scenario, PlayState.from_json(save.state_json))
    except SaveError as err:
        app.notify(f"The save for '{save.title}' could not be read ({err}). Your other saves are unaffected.")
        return
    try:
        screen = DialogueScreen(app, play, resumed=True)
    except AuthoringError:
        app.notify(f"'{save.title}' has a problem at the point you saved, so it cannot be resumed. "
                   "Please tell your trainer.")
        return
    app.router.push(screen)


def _rejoin(app, save: saves.Save) -> None:
    from game.storage.assessed import join, next_attempt
    from game.storage.errors import StoreError

    try:
        enrolment = join(save.session, save.learner)
        run = next_attempt(enrolment, app.scenarios_dir)
    except (StoreError, AuthoringError) as err:
        app.notify(f"Your assessed attempt at '{save.title}' could not be reached "
                   f"({getattr(err, 'message', err)}). Nothing is lost: try Continue again later.")
        return
    if run is None or run.scenario.id != save.scenario_id:
        saves.delete_save(app.saves_dir, save.slot)
        app.notify(f"Your assessed attempt at '{save.title}' is already finished and its result recorded.")
        if run is not None:
            run.enrolment.close()
        return
    start(app, run.scenario, Mode.ASSESSED, run=run)
    if app.router.top is not None and not isinstance(app.router.top, DialogueScreen):
        return
    for note in run.notes:
        app.notify(note)


class DialogueScreen(Screen):
    def __init__(self, app, play: Play, run=None, resumed: bool = False):
        super().__init__(app)
        self.play = play
        self.scenario = play.scenario
        self.run = run   # an assessed session's AttemptRun (game.storage.assessed), or None
        self.title = self.scenario.title
        self.slot = saves.slot_for(self.scenario.id, play.state.mode)
        self.trail: list[tuple] = []   # see below
        self.stage = transcript(self.scenario, play.state, trail=self.trail) if resumed else Stage(self.scenario)
        if resumed:
            self.stage.note("(Resumed from your save: everything above was said before.)")
        self.card: FeedbackCard | None = None      # the feedback card showing (practice)
        self.panel: pygame.Rect = pygame.Rect(0, 0, 0, 0)
        self.open_panel: ReadingPanel | None = None   # case notes or the history, over the scene
        self.debrief = None           # from the Finished event
        self.scroll = ScrollView()
        self.prompt_scroll = ScrollView()   # a long prompt's own strip above the options (_split_decision)
        self.prompt_area: pygame.Rect | None = None
        self.backdrop = Backdrop()    # the dimmed scene under the card or a panel
        self.top = TopBar()           # the strip along the top, with the toolbar
        self.cast = Cast()            # the portraits
        self.view = None
        self.skipping = False         # S: through lines already read, as Ren'Py's skip
        # Rollback (practice): every resting point of this scene as (state, view, who was on
        # stage; a resumed play's from its transcript), and how many of them the learner has
        # stepped back through to look again.
        self.back = 0
        self._show(play.current(), seen=resumed)
        self.autosave()

    @property
    def toolbar(self):
        return self.top.buttons

    @property
    def top_h(self) -> int:
        return self.top.h

    @property
    def compact_top(self) -> bool:
        return self.top.compact

    @property
    def state(self):
        return self.play.state

    @property
    def practice(self) -> bool:
        return self.state.mode is Mode.PRACTICE

    # ----- the core's events -----
    def _show(self, events, seen: bool = False) -> None:
        """Act on the events of one command, in order. `seen`: the stage already has the view."""
        for event in events:
            if isinstance(event, ChoiceTaken):
                self.stage.chose(self.view.choice_texts[event.step.number - 1])
                self.app.seen.mark_chosen(self.scenario.id, event.step.choice)
                if self.run is not None:   # every choice goes to the session's store as it is made
                    before = len(self.run.notes)
                    self.run.on_state(self.state)
                    for note in self.run.notes[before:]:
                        self.app.notify(note)
                if self.practice:
                    self.card = FeedbackCard(event.review)
            elif isinstance(event, Rewound):
                self.stage.note(f"(Went back to decision {event.to + 1} to choose again.)")
                self._trim_trail(event.to)
            elif isinstance(event, Finished):
                self._finished(event.debrief)
            elif isinstance(event, Stopped):
                return self._stopped(event.problem)
        self.autosave()
        if self.review is None:
            self._enter(seen)
        else:
            self._build()   # the card shows over the decision just taken; Continue moves on

    def _enter(self, seen: bool = False) -> None:
        """Put the view the play rests on on screen."""
        old_surface = self._portrait(self.stage.speaking) if self.view is not None else None
        before = self._portrait_key()
        self.view = self.play.view
        self.back = 0
        if not seen:
            self.stage.see(self.view)
        self.trail.append((self.state, self.view, self.stage.on_stage()))
        self.already_read = self.app.seen.read(self.scenario.id, self.view.node_id)
        self.app.seen.mark_read(self.scenario.id, self.view.node_id)
        self.waited = 0.0
        key = self._portrait_key()
        if key != before and before is not None and key is not None and key[0] == before[0] \
                and old_surface is not None and not self.app.settings.reduce_motion:
            self.cast.mood_changed(old_surface, key[0])
        self.shown_text = spoken_line(self.view)
        self._start_reveal()
        self.scroll.offset = 0
        self._build()

    def _start_reveal(self) -> None:
        """Letter by letter, unless the learner asked for instant text or is listening (the
        voice reads the whole line at once, so the choices must be usable at once too)."""
        instant = self.app.settings.instant_text or self.app.voicing
        self.reveal = float(len(self.shown_text)) if instant else 0.0

    def _portrait_key(self) -> tuple | None:
        person = self.stage.speaking
        if person is None or self.view is None:
            return None
        return person.id, self.view.moods.get(person.id)

    def _finished(self, debrief) -> None:
        """Record the core's result once: the session's store, then this computer's progress."""
        if self.debrief is not None:
            return
        self.debrief = debrief
        if self.run is not None:
            self.app.notify(self.run.finish(debrief))
        status = ("passed" if debrief.passed else "not_passed") if not self.practice else "completed"
        try:
            saves.record_result(self.app.saves_dir, self.scenario.id, status, debrief.overall)
        except OSError:
            pass

    def _stopped(self, problem) -> None:
        """The scenario hit a mistake only found while playing: say so plainly and leave safely."""
        where = f" (line {problem.line}: {problem.message})" if problem is not None else ""
        self.done(Leave(message=f"'{self.scenario.title}' has a problem and cannot go on{where}. "
                                "Your progress up to your last choice is saved. Please tell your trainer."))

    def save_to(self, slot: str, name: str) -> str:
        """Save the play as it stands into a named slot (practice only); the sentence to show."""
        if not self.practice:
            return "An assessed attempt is saved as you go and cannot be saved to a slot."
        try:
            saves.write_save(self.app.saves_dir, saves.Save(slot, self.scenario.id, self.scenario.path, self.scenario.title,
                                                            self.state.mode.value, now_iso(), self.state.to_json()))
        except OSError as err:
            return f"Your play could not be saved ({err.strerror or err})."
        return f"Saved in {name}."

    def autosave(self) -> None:
        if self.state.finished:
            saves.delete_save(self.app.saves_dir, self.slot)
            return
        session = (self.run.enrolment.session.code, self.run.enrolment.learner) if self.run is not None else ("", "")
        save = saves.Save(self.slot, self.scenario.id, self.scenario.path, self.scenario.title,
                          self.state.mode.value, now_iso(), self.state.to_json(), *session)
        try:
            saves.write_save(self.app.saves_dir, save)
        except OSError as err:
            self.app.notify(f"Your progress could not be saved ({err.strerror or err}).")

    # ----- commands -----
    def advance(self) -> None:
        if self.back:   # going on while looking back steps forward through what was seen
            return self.roll(1)
        self._show(self.play.send(Advance()))

    def roll(self, step: int) -> None:
        """Practice rollback, a line at a time: back (-1) through the lines of this scene, and
        forward (1) again up to where the play rests. Stepping back onto an earlier decision
        takes the play back to it through the core's Rewind, so it can be chosen again there;
        lines between decisions are only looked at again, the play resting where it was."""
        at = len(self.trail) - 1 - self.back
        if step > 0:
            if self.back:
                self._look(at + 1)
            return
        if at <= 0:
            return self.app.notify("This is as far back as you can go in this scene.")
        state = self.trail[at - 1][0]
        if len(state.history) < len(self.state.history):
            self.rewind(len(state.history))
        else:
            self._look(at - 1)

    def _look(self, index: int) -> None:
        """Show the trail's `index`th resting point again, as it was (the last is where the play rests)."""
        _, self.view, on_stage = self.trail[index]
        self.back = len(self.trail) - 1 - index
        self.stage.restore(on_stage)
        self.shown_text = spoken_line(self.view)
        self.reveal = float(len(self.shown_text))
        self.scroll.offset = 0
        self.cast.fade = 0.0
        self._build()

    def _trim_trail(self, to: int) -> None:
        """After going back to decision `to`: drop that decision and what followed it (it is
        entered again at once)."""
        at = next((i for i in range(len(self.trail) - 1, -1, -1)
                   if len(self.trail[i][0].history) == to and self.trail[i][1].kind == NodeKind.DECISION), 0)
        del self.trail[at:]

    def choose(self, number: int) -> None:
        if 1 <= number <= len(self.view.choices):
            self._show(self.play.send(Choose(number=number, at=now_iso())))

    def rewind(self, to: int) -> None:
        """Practice only: back to just before decision `to` (0-based)."""
        self.card = None
        self._show(self.play.send(Rewind(to=to)))

    def go_back(self) -> None:
        """Backspace in practice: back one decision at a time, through the whole scene (rollback)."""
        if self.practice and self.state.history:
            self.rewind(len(self.state.history) - 1)

    def step_away(self) -> str:
        """Withdraw from an assessed attempt (never a fail); returns the sentence for the learner."""
        self.play.send(StepAway(at=now_iso()))
        saves.delete_save(self.app.saves_dir, self.slot)
        if self.run is not None:
            return self.run.withdraw(self.state) + " Stepping away is not a fail."
        try:
            saves.record_result(self.app.saves_dir, self.scenario.id, "withdrawn")
        except OSError:
            pass
        return "You stepped away from the assessment. It is recorded as a withdrawal, not a fail."

    def open_debrief(self) -> None:
        self.done(ShowDebrief(scenario=self.scenario, debrief=self.debrief, replayable=self.run is None))

    def reads_focus_with_text(self) -> bool:
        return self.review is not None or self.view.kind != NodeKind.BEAT

    def spoken(self) -> str:
        """What the voice reads: the line or decision (with every option), or the feedback card."""
        if self.open_panel is not None:
            return self.open_panel.text()
        if self.card is not None:
            return self.card.text(self.app)
        v = self.view
        if self.back:
            return f"Looking back, {self.back} line{'s' if self.back > 1 else ''} before where you are. " + \
                self._line_spoken(v) + " Page Down or Enter to go forward."
        if v.kind == NodeKind.DECISION:
            options = " ".join(f"Option {i}: {t}." for i, t in enumerate(v.choice_texts, 1))
            return f"Your decision. {self.shown_text} {options} Press a number to choose."
        return self._line_spoken(v)

    def _line_spoken(self, v) -> str:
        who = f"{v.speaker.name}, {v.moods.get(v.speaker.id, v.speaker.mood)}: " if v.speaker is not None else ""
        return who + self.shown_text

    # ----- widgets -----
    @property
    def revealed(self) -> bool:
        return self.reveal >= len(self.shown_text)

    def _build(self) -> None:
        v = self.view
        if self.review is not None:
            widgets = [Button("continue", "Continue"), Button("rewind", "Go back and choose again")]
        elif v.kind == NodeKind.DECISION:
            # Room for the choices is kept while the prompt is revealed, so nothing jumps when they
            # appear; until then they are neither drawn nor usable.
            tried = [self.app.seen.chosen(self.scenario.id, c.key) for c in v.choices]
            widgets = [Button(f"choice:{i}", t, number=i, enabled=self.revealed,
                              detail="You chose this on an earlier play" if was else "")
                       for i, (t, was) in enumerate(zip(v.choice_texts, tried), 1)]
        elif v.kind == NodeKind.ENDING:
            widgets = [Button("debrief", "See your debrief", enabled=self.revealed)]
        else:
            widgets = [Button("next", "Continue")]
        self.focus.set(widgets)
        self.layout(self.app.size)

    def layout(self, size) -> None:
        # A decision too tall for the window is laid out again with the top bar on one row, so
        # the options get the room (_split_decision).
        self.top.compact = False
        self._layout()
        if self.prompt_area is not None:
            self.top.compact = True
            self._layout()

    def _layout(self) -> None:
        app, m = self.app, self.app.metrics
        text = app.text
        self.top.layout(app, self._top_lines())
        line = text.line_height(m.small)
        # The panel: as tall as its content needs, at least 32% of the window. When that leaves
        # too little room above it for a face (long choices), the speaker moves beside the panel;
        # when even that squeezes the words (large text), the faces give way to the words.
        self.cast.side = 0
        self.cast.faces = True
        left = m.margin
        label_h = line + m.gap
        max_h = m.height - self.top_h - m.gap
        nobody = self.stage.speaking is None and not self.stage.cast
        while True:
            inner_w = m.width - m.margin - left - 2 * m.pad
            content = self._content_height(inner_w)
            panel_h = max(round(m.height * 0.32), min(max_h, content + 2 * m.pad))
            room = m.height - panel_h - m.gap - self.top_h - m.gap - label_h
            if self.cast.side and content + 2 * m.pad > max_h:
                self.cast.side, self.cast.faces, left = 0, False, m.margin
                continue
            if self.cast.side or not self.cast.faces or room >= m.height * 0.3 or nobody or m.width < 900 * m.ui:
                break
            self.cast.side = min(round((max_h - label_h) * 0.8 * DESIGN_RATIO), m.width // 3)
            left = m.margin + self.cast.side + m.gap
        self.panel = pygame.Rect(left, m.height - panel_h - m.gap, m.width - m.margin - left, panel_h)
        # When the words overflow, a strip along the bottom holds "More below", clear of them.
        self.more_h = text.line_height(m.small) + m.gap // 2 if content + 2 * m.pad > panel_h else 0
        self.scroll.view_h = panel_h - 2 * m.pad - self.more_h
        self.scroll.content_h = content
        self._split_decision(inner_w)
        self.scroll.clamp()
        self._place_widgets(inner_w)
        focused = self.focus.focused
        if focused is not None and focused.enabled and focused.number is not None and self.review is None:
            self._keep_visible(focused)   # a new size or text scale keeps the choice in focus in view
        # Feedback card, centred, over the scene.
        if self.card is not None:
            self.card.layout(self.app, self.focus.widgets)

    def _split_decision(self, width: int) -> None:
        """A decision too tall for the panel (large text, long options): the prompt, without its
        "Your decision" label, gets a strip of its own that scrolls, and the options the rest, so
        as many options as fit (at least two, where the window allows) are in view together
        without scrolling: the prompt scrolls, not the options."""
        m, text = self.app.metrics, self.app.text
        self.prompt_area = None
        if self.view.kind != NodeKind.DECISION or self.review is not None or not self.more_h:
            return
        heights = [widget_height(w, text, m, self._widget_w(w, width)) + m.gap + m.focus_width * 2
                   for w in self.focus.widgets]
        options_h = sum(heights) + m.focus_width * 2
        prompt_h = self._text_block_height(self._prompt_width(width), who=False)
        room = self.panel.height - 2 * m.gap   # the words' area (words_area) with no "More below" strip
        line = text.line_height(m.body)
        if room - options_h - m.gap >= line:
            self.more_h = 0   # every option fits below at least a line of the prompt
            shown = room - options_h - m.gap
        else:
            room -= self.more_h
            shown = max(line, room - sum(heights[:2]) - m.focus_width * 2 - m.gap)
        shown = min(prompt_h, shown // line * line)   # whole lines of the prompt, never half of one
        self.prompt_area = pygame.Rect(self.panel.x, self.panel.y + m.gap, self.panel.width, shown)
        self.prompt_scroll.view_h, self.prompt_scroll.content_h = shown, prompt_h
        self._follow_reveal()
        self.scroll.view_h = room - shown - m.gap
        self.scroll.content_h = options_h

    def _prompt_width(self, width: int) -> int:
        """A prompt in its own strip wraps short of the arrows that say there is more of it."""
        return width - 4 * self._arrow_r()

    def _arrow_r(self) -> int:
        return max(6, self.app.metrics.small // 3)

    def _follow_reveal(self) -> None:
        """While a long prompt is revealed in its strip, keep its newest line in view."""
        m, text = self.app.metrics, self.app.text
        if self.prompt_area is not None and not self.revealed:
            width = self._prompt_width(self.panel.width - 2 * m.pad)
            self.prompt_scroll.offset = (text.block_height(self.shown_text[:int(self.reveal)], m.body, width)
                                         - self.prompt_scroll.view_h)
        self.prompt_scroll.clamp()

    def _text_block_height(self, width: int, who: bool = True) -> int:
        m, text = self.app.metrics, self.app.text
        h = text.line_height(m.body, True) + m.gap // 2 if who else 0   # the speaker line
        if self.view.kind == NodeKind.ENDING and self.view.ending is not None:
            h += text.block_height(self.view.ending.title, m.heading, width, True)
            h += text.block_height(self.view.ending.text, m.body, width)
        else:
            h += text.block_height(self.shown_text, m.body, width)
        return h

    def _content_height(self, width: int) -> int:
        m = self.app.metrics
        h = self._text_block_height(width) + m.gap
        if self.review is None:
            for w in self.focus.widgets:
                h += widget_height(w, self.app.text, m, self._widget_w(w, width)) + m.gap + m.focus_width * 2
        return h + m.focus_width * 2

    def _widget_w(self, w, width: int) -> int:
        m = self.app.metrics
        if w.number is None:
            return min(width, self.app.text.width(w.label, m.body, True) + 2 * m.pad + 2 * m.focus_width)
        return width - 4 * m.focus_width

    def _options_top(self, width: int) -> int:
        """Where the buttons start before any scrolling: below the words, or below the prompt's strip."""
        if self.prompt_area is not None:
            return self.prompt_area.bottom + self.app.metrics.gap
        return self.panel.y + self.app.metrics.pad + self._text_block_height(width) + self.app.metrics.gap

    def _place_widgets(self, width: int) -> None:
        m = self.app.metrics
        if self.review is not None:
            return
        y0 = self._options_top(width) - self.scroll.offset
        x = self.panel.x + m.pad + 2 * m.focus_width
        y = y0 + m.focus_width * 2
        for w in self.focus.widgets:
            h = widget_height(w, self.app.text, m, self._widget_w(w, width))
            w.rect = pygame.Rect(x, y, self._widget_w(w, width), h)
            if w.number is None:
                w.rect.right = self.panel.right - m.pad - 2 * m.focus_width
            y += h + m.gap + m.focus_width * 2

    # ----- events -----
    def handle(self, event) -> None:
        if self.open_panel is not None:
            if not self.open_panel.handle(self.app, event):
                self.open_panel = None
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return self.pause()
            action = self.app.keymap.action(event.key)
            if action is not None and self.act(action):
                return
        if event.type == pygame.MOUSEMOTION:
            hit = self.top.hit(event.pos)
            self.top.hover = hit.id if hit else None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = self.top.hit(event.pos)
            if hit is not None:
                return self.pause() if hit.id == "pause" else self.toggle(hit.id)
        if self.card is not None and self.card.scroll(self.app, event):
            return
        if event.type == pygame.MOUSEWHEEL and event.y:
            return self.page(-1 if event.y > 0 else 1, by=self.app.metrics.body * 3)
        if not self.revealed and self.review is None and self._is_continue(event):
            self.reveal = float(len(self.shown_text))
            self._build()
            return
        if self.review is None and self.view.kind == NodeKind.DECISION and event.type == pygame.KEYDOWN:
            if event.key in NUMBER_KEYS:
                return self.choose(NUMBER_KEYS[event.key])
            if event.key == pygame.K_SPACE:
                return   # Space skips text; a choice needs Enter or its number, so it is never made by accident
        before = self.focus.focused
        activated = self.focus.handle(event)
        if activated:
            return self.activate(activated)
        if self.focus.focused is not before and self.focus.focused is not None and self.review is None:
            self._keep_visible(self.focus.focused)
        if self.view.kind == NodeKind.BEAT and self.review is None and self._is_continue(event):
            self.advance()

    def act(self, action: Action) -> bool:
        """Carry out a bound action (game.ui.bindings); False for one the scene has no use for."""
        keys = self.app.keymap
        if action in (Action.NOTES, Action.HISTORY):
            self.toggle(action.value)
        elif action is Action.BRIEFING:
            self.done(ShowBriefing(scenario=self.scenario))
        elif action is Action.GO_BACK:
            self.go_back()
        elif action in (Action.ROLL_BACK, Action.ROLL_FORWARD):
            self.page(-1 if action is Action.ROLL_BACK else 1, by=round(self.scroll.view_h * 0.8))
        elif action is Action.QUICK_SAVE:
            self.app.notify(self.save_to(saves.QUICK_SLOT, "the quick save")
                            + (f" {keys.label(Action.QUICK_LOAD)} loads it." if self.practice else ""))
        elif action is Action.SKIP:
            self.skipping = not self.skipping
            self.app.notify("Skipping lines you have already read." if self.skipping and self.already_read
                            else "Nothing here you have read before." if self.skipping
                            else "Stopped skipping.")
        elif action is Action.AUTO:
            self.app.change_settings(auto_forward=not self.app.settings.auto_forward)
            self.app.notify(f"Auto-forward on: lines move on after {self.app.settings.auto_delay} seconds, "
                            "stopping at decisions." if self.app.settings.auto_forward else "Auto-forward off.")
        else:
            return False
        return True

    def page(self, step: int, by: int) -> None:
        """Wheel or Page Up/Down: scroll the panel while there is more of it that way; past
        that, in practice, roll back or forward a line (Ren'Py's rollback). In assessed mode,
        wheel up at the top opens the history instead, since nothing can be taken back."""
        views = [self.scroll] + ([self.prompt_scroll] if self.prompt_area is not None else [])
        if step > 0:
            views.reverse()   # reading order: the rest of the question, then further options
        s = next((v for v in views if (v.offset > 0 if step < 0 else v.offset < v.content_h - v.view_h)), None)
        if s is not None or self.review is not None:
            s = s or self.scroll
            s.scroll(step * min(by, round(s.view_h * 0.8)))
            self._place_widgets(self.panel.width - 2 * self.app.metrics.pad)
        elif self.practice:
            self.roll(step)
        elif step < 0:
            self.toggle("history")

    def _is_continue(self, event) -> bool:
        if event.type == pygame.KEYDOWN:
            return event.key in ACTIVATE_KEYS
        return event.type == pygame.MOUSEBUTTONDOWN and event.button == 1

    def _keep_visible(self, w) -> None:
        m = self.app.metrics
        origin = self.prompt_area.bottom + m.gap if self.prompt_area is not None else self.panel.y + m.pad
        top = w.rect.top + self.scroll.offset - origin
        self.scroll.reveal(top, top + w.rect.height, m.focus_width * 3)
        self._place_widgets(self.panel.width - 2 * m.pad)

    def activate(self, widget_id: str) -> None:
        if widget_id == "next":
            self.advance()
        elif widget_id.startswith("choice:"):
            self.choose(int(widget_id.split(":")[1]))
        elif widget_id == "continue":
            self.card = None
            self._enter()
        elif widget_id == "rewind":
            self.rewind(len(self.state.history) - 1)
        elif widget_id == "debrief":
            self.open_debrief()

    def pause(self) -> None:
        self.done(Pause(scene=self))

    def toggle(self, name: str) -> None:
        self.open_panel = None if self.panel_open == name else self.reading(name)

    @property
    def panel_open(self) -> str | None:
        """"notes" or "history" while that panel is open."""
        return self.open_panel.kind if self.open_panel is not None else None

    @property
    def review(self):
        """The core's review of the decision just taken while its card shows, else None."""
        return self.card.review if self.card is not None else None

    def update(self, dt: float) -> None:
        if not self.revealed:
            self.reveal = min(float(len(self.shown_text)), self.reveal + dt * self.app.settings.text_speed)
            self._follow_reveal()
            if self.revealed:
                self._build()
        if self.view.kind != NodeKind.BEAT or self.card is not None or self.open_panel is not None \
                or self.app.router.top is not self:
            self.skipping = False if self.view.kind != NodeKind.BEAT else self.skipping
            return
        if self.skipping:   # through lines already read, one a frame; stops at anything new
            if self.already_read:
                return self.advance()
            self.skipping = False
        if self.app.settings.auto_forward and self.revealed:
            self.waited += dt
            if self.waited >= self.app.settings.auto_delay:
                self.advance()
        self.cast.update(dt)

    # ----- drawing -----
    def _portrait(self, person) -> pygame.Surface | None:
        return self.cast.portrait(self.app, person, self.view, self.panel, self.top_h)

    def draw(self, surface: pygame.Surface) -> None:
        over = self.open_panel or self.card
        if over is None:
            return self._draw_scene(surface)
        # The feedback card or a reading panel: the scene beneath is still, so it is drawn once, dimmed.
        self.backdrop.blit(surface, (id(over), self.app.settings, surface.get_size()), self._draw_scene, self.app)
        if self.open_panel is not None:
            self.open_panel.draw(surface, self.app)
        else:
            self.card.draw(surface, self.app, self.focus)

    def _draw_scene(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        v = self.view
        surface.blit(app.backgrounds.get(v.location, app.size, p.scene_dim), (0, 0))
        self.top.draw(surface, app, self._top_lines(), v.child_seen)
        self.cast.draw(surface, app, self.stage, v, self.panel, self.top_h)
        draw_panel(surface, self.panel, app, alpha=245)
        self._draw_panel_text(surface)
        if self.review is None:
            surface.set_clip(self.options_area())
            for w in self.focus.widgets:
                if w.enabled:
                    draw_widget(surface, w, app.text, m, p, focused=w is self.focus.focused,
                                hovered=w.id == self.focus.hover)
            surface.set_clip(None)
            if self.scroll.content_h > self.scroll.view_h and self.revealed:
                below = self.scroll.offset < self.scroll.content_h - self.scroll.view_h
                if self.prompt_area is not None:   # Page Up/Down read the prompt; arrows move through the options
                    more = "More options below (Down)" if below else "More options above (Up)"
                else:
                    more = "More below (Page Down)" if below else "Page Up for more"
                label = app.text.render(more, m.small, p.accent, bold=True)
                surface.blit(label, label.get_rect(bottomright=(self.panel.right - m.pad, self.panel.bottom - m.gap // 2)))

    def _draw_more(self, surface, view: ScrollView, area: pygame.Rect) -> None:
        """Under a prompt that scrolls on its own: a rule, and an arrow at its end for each way
        there is more of it (Page Up/Down or the wheel read it; the voice reads it whole)."""
        m, p = self.app.metrics, self.app.palette
        y = area.bottom + m.gap // 2
        pygame.draw.line(surface, p.panel_edge, (area.x + m.pad, y), (area.right - m.pad, y), max(1, m.focus_width // 2))
        r = self._arrow_r()
        x, bottom = area.right - m.pad - r, area.bottom
        if view.offset > 0:                              # more above: a triangle pointing up, at the top
            pygame.draw.polygon(surface, p.accent, [(x - r, area.y + 2 * r), (x + r, area.y + 2 * r), (x, area.y)])
        if view.offset < view.content_h - view.view_h:   # more below: pointing down, at the foot
            pygame.draw.polygon(surface, p.accent, [(x - r, bottom - 2 * r), (x + r, bottom - 2 * r), (x, bottom)])

    def options_area(self) -> pygame.Rect:
        """Where the buttons are drawn: the words' area, or below the prompt's strip."""
        area = self.words_area()
        if self.prompt_area is not None:
            area.height = area.bottom - self.prompt_area.bottom - self.app.metrics.gap // 2
            area.top = self.prompt_area.bottom + self.app.metrics.gap // 2
        return area

    def words_area(self) -> pygame.Rect:
        """Where the panel's words and choices are drawn: above the "More below" strip."""
        m = self.app.metrics
        area = self.panel.inflate(0, -m.gap)
        area.height -= self.more_h
        return area

    def child_marker_label(self) -> str:
        return marker_label(self.view.child_seen)

    def _top_lines(self) -> tuple[str, str]:
        return top_lines(self.scenario, self.view, self.practice)

    def _draw_panel_text(self, surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        v = self.view
        inner_w = self.panel.width - 2 * m.pad
        x, y = self.panel.x + m.pad, self.panel.y + m.pad - self.scroll.offset
        clip = self.words_area()
        if self.prompt_area is not None:
            y = self.prompt_area.y - self.prompt_scroll.offset
            clip = self.prompt_area
        surface.set_clip(clip)
        if v.kind == NodeKind.ENDING and v.ending is not None:
            speaker = "How it ended"
        elif v.speaker is not None:
            mood = v.moods.get(v.speaker.id, v.speaker.mood) if v.mood is None else v.mood
            speaker = f"{v.speaker.name}  ·  {mood}"
        elif v.kind == NodeKind.DECISION:
            speaker = "Your decision"
        else:
            speaker = ""
        if self.prompt_area is None:
            if speaker:
                app.text.draw_line(surface, speaker, (x, y), m.body, p.accent, bold=True)
            y += app.text.line_height(m.body, True) + m.gap // 2
        limit = None if self.revealed else int(self.reveal)
        if v.kind == NodeKind.ENDING and v.ending is not None:
            y += app.text.draw(surface, v.ending.title, (x, y), m.heading, p.text, inner_w, bold=True)
            app.text.draw(surface, v.ending.text, (x, y), m.body, p.text, inner_w,
                          limit=None if limit is None else max(0, limit - len(v.ending.title) - 2))
        else:
            italic = v.speaker is None and v.kind == NodeKind.BEAT
            wrap = self._prompt_width(inner_w) if self.prompt_area is not None else inner_w
            app.text.draw(surface, self.shown_text, (x, y), m.body, p.text, wrap, italic=italic, limit=limit)
        surface.set_clip(None)
        if self.prompt_area is not None:
            self._draw_more(surface, self.prompt_scroll, self.prompt_area)
        elif self.revealed and v.kind == NodeKind.DECISION and self.review is None and self.scroll.offset == 0:
            hint = f"Press 1 to {len(v.choices)}, or arrows and Enter" if len(v.choices) > 1 else "Press 1 or Enter"
            if app.text.width(speaker, m.body, True) + app.text.width(hint, m.small) + m.pad * 2 <= inner_w:
                app.text.draw_line(surface, hint, (self.panel.right - m.pad, self.panel.y + m.pad), m.small, p.muted,
                                   anchor="topright")
        if self.back:
            app.text.draw_line(surface, f"Looking back ({self.back}): Page Down or Enter to go forward",
                               (self.panel.right - m.pad, self.panel.bottom - m.gap), m.small, p.accent,
                               bold=True, anchor="bottomright")
        elif not self.revealed:
            app.text.draw_line(surface, "Space or Enter to show all", (self.panel.right - m.pad, self.panel.bottom - m.gap),
                               m.small, p.muted, anchor="bottomright")

    def reading(self, kind: str) -> ReadingPanel:
        """The case notes or the history, as they stand now."""
        if kind == "notes":
            items = ([(f"Day {n.day}", n.text) for n in self.state.chronology]
                     or [("", "No case notes yet. Notes are added as the case goes on.")])
            return ReadingPanel(kind, "Case notes", items, f"{self.app.keymap.label(Action.NOTES)} or Esc to close. Up/Down to scroll.")
        return ReadingPanel(kind, "What was said", self.stage.lines or [("", "Nothing yet.")],
                            f"{self.app.keymap.label(Action.HISTORY)} or Esc to close. Up/Down or the mouse wheel to scroll.")
