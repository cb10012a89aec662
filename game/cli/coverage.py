"""`main.py coverage`: which practice points the scenarios' scored choices exercise."""
from __future__ import annotations

import json
import sys
from collections import defaultdict

from game.core.loader import check_path, is_fragment_file
from game.core.practice_points import GROUPS, REGISTRY

from .validate import scenario_files


def exercised(paths: list[str]) -> tuple[dict[str, set[str]], list[str]]:
    """Practice point -> scenario ids whose scored choices cite it; and files that failed."""
    by_decision, broken = trained_at(paths)
    return {p: {sid for sid, _ in where} for p, where in by_decision.items()}, broken


def trained_at(paths: list[str]) -> tuple[dict[str, set[tuple[str, str]]], list[str]]:
    """Practice point -> (scenario id, decision id) pairs whose scored choices cite it; and
    files that failed."""
    used: dict[str, set[tuple[str, str]]] = defaultdict(set)
    broken = []
    for f in scenario_files(paths):
        if is_fragment_file(f):
            continue
        scenario, _ = check_path(f)
        if scenario is None:
            broken.append(f)
            continue
        for choice in scenario.choices.values():
            if any(choice.scores.values()):
                for p in choice.points:
                    used[p].add((scenario.id, choice.decision))
    return used, broken


def coverage_report(directory: str, as_json: bool = False) -> int:
    used, broken = exercised([directory])
    at, _ = trained_at([directory])
    single = {p: next(iter(at[p])) for p in REGISTRY if len(at.get(p, ())) == 1}
    covered = [p for p in REGISTRY if used.get(p)]
    missing = [p for p in REGISTRY if not used.get(p)]
    pct = round(100 * len(covered) / len(REGISTRY)) if REGISTRY else 100
    if as_json:
        print(json.dumps({"covered": {p: sorted(used[p]) for p in covered}, "missing": missing,
                          "percent": pct, "unreadable": broken,
                          "single_decision": {p: "/".join(w) for p, w in single.items()}}, indent=2))
        return 0
    for group, title in GROUPS.items():
        ids = [p for p in REGISTRY if p.startswith(group + "-")]
        print(f"{group} - {title}: {sum(bool(used.get(p)) for p in ids)}/{len(ids)}")
        for p in ids:
            where = ", ".join(sorted(used.get(p, ()))) or "NOT EXERCISED"
            print(f"  {p:<10} {where}")
    print(f"\n{len(covered)} of {len(REGISTRY)} practice points exercised ({pct}%)")
    if missing:
        print("Not exercised by any scored choice: " + ", ".join(missing))
    if single:
        print(f"Trained by only one decision ({len(single)}): "
              + ", ".join(f"{p} ({sid}: {d})" for p, (sid, d) in single.items()))
    for f in broken:
        print(f"(skipped {f}: it has errors; run 'main.py validate {f}')", file=sys.stderr)
    return 0
