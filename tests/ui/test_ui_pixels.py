"""What actually reaches the screen: text in its region, the focus ring, the high-contrast
palette, and 200% text staying inside the window."""
from __future__ import annotations

import pygame
import pytest

from game.ui.theme import DEFAULT, HIGH_CONTRAST

from .playing import open_demo_by_keyboard, to_decision


def count_colour(surface: pygame.Surface, rect: pygame.Rect, colour, tolerance: int = 0) -> int:
    """How many pixels in `rect` are within `tolerance` of `colour` on every channel."""
    rect = rect.clip(surface.get_rect())
    n = 0
    for x in range(rect.left, rect.right):
        for y in range(rect.top, rect.bottom):
            c = surface.get_at((x, y))
            if all(abs(c[i] - colour[i]) <= tolerance for i in range(3)):
                n += 1
    return n


def test_dialogue_text_is_drawn_inside_the_panel(ui):
    scene = open_demo_by_keyboard(ui)
    ui.key(pygame.K_SPACE)            # reveal the whole first line
    ui.settle()
    m = ui.app.metrics
    line_h = ui.app.text.line_height(m.body)
    text_row = pygame.Rect(scene.panel.x + m.pad, scene.panel.y + m.pad + ui.app.text.line_height(m.body, True),
                           scene.panel.width // 2, line_h)
    ink = count_colour(ui.surface, text_row, DEFAULT.text, tolerance=40)
    assert ink > 150, "the narration line should put dark text pixels in the panel"
    empty = pygame.Rect(scene.panel.right - 200, scene.panel.y + 4, 150, 20)
    assert count_colour(ui.surface, empty, DEFAULT.text, tolerance=40) == 0


def test_focus_ring_surrounds_the_focused_choice(ui):
    scene = to_decision(ui)
    ui.key(pygame.K_DOWN)
    focused = scene.focus.focused
    assert focused.id == "choice:2"
    m = ui.app.metrics
    ring = focused.rect.inflate(m.focus_width * 4, m.focus_width * 4)
    edge_strips = [pygame.Rect(ring.left, ring.centery - 5, m.focus_width, 10),
                   pygame.Rect(ring.right - m.focus_width, ring.centery - 5, m.focus_width, 10),
                   pygame.Rect(ring.centerx - 5, ring.top, 10, m.focus_width),
                   pygame.Rect(ring.centerx - 5, ring.bottom - m.focus_width, 10, m.focus_width)]
    for strip in edge_strips:
        assert count_colour(ui.surface, strip, DEFAULT.focus) >= strip.width * strip.height // 2
    other = scene.focus.widgets[0].rect.inflate(m.focus_width * 4, m.focus_width * 4)
    assert count_colour(ui.surface, pygame.Rect(other.left, other.centery - 5, m.focus_width, 10), DEFAULT.focus) == 0


def test_high_contrast_palette_reaches_the_screen(ui):
    scene = to_decision(ui)
    ui.app.change_settings(high_contrast=True)
    ui.frame()
    panel = scene.panel
    assert count_colour(ui.surface, panel.inflate(-20, -20), HIGH_CONTRAST.panel) > panel.width * panel.height // 3
    assert count_colour(ui.surface, panel, HIGH_CONTRAST.text, tolerance=10) > 300
    assert count_colour(ui.surface, ui.surface.get_rect(), HIGH_CONTRAST.focus) > 200
    assert count_colour(ui.surface, panel, HIGH_CONTRAST.accent, tolerance=10) > 50   # number badges, heading


@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_text_at_200_percent_stays_inside_the_window(ui, size):
    ui.app.resize(size)
    surface = pygame.Surface(size)
    ui.surface = surface
    ui.app.change_settings(text_scale=2.0)
    scene = to_decision(ui)
    window = surface.get_rect()
    assert scene.panel.width <= window.width and window.contains(scene.panel)
    width = scene.panel.width - 2 * ui.app.metrics.pad
    for line in ui.app.text.wrap(scene.shown_text, ui.app.metrics.body, width):
        assert ui.app.text.width(line, ui.app.metrics.body) <= width
    for i in range(len(scene.focus.widgets)):
        focused = scene.focus.focused
        assert focused.id == f"choice:{i + 1}"
        assert window.contains(focused.rect), f"{focused.id} at {focused.rect} is off screen"
        ui.key(pygame.K_DOWN)


def test_wrapping_is_greedy_and_exact(window):
    """Each wrapped line fits, and the next word would not have: the fast word-by-word widths
    give the same lines as measuring every candidate line whole."""
    from game.core.loader import load_path
    from game.ui.text import Text
    from tests.helpers import scenario_path

    from .conftest import DEMO

    text = Text()
    scenario = load_path(scenario_path(DEMO))
    paragraphs = [t for n in scenario.nodes.values() for t in
                  (getattr(n, "text", ""), getattr(n, "prompt", ""), *(c.feedback for c in getattr(n, "choices", ())))
                  if t and "\n" not in t]
    for size, width, bold in ((18, 300, False), (22, 520, True), (44, 700, False)):
        font = text.font(size, bold)
        for paragraph in paragraphs:
            lines = text.wrap(paragraph, size, width, bold)
            assert " ".join(lines).split() == paragraph.split()
            for line, after in zip(lines, lines[1:]):
                assert font.size(line)[0] <= width
                assert font.size(f"{line} {after.split()[0]}")[0] > width, (line, after)
