"""The scenario graph with a route drawn over it, on screen (pygame) and as inline SVG.

Node positions come from the core's layout (game.core.layout), so every picture of a story
matches. On screen the picture is drawn once into a surface (`picture`) and blitted each frame:
a 10,000-node story costs one drawing per window size, not one per frame.
"""
from __future__ import annotations

from html import escape

import pygame

from game.core.analysis import compile_graph
from game.core.layout import layout

SHAPES = {"decision": "diamond", "ending": "square", "beat": "circle", "branch": "triangle"}


def route_edges(route: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(zip(route, route[1:]))


def picture(size: tuple[int, int], scenario, route: tuple[str, ...], palette, line: int,
            background) -> pygame.Surface:
    """The graph with `route` drawn over it on a `background`-filled surface of `size`."""
    surface = pygame.Surface((max(1, size[0]), max(1, size[1])))
    surface.fill(background)
    draw(surface, surface.get_rect(), scenario, route, palette, line)
    return surface


def draw(surface: pygame.Surface, rect: pygame.Rect, scenario, route: tuple[str, ...], palette, line: int) -> None:
    """Draw the whole graph faintly in `rect`, then `route` over it in bold with its stops marked."""
    g = compile_graph(scenario)
    pos = layout(scenario)
    pad = max(8, line * 3)
    inner = rect.inflate(-2 * pad, -2 * pad)

    def at(node):
        x, y = pos[node]
        return round(inner.x + x * inner.width), round(inner.y + y * inner.height)

    faint = palette.panel_edge
    for a, b in g.edges():
        pygame.draw.line(surface, faint, at(a), at(b), 1)
    taken = route_edges(route)
    for a, b in taken:
        if a in pos and b in pos:
            pygame.draw.line(surface, palette.accent, at(a), at(b), max(2, line))
    on_route = set(route)
    r = max(3, line * 2)
    for node, kind in g.nodes(data="kind"):
        colour = palette.accent if node in on_route else faint
        _shape(surface, SHAPES.get(kind, "circle"), at(node), r if node in on_route else max(2, r // 2), colour)


def _shape(surface, shape: str, centre, r: int, colour) -> None:
    x, y = centre
    if shape == "diamond":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)])
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    elif shape == "triangle":
        pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y + r), (x - r, y + r)])
    else:
        pygame.draw.circle(surface, colour, (x, y), r)


def svg(scenario, route: tuple[str, ...], width: int = 560, height: int = 260, accent: str = "#17696f") -> str:
    """The same drawing as inline SVG for the exported debrief (no external resources)."""
    g = compile_graph(scenario)
    pos = layout(scenario)
    pad = 14

    def at(node):
        x, y = pos[node]
        return round(pad + x * (width - 2 * pad), 1), round(pad + y * (height - 2 * pad), 1)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" style="max-width:100%;height:auto" role="img">']
    for a, b in g.edges():
        (x1, y1), (x2, y2) = at(a), at(b)
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#c4bcac" stroke-width="1"/>')
    for a, b in route_edges(route):
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = at(a), at(b)
            parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{accent}" stroke-width="3"/>')
    on_route = set(route)
    for node, kind in g.nodes(data="kind"):
        x, y = at(node)
        r = 5 if node in on_route else 3
        fill = accent if node in on_route else "#c4bcac"
        title = f"<title>{escape(str(node))} ({escape(str(kind))})</title>"
        if kind == "decision":
            parts.append(f'<polygon points="{x},{y - r - 1} {x + r + 1},{y} {x},{y + r + 1} {x - r - 1},{y}" fill="{fill}">{title}</polygon>')
        elif kind == "ending":
            parts.append(f'<rect x="{x - r}" y="{y - r}" width="{2 * r}" height="{2 * r}" fill="{fill}">{title}</rect>')
        else:
            parts.append(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{fill}">{title}</circle>')
    parts.append("</svg>")
    return "".join(parts)
