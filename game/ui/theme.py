"""Layout constants, the two palettes and text scaling.

Every size on screen is computed from the window size and the learner's text scale, so the
layout reflows at any window size and at 100-200% text.
"""
from __future__ import annotations

from dataclasses import dataclass

BASE_SIZE = (1280, 720)
FPS = 60
TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """The colours of one theme. Colour is never the only signal: every state also has text or shape."""

    name: str
    backdrop: RGB        # behind everything
    panel: RGB           # cards and the dialogue panel
    panel_edge: RGB
    text: RGB            # text on panels
    muted: RGB           # secondary text on panels
    backdrop_text: RGB   # text straight on the backdrop
    accent: RGB          # headings, selected filter
    button: RGB
    button_hover: RGB
    button_text: RGB
    button_edge: RGB
    disabled_text: RGB
    focus: RGB           # the focus ring (outer)
    focus_inner: RGB     # thin inner ring so focus shows on light and dark surfaces
    good: RGB
    bad: RGB
    neutral: RGB
    shade: tuple[int, int, int, int]  # overlay dimming the scene under menus
    scene_dim: int       # 0-255 darkening applied to backgrounds


DEFAULT = Palette(
    name="default",
    backdrop=(30, 41, 54),
    panel=(248, 245, 238),
    panel_edge=(196, 188, 172),
    text=(31, 41, 51),
    muted=(88, 99, 112),
    backdrop_text=(236, 240, 244),
    accent=(23, 105, 114),
    button=(232, 226, 214),
    button_hover=(214, 230, 228),
    button_text=(24, 33, 43),
    button_edge=(150, 141, 124),
    disabled_text=(140, 140, 140),
    focus=(240, 180, 41),
    focus_inner=(16, 42, 67),
    good=(36, 125, 76),
    bad=(176, 58, 46),
    neutral=(92, 110, 140),
    shade=(12, 18, 26, 170),
    scene_dim=0,
)

HIGH_CONTRAST = Palette(
    name="high_contrast",
    backdrop=(0, 0, 0),
    panel=(0, 0, 0),
    panel_edge=(255, 255, 255),
    text=(255, 255, 255),
    muted=(255, 255, 255),
    backdrop_text=(255, 255, 255),
    accent=(255, 255, 0),
    button=(0, 0, 0),
    button_hover=(0, 0, 120),
    button_text=(255, 255, 255),
    button_edge=(255, 255, 255),
    disabled_text=(170, 170, 170),
    focus=(0, 255, 255),
    focus_inner=(0, 0, 0),
    good=(0, 255, 0),
    bad=(255, 90, 90),
    neutral=(255, 255, 0),
    shade=(0, 0, 0, 220),
    scene_dim=150,
)


def palette(high_contrast: bool) -> Palette:
    """The palette for the learner's contrast setting."""
    return HIGH_CONTRAST if high_contrast else DEFAULT


@dataclass(frozen=True)
class Metrics:
    """Sizes for one window size and text scale."""

    width: int
    height: int
    ui: float          # how much bigger than the 1280x720 design the window is
    text_scale: float
    body: int          # font pixel sizes
    small: int
    heading: int
    title: int
    margin: int
    gap: int
    pad: int
    radius: int
    focus_width: int
    button_h: int      # minimum button height: grows with text


def metrics(size: tuple[int, int], text_scale: float = 1.0) -> Metrics:
    """Sizes for a window of `size` pixels at the given text scale (1.0-2.0)."""
    width, height = max(1, size[0]), max(1, size[1])
    ui = max(0.5, min(width / BASE_SIZE[0], height / BASE_SIZE[1], 3.0))
    text_scale = max(1.0, min(2.0, text_scale))

    def px(base: float) -> int:
        return max(10, round(base * ui * text_scale))

    body = px(22)
    return Metrics(
        width=width,
        height=height,
        ui=ui,
        text_scale=text_scale,
        body=body,
        small=px(17),
        heading=px(28),
        title=px(46),
        margin=max(8, round(32 * ui)),
        gap=max(4, round(12 * ui)),
        pad=max(6, round(16 * ui)),
        radius=max(4, round(10 * ui)),
        focus_width=max(3, round(4 * ui)),
        button_h=round(body * 1.9),
    )
