"""`main.py validate`: check files and folders, list every problem, exit 2 on errors."""
from __future__ import annotations

import json
import os
import sys

from game.core.errors import sort_problems
from game.core.loader import check_fragment_path, check_path, is_fragment_file
from game.core import rules
from game.core.tells import tell_problems


def scenario_files(paths: list[str]) -> list[str]:
    """Files named, and every .yaml/.yml file under folders named, in a stable order."""
    out = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                out.extend(os.path.join(root, f) for f in sorted(files)
                           if f.endswith((".yaml", ".yml")))
        else:
            out.append(path)
    return out


def validate_paths(paths: list[str], as_json: bool = False, check_rules: bool = True,
                   max_states: int = 200_000) -> int:
    """Print every problem in `paths`; 2 when there are errors, 1 when nothing was found."""
    files = scenario_files(paths)
    results = {}
    for f in files:
        if is_fragment_file(f):
            problems = check_fragment_path(f)
        else:
            scenario, problems = check_path(f)
            if scenario is not None and check_rules:
                problems = sort_problems(problems + rules.check_rules(scenario, max_states)
                                         + tell_problems(scenario))
        results[f] = problems
    errors = sum(p.is_error for ps in results.values() for p in ps)
    warnings = sum(not p.is_error for ps in results.values() for p in ps)
    if as_json:
        print(json.dumps({"files": {f: [p.to_dict() for p in ps] for f, ps in results.items()},
                          "errors": errors, "warnings": warnings}, indent=2))
    else:
        for ps in results.values():
            for p in ps:
                print(p.format(), file=sys.stdout)
        if not files:
            print("no .yaml files found", file=sys.stderr)
        print(f"{len(files)} file{'s' * (len(files) != 1)} checked: {errors} "
              f"error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    if not files:
        return 1
    return 2 if errors else 0

