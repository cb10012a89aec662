"""One test per defect found playing the window as a new user would (issue 14, numbered as
there), and the assessed-attempt rules of issue 9 section 4. Each fails on the old code."""
from __future__ import annotations

import pygame
import pytest

from game.core.loader import load_path
from game.core.model import NodeKind
from game.core.play import Mode, play_route
from game.storage import saves
from game.ui import debrief_html, wording
from game.ui.app import make_app
from game.ui.results import ShowDebrief
from game.ui.driver import Driver
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dialogue import DialogueScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.title import TitleScreen
from tests.helpers import SCENARIOS, scenario_path

from .conftest import DEMO
from .playing import at_decision, choose_by_keyboard, numbers_to, open_demo_by_keyboard, play_by_keyboard
from .test_ui_access import _open_join, _session


def join_as(ui, code: str, learner: str):
    """Open the join form, type the code and the name, press Enter; returns the form."""
    join = _open_join(ui)
    ui.tab_to("code")
    ui.type(code)
    ui.tab_to("learner")
    ui.type(learner)
    ui.key(pygame.K_RETURN)
    return join


@pytest.fixture
def demo():
    return load_path(scenario_path(DEMO))


def test_2_the_stronger_choice_is_named_in_the_card_the_debrief_and_the_page(ui, demo):
    numbers = numbers_to(demo, "drift")
    _, expected = play_route(demo, numbers, mode=Mode.PRACTICE)
    costly = [r for r in expected.decisions if r.cost and r.better]
    assert costly, "the drift route gives up points somewhere"
    cards = []
    open_demo_by_keyboard(ui)

    def step(d):
        scene = d.screen
        if at_decision(d):
            choose_by_keyboard(d, numbers[len(scene.state.history)])
            cards.append(scene.card.text(d.app))
        elif isinstance(scene, DialogueScreen) and scene.review is None and scene.view.kind == NodeKind.ENDING:
            d.key(pygame.K_RETURN)
        else:
            d.advance()

    ui.play_until(lambda d: isinstance(d.screen, DebriefScreen), step)
    page = debrief_html.render(demo, ui.screen.debrief)
    for r in costly:
        line = f"A stronger choice: {r.better}"
        assert line in cards[r.number - 1]
        assert line in ui.screen.spoken()
        assert debrief_html.escape(line) in page


def test_3_feedback_says_plainly_how_strong_the_choice_was_and_why(ui):
    scene = open_demo_by_keyboard(ui)
    ui.play_until(at_decision)
    choose_by_keyboard(ui, 2)                       # post a card and leave: a weak choice here
    card = [text for text, *_ in scene.card.blocks(ui.app)]
    assert card[2].startswith(wording.rating(scene.review) + ":")
    assert wording.rating(scene.review) in ("A weak choice", "A reasonable choice", "A strong choice", "A critical fault")
    assert any(text.startswith(("It helped", "It cost")) for text in card)
    assert not any(text.startswith("Scores:") for text in card)   # never only raw numbers


def test_5_narration_has_no_speaker_and_a_new_place_starts_an_empty_stage(ui, demo):
    scene = open_demo_by_keyboard(ui)
    spoke_here: set[str] = set()
    place = scene.view.location
    checked = {"narration": 0, "moved": 0}

    def check(d):
        nonlocal place
        if not isinstance(d.screen, DialogueScreen) or scene.review is not None:
            return
        v = scene.view
        if v.location != place:
            place, checked["moved"] = v.location, checked["moved"] + 1
            spoke_here.clear()
        if v.speaker is not None:
            spoke_here.add(v.speaker.id)
        if v.kind == NodeKind.ENDING:
            return
        if v.speaker is None:
            checked["narration"] += 1
            assert scene.stage.speaking is None, f"{scene.stage.speaking.name} still labelled at narration"
        assert {c.id for c in scene.stage.cast} <= spoke_here, "someone from the last place is still on stage"

    numbers = numbers_to(demo, "drift")

    def step(d):
        if at_decision(d):
            choose_by_keyboard(d, numbers[len(scene.state.history)])
        else:
            d.advance()
        check(d)

    ui.play_until(lambda d: scene.view.kind == NodeKind.ENDING and scene.review is None, step)
    assert checked["narration"] and checked["moved"]


def test_6_continue_keeps_the_history_and_the_people_on_stage(ui, window, settings_dir, demo):
    route = [3, 2, 1, 2, 4, 3, 2]                               # the demo's model route
    scene = open_demo_by_keyboard(ui)
    ui.play_until(lambda d: len(scene.state.history) >= 1 and at_decision(d) and scene.stage.cast,
                  lambda d: choose_by_keyboard(d, route[len(scene.state.history)]) if at_decision(d) else d.advance())
    said, cast = list(scene.stage.lines), [c.id for c in scene.stage.cast]
    assert cast, "someone is on stage at this decision"
    again = Driver(make_app(SCENARIOS, settings_dir), window)   # the window was closed
    again.frame()
    again.key(pygame.K_RETURN)                                  # Continue
    resumed = again.screen
    assert isinstance(resumed, DialogueScreen) and resumed.state == scene.state
    assert resumed.stage.lines[:len(said)] == said              # everything said before is there
    assert [c.id for c in resumed.stage.cast] == cast           # and the same faces


def test_7_a_library_card_has_one_status(ui):
    scene = open_demo_by_keyboard(ui)
    ui.advance()
    ui.key(pygame.K_ESCAPE)
    ui.tab_to("leave")
    ui.key(pygame.K_RETURN)
    ui.tab_to("play")
    ui.key(pygame.K_RETURN)
    card = next(c for c in ui.screen.cards if c.id == f"play:{scenario_path(DEMO)}")
    status = card.lines[-1][0]
    assert status.startswith("In progress: Continue from the title screen") and "Not started" not in status
    assert scene.slot


def test_8_at_200_percent_pause_leaves_resume_clear_and_more_below_clear_of_the_words(ui):
    scene = open_demo_by_keyboard(ui)
    ui.play_until(at_decision)
    ui.key(pygame.K_SPACE)
    ui.app.change_settings(text_scale=2.0)
    ui.frame()
    assert scene.more_h, "at 200% the decision overflows its panel"
    words = scene.words_area()
    assert words.bottom <= scene.panel.bottom - scene.more_h     # the strip is outside the words
    focused = scene.focus.focused
    assert words.contains(focused.rect), "the choice in focus is in view"
    ui.key(pygame.K_ESCAPE)
    pause = ui.screen
    assert isinstance(pause, PauseScreen)
    m = ui.app.metrics
    inner = pause.card.width - 2 * m.pad
    message_bottom = (pause.card.y + m.pad + ui.app.text.block_height(pause.heading(), m.heading, inner, True)
                      + m.gap + ui.app.text.block_height(pause.message, m.body, inner))
    resume = next(w for w in pause.focus.widgets if w.id == "resume")
    assert message_bottom <= resume.rect.top
    if pause.column.overflows:
        assert not any(pause.column.label_area.colliderect(w.rect.clip(pause.column.area))
                       for w in pause.focus.widgets if w.rect.colliderect(pause.column.area))


def test_9_up_stops_at_the_top_and_quit_asks_first(ui):
    assert ui.screen.focus.focused.id == "play"
    ui.key(pygame.K_UP)
    assert ui.screen.focus.focused.id == "play"                 # not round to Quit
    ui.tab_to("quit")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, ConfirmScreen) and ui.screen.focus.focused.id == "no"
    ui.key(pygame.K_RETURN)
    assert ui.app.running and isinstance(ui.screen, TitleScreen)
    ui.app.handle(pygame.event.Event(pygame.QUIT))             # the window's close button asks too
    assert ui.app.running and isinstance(ui.screen, ConfirmScreen)
    ui.key(pygame.K_UP)
    ui.key(pygame.K_RETURN)
    assert not ui.app.running


def test_11_without_a_sound_device_ambient_sound_stays_off(ui, monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    ui.tab_to("settings")
    ui.key(pygame.K_RETURN)
    ui.tab_to("sound")
    ui.key(pygame.K_RETURN)
    assert ui.app.settings.sound is False
    button = next(w for w in ui.screen.focus.widgets if w.id == "sound")
    assert button.label == "Ambient sound: Off" and not button.enabled
    assert any("No sound device" in n for n in ui.app.notices)


def test_continue_on_an_assessed_attempt_resumes_the_stored_one_and_records_its_result(
        ui, window, settings_dir, tmp_path, monkeypatch):
    from game.storage.store import Store

    code = _session(tmp_path, monkeypatch)
    join_as(ui, code, "Sam Lee")
    assert isinstance(ui.screen, BriefingScreen)
    ui.key(pygame.K_RETURN)
    scene = ui.screen
    route = [3, 2, 1, 2, 4, 3, 2]
    ui.play_until(lambda d: len(scene.state.history) == 2,
                  lambda d: choose_by_keyboard(d, route[len(scene.state.history)]) if at_decision(d) else d.advance())
    # The window closes mid-attempt; a new one offers Continue, which goes back to the session.
    again = Driver(make_app(SCENARIOS, settings_dir), window)
    again.frame()
    assert again.screen.focus.focused.id == "continue"
    again.key(pygame.K_RETURN)
    resumed = again.screen
    assert isinstance(resumed, DialogueScreen) and resumed.run is not None
    assert [s.number for s in resumed.state.history] == route[:2]
    play_by_keyboard(again, route[2:])
    shown = again.screen.debrief
    store = Store(None)
    try:
        (row,) = store.session_results(code)
        assert row.finished_at is not None and row.passed == shown.passed and row.overall == shown.overall
    finally:
        store.close()
    # Finished for good: no Play again, no autosave to Continue, and joining again replays nothing.
    assert "again" not in [w.id for w in again.screen.focus.widgets]
    assert saves.latest_save(again.app.saves_dir) is None
    again.tab_to("title")
    again.key(pygame.K_RETURN)
    join = join_as(again, code, "Sam Lee")
    assert again.screen is join and "completed every scenario" in join.errors[0]


def test_stepping_away_from_a_session_attempt_is_recorded_as_a_withdrawal(ui, tmp_path, monkeypatch):
    from game.storage.store import AttemptStatus, Store

    code = _session(tmp_path, monkeypatch)
    join_as(ui, code, "Sam Lee")
    ui.key(pygame.K_RETURN)
    scene = ui.screen
    ui.play_until(lambda d: len(scene.state.history) == 1,
                  lambda d: choose_by_keyboard(d, 3) if at_decision(d) else d.advance())
    ui.key(pygame.K_ESCAPE)
    ui.tab_to("withdraw")
    ui.key(pygame.K_RETURN)
    ui.tab_to("withdraw-yes")
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, TitleScreen)
    assert any("not a fail" in n for n in ui.app.notices)
    store = Store(None)
    try:
        (row,) = store.session_results(code)
        assert row.status is AttemptStatus.WITHDRAWN and row.passed is None
    finally:
        store.close()


def test_the_route_graph_is_drawn_once_not_every_frame(ui, demo, monkeypatch):
    from game.ui import route_graph

    calls = []
    real = route_graph.draw
    monkeypatch.setattr(route_graph, "draw", lambda *a, **k: calls.append(1) or real(*a, **k))
    _, debrief = play_route(demo, numbers_to(demo, "drift"), mode=Mode.PRACTICE)
    ui.app.navigate(ui.screen, ShowDebrief(scenario=demo, debrief=debrief))
    ui.frame()
    ui.screen.scroll.scroll(ui.screen.scroll.view_h)          # the graphs in view
    ui.frame(30)
    assert len(calls) == 2                                      # yours and the best route, once each
