"""Self-voicing, heard through a recording speech backend: a whole keyboard-only playthrough,
every screen's text, every option, the feedback, the debrief and the menus are said; R reads
again; V turns it on from anywhere; where no engine can speak, the reason is shown."""
from __future__ import annotations

import pygame
import pytest

from game.core.loader import load_path
from game.core.model import NodeKind
from game.ui import wording
from game.ui.app import make_app
from game.ui.driver import Driver
from game.ui.screens.briefing import briefing_sections
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dialogue import DialogueScreen
from game.ui.speech import Espeak, Recording, Speech, find_backend
from tests.helpers import SCENARIOS, scenario_path

from .conftest import DEMO
from .playing import at_decision, choose_by_keyboard, numbers_to


@pytest.fixture
def heard(window, settings_dir):
    """(driver, recording): the real App reading aloud into a list."""
    recording = Recording()
    app = make_app(SCENARIOS, settings_dir, speech=Speech(recording))
    app.change_settings(speech=True, reduce_motion=True)
    driver = Driver(app, window)
    driver.frame()
    return driver, recording


def said_since(recording: Recording, start: int) -> str:
    return " ".join(recording.said[start:])


def test_a_whole_keyboard_playthrough_is_read_aloud(heard):
    ui, voice = heard
    scenario = load_path(scenario_path(DEMO))
    assert "Doorstep" in voice.said[0] and "Keep the child in focus" in voice.said[0]
    assert "Continue" in voice.said[0] or "Play a scenario" in voice.said[0]   # the focused control
    ui.key(pygame.K_RETURN)
    assert "Scenario library" in voice.said[-1]
    mark = len(voice.said)
    ui.tab_to(f"play:{scenario_path(DEMO)}")
    assert scenario.title in said_since(voice, mark)                          # each card as focus moves
    ui.key(pygame.K_RETURN)
    briefing = voice.said[-1]
    for heading, body in briefing_sections(scenario):
        assert heading in briefing and " ".join(body.split())[:60] in briefing
    assert "Begin in practice mode" in briefing                               # and the focused button
    ui.key(pygame.K_RETURN)
    assert isinstance(ui.screen, DialogueScreen)

    numbers = numbers_to(scenario, "drift")
    lines, options, feedback = [], [], []

    def step(d: Driver) -> None:
        scene = d.screen
        if at_decision(d):
            options.extend(scene.view.choice_texts)
            choose_by_keyboard(d, numbers[len(scene.state.history)])
            if scene.review is not None:
                feedback.append(wording.verdict_line(scene.review))
        elif isinstance(scene, DialogueScreen) and scene.review is None and scene.view.kind == NodeKind.ENDING:
            d.key(pygame.K_RETURN)
        else:
            d.advance()
        if isinstance(d.screen, DialogueScreen) and d.screen.review is None:
            lines.append(" ".join(d.screen.shown_text.split()))

    ui.play_until(lambda d: isinstance(d.screen, DebriefScreen), step, what="the debrief")
    everything = " ".join(voice.said)
    for line in lines:
        assert line in everything, f"never said: {line!r}"
    for option in options:
        assert " ".join(option.split()) in everything, f"option never said: {option!r}"
    for verdict in feedback:
        assert verdict in everything
    debrief = ui.screen.debrief
    assert f"Overall score {debrief.overall}%" in voice.said[-1]
    assert debrief.ending.title in voice.said[-1]
    mark = len(voice.said)
    ui.key(pygame.K_r)                                  # read again, on demand
    assert voice.said[mark:] and f"Overall score {debrief.overall}%" in voice.said[-1]


def test_focus_moves_and_changed_labels_are_said(heard):
    ui, voice = heard
    ui.tab_to("settings")
    ui.key(pygame.K_RETURN)
    assert voice.said[-1].startswith("Settings.") and "Text size: 100%" in voice.said[-1]
    ui.key(pygame.K_RIGHT)
    assert "Text size: 125%" in voice.said[-1]         # the control's new state, straight away
    ui.key(pygame.K_DOWN)
    assert voice.said[-1].startswith("Smaller text")


def test_v_turns_reading_aloud_on_and_off_anywhere(window, settings_dir):
    voice = Recording()
    ui = Driver(make_app(SCENARIOS, settings_dir, speech=Speech(voice)), window)
    ui.frame()
    assert voice.said == []                             # off until asked for
    ui.key(pygame.K_v)
    assert ui.app.settings.speech and voice.said[-1].startswith("Reading aloud is on.")
    assert "Doorstep" in voice.said[-1]
    ui.key(pygame.K_v)
    assert not ui.app.settings.speech and voice.said[-1] == "Reading aloud is off."
    ui.key(pygame.K_TAB)
    assert voice.said[-1] == "Reading aloud is off."   # silent once off


def test_messages_and_the_quit_question_are_said(heard):
    ui, voice = heard
    ui.tab_to("quit")
    ui.key(pygame.K_RETURN)
    assert "Quit Doorstep?" in voice.said[-1] and "No, stay" in voice.said[-1]   # the safe answer has focus
    ui.key(pygame.K_RETURN)
    assert ui.app.running and ui.screen.title == "Doorstep"
    ui.app.notify("Your progress could not be saved (disk full).")
    ui.frame()
    assert "disk full" in voice.said[-1]


def test_without_an_engine_the_reason_is_shown(window, settings_dir, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr("platform.system", lambda: "Linux")
    backend, problem = find_backend()
    assert backend is None and "espeak-ng" in problem and "apt install" in problem
    ui = Driver(make_app(SCENARIOS, settings_dir, speech=Speech(None, problem)), window)
    ui.tab_to("settings")
    ui.key(pygame.K_RETURN)
    button = next(w for w in ui.screen.focus.widgets if w.id == "speech")
    assert not button.enabled and "espeak-ng" in button.detail
    ui.key(pygame.K_v)
    assert any("espeak-ng" in n for n in ui.app.notices)


def test_espeak_is_chosen_on_linux_when_installed(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/espeak-ng" if name == "espeak-ng" else None)
    monkeypatch.setattr("platform.system", lambda: "Linux")
    backend, problem = find_backend()
    assert isinstance(backend, Espeak) and problem == ""
