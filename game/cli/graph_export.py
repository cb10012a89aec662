"""`main.py graph`: the story graph as DOT, GraphML, JSON (node-link) or SVG."""
from __future__ import annotations

import html
import io
import json

import networkx as nx

from game.core.graph import compile_graph
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


def svg(scenario: Scenario, width: int = 1200, highlight: tuple[str, ...] = ()) -> str:
    """A self-contained SVG of the story graph; `highlight` is a route drawn over it."""
    g = nx.DiGraph(_labelled(scenario))
    pos = layout(scenario)
    layers = len({x for x, _ in pos.values()})
    height = max(300, layers * 40)

    def xy(n):  # layers run top to bottom, like the story
        x, y = pos[n]
        return 40 + y * (width - 80), 30 + x * (height - 60)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" font-family="sans-serif" font-size="10">',
           f"<title>{html.escape(scenario.title)}</title>"]
    on_route = set(zip(highlight, highlight[1:]))
    for u, v in g.edges():
        (x1, y1), (x2, y2) = xy(u), xy(v)
        hot = (u, v) in on_route
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                   f'stroke="{"#c0392b" if hot else "#9aa5b1"}" '
                   f'stroke-width="{3 if hot else 1}"/>')
    for n, data in g.nodes(data=True):
        x, y = xy(n)
        fill, _ = KIND_STYLE[data["kind"]]
        r = 9 if data["kind"] in ("decision", "ending") else 6
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" stroke="#34495e">'
                   f'<title>{html.escape(data["label"])}</title></circle>')
        if data["kind"] in ("decision", "ending"):
            out.append(f'<text x="{x + 11:.1f}" y="{y + 3:.1f}">{html.escape(n)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
