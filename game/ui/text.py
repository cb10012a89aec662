"""Font loading, wrapped text and the render caches.

The text face is Atkinson Hyperlegible Next, bundled in assets/fonts (SIL Open Font Licence 1.1,
see assets/fonts/README.md): it has every letter the scenarios use, Welsh ŵ and ŷ included.
When those files are missing the original Atkinson Hyperlegible from the pinned
`fontpkg-atkinson-hyperlegible` package is used, and failing that pygame's own font.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from importlib import util as importlib_util
from pathlib import Path

import pygame

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_PACKAGE = "fontpkg_atkinson_hyperlegible"
STYLES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}


@dataclass(frozen=True)
class FontFamily:
    """A set of four TTF files (regular, bold, italic, bold italic) and their licence."""

    name: str
    folder: Path
    stem: str          # file names are f"{stem}-{style}.ttf"
    licence: Path

    def file(self, bold: bool, italic: bool) -> Path:
        return self.folder / f"{self.stem}-{STYLES[(bold, italic)]}.ttf"

    @property
    def complete(self) -> bool:
        return all(self.file(b, i).is_file() for b, i in STYLES)


def _packaged_classic() -> FontFamily | None:
    spec = importlib_util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0])
    return FontFamily("Atkinson Hyperlegible", folder / "files", "AtkinsonHyperlegible", folder / "LICENSE")


def find_font() -> FontFamily | None:
    """The first complete family: the bundled Next, then the packaged original; None for pygame's font."""
    candidates = [FontFamily("Atkinson Hyperlegible Next", ASSETS, "AtkinsonHyperlegibleNext", ASSETS / "OFL.txt"),
                  _packaged_classic()]
    return next((f for f in candidates if f is not None and f.complete), None)


def font_licence() -> str:
    """The font's licence text, or a short note when no Atkinson font is installed."""
    family = find_font()
    if family is None:
        return "Atkinson Hyperlegible Next is not installed; using pygame's default font."
    try:
        return f"{family.name}\n\n" + family.licence.read_text(encoding="utf-8")
    except OSError:
        return f"{family.name}, Copyright The Atkinson Hyperlegible Project Authors. SIL Open Font License 1.1."


class Text:
    """Fonts by size and style, and caches of rendered lines and wrapped paragraphs."""

    def __init__(self, cache_size: int = 1500):
        self.family = find_font()
        self._fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}
        self._lines: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._wraps: OrderedDict[tuple, tuple[str, ...]] = OrderedDict()
        self._word_widths: dict[tuple[int, bool], dict[str, int]] = {}
        self._cache_size = cache_size

    @property
    def using_atkinson(self) -> bool:
        return self.family is not None

    def font(self, size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
        key = (size, bold, italic)
        font = self._fonts.get(key)
        if font is None:
            if self.family is not None:
                font = pygame.font.Font(str(self.family.file(bold, italic)), size)
            else:
                font = pygame.font.Font(None, round(size * 1.3))  # the default font runs small
                font.set_bold(bold)
                font.set_italic(italic)
            self._fonts[key] = font
        return font

    def line_height(self, size: int, bold: bool = False) -> int:
        return round(self.font(size, bold).get_linesize() * 1.08)

    def render(self, line: str, size: int, colour, bold: bool = False, italic: bool = False) -> pygame.Surface:
        """One line of text, rendered once and then served from the cache."""
        key = (line, size, tuple(colour), bold, italic)
        surface = self._lines.get(key)
        if surface is None:
            surface = self.font(size, bold, italic).render(line, True, colour)
            self._lines[key] = surface
            if len(self._lines) > self._cache_size:
                self._lines.popitem(last=False)
        else:
            self._lines.move_to_end(key)
        return surface

    def width(self, line: str, size: int, bold: bool = False) -> int:
        return self.font(size, bold).size(line)[0]

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> tuple[str, ...]:
        """`text` broken into lines no wider than `width` pixels; blank lines keep paragraphs apart."""
        key = (text, size, width, bold)
        lines = self._wraps.get(key)
        if lines is not None:
            return lines
        font = self.font(size, bold)
        words_w = self._word_widths.setdefault((size, bold), {})
        if len(words_w) > 20_000:
            words_w.clear()
        space = self.width(" ", size, bold)

        def word_width(word: str) -> int:
            w = words_w.get(word)
            if w is None:
                w = words_w[word] = font.size(word)[0]
            return w

        out: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split()
            if not words:
                out.append("")
                continue
            current, current_w, pieces = "", 0, 0
            for word in words:
                candidate = f"{current} {word}" if current else word
                # Widths add up word by word (cached). Each piece's width is rounded by at most a
                # pixel, so a line that close to the edge is measured whole: the lines are the
                # same as measuring every candidate, for a fraction of the cost.
                estimate = current_w + space + word_width(word) if current else word_width(word)
                slack = pieces + 2
                if estimate <= width - slack or (estimate <= width + slack and font.size(candidate)[0] <= width):
                    current, current_w, pieces = candidate, estimate, pieces + 2
                    continue
                if current:
                    out.append(current)
                current = word
                while font.size(current)[0] > width and len(current) > 1:
                    cut = _longest_prefix(font, current, width)
                    out.append(current[:cut])
                    current = current[cut:]
                current_w, pieces = font.size(current)[0], 1
            out.append(current)
        lines = tuple(out)
        self._wraps[key] = lines
        if len(self._wraps) > self._cache_size:
            self._wraps.popitem(last=False)
        return lines

    def block_height(self, text: str, size: int, width: int, bold: bool = False) -> int:
        return len(self.wrap(text, size, width, bold)) * self.line_height(size, bold)

    def draw(self, surface: pygame.Surface, text: str, pos: tuple[int, int], size: int, colour,
             width: int, bold: bool = False, italic: bool = False, limit: int | None = None) -> int:
        """Draw wrapped text at `pos`; only the first `limit` characters when given. Returns the height used."""
        x, y = pos
        step = self.line_height(size, bold)
        remaining = limit
        for line in self.wrap(text, size, width, bold):
            if remaining is not None and remaining <= 0:
                break
            rendered = self.render(line, size, colour, bold, italic)
            if remaining is not None and remaining < len(line):
                # Reveal by clipping the cached full line, so the layout never reflows mid-reveal.
                shown = self.font(size, bold, italic).size(line[:remaining])[0]
                surface.blit(rendered, (x, y), pygame.Rect(0, 0, shown, rendered.get_height()))
            else:
                surface.blit(rendered, (x, y))
            if remaining is not None:
                remaining -= len(line) + 1
            y += step
        return len(self.wrap(text, size, width, bold)) * step

    def draw_line(self, surface: pygame.Surface, line: str, pos: tuple[int, int], size: int, colour,
                  bold: bool = False, italic: bool = False, anchor: str = "topleft") -> pygame.Rect:
        """Draw one unwrapped line positioned by a pygame.Rect anchor name; returns its rect."""
        rendered = self.render(line, size, colour, bold, italic)
        rect = rendered.get_rect(**{anchor: pos})
        surface.blit(rendered, rect)
        return rect


def _longest_prefix(font: pygame.font.Font, word: str, width: int) -> int:
    """How many characters of an over-long word fit in `width` (at least one)."""
    cut = 1
    while cut < len(word) and font.size(word[: cut + 1])[0] <= width:
        cut += 1
    return cut
