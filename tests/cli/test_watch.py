"""`play --watch`: the live preview reloads on save, replays to the same point, and shows
problems in the window with their line and column. Driven headless on the real window code."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.cli.watch import POLL_SECONDS, LivePreview  # noqa: E402
from game.core import engine  # noqa: E402
from game.ui.context import App  # noqa: E402


@pytest.fixture
def window():
    pygame.init()
    surface = pygame.display.set_mode((1280, 720))
    yield surface
    pygame.quit()


def save(path, text):
    """Write as an editor would, and make sure the change is seen even within one clock tick."""
    before = os.stat(path).st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def tick(preview, app, window):
    preview.update(POLL_SECONDS + 0.01)
    app.update(0.05)
    app.draw(window)
    preview.draw(window)


def test_saving_reloads_and_replays_to_the_same_point(tmp_path, window, base_text):
    path = tmp_path / "base.yaml"
    save(path, base_text)
    app = App(str(tmp_path), str(tmp_path / "user"), size=window.get_size())
    preview = LivePreview(app, str(path))
    screen = preview.screen()
    assert screen is not None and screen.state.node.startswith("L")  # the first beat
    # the trainer plays on to the decision and takes choice 2
    state = engine.to_next_decision(preview.scenario, screen.state)
    state = engine.choose_number(preview.scenario, state, 2)
    preview._show(preview.scenario, state)
    tick(preview, app, window)
    # ... then edits the ending's text and saves: same place, new words
    save(path, base_text.replace("text: Jo is seen.", "text: Jo is seen, and smiles."))
    tick(preview, app, window)
    now = preview.screen()
    assert now is not screen and [s.choice for s in now.state.history] == ["door#2"]
    assert now.view.kind == "ending" and now.view.text == "Jo is seen, and smiles."
    assert preview.problems == [] and preview.note == ""


def test_a_broken_save_shows_problems_with_line_and_column_and_keeps_playing(
        tmp_path, window, base_text):
    path = tmp_path / "base.yaml"
    save(path, base_text)
    app = App(str(tmp_path), str(tmp_path / "user"), size=window.get_size())
    preview = LivePreview(app, str(path))
    playing = preview.screen()
    save(path, base_text.replace("speaker: kay", "speaker: kai").replace("goto: end-good",
                                                                         "goto: end-god"))
    tick(preview, app, window)
    assert preview.screen() is playing  # the last good version keeps playing
    assert preview.lines()[:4] == [
        "base.yaml: 2 problems - fix and save to reload",
        "line 14, column 14 (base.yaml): unknown character 'kai'",
        "hint: did you mean 'kay'?",
        "line 30, column 15 (base.yaml): 'goto' names 'end-god', which is not a node"]
    assert preview.lines()[-1] == "Showing the last version that worked."
    save(path, base_text)  # fixed: the panel goes and the play reloads
    tick(preview, app, window)
    assert preview.problems == [] and preview.lines() == []


def test_an_edit_that_removes_a_choice_replays_as_far_as_it_can(tmp_path, window, base_text):
    path = tmp_path / "base.yaml"
    save(path, base_text)
    app = App(str(tmp_path), str(tmp_path / "user"), size=window.get_size())
    preview = LivePreview(app, str(path))
    state = engine.to_next_decision(preview.scenario, preview.screen().state)
    preview._show(preview.scenario, engine.choose_number(preview.scenario, state, 2))
    save(path, base_text.replace("      - text: Ask to see Jo.\n", "      - text: Ask to see Jo.\n"
                                 "        id: ask\n"))  # the choice's key changes
    tick(preview, app, window)
    assert preview.screen().state.history == ()
    assert preview.note == "The edit changed the story: replayed 0 of 1 choices."


def test_a_file_broken_from_the_start_opens_with_its_problems(tmp_path, window, base_text):
    path = tmp_path / "base.yaml"
    save(path, base_text.replace("title: Base", "title: [Base"))
    app = App(str(tmp_path), str(tmp_path / "user"), size=window.get_size())
    preview = LivePreview(app, str(path))
    assert preview.screen() is None
    assert preview.lines()[1] == "line 3, column 8 (base.yaml): this '[' is never closed"
    tick(preview, app, window)
