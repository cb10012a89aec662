"""The debrief: pass or not (assessed), a bar per competency, the route taken over the scenario
graph beside the best route, each decision with its feedback and practice points, the ending and
the child's epilogue; exportable as a self-contained HTML page.

The debrief arrives made (from the core's Finished event): its `passed` is the verdict shown;
nothing here scores or judges. Space reads on (as on a web page); only Enter or a click uses a
button, so pressing Space through the ending never presses one."""
from __future__ import annotations

import bisect
import webbrowser
from datetime import datetime
from pathlib import Path

import pygame

from game.core.analysis import analyse
from game.ui import debrief_html, route_graph, wording
from game.ui.focus import Button, TextField, row, widget_height
from game.ui.results import Go, PlayAgain
from game.ui.screens.base import Screen, ScrollView, draw_hints, draw_panel


class DebriefScreen(Screen):
    title = "Debrief"

    def __init__(self, app, scenario, debrief, replayable: bool = True):
        super().__init__(app)
        self.scenario = scenario
        self.debrief = debrief
        self.replayable = replayable   # an assessed session's attempt is finished for good
        self.scroll = ScrollView()
        self.focus.arrows = "horizontal"
        self.exported = None   # the saved web page's path, once saved
        self.save_as: TextField | None = None   # where to save the page, while the learner chooses
        self._content: list | None = None   # measured blocks
        self._buttons()

    def _buttons(self) -> None:
        if self.save_as is not None:   # "Save as a web page": where, in an editable path
            self.focus.set([self.save_as, Button("save", "Save here"), Button("cancel", "Cancel")], focus="path")
            return
        widgets = [Button("library", "Scenario library")]
        if self.replayable:
            widgets.append(Button("again", "Play again"))
        widgets.append(Button("export", "Save as a web page"))
        if self.exported is not None:
            widgets.append(Button("open", "Open the saved page"))
        widgets.append(Button("title", "Title screen"))
        self.focus.set(widgets)

    def layout(self, size) -> None:
        app, m = self.app, self.app.metrics
        bottom = m.height - app.text.line_height(m.small) * 2 - m.gap
        buttons = [w for w in self.focus.widgets if w is not self.save_as]
        h = row(buttons, app.text, m, m.margin, 0, m.width - 2 * m.margin)
        row(buttons, app.text, m, m.margin + m.focus_width * 2, bottom - h - m.focus_width * 2, m.width - 2 * m.margin)
        if self.save_as is not None:   # the path, the width of the window, above Save and Cancel
            field_h = widget_height(self.save_as, app.text, m, 0)
            self.save_as.rect = pygame.Rect(m.margin + m.focus_width * 2, bottom - h - field_h - m.gap - m.focus_width * 5,
                                            m.width - 2 * m.margin - m.focus_width * 4, field_h)
            h += field_h + m.gap + m.focus_width * 3
        self.panel = pygame.Rect(m.margin, m.margin // 2, m.width - 2 * m.margin,
                                 bottom - h - m.margin // 2 - m.gap * 2 - m.focus_width * 4)
        self._content = None   # measured again at the new size on the next frame
        self.scroll.view_h = self.panel.height - 2 * m.pad

    def _measure(self) -> list[tuple[int, int, object]]:
        """(top, height, paint) for each block, laid out once per size or settings change."""
        m = self.app.metrics
        placed, y = [], 0
        for h, paint in self._blocks(self.panel.width - 2 * m.pad):
            placed.append((y, h, paint))
            y += h
        self.scroll.content_h = y
        self.scroll.clamp()
        return placed

    def _blocks(self, width: int):
        """(height, paint(surface, y)) pairs, top to bottom."""
        app, m, p = self.app, self.app.metrics, self.app.palette
        text = app.text
        d = self.debrief
        blocks = []

        def para(s: str, size: int, colour, bold: bool = False, after: int = 0):
            h = text.block_height(s, size, width, bold) + after
            blocks.append((h, lambda surf, y: text.draw(surf, s, (0, y), size, colour, width, bold=bold)))

        def gap(n: int = 1):
            blocks.append((m.gap * n, lambda surf, y: None))

        para(f"Debrief: {d.title}", m.heading, p.accent, True)
        mode = "Assessed attempt" if d.mode == "assessed" else "Practice"
        para(f"{mode}  ·  Overall score {d.overall}%  ·  pass mark {d.pass_mark}%", m.body, p.text)
        if d.mode == "assessed":
            verdict = verdict_word(d)
            colour = p.good if d.passed else p.bad
            h = text.line_height(m.heading, True) + 2 * m.pad
            def paint_verdict(surf, y, verdict=verdict, colour=colour):
                r = text.draw_line(surf, verdict, (m.pad, y + m.pad), m.heading, colour, bold=True)
                pygame.draw.rect(surf, colour, r.inflate(2 * m.pad, m.pad), m.focus_width, border_radius=m.radius)
            gap()
            blocks.append((h, paint_verdict))
            for reason in d.reasons:
                para(reason, m.body, p.text, True)
        gap(2)
        if d.ending is not None:
            para("How it ended", m.body, p.accent, True)
            para(d.ending.title, m.heading, p.text, True)
            para(debrief_html.ENDING_LABELS.get(d.ending.ending, d.ending.ending), m.small, p.muted, True)
            para(d.ending.text, m.body, p.text, after=m.gap)
            who = debrief_html.child_name(self.scenario)
            para(f"{who}'s story" if who else "For the child", m.body, p.accent, True)
            para(d.ending.epilogue, m.body, p.text)
            gap(2)
        para("Competencies", m.body, p.accent, True, after=m.gap)
        label_w = min(width // 3, max(text.width(c.label, m.body) for c in d.competencies) + m.pad)
        bar_h = text.line_height(m.body)
        for c in d.competencies:
            def paint_bar(surf, y, c=c):
                text.draw_line(surf, c.label, (0, y), m.body, p.text)
                bar = pygame.Rect(label_w, y + bar_h // 6, width - label_w - text.width("not assessed here", m.small) - m.pad, bar_h * 2 // 3)
                if c.score is None:
                    text.draw_line(surf, "not assessed here", (label_w, y), m.small, p.muted)
                    return
                pygame.draw.rect(surf, p.button, bar)
                pygame.draw.rect(surf, p.accent, (bar.x, bar.y, round(bar.width * c.score / 100), bar.height))
                pygame.draw.rect(surf, p.button_edge, bar, 1)
                text.draw_line(surf, f"{c.score}%", (bar.right + m.pad, y), m.body, p.text, bold=True)
            blocks.append((bar_h + m.gap, paint_bar))
        gap(2)
        para("Your route and the best route", m.body, p.accent, True)
        para("Each mark is a moment in the story: diamonds are decisions, squares endings, dots scenes. "
             "The bold line is the way through.", m.small, p.muted, after=m.gap)
        graph_h = max(200, round(width * 0.3))
        best = analyse(self.scenario).best_route
        half = (width - m.gap) // 2
        background = p.backdrop if p.name == "high_contrast" else (255, 255, 255)
        pictures: list[pygame.Surface] = []   # drawn on first sight, once per layout

        def ends(route):
            last = self.scenario.nodes.get(route[-1]) if route else None
            return f": ends at \u201c{last.title}\u201d" if getattr(last, "kind", "") == "ending" else ""

        def picture_of(label, route):
            card = pygame.Surface((half, graph_h))
            card.fill(p.panel)
            box = card.get_rect()
            pygame.draw.rect(card, background, box, border_radius=m.radius)
            pygame.draw.rect(card, p.panel_edge, box, 1, border_radius=m.radius)
            label_h = text.draw(card, label, (m.pad, m.gap // 2), m.small, p.text, half - 2 * m.pad, bold=True) + m.gap
            graph = route_graph.picture((half - 2, graph_h - label_h - 1), self.scenario, route, p,
                                        max(1, round(m.ui * 1.5)), background)
            card.blit(graph, (1, label_h))
            return card

        def paint_graphs(surf, y):
            if not pictures:
                pictures.extend(picture_of(label, route) for label, route in
                                (("Your route" + ends(d.route), d.route), ("The best route" + ends(best), best)))
            for i, card in enumerate(pictures):
                surf.blit(card, (i * (half + m.gap), y))
        blocks.append((graph_h + m.gap * 2, paint_graphs))
        para("Your decisions", m.body, p.accent, True, after=m.gap)
        for r in d.decisions:
            para(f"{r.number}. {r.prompt}", m.body, p.text, True)
            para(f"You chose: {r.choice_text}", m.body, p.text)
            para(wording.verdict_line(r), m.body, p.bad if r.critical else p.accent, True)
            if r.feedback:
                para(r.feedback, m.body, p.muted)
            if wording.effects(r):
                para(wording.effects(r), m.small, p.text)
            if r.points:
                para("Practice points: " + ";  ".join(f"{pid} {title}" for pid, title in r.points), m.small, p.text)
            if wording.stronger(r):
                para(wording.stronger(r), m.body, p.text, True)
            gap(2)
        if d.chronology:
            para("Case notes", m.body, p.accent, True)
            for n in d.chronology:
                para(f"Day {n.day}: {n.text}", m.small, p.text)
        return blocks

    def handle(self, event) -> None:
        line = self.app.text.line_height(self.app.metrics.body)
        typing = self.save_as is not None and self.focus.focused is self.save_as
        if typing and event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT,
                                                                     pygame.K_RIGHT, pygame.K_SPACE, pygame.K_HOME, pygame.K_END):
            return   # keys of the text box, not of the page (a space arrives as typed text)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:   # reads on, never presses
            self.scroll.scroll(round(self.scroll.view_h * 0.8) * (-1 if event.mod & pygame.KMOD_SHIFT else 1))
            return
        if self.scroll.handle_reading_keys(event, line):
            return
        super().handle(event)

    def back(self) -> None:
        self.activate("cancel" if self.save_as is not None else "library")

    def activate(self, widget_id: str) -> None:
        app = self.app
        if widget_id == "export":
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            default = app.exports_dir / debrief_html.file_name(self.scenario, stamp)
            self.save_as = TextField("path", "Save the web page as (type another folder or name if you like)",
                                     value=str(default), max_length=400)
            self._show_buttons("path")
            app.notify("Enter saves the page here; Esc cancels.")
        elif widget_id in ("path", "save"):
            self._save(self.save_as.value)
        elif widget_id == "cancel":
            self.save_as = None
            self._show_buttons("export")
        elif widget_id == "open" and self.exported is not None:
            if not open_in_browser(self.exported):
                app.notify(f"No web browser could be started. The page is at {self.exported}")
        elif widget_id == "again":
            self.done(PlayAgain(scenario=self.scenario))
        elif widget_id == "library":
            self.done(Go.LIBRARY)
        elif widget_id == "title":
            self.done(Go.TITLE)

    def _show_buttons(self, focus: str) -> None:
        self._buttons()
        self.focus.focus(focus)
        self.layout(self.app.size)

    def _save(self, typed: str) -> None:
        """Save the page where the learner said; a folder that cannot be written is said plainly
        and the path stays, to be corrected."""
        app = self.app
        path = Path(typed.strip()).expanduser()
        if not typed.strip():
            return app.notify("Type where to save the page, or press Esc to cancel.")
        if path.is_dir():
            path = path / debrief_html.file_name(self.scenario, datetime.now().strftime("%Y%m%d-%H%M%S"))
        elif path.suffix.lower() not in (".html", ".htm"):
            path = path.with_name(path.name + ".html")
        try:
            debrief_html.write_page(self.scenario, self.debrief, path)
        except OSError as err:
            return app.notify(f"The folder {path.parent} cannot be written ({err.strerror or err}). "
                              "Nothing was saved: choose another folder, such as your Documents folder.")
        self.exported, self.save_as = path, None
        self._show_buttons("open")
        app.notify(f"Saved your debrief as {path}. 'Open the saved page' shows it in your web browser.")

    def spoken(self) -> str:
        d = self.debrief
        parts = [f"Debrief: {d.title}. Overall score {d.overall}%, pass mark {d.pass_mark}%."]
        if d.mode == "assessed":
            parts.append(verdict_word(d) + ". " + " ".join(d.reasons))
        if d.ending is not None:
            parts.append(f"How it ended: {d.ending.title}. {d.ending.text} {d.ending.epilogue}")
        parts.append("Competencies: " + ", ".join(f"{c.label} {c.score}%" for c in d.competencies if c.score is not None) + ".")
        for r in d.decisions:
            parts.append(f"Decision {r.number}: {r.prompt} You chose: {r.choice_text}. " + " ".join(wording.review_paragraphs(r)))
        return " ".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        app, m, p = self.app, self.app.metrics, self.app.palette
        if self._content is None:
            self._content = self._measure()
            self._tops = [top for top, _, _ in self._content]
        draw_panel(surface, self.panel, app)
        inner = self.panel.inflate(-2 * m.pad, -2 * m.pad)
        view = surface.subsurface(inner)   # only the blocks in view are painted, clipped to the panel
        # Blocks are in page order: start at the first one that reaches the view (a long debrief
        # has thousands) and stop after the last one in it.
        first = max(0, bisect.bisect_right(self._tops, self.scroll.offset) - 1)
        for top, h, paint in self._content[first:]:
            if top > self.scroll.offset + inner.height:
                break
            if top + h >= self.scroll.offset:
                paint(view, top - self.scroll.offset)
        if self.scroll.content_h > self.scroll.view_h:
            shown = round(100 * min(1, (self.scroll.offset + self.scroll.view_h) / self.scroll.content_h))
            app.text.draw_line(surface, f"{shown}% read", (self.panel.right - m.pad, self.panel.bottom + m.gap // 2), m.small,
                               p.backdrop_text, anchor="topright")
        self.focus.draw(surface, app.text, m, p)
        draw_hints(surface, app, "Space, Up/Down, Page Up/Down or the wheel to read. Tab or Left/Right to pick a button, Enter to use it.")


def verdict_word(debrief) -> str:
    """The verdict as shown: the core's Debrief.passed, in words."""
    return "PASSED" if debrief.passed else "NOT YET PASSED"


def open_in_browser(path) -> bool:
    """Show a saved page in the learner's web browser; False when none could be started."""
    try:
        return webbrowser.open(path.resolve().as_uri())
    except (webbrowser.Error, OSError):
        return False
