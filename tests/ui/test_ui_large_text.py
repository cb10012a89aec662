"""At 200% text in a 1280x720 window, a decision shows at least two options at once without
scrolling wherever two fit beside a line of the prompt; a long prompt scrolls in a strip of
its own (Page Down reads it), the options staying where they are."""
from __future__ import annotations

import glob
import os

import pygame

from game.core.loader import load_path
from game.core.model import NodeKind
from game.core.play import Play
from game.ui.screens.dialogue import DialogueScreen
from tests.helpers import SCENARIOS


def decision_screens(ui):
    for path in sorted(glob.glob(os.path.join(SCENARIOS, "*.yaml"))):
        scenario = load_path(path)
        for node_id, node in scenario.nodes.items():
            if node.kind == NodeKind.DECISION:
                scene = DialogueScreen(ui.app, Play.begin(scenario, at_node=node_id))
                ui.app.router.reset(scene)
                ui.frame()
                yield f"{scenario.id}:{node_id}", scene


def options_in_view(scene) -> list:
    area = scene.options_area()
    return [w for w in scene.focus.widgets if w.number is not None and area.contains(w.rect)]


def test_two_options_are_in_view_at_200_percent_wherever_the_window_allows(ui):
    ui.app.change_settings(text_scale=2.0, instant_text=True)
    short, together = [], 0
    for where, scene in decision_screens(ui):
        options = [w for w in scene.focus.widgets if w.number is not None]
        two = options[1].rect.bottom - options[0].rect.top
        line = ui.app.text.line_height(ui.app.metrics.body)
        room = ui.app.metrics.height - scene.top_h - 2 * ui.app.metrics.gap - line   # a line of the prompt
        if len(options_in_view(scene)) >= 2:
            together += 1
        elif two + scene.more_h + 4 * ui.app.metrics.gap < room:
            short.append(where)
        if scene.prompt_area is not None:   # the prompt scrolls, never the options
            assert scene.scroll.offset == 0 and scene.prompt_area.height >= line, where
    assert not short, f"two options would fit but are not in view together: {short}"
    assert together >= 20   # (67 of the 150 shipped decisions, when this was written; 1 before)


def test_a_long_prompt_scrolls_in_its_own_strip_and_the_options_stay(ui):
    ui.app.change_settings(text_scale=2.0, instant_text=True)
    where, scene = next((w, s) for w, s in decision_screens(ui)
                        if s.prompt_area is not None and s.prompt_scroll.content_h > s.prompt_scroll.view_h + 60
                        and len(options_in_view(s)) >= 2)
    first = [w.rect.copy() for w in options_in_view(scene)]
    ui.key(pygame.K_PAGEDOWN)
    assert scene.prompt_scroll.offset > 0, where
    assert [w.rect for w in options_in_view(scene)][:len(first)] == first
    ui.key(pygame.K_PAGEUP)
    assert scene.prompt_scroll.offset == 0
    assert "Option 2" in scene.spoken() and scene.shown_text in scene.spoken()   # the voice reads it all
    ui.app.change_settings(text_scale=1.0)
    assert scene.prompt_area is None and not scene.compact_top   # at 100% nothing is split
