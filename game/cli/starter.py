"""`main.py new NAME`: a small scenario that validates, to edit into your own."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A starter scenario. Read docs/authoring.md, then make it yours.
# Check it with:  python main.py validate {path}
doorstep: 1
id: {id}
title: {title}
summary: One or two sentences for the scenario library.
patterns: [avoidance]
audience: [social_worker]
minutes: 10
version: "0.1"
author: Your name
pass_mark: 70
content_note: Say plainly what the scenario depicts.
briefing:
  referral: What the referral said.
  known:
    - What the worker knows before the visit.

characters:
  parent:
    name: Sam Taylor
    role: parent
    mood: evasive
    appearance: {{skin: 3, hair: short, hair_colour: brown, clothes: "#5b7fa6"}}
  child:
    name: Alex
    role: child
    age: 7

variables:
  trust: {{type: int, initial: 2, min: 0, max: 5}}

nodes:
  - It is 4pm. You knock; after a while the door opens a little.
  - speaker: parent
    location: doorstep
    text: Alex is at a friend's. You should have phoned first.
  - id: at-the-door
    prompt: What do you do?
    choices:
      - text: Explain why you are here and ask when you can see Alex today.
        effects: [child_seen = true]
        score: {{child_focus: 2, engagement: 1}}
        points: [CHILD-1, ENGAGE-2]
        feedback: Clear about your purpose, and the child stays the focus.
        note: Explained purpose of visit; arranged to see Alex at 6pm today.
        goto: end-seen
      - text: Apologise for the intrusion and leave a card.
        score: {{child_focus: -2, avoiding_collusion: -1}}
        points: [CHILD-1, COLL-1]
        feedback: Backing off to avoid discomfort leaves Alex unseen.
        goto: end-unseen

  - id: end-seen
    ending: child_seen_safe
    title: Seen the same day
    text: You see Alex at 6pm, alone for part of the visit.
    epilogue: Alex shows you the drawing on the fridge and asks if you will come back.
  - id: end-unseen
    ending: risk_unseen
    title: A card on the mat
    text: The card stays on the mat. Nobody calls.
    epilogue: Alex does not know anyone came.

rules:
  - id: seen-before-safe
    about: No safe ending unless the child was seen.
    at_endings: [child_seen_safe, child_protected]
    require: child_seen
"""


def write_starter(name: str, directory: str, force: bool = False) -> int:
    ident = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    if not ident:
        print("give the scenario a name made of letters, digits and hyphens", file=sys.stderr)
        return 1
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, ident + ".yaml")
    if os.path.exists(path) and not force:
        print(f"{path} already exists (use --force to overwrite it)", file=sys.stderr)
        return 1
    # An absolute file URI, not a path relative to the folder: it keeps working when the
    # trainer moves or copies the scenario's folder somewhere else.
    schema = Path(__file__).resolve().parent.parent.joinpath("core", "scenario.schema.json") \
        .as_uri()
    title = ident.replace("-", " ").capitalize()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(TEMPLATE.format(id=ident, title=title, path=path, schema=schema))
    print(f"wrote {path}\nnext: python main.py validate {path}")
    return 0
