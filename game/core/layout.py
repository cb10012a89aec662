"""Where to draw each node of a scenario's graph: layers from the start, ordered to limit
crossings. Pure positions in 0..1, shared by every picture of a story (the debrief screen, the
exported SVG, the cohort heatmap). networkx's force layouts need numpy, which Doorstep does not
ship, and layers read like the story anyway."""
from __future__ import annotations

import weakref

import networkx as nx

from .graph import compile_graph
from .model import Scenario

_CACHE: "weakref.WeakKeyDictionary[Scenario, dict]" = weakref.WeakKeyDictionary()


def layout(scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) in 0..1: x is the layer (steps from the start), y the place in it.

    Layers are longest-path depths when the story has no loops (so it reads in story order)
    and shortest-path depths otherwise; each layer is sorted by where the nodes leading into
    it sit (a few barycentre passes)."""
    pos = _CACHE.get(scenario)
    if pos is None:
        pos = _CACHE[scenario] = _layout(scenario)
    return pos


def _layout(scenario: Scenario) -> dict[str, tuple[float, float]]:
    simple = nx.DiGraph(compile_graph(scenario))
    depth = nx.single_source_shortest_path_length(simple, scenario.start)
    if nx.is_directed_acyclic_graph(simple):
        for node in nx.topological_sort(simple):
            if node in depth:
                depth[node] = max([depth[p] + 1 for p in simple.predecessors(node)
                                   if p in depth] or [0])
    far = max(depth.values(), default=0) + 1
    for node in simple.nodes:  # anything unreachable goes after everything else
        depth.setdefault(node, far)
    order = {nid: i for i, nid in enumerate(scenario.nodes)}
    layers: dict[int, list[str]] = {}
    for node, d in depth.items():
        layers.setdefault(d, []).append(node)
    for nodes in layers.values():
        nodes.sort(key=lambda n: order.get(n, 0))
    y: dict[str, float] = {}
    for _ in range(3):
        for d in sorted(layers):
            nodes = layers[d]
            for i, node in enumerate(nodes):
                y.setdefault(node, (i + 1) / (len(nodes) + 1))

            def centre(n):
                preds = [y[p] for p in simple.predecessors(n) if p in y and depth[p] < depth[n]]
                return sum(preds) / len(preds) if preds else y[n]
            nodes.sort(key=lambda n: (centre(n), order.get(n, 0)))
            for i, node in enumerate(nodes):
                y[node] = (i + 1) / (len(nodes) + 1)
    top = max(layers) or 1
    return {node: (depth[node] / top, y[node]) for node in depth}
