"""The debrief as one self-contained HTML file the trainee can keep: inline CSS and SVG, no
external resources, and every piece of text passed through html.escape."""
from __future__ import annotations

from html import escape
from pathlib import Path

from game.core.analysis import analyse
from game.storage.saves import write_atomic
from game.ui import route_graph, wording

ENDING_LABELS = {
    "child_seen_safe": "The child was seen and is safe", "child_protected": "The child was protected",
    "drift": "Drift: nothing clearly wrong, nothing changed", "risk_unseen": "The risk went unseen",
    "child_harmed": "The child was harmed", "over_escalated": "Over-escalated",
    "relationship_broken": "The working relationship broke down", "worker_harmed": "The worker was harmed",
}

CSS = """
body{font-family:'Atkinson Hyperlegible',Verdana,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1f2933;background:#f8f5ee;line-height:1.5}
h1,h2{color:#17696f} .result{font-size:1.3rem;font-weight:bold;padding:.5rem 1rem;border:3px solid;display:inline-block}
.bar{background:#e8e2d6;height:1.1rem;width:100%;border:1px solid #968d7c}.fill{background:#17696f;height:100%}
table{border-collapse:collapse;width:100%}td{padding:.3rem .5rem;vertical-align:middle}
.decision{border-left:4px solid #17696f;padding:.2rem 1rem;margin:1rem 0;background:#fff}
.graphs{display:flex;flex-wrap:wrap;gap:1rem}.graphs figure{margin:0}
.epilogue{font-style:italic;background:#fff;padding:1rem;border:1px solid #c4bcac}
"""


def child_name(scenario) -> str | None:
    return next((c.name for c in scenario.characters.values() if c.role == "child"), None)


def render(scenario, debrief) -> str:
    """The HTML text of a debrief."""
    e = escape
    d = debrief
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
           f"<title>Debrief: {e(d.title)}</title><style>{CSS}</style></head><body>",
           f"<h1>Debrief: {e(d.title)}</h1>",
           f"<p>Mode: {'assessed' if d.mode == 'assessed' else 'practice'}. Overall score: <strong>{d.overall}%</strong>"
           f" (pass mark {d.pass_mark}%).</p>"]
    if d.mode == "assessed":
        verdict = "Passed" if d.passed else "Not yet passed"
        out.append(f"<p class='result'>{e(verdict)}</p>")
        out += [f"<p>{e(reason)}</p>" for reason in d.reasons]
    if d.ending is not None:
        out.append(f"<h2>How it ended: {e(d.ending.title)}</h2><p><em>{e(ENDING_LABELS.get(d.ending.ending, d.ending.ending))}</em></p>")
        out.append(f"<p>{e(d.ending.text)}</p>")
        who = child_name(scenario)
        out.append(f"<h2>{e(who + chr(39) + 's story' if who else 'For the child')}</h2><p class='epilogue'>{e(d.ending.epilogue)}</p>")
    out.append("<h2>Competencies</h2><table>")
    for c in d.competencies:
        if c.score is None:
            out.append(f"<tr><td>{e(c.label)}</td><td colspan='2'>not assessed in this scenario</td></tr>")
        else:
            out.append(f"<tr><td>{e(c.label)}</td><td style='width:50%'><div class='bar'><div class='fill' style='width:{c.score}%'></div></div></td><td>{c.score}%</td></tr>")
    out.append("</table>")
    best = analyse(scenario).best_route
    out.append("<h2>Your route and the best route</h2><div class='graphs'>")
    out.append(f"<figure>{route_graph.svg(scenario, d.route)}<figcaption>Your route</figcaption></figure>")
    out.append(f"<figure>{route_graph.svg(scenario, best, accent='#5c6e8c')}<figcaption>The best route</figcaption></figure></div>")
    out.append("<p>Diamonds are decisions, squares endings, circles scenes.</p>")
    out.append("<h2>Your decisions</h2>")
    for r in d.decisions:
        out.append(f"<div class='decision'><h3>{r.number}. {e(r.prompt)}</h3><p><strong>You chose:</strong> {e(r.choice_text)}</p>")
        out.append(f"<p><strong>{e(wording.verdict_line(r))}</strong></p>")
        if r.feedback:
            out.append(f"<p>{e(r.feedback)}</p>")
        if wording.effects(r):
            out.append(f"<p>{e(wording.effects(r))}</p>")
        if r.points:
            out.append("<ul>" + "".join(f"<li>{e(pid)}: {e(title)}</li>" for pid, title in r.points) + "</ul>")
        if wording.stronger(r):
            out.append(f"<p><strong>{e(wording.stronger(r))}</strong></p>")
        out.append("</div>")
    if d.chronology:
        out.append("<h2>Case notes</h2><ul>" + "".join(f"<li>Day {n.day}: {e(n.text)}</li>" for n in d.chronology) + "</ul>")
    out.append("<p><small>Doorstep training debrief. The scenario is fictional.</small></p></body></html>")
    return "".join(out)


def file_name(scenario, stamp: str) -> str:
    """`debrief-<scenario>-<stamp>.html`, with only letters, digits, - and _ in it."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in f"{scenario.id}-{stamp}")
    return f"debrief-{safe}.html"


def export(scenario, debrief, folder: Path, stamp: str) -> Path:
    """Write the debrief into `folder` as file_name(scenario, stamp); returns the path."""
    return write_page(scenario, debrief, folder / file_name(scenario, stamp))


def write_page(scenario, debrief, path: Path) -> Path:
    """Write the debrief to `path` (its folder made if need be); OSError when that cannot be done."""
    write_atomic(path, render(scenario, debrief))
    return path
