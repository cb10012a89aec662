"""`main.py play FILE --watch`: a live preview for trainers, as in Inky.

The window plays the scenario in practice mode. Each time the file (or a fragment it includes)
is saved, it is checked again; if it is fine, the window reloads it and replays the choices made
so far, so the trainer stays at the same point in the story and sees the edit at once. If it has
errors, the play carries on with the last good version and the problems are shown over it, each
with its line and column, until the file is fixed.

The game window itself is game/ui's; this module only drives it: it opens the dialogue screen
on a play state and draws the problems panel on top.
"""
from __future__ import annotations

import os

from game.core import engine
from game.core.errors import AuthoringError, Problem, SaveError
from game.core.loader import check_bytes_with_includes
from game.core.source import read_source

POLL_SECONDS = 0.4
MAX_SHOWN = 8


def _stamp(path: str):
    try:
        st = os.stat(path)
        return st.st_mtime_ns, st.st_size
    except OSError:
        return None


class LivePreview:
    """The watched file, the last good scenario, and what to show. `poll()` reloads on change."""

    def __init__(self, app, path: str, mode: str = "practice"):
        self.app, self.path, self.mode = app, path, mode
        self.scenario = None
        self.problems: list[Problem] = []
        self.note = ""          # one line about the last reload, shown under the problems
        self.watched: dict[str, object] = {}
        self.since = 0.0
        self.reload()

    # -- files -----------------------------------------------------------------------------
    def changed(self) -> bool:
        return any(_stamp(p) != s for p, s in self.watched.items())

    def update(self, dt: float) -> None:
        self.since += dt
        if self.since >= POLL_SECONDS:
            self.since = 0.0
            if self.changed():
                self.reload()

    def reload(self) -> None:
        data, problem = read_source(self.path)
        if problem:
            scenario, problems, includes = None, [problem], ()
        else:
            scenario, problems, includes = check_bytes_with_includes(
                data, self.path, os.path.dirname(self.path) or ".")
        self.watched = {p: _stamp(p) for p in (self.path, *includes)}
        if scenario is None:
            self.problems = [p for p in problems if p.is_error]
            self.note = "Showing the last version that worked." if self.scenario else ""
            return
        self.problems = []
        history = self._history()
        self.scenario = scenario
        state, kept = self._replay(scenario, history)
        self.note = "" if kept == len(history) else \
            f"The edit changed the story: replayed {kept} of {len(history)} choices."
        self._show(scenario, state)

    # -- play ------------------------------------------------------------------------------
    def screen(self):
        """The dialogue screen on the window's stack, if one is showing."""
        from game.ui.screens.dialogue import DialogueScreen
        return next((s for s in reversed(self.app.router.stack)
                     if isinstance(s, DialogueScreen)), None)

    def _history(self) -> tuple:
        screen = self.screen()
        return screen.state.history if screen is not None else ()

    def _replay(self, scenario, history):
        """The state after as many of the choices made so far as the edited story allows."""
        fresh = engine.start(scenario, self.mode)
        for kept in range(len(history), -1, -1):
            try:
                return engine.replay(scenario, fresh, history[:kept]), kept
            except (engine.PlayError, AuthoringError, SaveError):
                continue
        return fresh, 0

    def _show(self, scenario, state) -> None:
        from game.core.play import Play
        from game.ui.screens.dialogue import DialogueScreen
        try:
            screen = DialogueScreen(self.app, Play.resume(scenario, state))
        except AuthoringError as err:  # a fault met on the way in: show it like the others
            self.problems = list(err.problems)
            return
        except SaveError as err:  # cannot happen for a state just replayed; say so if it does
            self.note = f"Could not reopen the play: {err}"
            return
        self.app.router.stack.clear()
        self.app.router.push(screen)

    # -- drawing ---------------------------------------------------------------------------
    def lines(self) -> list[str]:
        """The problems panel's text: each problem with its line and column, then the hint."""
        if not self.problems:
            return []
        n = len(self.problems)
        out = [f"{os.path.basename(self.path)}: {n} problem{'s' * (n != 1)} - fix and save "
               "to reload"]
        for p in self.problems[:MAX_SHOWN]:
            where = os.path.basename(p.file)
            out.append(f"line {p.line}, column {p.col} ({where}): {p.message}")
            if p.hint:
                out.append(f"hint: {p.hint}")
        if n > MAX_SHOWN:
            out.append(f"... and {n - MAX_SHOWN} more ('main.py validate' lists them all)")
        if self.note:
            out.append(self.note)
        return out

    def draw(self, surface) -> None:
        """The problems, over whatever the window shows (nothing when there are none)."""
        import pygame
        from game.ui.screens.base import draw_panel
        lines = self.lines() or ([self.note] if self.note else [])
        if not lines:
            return
        app, m, p = self.app, self.app.metrics, self.app.palette
        width = surface.get_width() - 2 * m.margin
        heights = [app.text.block_height(t, m.small, width - 2 * m.pad) for t in lines]
        top = surface.get_height() // 9  # below the window's top bar, above the scene's words
        rect = pygame.Rect(m.margin, top, width, sum(heights) + 2 * m.pad)
        draw_panel(surface, rect, app, alpha=240)
        y = rect.y + m.pad
        for i, (text, h) in enumerate(zip(lines, heights)):
            colour = p.bad if i == 0 and self.problems else p.text
            app.text.draw(surface, text, (rect.x + m.pad, y), m.small, colour,
                          width - 2 * m.pad, bold=i == 0)
            y += h


def watch(path: str, mode: str = "practice") -> int:
    """Open the window on `path` and keep it in step with the file until it is closed."""
    import pygame
    from game.ui.app import open_window
    from game.ui.context import App
    from game.ui.theme import FPS

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    pygame.init()
    try:
        window = open_window(False)
        pygame.display.set_caption(f"Doorstep - live preview of {os.path.basename(path)}")
        app = App(os.path.dirname(path) or ".", size=window.get_size())
        preview = LivePreview(app, path, mode)
        clock = pygame.time.Clock()
        while app.running:
            dt = min(clock.tick(FPS) / 1000, 0.1)
            for event in pygame.event.get():
                if event.type == pygame.QUIT:
                    app.quit()
                elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                    window = pygame.display.get_surface()
                    app.resize(window.get_size())
                else:
                    app.handle(event)
            preview.update(dt)
            if not app.router.stack:  # the play was left (or never began): start it again
                if preview.scenario is not None:
                    preview._show(preview.scenario, engine.start(preview.scenario, mode))
            app.update(dt)
            window.fill(app.palette.backdrop)
            app.draw(window)
            preview.draw(window)
            pygame.display.flip()
    finally:
        pygame.quit()
    return 0
