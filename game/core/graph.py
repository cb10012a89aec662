"""A scenario as a networkx graph, and the checks that need the whole graph.

Nodes are the scenario's nodes (attribute `kind`: beat, decision, branch, ending); edges are
the ways on: a beat to its next node, each choice to its target (attributes `choice`, the
choice's key, and `scores`), each branch arm to its target. A MultiDiGraph, because two choices
at one decision may lead to the same place.
"""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from .errors import ERROR, WARNING, Problem
from .model import Beat, Branch, Decision, Ending, Scenario

_GRAPHS: "weakref.WeakKeyDictionary[Scenario, nx.MultiDiGraph]" = weakref.WeakKeyDictionary()


def compile_graph(scenario: Scenario) -> "nx.MultiDiGraph":
    """The scenario's graph (built once per scenario, then shared: do not modify it)."""
    g = _GRAPHS.get(scenario)
    if g is None:
        g = _GRAPHS[scenario] = _build(scenario)
    return g


def _build(scenario: Scenario) -> nx.MultiDiGraph:
    return _build_nodes(scenario.nodes, scenario.start, scenario.id)


def _build_nodes(nodes, start: str, sid: str) -> "nx.MultiDiGraph":
    import networkx as nx  # only analysis and export need the graph library
    g = nx.MultiDiGraph(scenario=sid, start=start)
    g.add_nodes_from((nid, {"kind": n.kind.value, "line": n.where[1]}) for nid, n in nodes.items())
    edges = []
    for nid, n in nodes.items():
        if isinstance(n, Beat):
            edges.append((nid, n.next, {"choice": None, "scores": {}}))
        elif isinstance(n, Decision):
            edges.extend((nid, c.target, {"choice": c.key, "scores": dict(c.scores),
                                          "conditional": c.condition is not None})
                         for c in n.choices)
        elif isinstance(n, Branch):
            edges.extend((nid, r.target, {"choice": None, "scores": {},
                                          "conditional": r.condition is not None})
                         for r in n.routes)
    g.add_edges_from(e for e in edges if e[1] in nodes)
    return g


def endings(g: "nx.MultiDiGraph") -> list[str]:
    return [n for n, kind in g.nodes(data="kind") if kind == "ending"]


def graph_problems(nodes, start: str, unsure: dict | None = None,
                   also_from: tuple = ()) -> list[Problem]:
    """Unreachable nodes, endings never reached, and places from which no ending can be reached
    (a loop with no way out, or a dead end), over nodes that may be incomplete: `unsure` maps
    each node that could not be built (or whose target is misspelt) to the ids it may lead to;
    such nodes count as reaching an ending, so a mistake already reported does not cascade.
    `also_from` names nodes reachable however the story starts (where triggers lead).

    Plain dictionaries rather than networkx: this runs on every validate, and importing
    networkx would cost more than the checks."""
    unsure = unsure or {}
    succ: dict[str, list] = {nid: [t for t in node_targets(n) if t in nodes or t in unsure]
                             for nid, n in nodes.items()}
    for nid, targets in unsure.items():
        succ[nid] = [t for t in targets if t in nodes or t in unsure]
    if start not in succ:
        return []
    pred: dict[str, list] = {nid: [] for nid in succ}
    for nid, targets in succ.items():
        for t in targets:
            pred.setdefault(t, []).append(nid)
    # `also_from`: where "at any point" triggers lead, reachable once anything is played
    reachable = _reach(succ, [start, *(t for t in also_from if t in succ)])
    ends = [nid for nid, n in nodes.items() if isinstance(n, Ending)]
    finishing = _reach(pred, ends + list(unsure))
    problems = []
    if not ends and not unsure and start in nodes:
        n = nodes[start]
        problems.append(Problem(ERROR, n.where[0], n.where[1], n.where[2],
                                "this scenario has no ending",
                                "add at least one node with 'ending:'"))
    for nid, node in nodes.items():
        file, line, col = node.where
        if nid not in reachable:
            if isinstance(node, Ending):
                problems.append(Problem(WARNING, file, line, col,
                                        f"the ending '{nid}' can never be reached",
                                        "add a 'goto' or choice leading to it, or remove it"))
            elif not any(p not in reachable and p != nid for p in pred[nid]):
                # reported only where an unreachable stretch begins, not at every node in it
                problems.append(Problem(WARNING, file, line, col,
                                        f"nothing leads to this {node.kind} ('{nid}')",
                                        "add a 'goto' to it, or remove it"))
        elif (ends or unsure) and nid not in finishing:
            if nid == start or not pred[nid] or any(p in finishing or p == start
                                                    for p in pred[nid]):
                problems.append(Problem(ERROR, file, line, col,
                                        f"from this {node.kind} ('{nid}') no ending can ever be "
                                        "reached: the story loops forever",
                                        "give the loop a way out that leads to an ending"))
    return problems


def node_targets(node) -> tuple:
    """The ids a node can lead to (a beat's next, each choice's and branch arm's target)."""
    if isinstance(node, Beat):
        return (node.next,)
    if isinstance(node, Decision):
        return tuple(c.target for c in node.choices)
    if isinstance(node, Branch):
        return tuple(r.target for r in node.routes)
    return ()


def _reach(adj, seeds) -> set:
    seen = set(seeds)
    stack = list(seeds)
    while stack:
        for p in adj.get(stack.pop(), ()):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen
