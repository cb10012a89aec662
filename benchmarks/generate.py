"""Generated, valid scenarios of any size, written the way trainers write them (block YAML with
short flow lists), for benchmarks and property tests."""
from __future__ import annotations

import random

COMPETENCIES = ("child_focus", "escalation", "avoiding_collusion", "personal_safety",
                "engagement", "recording")
POINTS = ("CHILD-1", "CHILD-5", "COLL-1", "COLL-4", "ESC-1", "ESC-3", "SAFE-2", "ENGAGE-2",
          "RECORD-3", "SPOT-2")
ENDINGS = ("child_seen_safe", "drift", "risk_unseen")


def generate(nodes: int, seed: int = 0, conditions: bool = True) -> str:
    """YAML text of a valid scenario with about `nodes` nodes: chapters of two beats and a
    decision whose three choices jump forward, then three endings. No loops."""
    rng = random.Random(seed)
    chapters = max(1, (nodes - 3) // 3)
    out = [
        "doorstep: 1", f"id: generated-{nodes}", f"title: Generated {nodes}",
        "summary: A generated scenario for benchmarks.", "patterns: [avoidance]",
        "pass_mark: 60", "characters:",
        "  parent: {name: Sam Taylor, role: parent, mood: evasive}",
        "  kid: {name: Alex, role: child, age: 7}",
        "variables:", "  trust: {type: int, initial: 2, min: 0, max: 5}", "  warned: false",
        "nodes:",
    ]
    for i in range(chapters):
        out.append(f"  - id: c{i}")
        out.append(f"    text: Chapter {i}. The door is opened a little further this time.")
        out.append("  - speaker: parent")
        out.append(f"    mood: {rng.choice(('calm', 'anxious', 'hostile', 'evasive'))}")
        out.append(f"    text: I told you last time, {{kid}} is fine. Visit {i}, trust {{trust}}.")
        out.append(f"  - id: d{i}")
        out.append("    prompt: What do you do now?")
        out.append("    choices:")
        for k in range(3):
            jump = i + 1 + k
            target = f"c{jump}" if jump < chapters else f"end{rng.randrange(3)}"
            comps = rng.sample(COMPETENCIES, 2)
            score = ", ".join(f"{c}: {rng.randint(-3, 3)}" for c in comps)
            out.append(f"      - text: Option {k + 1} at visit {i}, said with care.")
            if conditions and k == 2:
                out.append("        if: trust >= 1 or warned")
            out.append(f"        effects: [trust {'+' if k == 0 else '-'}= 1]")
            out.append(f"        score: {{{score}}}")
            out.append(f"        points: [{', '.join(rng.sample(POINTS, 2))}]")
            out.append("        feedback: Why this matters for the child.")
            if k == 1:
                out.append(f"        note: Visit {i} recorded.")
            out.append(f"        goto: {target}")
    for e in range(3):
        out += [f"  - id: end{e}", f"    ending: {ENDINGS[e]}", f"    title: Ending {e}",
                "    text: What happened next.", "    epilogue: What the child felt."]
    return "\n".join(out) + "\n"


def generate_loop(nodes: int, seed: int = 0, counter: bool = False, variables: int = 0) -> str:
    """Like `generate`, but each decision's third choice goes back to the first chapter with no
    condition guarding it (an unguarded loop). With `counter`, that choice also adds 1 to a
    count that nothing caps; with `variables`, the other choices each set one of that many
    flags that nothing reads."""
    out: list[str] = []
    option = flag = 0
    for line in generate(nodes, seed, conditions=False).splitlines():
        if line == "variables:":
            out.append(line)
            out += [f"  flag{i}: false" for i in range(variables)]
            out += ["  rounds: 0"] if counter else []
            continue
        if line.startswith("      - text: Option "):
            option = int(line.split()[3])
        elif line.startswith("        effects: [trust"):
            if option == 3:
                if counter:
                    out.append("        effects: [rounds += 1]")
                continue
            if variables:
                line = line[:-1] + f", flag{flag % variables} = true]"
                flag += 1
        elif line.startswith("        goto: ") and option == 3:
            line = "        goto: c0"
        out.append(line)
    return "\n".join(out) + "\n"
