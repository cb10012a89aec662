"""`main.py validate`: check files and folders, list every problem, exit 2 on errors.

Results are kept between runs (check_cache.py): an unchanged file is not checked again."""
from __future__ import annotations

import json
import os
import sys

from typing import TYPE_CHECKING

from game.core.source import is_fragment_file, read_source

if TYPE_CHECKING:
    from game.core.errors import Problem


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


def _check_file(f: str, check_rules: bool, max_states: int, cache) -> list["Problem"]:
    data, problem = read_source(f)
    if problem:
        return [problem]
    # The loader and the rules check are imported only when a file must really be checked:
    # re-checking unchanged files needs neither the YAML nor the schema machinery.
    stored = cache.get(f, data) if cache is not None else None
    if stored is not None:
        return stored
    if is_fragment_file(f):
        from game.core.loader import check_fragment_path
        problems = check_fragment_path(f)
        if cache is not None:
            cache.put(f, data, (), problems)
        return problems
    from game.core import rules
    from game.core.errors import sort_problems
    from game.core.loader import check_bytes_with_includes
    scenario, problems, includes = check_bytes_with_includes(data, f, os.path.dirname(f) or ".")
    if scenario is not None and check_rules:
        from game.core.tells import tell_problems
        problems = sort_problems(problems + rules.check_rules(scenario, max_states)
                                 + tell_problems(scenario))
    if cache is not None:
        cache.put(f, data, includes, problems)
    return problems


def validate_paths(paths: list[str], as_json: bool = False, check_rules: bool = True,
                   max_states: int = 200_000, strict: bool = False,
                   use_cache: bool = True) -> int:
    """Print every problem in `paths`; 2 when there are errors (or, with `strict`, warnings),
    1 when nothing was found."""
    files = scenario_files(paths)
    results = {}
    cache = None
    if use_cache and files:
        from .check_cache import CheckCache
        cache = CheckCache(f"rules={check_rules}|max_states={max_states}")
    for f in files:
        results[f] = _check_file(f, check_rules, max_states, cache)
    if cache is not None:
        cache.save()
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
    return 2 if errors or (strict and warnings) else 0

