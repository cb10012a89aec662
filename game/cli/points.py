"""`main.py points`: the practice points a choice can name, with what each means."""
from __future__ import annotations

import json
import textwrap

from game.core.practice_points import GROUPS, REGISTRY, SOURCES


def points_report(group: str | None = None, as_json: bool = False) -> int:
    """Print the practice points (of one group, e.g. CHILD, when given); 1 if the group is
    unknown."""
    wanted = [p for p in REGISTRY.values() if group is None or p.group == group.upper()]
    if not wanted:
        print(f"no practice points in group '{group}'; the groups are "
              f"{', '.join(GROUPS)}")
        return 1
    if as_json:
        print(json.dumps({"points": [{"id": p.id, "group": p.group, "title": p.title,
                                      "sources": list(p.sources)} for p in wanted],
                          "sources": SOURCES}, indent=2, ensure_ascii=False))
        return 0
    current = None
    for p in wanted:
        if p.group != current:
            current = p.group
            print(f"\n{p.group}: {p.group_title}")
        body = textwrap.wrap(p.title, 80, initial_indent=f"  {p.id:<10}",
                             subsequent_indent=" " * 12)
        print("\n".join(body))
        if p.sources:
            print(" " * 12 + "from: " + ", ".join(p.sources))
    print("\nSources:")
    for key, title in SOURCES.items():
        print(f"  {key}  {title}")
    print("\nName them in a choice: points: [CHILD-1, ESC-3]")
    return 0
