"""CSV and JSON exports of a session's results, for spreadsheets and other systems."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from game.exports.cohort import Cohort

# A spreadsheet runs a cell starting with one of these as a formula: '=HYPERLINK(...)' as a
# learner name must arrive as text (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int | float:
    """Numbers as they are; text that a spreadsheet would run as a formula gets a leading '."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else ("yes" if value else "no")
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cohort_csv(cohort: Cohort) -> str:
    """One row per attempt: who, what, when, scores, pass/fail and the integrity check."""
    names = [n for n in cohort.labels if n != "overall"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["session", "learner", "scenario", "attempt", "status", "started", "finished",
                     "overall", "passed", *names, "ending", "integrity"])
    for r in cohort.rows:
        writer.writerow([safe_cell(v) for v in (
            cohort.session.code, r.learner, r.scenario_id, r.attempt_id, r.status.value,
            r.started_at, r.finished_at,
            r.overall, r.passed, *(r.scores.get(n) for n in names), r.ending_kind, cohort.integrity(r))])
    return out.getvalue()


def cohort_json(cohort: Cohort) -> str:
    """The whole report as JSON (the same facts as the HTML)."""
    data = {
        "session": asdict(cohort.session),
        "attempts_total": cohort.attempts, "learners": cohort.learners, "endings": cohort.endings,
        "finished": cohort.finished, "passed": cohort.passed, "withdrawn": cohort.withdrawn,
        "pass_rate": round(cohort.pass_rate, 4),
        "distribution": {name: {"label": cohort.labels.get(name, name), "bands": list(counts)}
                         for name, counts in cohort.distribution.items()},
        "mistakes": [{**asdict(m), "points": [{"id": p, "title": t} for p, t in m.points],
                      "share": round(m.share, 4)} for m in cohort.mistakes],
        "routes": [{"scenario_id": r.scenario_id, "attempts": r.attempts, "nodes": r.nodes,
                    "edges": [{"from": a, "to": b, "attempts": n} for (a, b), n in sorted(r.edges.items())]}
                   for r in cohort.routes],
        "attempts": [{**asdict(r), "integrity": cohort.integrity(r)} for r in cohort.rows],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
