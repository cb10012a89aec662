"""`main.py graph`: the story graph as DOT, GraphML, JSON (node-link) or SVG."""
from __future__ import annotations

import html
import io
import json

import networkx as nx

from game.core.graph import compile_graph, node_targets
from game.core.layout import layout
from game.core.model import Scenario

KIND_STYLE = {  # fill colour and shape per node kind, shared by DOT and SVG
    "beat": ("#e8eef5", "box"),
    "decision": ("#ffd98e", "diamond"),
    "branch": ("#d9d2e9", "hexagon"),
    "ending": ("#b6d7a8", "doubleoctagon"),
}


def _labelled(scenario: Scenario) -> nx.MultiDiGraph:
    """A copy of the graph with plain-text attributes that every format can hold."""
    g = compile_graph(scenario)
    out = nx.MultiDiGraph(name=scenario.title)
    for nid, data in g.nodes(data=True):
        node = scenario.nodes[nid]
        label = getattr(node, "title", None) or getattr(node, "prompt", None) or \
            getattr(node, "text", None) or nid
        out.add_node(nid, kind=data["kind"], line=data["line"], label=f"{nid}: {label[:60]}")
    for u, v, data in g.edges(data=True):
        scores = ", ".join(f"{k} {s:+d}" for k, s in data["scores"].items())
        out.add_edge(u, v, choice=data["choice"] or "", scores=scores)
    return out


def export(scenario: Scenario, fmt: str) -> str:
    g = _labelled(scenario)
    if fmt == "json":
        return json.dumps(nx.node_link_data(g, edges="edges"), indent=1) + "\n"
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(g, buf)
        return buf.getvalue().decode("utf-8")
    if fmt == "dot":
        import pydot  # only needed for this format
        dot = pydot.Dot(graph_type="digraph", rankdir="TB")
        for nid, data in g.nodes(data=True):
            fill, shape = KIND_STYLE[data["kind"]]
            dot.add_node(pydot.Node(pydot.quote_id_if_necessary(nid),
                                    label=pydot.quote_id_if_necessary(data["label"]),
                                    shape=shape, style="filled", fillcolor=fill))
        for u, v, data in g.edges(data=True):
            attrs = {"label": pydot.quote_id_if_necessary(data["scores"])} if data["scores"] \
                else {}
            dot.add_edge(pydot.Edge(pydot.quote_id_if_necessary(u),
                                    pydot.quote_id_if_necessary(v), **attrs))
        return dot.to_string()
    return svg(scenario)


GOOD = {"child_seen_safe", "child_protected"}
ENDING_FILL = {True: "#b6d7a8", False: "#f4c7c3"}  # good endings green, the rest red
BOX_W, BOX_H, GAP_X, GAP_Y = 190, 46, 36, 64


def _first_words(text: str, limit: int = 48) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _box_lines(scenario: Scenario, node) -> tuple[str, str]:
    """(heading, first words) for a node's box: who speaks, or what kind of node it is."""
    kind = node.kind.value if hasattr(node.kind, "value") else str(node.kind)
    if kind == "beat":
        who = scenario.characters.get(node.speaker or "")
        return (who.name if who else "Narration"), _first_words(node.text)
    if kind == "decision":
        who = scenario.characters.get(node.speaker or "")
        return (f"Decision ({who.name})" if who else "Decision"), _first_words(node.prompt)
    if kind == "branch":
        return "Branch", node.id
    return f"Ending: {node.ending.replace('_', ' ')}", _first_words(node.title)


def _edge_labels(scenario: Scenario) -> dict[tuple[str, str], str]:
    """(from, to) -> the choice(s) or condition(s) that lead that way."""
    labels: dict[tuple[str, str], list[str]] = {}
    for node in scenario.nodes.values():
        for i, c in enumerate(getattr(node, "choices", ()), 1):
            labels.setdefault((node.id, c.target), []).append(f"{i}. {_first_words(c.text, 30)}")
        for r in getattr(node, "routes", ()):
            labels.setdefault((node.id, r.target), []).append(
                f"if {_first_words(r.condition.source, 30)}" if r.condition else "otherwise")
    return {k: "; ".join(v) for k, v in labels.items()}


def svg(scenario: Scenario) -> str:
    """A story map as a self-contained SVG: beats labelled by speaker and first words, decisions
    by their prompt, arrows labelled by the choice or condition that takes them, endings
    coloured by kind (green: can pass; red: cannot)."""
    pos = layout(scenario)
    layers: dict[float, list[str]] = {}
    for nid, (depth, _) in pos.items():
        layers.setdefault(depth, []).append(nid)
    rows = sorted(layers)
    widest = max(len(v) for v in layers.values())
    width = widest * (BOX_W + GAP_X) + GAP_X
    height = len(rows) * (BOX_H + GAP_Y) + GAP_Y + 40
    at: dict[str, tuple[float, float]] = {}
    for r, depth in enumerate(rows):
        nids = sorted(layers[depth], key=lambda n: pos[n][1])
        left = (width - len(nids) * (BOX_W + GAP_X) + GAP_X) / 2
        for i, nid in enumerate(nids):
            at[nid] = (left + i * (BOX_W + GAP_X), GAP_Y / 2 + 40 + r * (BOX_H + GAP_Y))
    esc = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}" font-family="sans-serif" font-size="11">',
           f"<title>{esc(scenario.title)}: story map</title>",
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
           'fill="#5b6770"/></marker></defs>',
           f'<text x="{GAP_X}" y="24" font-size="15" font-weight="bold">{esc(scenario.title)}'
           '</text>',
           f'<text x="{width - GAP_X:.0f}" y="24" text-anchor="end">'
           '<tspan fill="#3d7a2a">\u25a0 can pass</tspan>  '
           '<tspan fill="#b03a2e">\u25a0 cannot pass</tspan></text>']
    labels = _edge_labels(scenario)
    drawn = set()
    for node in scenario.nodes.values():
        for target in dict.fromkeys(t for t in node_targets(node) if t in at):
            if (node.id, target) in drawn:
                continue
            drawn.add((node.id, target))
            (x1, y1), (x2, y2) = at[node.id], at[target]
            sx, sy = x1 + BOX_W / 2, y1 + BOX_H
            if y2 > y1:  # forward: straight down
                tx, ty = x2 + BOX_W / 2, y2
                path = f"M {sx:.0f} {sy:.0f} L {tx:.0f} {ty:.0f}"
                mx, my = sx + (tx - sx) * 0.35, sy + (ty - sy) * 0.35  # near its decision
            else:  # back up the story (a loop): round the right-hand side
                tx, ty = x2 + BOX_W, y2 + BOX_H / 2
                bend = max(x1, x2) + BOX_W + GAP_X * 0.8
                path = (f"M {x1 + BOX_W:.0f} {y1 + BOX_H / 2:.0f} C {bend:.0f} {y1:.0f} "
                        f"{bend:.0f} {y2 + BOX_H:.0f} {tx:.0f} {ty:.0f}")
                mx, my = bend - 6, (y1 + y2 + BOX_H) / 2
            out.append(f'<path d="{path}" fill="none" stroke="#5b6770" stroke-width="1.2" '
                       'marker-end="url(#arrow)"/>')
            label = labels.get((node.id, target))
            if label:
                out.append(f'<text x="{mx:.0f}" y="{my:.0f}" text-anchor="middle" '
                           f'font-size="9" fill="#34495e" stroke="#fff" stroke-width="3" '
                           f'paint-order="stroke">{esc(_first_words(label, 44))}'
                           f'<title>{esc(label)}</title></text>')
    for nid, (x, y) in at.items():
        node = scenario.nodes[nid]
        kind = node.kind.value if hasattr(node.kind, "value") else str(node.kind)
        fill = ENDING_FILL[node.ending in GOOD] if kind == "ending" else KIND_STYLE[kind][0]
        heading, words = _box_lines(scenario, node)
        rx = 14 if kind == "decision" else 4
        out.append(f'<g><title>{esc(nid)} (line {node.where[1]})</title>'
                   f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="{rx}" '
                   f'fill="{fill}" stroke="#34495e"/>'
                   f'<text x="{x + 8:.0f}" y="{y + 17:.0f}" font-weight="bold">'
                   f'{esc(_first_words(heading, 30))}</text>'
                   f'<text x="{x + 8:.0f}" y="{y + 34:.0f}">{esc(_first_words(words, 34))}'
                   '</text></g>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
