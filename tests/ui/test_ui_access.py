"""Keyboard order, stepping away, case notes and history, the export, and resizing."""
from __future__ import annotations

import html
from pathlib import Path

import pygame

from game.core.play import Mode, Play, play_route
from game.core.loader import load_path
from game.storage import saves
from game.ui import debrief_html
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dialogue import DialogueScreen
from game.ui.screens.pause import PauseScreen
from tests.helpers import SCENARIOS, scenario_path

from game.ui.theme import DEFAULT

from .conftest import DEMO
from .test_ui_pixels import count_colour
from .playing import at_decision, choose_by_keyboard, numbers_to, open_demo_by_keyboard, play_by_keyboard


def test_tab_and_shift_tab_walk_the_title_menu_in_order(ui):
    order = []
    for _ in range(5):
        order.append(ui.screen.focus.focused.id)
        ui.key(pygame.K_TAB)
    assert order == ["play", "join", "settings", "about", "quit"]   # Continue is disabled: skipped
    ui.key(pygame.K_TAB, shift=True)
    assert ui.screen.focus.focused.id == "quit"
    ui.key(pygame.K_UP)
    assert ui.screen.focus.focused.id == "about"


def test_escape_pauses_at_any_moment_and_nothing_moves_on(ui):
    scene = open_demo_by_keyboard(ui)
    before = scene.state
    ui.key(pygame.K_ESCAPE)
    assert isinstance(ui.screen, PauseScreen)
    ui.frame(600)                                          # ten seconds away: nothing is timed
    ui.key(pygame.K_ESCAPE)
    assert ui.screen is scene and scene.state == before


def test_stepping_away_from_an_assessment_is_a_withdrawal(ui):
    scene = open_demo_by_keyboard(ui, mode="assessed")
    ui.key(pygame.K_ESCAPE)
    ui.tab_to("withdraw")
    ui.key(pygame.K_RETURN)
    assert ui.screen.focus.focused.id == "withdraw-no"     # the safe answer is the default
    ui.tab_to("withdraw-yes")
    ui.key(pygame.K_RETURN)
    assert ui.screen.title == "Doorstep"
    record = saves.load_records(ui.app.saves_dir)[scene.scenario.id]
    assert record.status == "withdrawn" and record.best_score is None
    assert saves.latest_save(ui.app.saves_dir) is None
    assert any("withdrawal, not a fail" in n for n in ui.app.notices)


def test_case_notes_and_history_open_and_close(ui):
    scene = open_demo_by_keyboard(ui)
    ui.key(pygame.K_SPACE)
    ui.key(pygame.K_SPACE)
    ui.key(pygame.K_n)
    assert scene.panel_open == "notes" and scene.state.chronology
    ui.key(pygame.K_n)
    assert scene.panel_open is None
    ui.key(pygame.K_h)   # (in practice the wheel rolls back: test_ui_rollback)
    assert scene.panel_open == "history" and len(scene.stage.lines) >= 2
    ui.key(pygame.K_ESCAPE)
    assert scene.panel_open is None and ui.screen is scene


def test_child_seen_marker_is_words_not_only_colour(ui):
    scenario = load_path(scenario_path(DEMO))
    scene = open_demo_by_keyboard(ui)
    ui.frame()
    strip = pygame.Rect(0, 0, ui.surface.get_width(), scene.top_h)
    assert scene.child_marker_label() == "Child not yet seen"
    assert count_colour(ui.surface, strip, DEFAULT.good) == 0
    numbers = numbers_to(scenario, "child_seen_safe")
    ui.play_until(lambda d: (scene.view.child_seen or scene.state.finished) and scene.review is None,
                  lambda d: choose_by_keyboard(d, numbers[len(scene.state.history)]) if at_decision(d) else d.advance())
    assert scene.view.child_seen
    ui.frame()
    assert scene.child_marker_label() == "Child seen"
    assert count_colour(ui.surface, strip, DEFAULT.good) > 20     # the filled, ticked circle


def test_exported_debrief_is_self_contained_and_escaped(tmp_path):
    scenario = load_path(scenario_path(DEMO))
    _, debrief = play_route(scenario, numbers_to(scenario, "risk_unseen"), mode=Mode.ASSESSED)
    page = debrief_html.render(scenario, debrief)
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page and "src=" not in page
    assert html.escape(debrief.ending.epilogue) in page
    assert debrief.passed is False and "Not yet passed" in page  # a risk_unseen ending never passes
    path = debrief_html.export(scenario, debrief, tmp_path, "20261123-1200")
    assert path.read_text(encoding="utf-8") == page


def test_hostile_text_is_escaped_in_the_export():
    from dataclasses import replace

    scenario = load_path(scenario_path(DEMO))
    _, debrief = play_route(scenario, numbers_to(scenario, "risk_unseen"), mode=Mode.PRACTICE)
    evil = replace(debrief, title="<script>alert(1)</script>",
                   ending=replace(debrief.ending, epilogue='"><img src=x onerror=alert(1)>'))
    page = debrief_html.render(scenario, evil)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;" in page


def test_the_window_can_be_resized_to_anything(ui):
    scene = open_demo_by_keyboard(ui)
    for size in [(640, 480), (1920, 1080), (1024, 768), (500, 900)]:
        surface = pygame.Surface(size)
        ui.surface = surface
        ui.frame()
        assert ui.app.size == size
        assert surface.get_rect().contains(scene.panel)
        for w in scene.focus.widgets:
            assert surface.get_rect().contains(w.rect)


def test_library_filters_by_pattern(ui):
    ui.key(pygame.K_RETURN)
    library = ui.screen
    everything = [c.id for c in library.cards]
    ui.click_widget("filter:coercive_control")
    shown = [c.id for c in library.cards]
    assert 0 < len(shown) < len(everything)
    for card in shown:
        entry = next(e for e in library.entries if f"play:{e.path}" == card)
        assert "coercive_control" in entry.scenario.patterns
    assert "(showing)" in next(w.label for w in library.filters if w.id == "filter:coercive_control")
    ui.click_widget("filter:")
    assert [c.id for c in library.cards] == everything


def test_debrief_export_button_writes_the_page_and_opens_it(ui, monkeypatch):
    scenario = load_path(scenario_path(DEMO))
    open_demo_by_keyboard(ui)
    play_by_keyboard(ui, numbers_to(scenario, "risk_unseen"))
    page = ui.app.exports_dir
    for _ in range(8):                       # Space reads on through the debrief; it presses nothing
        ui.key(pygame.K_SPACE)
    assert not page.exists()
    assert isinstance(ui.screen, DebriefScreen)
    ui.tab_to("export")
    ui.key(pygame.K_RETURN)                  # where: a path in the window, prefilled in the debriefs folder
    field = ui.screen.focus.focused
    assert field.id == "path" and field.value.startswith(str(page)) and field.value.endswith(".html")
    assert "Save the web page as" in ui.screen.focus.focused.label and not page.exists()
    ui.key(pygame.K_RETURN)
    [written] = list(page.iterdir())
    assert written.suffix == ".html" and "Debrief: Late Again" in written.read_text(encoding="utf-8")
    assert any(str(written) in n for n in ui.app.notices)
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    assert ui.screen.focus.focused.id == "open"
    ui.key(pygame.K_RETURN)
    assert opened == [written.resolve().as_uri()]


def test_the_debrief_page_can_be_saved_where_the_learner_chooses(ui, tmp_path):
    scenario = load_path(scenario_path(DEMO))
    open_demo_by_keyboard(ui)
    play_by_keyboard(ui, numbers_to(scenario, "risk_unseen"))
    ui.tab_to("export")
    ui.key(pygame.K_RETURN)
    field = ui.screen.focus.focused

    def retype(text: str) -> None:
        ui.play_until(lambda d: not field.value, lambda d: d.key(pygame.K_BACKSPACE), limit=500, what="an empty path")
        ui.type(text)

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, so nothing can be saved inside it", encoding="utf-8")
    retype(str(blocker / "mine.html"))
    ui.key(pygame.K_RETURN)
    assert any(f"The folder {blocker} cannot be written" in n and "Nothing was saved" in n for n in ui.app.notices)
    assert ui.screen.focus.focused is field                     # the path stays, to be corrected
    retype(str(tmp_path / "my debriefs" / "late again"))       # a new folder, and .html added
    ui.tab_to("save")
    ui.key(pygame.K_RETURN)
    written = tmp_path / "my debriefs" / "late again.html"
    assert "Debrief: Late Again" in written.read_text(encoding="utf-8")
    assert ui.screen.exported == written and ui.screen.focus.focused.id == "open"
    ui.key(pygame.K_TAB)
    ui.tab_to("export")
    ui.key(pygame.K_RETURN)
    ui.key(pygame.K_ESCAPE)                                     # Esc cancels choosing, nothing is written
    assert ui.screen.save_as is None and ui.screen.focus.focused.id == "export"
    assert not ui.app.exports_dir.exists()


def test_ambient_sound_can_be_switched_on_without_a_sound_device(ui):
    ui.app.change_settings(sound=True, volume=80)        # SDL_AUDIODRIVER=dummy: must not raise
    ui.frame()
    ui.app.change_settings(sound=False)
    assert ui.app.settings.sound is False


def test_run_opens_the_window_and_quits_cleanly(tmp_path):
    import subprocess
    import sys

    from tests.helpers import ROOT, SCENARIOS

    code = ("import os, pygame\n"
            "from game.ui import app\n"
            "real = app.make_app\n"
            "def quitting(*a, **k):\n"
            "    made = real(*a, **k)\n"
            "    pygame.event.post(pygame.event.Event(pygame.QUIT))\n"   # asks first...
            "    pygame.event.post(pygame.event.Event(pygame.QUIT))\n"   # ...a second close quits
            "    return made\n"
            "app.make_app = quitting\n"
            f"raise SystemExit(app.run({SCENARIOS!r}, {str(tmp_path)!r}))\n")
    env = {**__import__("os").environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_reduce_motion_turns_off_fades(ui):
    ui.key(pygame.K_RETURN)
    assert ui.app.router.fade > 0                          # a gentle fade between screens by default
    ui.key(pygame.K_ESCAPE)
    ui.app.change_settings(reduce_motion=True)
    ui.key(pygame.K_RETURN)
    assert ui.app.router.fade == 0


def test_text_falls_back_to_pygames_font_without_atkinson(window, monkeypatch):
    from game.ui import text as text_module

    monkeypatch.setattr(text_module, "find_font", lambda: None)
    fallback = text_module.Text()
    assert not fallback.using_atkinson
    line = fallback.render("Keep the child in focus", 22, (0, 0, 0))
    assert line.get_width() > 100
    assert "not installed" in text_module.font_licence()


def test_atkinson_next_is_used_and_its_licence_is_the_ofl():
    from game.ui import text as text_module

    text = text_module.Text()
    assert text.family.name == "Atkinson Hyperlegible Next"
    assert "SIL Open Font License" in text_module.font_licence()
    assert "Atkinson Hyperlegible Next" in text_module.font_licence()


def test_welsh_letters_have_their_own_glyphs():
    """ŵ and ŷ (Welsh place and family names) are glyphs of the font itself; the original
    Atkinson Hyperlegible has none, so they came out as w plus a stray accent."""
    import pygame.freetype

    from game.ui.text import find_font

    pygame.freetype.init()
    family = find_font()
    for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
        face = pygame.freetype.Font(str(family.file(bold, italic)), 22)
        assert None not in face.get_metrics("ŵŷŴŶ"), (bold, italic)


def test_without_the_bundled_files_the_packaged_atkinson_is_the_fallback(monkeypatch, tmp_path):
    from game.ui import text as text_module

    monkeypatch.setattr(text_module, "ASSETS", tmp_path)
    family = text_module.find_font()
    assert family is not None and family.name == "Atkinson Hyperlegible"


def test_a_corrupt_save_is_reported_and_continue_still_offers_the_good_one(window, settings_dir):
    from game.ui.app import make_app
    from game.ui.driver import Driver
    from tests.helpers import SCENARIOS

    folder = saves.saves_dir(settings_dir)
    scenario = load_path(scenario_path(DEMO))
    state = Play.begin(scenario).state
    saves.write_save(folder, saves.Save("good", scenario.id, scenario.path, scenario.title, "practice",
                                        "2026-11-23T10:00:00Z", state.to_json()))
    (folder / "zzz.json").write_text("garbage", encoding="utf-8")
    d = Driver(make_app(SCENARIOS, settings_dir), window)
    d.frame()
    assert any("damaged" in n for n in d.app.notices)
    assert d.screen.focus.focused.id == "continue"
    d.key(pygame.K_RETURN)
    assert isinstance(d.screen, DialogueScreen) and d.screen.state == state


def test_a_scenario_that_will_not_load_shows_as_a_card_not_a_crash(window, tmp_path, settings_dir):
    import shutil

    from game.ui.app import make_app
    from game.ui.driver import Driver

    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(scenario_path(DEMO), folder)
    shutil.copytree(Path(scenario_path(DEMO)).parent / "fragments", folder / "fragments")
    (folder / "broken.yaml").write_text("doorstep: 1\nid: [broken\n", encoding="utf-8")
    d = Driver(make_app(str(folder), settings_dir), window)
    d.key(pygame.K_RETURN)
    cards = {c.id: c for c in d.screen.cards}
    assert not cards["broken:broken.yaml"].enabled
    assert "could not be loaded" in cards["broken:broken.yaml"].detail
    assert cards[f"play:{folder / (DEMO + '.yaml')}"].enabled


def test_a_problem_found_while_playing_is_a_message_not_a_traceback(ui, monkeypatch):
    from game.core import engine
    from game.core.errors import AuthoringError, Problem

    scene = open_demo_by_keyboard(ui)

    def broken(*args, **kwargs):
        raise AuthoringError([Problem("error", "x.yaml", 12, 3, "while playing: the variable 'x' was never set")])

    monkeypatch.setattr(engine, "advance", broken)
    ui.key(pygame.K_SPACE)
    ui.key(pygame.K_SPACE)
    assert ui.screen.title == "Doorstep"
    assert any("line 12" in n and "progress" in n for n in ui.app.notices)
    assert saves.latest_save(ui.app.saves_dir).scenario_id == scene.scenario.id


def test_a_save_whose_scenario_has_gone_is_explained(window, settings_dir):
    from game.ui.app import make_app
    from game.ui.driver import Driver
    from tests.helpers import SCENARIOS

    scenario = load_path(scenario_path(DEMO))
    folder = saves.saves_dir(settings_dir)
    saves.write_save(folder, saves.Save("gone", scenario.id, "/nowhere/gone.yaml", "Gone", "practice",
                                        "2026-11-23T10:00:00Z", Play.begin(scenario).state.to_json()))
    d = Driver(make_app(SCENARIOS, settings_dir), window)
    d.key(pygame.K_RETURN)
    assert d.screen.title == "Doorstep"
    assert any("cannot be resumed" in n for n in d.app.notices)


def _session(tmp_path, monkeypatch):
    """A session on a fresh SQLite store in tmp_path, assessing the demo; its join code."""
    from game.storage.assessed import resolve_scenario
    from game.storage.store import ScenarioRef, Store

    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DOORSTEP_DB", raising=False)
    scenario, path = resolve_scenario(DEMO, SCENARIOS)
    store = Store(None)
    try:
        session = store.create_session("UI cohort", 70, [ScenarioRef(
            scenario.id, scenario.title, str(path), scenario.source_hash)])
    finally:
        store.close()
    return session.code


def _open_join(ui):
    from game.ui.screens.join import JoinScreen

    ui.tab_to("join")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, JoinScreen)
    return ui.screen


def test_join_screen_explains_a_wrong_code_and_a_missing_name(ui, tmp_path, monkeypatch):
    _session(tmp_path, monkeypatch)
    join = _open_join(ui)
    ui.tab_to("join")
    ui.key(pygame.K_RETURN)
    assert join.errors == ["Type the session code your trainer gave you.",
                           "Type your name or staff ID, as your trainer will know it."]
    ui.tab_to("code")
    ui.type("NOPE99")
    ui.tab_to("learner")
    ui.type("Sam <b>Lee</b>")
    ui.key(pygame.K_RETURN)
    assert ui.screen is join and join.errors == ["No session has the code 'NOPE99'. Please check it with your trainer."]
    assert "main.py" not in join.spoken()       # a command line is the trainer's business, not the learner's
    ui.key(pygame.K_BACKSPACE)                  # retyping clears the old problem
    assert join.errors == []


def test_joining_a_session_records_every_choice_and_the_result(ui, tmp_path, monkeypatch):
    from game.storage.store import Store

    code = _session(tmp_path, monkeypatch)
    _open_join(ui)
    ui.tab_to("code")
    ui.type(code.lower())                                   # codes are not case-sensitive
    ui.tab_to("learner")
    ui.type("Sam Lee")
    ui.key(pygame.K_RETURN)
    from game.ui.screens.briefing import BriefingScreen, briefing_sections

    briefing = ui.screen                                     # defect 1: the briefing comes first
    assert isinstance(briefing, BriefingScreen) and briefing.run is not None
    assert [w.id for w in briefing.focus.widgets] == ["assessed", "back"]   # no practice way in
    for heading, _ in briefing_sections(briefing.scenario):
        assert heading in briefing.spoken()
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, DialogueScreen) and ui.screen.state.mode is Mode.ASSESSED
    play_by_keyboard(ui, [3, 2, 1, 2, 4, 3, 2])               # the demo's model route
    assert isinstance(ui.screen, DebriefScreen) and ui.screen.debrief.finished
    assert not ui.screen.replayable and "again" not in [w.id for w in ui.screen.focus.widgets]
    store = Store(None)
    try:
        (row,) = store.session_results(code)
        assert row.overall == 100 and row.passed
        assert len(store.stored_choices(row.attempt_id)) == 7
    finally:
        store.close()
