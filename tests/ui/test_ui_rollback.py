"""Rollback as Ren'Py players expect it: in practice, wheel up / Page Up steps back a line at a
time through the whole scene, back across a decision through the core's Rewind; wheel down /
Page Down steps forward again through the lines already seen. In assessed mode nothing is
taken back: the wheel only scrolls, or opens the history."""
from __future__ import annotations

import pygame

from game.core.model import NodeKind

from .playing import at_decision, choose_by_keyboard, open_demo_by_keyboard


def shown(scene) -> str:
    return scene.shown_text


def press_until_new_line(ui, key: int) -> None:
    """Page Up/Down scroll a long panel first; press until the line itself changes."""
    before = (shown(ui.screen), ui.screen.back)
    ui.play_until(lambda d: (shown(d.screen), d.screen.back) != before or d.app.notices,
                  lambda d: d.key(key), limit=10, what="another line")


def lines_until_decision(ui) -> list[str]:
    """Go on (keyboard) to the next decision; the lines passed on the way, in order."""
    scene, lines = ui.screen, []

    def step(d):
        if not lines or lines[-1] != shown(scene):
            lines.append(shown(scene))
        d.advance()

    ui.play_until(at_decision, step, what="a decision")
    ui.key(pygame.K_SPACE)
    return lines


def test_page_up_steps_back_line_by_line_across_a_decision_and_page_down_forward(ui):
    scene = open_demo_by_keyboard(ui)
    before = lines_until_decision(ui)
    prompt = shown(scene)
    choose_by_keyboard(ui, 2)
    ui.key(pygame.K_RETURN)                               # past the feedback card
    after = lines_until_decision(ui)                      # three lines, then the next decision
    where = shown(scene)
    assert len(scene.state.history) == 1 and len(before) >= 2 and len(after) >= 2
    # back through the lines since the choice: the play itself stays where it was
    for expected in reversed(after):
        press_until_new_line(ui, pygame.K_PAGEUP)
        assert shown(scene) == expected and scene.back and len(scene.state.history) == 1
        assert "Looking back" in scene.spoken()
    # forward again through what was seen, then back to where the play rests
    press_until_new_line(ui, pygame.K_PAGEDOWN)
    assert shown(scene) == after[1]
    ui.play_until(lambda d: not scene.back, lambda d: d.key(pygame.K_PAGEDOWN), limit=20, what="back where it rests")
    assert shown(scene) == where and at_decision(ui)
    # back across the decision: the core's Rewind takes the play to it, to choose again
    ui.play_until(lambda d: shown(scene) == prompt, lambda d: d.key(pygame.K_PAGEUP), limit=20,
                  what="the first decision again")
    assert len(scene.state.history) == 0 and not scene.back and at_decision(ui)
    assert "Went back to decision 1" in " ".join(what for _, what in scene.stage.lines)
    # and on, with the wheel, through the lines before it to the first of the scene
    for expected in reversed(before):
        ui.play_until(lambda d: shown(scene) == expected, lambda d: d.wheel(1), limit=10, what=expected)
    ui.wheel(1)
    assert shown(scene) == before[0] and any("as far back" in n for n in ui.app.notices)
    ui.play_until(at_decision, lambda d: d.wheel(-1), limit=20, what="forward to the decision")
    assert not scene.back and shown(scene) == prompt
    choose_by_keyboard(ui, 1)                             # and a different choice can be made
    assert scene.state.history[0].number == 1


def test_going_on_while_looking_back_steps_forward_instead_of_moving_the_play(ui):
    scene = open_demo_by_keyboard(ui)
    ui.key(pygame.K_SPACE)
    ui.key(pygame.K_SPACE)
    ui.key(pygame.K_SPACE)
    node = scene.state.node
    ui.key(pygame.K_PAGEUP)
    assert scene.back == 1
    ui.advance()
    assert scene.back == 0 and scene.state.node == node


def test_assessed_mode_only_scrolls_the_history(ui):
    scene = open_demo_by_keyboard(ui, "assessed")
    ui.play_until(at_decision, what="the first decision")
    ui.key(pygame.K_SPACE)
    choose_by_keyboard(ui, 1)
    ui.advance()
    node, text = scene.state.node, shown(scene)
    ui.key(pygame.K_PAGEUP)
    assert scene.panel_open == "history" and scene.state.node == node and len(scene.state.history) == 1
    ui.key(pygame.K_ESCAPE)
    ui.wheel(1)
    assert scene.panel_open == "history"
    ui.key(pygame.K_ESCAPE)
    assert shown(scene) == text and not scene.back and len(scene.state.history) == 1


def test_after_continue_rollback_reaches_back_before_the_save(ui, window, settings_dir):
    from game.ui.app import make_app
    from game.ui.driver import Driver
    from tests.helpers import SCENARIOS

    scene = open_demo_by_keyboard(ui)
    before = lines_until_decision(ui)
    choose_by_keyboard(ui, 2)
    ui.key(pygame.K_RETURN)
    ui.advance()
    ui.advance()                                          # a line or two past the choice, then the window closes
    again = Driver(make_app(SCENARIOS, settings_dir), window)
    again.frame()
    again.key(pygame.K_RETURN)                            # Continue
    resumed = again.screen
    assert resumed.state == scene.state and len(resumed.trail) > len(before)
    again.play_until(lambda d: shown(resumed) == before[-1], lambda d: d.key(pygame.K_PAGEUP), limit=30,
                     what="the last line before the first decision")
    assert len(resumed.state.history) == 0               # back across the decision, through the core's Rewind
