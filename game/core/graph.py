"""A scenario as a networkx graph, and the checks that need the whole graph.

Nodes are the scenario's nodes (attribute `kind`: beat, decision, branch, ending); edges are
the ways on: a beat to its next node, each choice to its target (attributes `choice`, the
choice's key, and `scores`), each branch arm to its target. A MultiDiGraph, because two choices
at one decision may lead to the same place.
"""
from __future__ import annotations

import weakref

import networkx as nx

from .errors import ERROR, WARNING, Problem
from .model import Beat, Branch, Decision, Ending, Scenario

_GRAPHS: "weakref.WeakKeyDictionary[Scenario, nx.MultiDiGraph]" = weakref.WeakKeyDictionary()


def compile_graph(scenario: Scenario) -> nx.MultiDiGraph:
    """The scenario's graph (built once per scenario, then shared: do not modify it)."""
    g = _GRAPHS.get(scenario)
    if g is None:
        g = _GRAPHS[scenario] = _build(scenario)
    return g


def _build(scenario: Scenario) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(scenario=scenario.id, start=scenario.start)
    nodes = scenario.nodes
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


def endings(g: nx.MultiDiGraph) -> list[str]:
    return [n for n, kind in g.nodes(data="kind") if kind == "ending"]


def structural_problems(scenario: Scenario) -> list[Problem]:
    """Unreachable nodes, endings never reached, and places from which no ending can be reached
    (a loop with no way out, or a dead end)."""
    g = compile_graph(scenario)
    problems = []
    reachable = nx.descendants(g, scenario.start) | {scenario.start}
    finishing = set()
    ends = endings(g)
    if ends:
        finishing = set(ends).union(*(nx.ancestors(g, e) for e in ends)) if len(ends) < 64 else \
            _reverse_reach(g, ends)
    else:
        n = scenario.nodes[scenario.start]
        problems.append(Problem(ERROR, n.where[0], n.where[1], n.where[2],
                                "this scenario has no ending",
                                "add at least one node with 'ending:'"))
    for nid, node in scenario.nodes.items():
        file, line, col = node.where
        if nid not in reachable:
            if isinstance(node, Ending):
                problems.append(Problem(WARNING, file, line, col,
                                        f"the ending '{nid}' can never be reached",
                                        "add a 'goto' or choice leading to it, or remove it"))
            elif _is_first_unreachable(g, nid, reachable):
                problems.append(Problem(WARNING, file, line, col,
                                        f"nothing leads to this {node.kind} ('{nid}')",
                                        "add a 'goto' to it, or remove it"))
        elif ends and nid not in finishing:
            if _is_first_stuck(g, nid, finishing):
                problems.append(Problem(ERROR, file, line, col,
                                        f"from this {node.kind} ('{nid}') no ending can ever be "
                                        "reached: the story loops forever",
                                        "give the loop a way out that leads to an ending"))
    return problems


def _reverse_reach(g, targets) -> set:
    seen = set(targets)
    stack = list(targets)
    pred = g.pred
    while stack:
        for p in pred[stack.pop()]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def _is_first_unreachable(g, nid, reachable) -> bool:
    # Report only where an unreachable stretch begins, not every node inside it.
    return not any(p not in reachable and p != nid for p in g.predecessors(nid))


def _is_first_stuck(g, nid, finishing) -> bool:
    return any(p in finishing or p == g.graph["start"] for p in g.predecessors(nid)) or \
        nid == g.graph["start"] or not any(True for _ in g.predecessors(nid))
