"""`main.py analyse`: the analysis of a scenario as readable text or JSON."""
from __future__ import annotations

from game.core.analysis import TOTAL, Analysis
from game.core.competencies import COMPETENCIES
from game.core.critical import CriticalCheck
from game.core.model import Scenario
from game.core.tells import scenario_tells, tells_report


def _route(route) -> str:
    return " -> ".join(route) if len(route) <= 14 else \
        " -> ".join(route[:6]) + f" -> ... ({len(route) - 12} more) -> " + " -> ".join(route[-6:])


def critical_report(check: CriticalCheck) -> list[str]:
    """What `analyse` says about critical faults."""
    if not check.routes:
        return ["  Critical faults: none marked (see 'critical:' in docs/authoring.md)"]
    lines = [f"  Critical faults ({len(check.routes)} choices; any one fails an attempt):"]
    for r in check.routes:
        c = r.choice
        lines.append(f"    {c.key} (line {c.where[1]}): {c.text[:70]}")
        lines.append(f"      why: {c.critical}")
        if r.numbers is None:
            lines.append("      no safe ending can be reached after it")
            continue
        lead = "would pass but for the fault" if r.would_pass else "would not pass anyway"
        lines.append(f"      best route through it to a safe ending: {r.overall}/100, {lead}; "
                     f"{'PASSES' if r.passed else 'not passed'} "
                     f"(--choices {','.join(map(str, r.numbers))})")
    if not check.complete:
        lines.append("    (not every play state was checked: the story loops or is too large)")
    lines.append(f"    {check.passing} of those routes pass.")
    if check.on_best_route:
        lines.append(f"    WARNING: the best-scoring route takes {', '.join(check.on_best_route)}, "
                     "so 100 can never pass: score the critical choice lower.")
    return lines


def analysis_report(scenario: Scenario, a: Analysis, check: CriticalCheck) -> str:
    lines = [f"{scenario.title} ({scenario.id})",
             f"  {a.nodes} nodes, {a.decisions} decisions, {a.endings} endings "
             f"({len(a.reachable_endings)} reachable)"]
    if a.route_count is None:
        lines.append("  Routes: unbounded (the story has loops)")
    else:
        lines.append(f"  Routes from start to an ending: "
                     f"{'more than ' if a.route_count_capped else ''}{a.route_count}")
    lines.append(f"  Shortest route: {len(a.shortest_route)} nodes; longest: "
                 f"{a.longest_route_nodes} nodes")
    lines.append("")
    lines.append("  Score range (raw points, worst .. best):")
    for name, label in COMPETENCIES:
        if a.scored(name):
            lines.append(f"    {label:<24} {a.worst[name]:>4} .. {a.best[name]:<4}")
    lines.append(f"    {'Overall':<24} {a.worst[TOTAL]:>4} .. {a.best[TOTAL]:<4}")
    unscored = [label for name, label in COMPETENCIES if not a.scored(name)]
    if unscored:
        lines.append(f"    Not assessed here: {', '.join(unscored)}")
    if a.has_loops:
        lines.append("    (loops: best and worst are bounds; see docs/architecture.md)")
    lines.append("")
    for label, route, numbers in (("Best route: ", a.best_route, a.best_choices),
                                  ("Worst route:", a.worst_route, a.worst_choices)):
        lines.append(f"  {label} {_route(route)}")
        if numbers:
            lines.append(f"               (play it: --choices {','.join(map(str, numbers))})")
        elif a.has_loops:
            lines.append("               (the graph's bound: no playable route was found that "
                         "finishes within the step limit)")
    lines.append("")
    lines.append("  What each choice costs against the best at its decision (overall points):")
    for d in scenario.decisions:
        costs = [a.choice_costs[c.key] for c in d.choices if c.key in a.choice_costs]
        if not costs:
            continue
        lines.append(f"    {d.id} (line {d.where[1]}): {d.prompt[:70]}")
        for c in costs:
            flag = "best" if c.cost[TOTAL] == 0 else f"-{c.cost[TOTAL]}"
            lines.append(f"      {flag:>5}  {c.text[:80]}")
    lines.append("")
    lines.extend(critical_report(check))
    tells = tells_report(scenario)
    if tells:
        lines.append("")
        lines.extend(tells)
    return "\n".join(lines)


def analysis_dict(scenario: Scenario, a: Analysis, check: CriticalCheck) -> dict:
    return {
        "critical": {"choices": {r.choice.key: {
                         "why": r.choice.critical, "best_route": list(r.numbers or ()) or None,
                         "overall": r.overall, "would_pass": r.would_pass, "passed": r.passed}
                         for r in check.routes},
                     "complete": check.complete, "passing": check.passing,
                     "on_best_route": list(check.on_best_route)},
        "scenario": scenario.id, "nodes": a.nodes, "decisions": a.decisions,
        "endings": a.endings, "reachable_endings": list(a.reachable_endings),
        "route_count": a.route_count, "route_count_capped": a.route_count_capped,
        "has_loops": a.has_loops, "best": dict(a.best), "worst": dict(a.worst),
        "best_route": list(a.best_route), "worst_route": list(a.worst_route),
        "best_choices": list(a.best_choices), "worst_choices": list(a.worst_choices),
        "bound_best": dict(a.bound_best), "bound_worst": dict(a.bound_worst),
        "shortest_route": list(a.shortest_route), "longest_route_nodes": a.longest_route_nodes,
        "choice_costs": {k: {"decision": c.decision, "text": c.text, "cost": dict(c.cost),
                             "best_alternative": c.best_alternative}
                         for k, c in a.choice_costs.items()},
        "tells": _tells_dict(scenario),
    }


def _tells_dict(scenario: Scenario) -> dict:
    t = scenario_tells(scenario)
    return {"decisions": t.counted, "chance": round(t.chance, 1),
            "best_longest": t.best_longest, "best_shortest": t.best_shortest,
            "best_reasons": list(t.reasons("best")), "weaker_reasons": list(t.reasons("weaker"))}
