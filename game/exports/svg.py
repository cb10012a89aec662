"""Inline SVG charts for self-contained reports: no scripts, no fonts or files fetched.

Every piece of text goes through html.escape: learner names and scenario text are data.
"""
from __future__ import annotations

from html import escape

INK = "#1f2933"
MUTED = "#9aa5b1"
PASS = "#2f7d4f"
FAIL = "#b3432b"
LOW, HIGH = (0xEE, 0xF3, 0xF8), (0x0B, 0x3C, 0x5D)  # a light-to-dark blue, readable as greyscale


def shade(share: float) -> str:
    """A colour from light (0) to dark (1) for heatmaps."""
    share = min(max(share, 0.0), 1.0)
    return "#" + "".join(f"{round(lo + (hi - lo) * share):02x}" for lo, hi in zip(LOW, HIGH))


def histogram(counts: tuple[int, ...], title: str, mark: int | None = None,
              width: int = 300, height: int = 150) -> str:
    """Bars of how many scores fell in each band of 0-100, with an optional pass-mark line."""
    left, bottom, top = 28, 22, 22
    plot_w, plot_h = width - left - 8, height - bottom - top
    most = max(counts) or 1
    bar_w = plot_w / len(counts)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<text x="{left}" y="14" font-size="12" fill="{INK}">{escape(title)}</text>',
             f'<text x="{left - 4}" y="{top + 8}" font-size="9" text-anchor="end" fill="{MUTED}">{most}</text>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{MUTED}"/>']
    for i, n in enumerate(counts):
        h = plot_h * n / most
        x = left + i * bar_w
        low = i * 100 // len(counts)
        colour = PASS if mark is not None and low >= mark else shade(0.85)
        parts.append(f'<rect class="bar" x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 2:.1f}" '
                     f'height="{h:.1f}" fill="{colour}">'
                     f'<title>{low}-{low + 100 // len(counts) - 1 if i < len(counts) - 1 else 100}: {n}</title></rect>')
    for value in (0, 50, 100):
        x = left + plot_w * value / 100
        parts.append(f'<text x="{x:.1f}" y="{height - 6}" font-size="9" text-anchor="middle" fill="{MUTED}">{value}</text>')
    if mark is not None:
        x = left + plot_w * mark / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + plot_h}" stroke="{FAIL}" '
                     f'stroke-dasharray="3 2"><title>pass mark {mark}</title></line>')
    parts.append("</svg>")
    return "".join(parts)


def pass_bar(passed: int, failed: int, unfinished: int, width: int = 420) -> str:
    """One stacked bar: passed, failed, not finished."""
    total = passed + failed + unfinished or 1
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} 34" width="{width}" height="34" '
             f'xmlns="http://www.w3.org/2000/svg"><title>Passed {passed}, failed {failed}, '
             f'not finished {unfinished}</title>']
    x = 0.0
    for n, colour, label in ((passed, PASS, "passed"), (failed, FAIL, "failed"), (unfinished, MUTED, "not finished")):
        w = width * n / total
        if n:
            parts.append(f'<rect class="bar" x="{x:.1f}" y="0" width="{w:.1f}" height="22" fill="{colour}">'
                         f'<title>{n} {label}</title></rect>')
            if w > 40:
                parts.append(f'<text x="{x + 4:.1f}" y="15" font-size="11" fill="#fff">{n} {label}</text>')
        x += w
    parts.append("</svg>")
    return "".join(parts)
