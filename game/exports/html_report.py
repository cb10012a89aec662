"""The cohort report and the certificate as single self-contained HTML files.

No scripts, no CDN, no web fonts: inline CSS and inline SVG only, so the file can be emailed,
archived or opened offline. Everything that came from a learner or a scenario is escaped.
"""
from __future__ import annotations

from html import escape

from game.exports.cohort import Cohort
from game.exports.routemap import route_map_html
from game.exports.svg import histogram, pass_bar
from game.storage.store import Attempt, AttemptStatus, SessionInfo

MAX_ROWS = 500  # a cohort is 10-40 people; beyond this the CSV export is the right tool

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;max-width:1100px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #d9e2ec;padding-bottom:.2em}
.muted{color:#616e7c}.big{font-size:2.2em;font-weight:700}.grid{display:flex;flex-wrap:wrap;gap:1em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35em .5em;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{background:#f5f7fa}.pass{color:#2f7d4f;font-weight:600}.fail{color:#b3432b;font-weight:600}
.warn{background:#fff3c4;padding:.5em .8em;border-left:4px solid #b98900}
.mistake{border:1px solid #e4e7eb;border-radius:6px;padding:.6em 1em;margin:.8em 0}
.route-map{width:100%;height:auto}.wide{overflow-x:auto}.pts li{margin:.1em 0}
@media print{body{margin:0}h2{break-after:avoid}.mistake{break-inside:avoid}}
"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{escape(title)}</title><style>{CSS}</style></head><body>{body}</body></html>\n')


def cohort_html(cohort: Cohort) -> str:
    """The trainer's report for one session."""
    s = cohort.session
    unfinished = cohort.attempts - cohort.finished
    parts = [f"<h1>{escape(s.name)}</h1>",
             f'<p class="muted">Session {escape(s.code)} · pass mark {s.pass_mark} · '
             f'{"open" if s.is_open else "closed " + escape(s.closed_at or "")} · scenarios: '
             f'{escape(", ".join(r.title for r in s.scenarios))}</p>']
    if cohort.problems:
        parts.append(f'<p class="warn"><strong>{len(cohort.problems)} result(s) failed the integrity check</strong>'
                     " and are marked below; run <code>session verify</code> for details.</p>")
    parts += ["<h2>Pass rate</h2>",
              f'<p><span class="big">{100 * cohort.pass_rate:.0f}%</span> of {cohort.finished} finished '
              f"attempts passed ({cohort.learners} learners, {unfinished} attempts not finished, "
              f"{cohort.withdrawn} of them stepped away).</p>",
              pass_bar(cohort.passed, cohort.finished - cohort.passed, unfinished)]
    parts += ["<h2>Scores by competency</h2>",
              '<p class="muted">How many attempts scored in each band of 0-100. The dashed line is the pass mark.</p>',
              '<div class="grid">']
    for name, counts in cohort.distribution.items():
        if not any(counts):
            continue  # a competency this session's scenarios never score
        parts.append(histogram(counts, cohort.labels.get(name, name), s.pass_mark if name == "overall" else None))
    parts.append("</div>")
    parts += _mistakes(cohort) + _routes(cohort) + _endings(cohort) + _learners(cohort)
    return _page(f"{s.name} - Doorstep session report", "".join(parts))


def _mistakes(cohort: Cohort) -> list[str]:
    parts = ["<h2>Decisions to discuss</h2>",
             '<p class="muted">The choices the cohort most often got wrong, with the practice points behind them.</p>']
    if not cohort.mistakes:
        parts.append("<p>No costly choices yet.</p>")
    for m in cohort.mistakes:
        points = "".join(f"<li><strong>{escape(pid)}</strong> {escape(title)}</li>" for pid, title in m.points)
        parts.append(
            f'<div class="mistake"><p><strong>{escape(m.prompt)}</strong></p>'
            f"<p>{m.taken} of {m.reached} ({100 * m.share:.0f}%) chose: “{escape(m.choice_text)}” "
            f'<span class="muted">(costs {m.cost} point{"s" if m.cost != 1 else ""})</span></p>'
            + (f"<p>{escape(m.feedback)}</p>" if m.feedback else "")
            + (f"<p><em>Better:</em> {escape(m.better)}</p>" if m.better else "")
            + (f'<ul class="pts">{points}</ul>' if points else "") + "</div>")
    return parts


def _routes(cohort: Cohort) -> list[str]:
    parts = ["<h2>Routes the cohort took</h2>",
             '<p class="muted">Darker, thicker steps were taken by more attempts; dashed steps by none. '
             "Squares are endings. Hover for counts.</p>"]
    for ref, routes in zip(cohort.session.scenarios, cohort.routes):
        parts.append(f"<h3>{escape(routes.title)} <span class=\"muted\">({routes.attempts} finished)</span></h3>")
        parts.append(route_map_html(ref, routes))
    return parts


def _endings(cohort: Cohort) -> list[str]:
    if not cohort.endings:
        return []
    rows = "".join(f"<tr><td>{escape(k.replace('_', ' '))}</td><td>{n}</td></tr>" for k, n in cohort.endings.items())
    return ["<h2>How attempts ended</h2>", f"<table><tr><th>Ending</th><th>Attempts</th></tr>{rows}</table>"]


def _learners(cohort: Cohort) -> list[str]:
    names = [n for n in cohort.labels if n != "overall" and any(cohort.distribution.get(n, ()))]
    head = "".join(f"<th>{escape(cohort.labels[n])}</th>" for n in names)
    parts = ["<h2>Each learner</h2>",
             f'<div class="wide"><table><tr><th>Learner</th><th>Scenario</th><th>Overall</th><th>Result</th>{head}'
             "<th>Finished</th><th>Attempt</th></tr>"]
    for r in cohort.rows[:MAX_ROWS]:
        if r.attempt_id in cohort.problems:  # first: a deleted result also has no score
            verdict = f'<span class="fail">FAILED INTEGRITY CHECK: {escape(cohort.problems[r.attempt_id].message)}</span>'
        elif r.overall is None:
            verdict = ('<span class="muted">stepped away</span>' if r.status is AttemptStatus.WITHDRAWN
                       else '<span class="muted">not finished</span>')
        else:
            verdict = '<span class="pass">passed</span>' if r.passed else '<span class="fail">not passed</span>'
        scores = "".join(f"<td>{r.scores.get(n, '')}</td>" for n in names)
        parts.append(f"<tr><td>{escape(r.learner)}</td><td>{escape(r.scenario_id)}</td>"
                     f"<td>{'' if r.overall is None else r.overall}</td><td>{verdict}</td>{scores}"
                     f"<td>{escape(r.finished_at or '')}</td><td><code>{escape(r.attempt_id)}</code></td></tr>")
    parts.append("</table></div>")
    if cohort.attempts > MAX_ROWS:
        parts.append(f'<p class="muted">…and {cohort.attempts - MAX_ROWS} more: use the CSV export.</p>')
    if not cohort.verified:
        parts.append('<p class="muted">Signatures were not checked for this report.</p>')
    return parts


def certificate_html(session: SessionInfo, attempt: Attempt, debrief: dict, signature: str) -> str:
    """A printable certificate for one passed, verified attempt."""
    title = next((s.title for s in session.scenarios if s.id == attempt.scenario_id), attempt.scenario_id)
    rows = "".join(f"<tr><td>{escape(c['label'])}</td><td>{c['score']}</td></tr>"
                   for c in (debrief.get("competencies") or {}).values() if c.get("score") is not None)
    body = (f'<div style="border:6px double #0b3c5d;padding:2.5em;text-align:center;margin-top:2em">'
            f'<p class="muted">Doorstep · assessed practice</p><h1>Certificate of completion</h1>'
            f"<p>This certifies that</p><p class=\"big\">{escape(attempt.learner)}</p>"
            f"<p>passed the assessed scenario</p><h2 style=\"border:0\">{escape(title)}</h2>"
            f"<p>in the session “{escape(session.name)}” with an overall score of "
            f"<strong>{int(debrief.get('overall', 0))}</strong> (pass mark {session.pass_mark}).</p>"
            f'<table style="max-width:420px;margin:1em auto">{rows}</table>'
            f"<p>Completed {escape(attempt.finished_at or '')}</p>"
            f'<p class="muted" style="font-size:.8em">Attempt {escape(attempt.id)} · session {escape(session.code)} · '
            f"signature {escape(signature[:16])}…</p></div>")
    return _page(f"Certificate - {attempt.learner}", body)
