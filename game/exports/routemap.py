"""The cohort's routes drawn on the scenario graph: a heatmap a trainer can read at a glance.

The graph and node positions come from the core (compile_graph, layout), so the map matches
every other picture of the story. The story reads top to bottom.
"""
from __future__ import annotations

from html import escape

import networkx as nx

from game.core.analysis import compile_graph
from game.core.errors import AuthoringError
from game.core.layout import layout
from game.core.loader import load_path
from game.exports.cohort import Routes
from game.exports.svg import INK, MUTED, shade
from game.storage.store import ScenarioRef
from game.web.protocol import node_label

ROW, COL, MARGIN = 64, 120, 40


def route_map_html(ref: ScenarioRef, routes: Routes) -> str:
    """The map for one scenario of a session, with a note if the file changed or cannot be read."""
    try:
        scenario = load_path(ref.path)
    except (AuthoringError, OSError) as err:
        reason = "it has errors" if isinstance(err, AuthoringError) else "the file is missing"
        return (f'<p class="muted">No route map: the scenario file {escape(ref.path)} could not be '
                f"loaded ({reason}). The other figures in this report do not need it.</p>")
    note = "" if scenario.source_hash == ref.source_hash else (
        '<p class="muted">The scenario file has changed since this session was set up; '
        "the map shows the current version.</p>")
    # Several choices can lead to the same place; the map draws one line per pair of nodes.
    labels = {n: node_label(scenario, n) for n in scenario.nodes}
    return note + route_map(nx.DiGraph(compile_graph(scenario)), layout(scenario), routes, labels)


def route_map(graph: nx.DiGraph, positions: dict[str, tuple[float, float]], routes: Routes,
              labels: dict[str, str] | None = None) -> str:
    """An SVG of the graph: darker, thicker steps were taken by more of the cohort. Nodes are
    named by `labels` (what happens there), never by generated ids like 'L98'."""
    labels = labels or {}
    if not positions:
        return '<p class="muted">No routes yet.</p>'
    layers = len({x for x, _ in positions.values()})
    widest = max(sum(1 for p in positions.values() if p[0] == x) for x, _ in positions.values())
    width, height = (widest + 1) * COL, (layers - 1) * ROW + 2 * MARGIN
    # The core lays the story out left to right (x = step); turned here to read top to bottom.
    pos = {n: (y * width, MARGIN + x * (height - 2 * MARGIN)) for n, (x, y) in positions.items()}
    total = routes.attempts or 1
    parts = [f'<svg class="chart route-map" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
             f'xmlns="http://www.w3.org/2000/svg" style="max-width:{width:.0f}px">'
             f'<title>Routes taken through {escape(routes.title)}</title>'
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5" '
             f'markerHeight="5" orient="auto"><path d="M0,0L10,5L0,10z" fill="{MUTED}"/></marker></defs>']
    for a, b in graph.edges():
        if a not in pos or b not in pos:
            continue
        n = routes.edges.get((a, b), 0)
        (x1, y1), (x2, y2) = pos[a], pos[b]
        style = (f'stroke="{shade(0.3 + 0.7 * n / total)}" stroke-width="{1.5 + 9 * n / total:.1f}"' if n
                 else f'stroke="{MUTED}" stroke-width="1" stroke-dasharray="4 3" marker-end="url(#arrow)"')
        parts.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style}>'
                     f'<title>{escape(labels.get(a, a))} → {escape(labels.get(b, b))}: {n} of {total}</title></line>')
    for node, (x, y) in pos.items():
        n = routes.nodes.get(node, 0)
        ending = graph.nodes[node].get("kind") == "ending"
        fill = shade(n / total) if n else "#ffffff"
        shape = (f'<rect x="{x - 12:.1f}" y="{y - 12:.1f}" width="24" height="24" rx="3"' if ending
                 else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="12"')
        parts.append(f'<g class="node">{shape} fill="{fill}" stroke="{INK}" stroke-width="1">'
                     f'<title>{escape(labels.get(node, node))}: {n} of {total} ({100 * n / total:.0f}%)</title>'
                     f'{"</rect>" if ending else "</circle>"}'
                     f'<text x="{x:.1f}" y="{y + 26:.1f}" font-size="9" text-anchor="middle" fill="{INK}" '
                     'stroke="#fff" stroke-width="3" paint-order="stroke">'
                     f'{escape(_short(labels.get(node, node)))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _short(node: str, limit: int = 18) -> str:
    return node if len(node) <= limit else node[: limit - 1] + "…"
