"""xAPI 1.0.3 statements for a session: what each learner did, for an agency's Learning Record Store.

Per attempt: `launched` the scenario; `answered` each decision (the choice as the response, its
competency scores in a result extension); and once finished `completed`, then `passed` or
`failed` with the overall score scaled to 0-1. Statement ids are derived from the attempt, so
exporting twice sends the same statements, which an LRS stores once.
"""
from __future__ import annotations

import json
import uuid
from importlib import resources

from game.storage.store import ResultRow, ScenarioRef, Store

VERBS = {name: f"http://adlnet.gov/expapi/verbs/{name}"
         for name in ("launched", "answered", "completed", "passed", "failed")}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
NAMESPACE = uuid.UUID("5b0f0d0e-7d1e-4c55-9a3e-d00257e9a001")  # Doorstep's, for uuid5 ids
LANG = "en-GB"


def schema() -> dict:
    """The JSON Schema Doorstep's statements follow (also used by the tests' fake LRS)."""
    return json.loads(resources.files(__package__).joinpath("xapi_statement.schema.json").read_text("utf-8"))


def session_statements(store: Store, code: str, base_url: str) -> list[dict]:
    """Every statement for every attempt in the session that passes verification, in time order
    per attempt (an attempt whose result was changed or deleted sends nothing)."""
    session = store.get_session(code)
    refs = {ref.id: ref for ref in session.scenarios}
    failed = {p.attempt_id for p in store.verify(code)[1]}
    statements = []
    for row in store.session_results(code):
        if row.attempt_id in failed:
            continue
        statements += attempt_statements(store, session.code, row, refs[row.scenario_id], base_url.rstrip("/"))
    return statements


def attempt_statements(store: Store, code: str, row: ResultRow, ref: ScenarioRef, base: str) -> list[dict]:
    """The statements for one attempt (answered ones only for decisions already made)."""
    activity = {"objectType": "Activity", "id": f"{base}/scenarios/{ref.id}",
                "definition": {"name": {LANG: ref.title}, "type": SIMULATION}}
    actor = {"objectType": "Agent", "name": row.learner,
             "account": {"homePage": base, "name": f"{code}/{row.learner}"}}
    context = {"registration": str(uuid.uuid5(NAMESPACE, row.attempt_id)), "platform": "Doorstep",
               "contextActivities": {"parent": [{"objectType": "Activity", "id": f"{base}/sessions/{code}"}]},
               "extensions": {f"{base}/xapi/attempt": row.attempt_id}}

    def statement(tag: str, verb: str, obj: dict, timestamp: str, result: dict | None = None) -> dict:
        made = {"id": str(uuid.uuid5(NAMESPACE, f"{row.attempt_id}/{tag}")), "actor": actor,
                "verb": {"id": VERBS[verb], "display": {LANG: verb}}, "object": obj,
                "context": context, "timestamp": timestamp}
        if result is not None:
            made["result"] = result
        return made

    prompts = {d["decision_id"]: d["prompt"] for d in (store.debrief(row.attempt_id) or {}).get("decisions", [])}
    out = [statement("launched", "launched", activity, row.started_at)]
    for c in store.stored_choices(row.attempt_id):
        decision = {"objectType": "Activity", "id": f"{activity['id']}/decisions/{c.node_id}",
                    "definition": {"name": {LANG: prompts.get(c.node_id, c.node_id)}, "type": INTERACTION,
                                   "interactionType": "choice"}}
        out.append(statement(f"answered/{c.seq}", "answered", decision, c.at, {
            "response": c.choice_id,
            "extensions": {f"{base}/xapi/competency-scores": c.scores,
                           f"{base}/xapi/choice-text": c.choice_text}}))
    if row.overall is not None and row.finished_at:
        score = {"scaled": round(row.overall / 100, 4), "raw": row.overall, "min": 0, "max": 100}
        out.append(statement("completed", "completed", activity, row.finished_at, {"completion": True}))
        out.append(statement("verdict", "passed" if row.passed else "failed", activity, row.finished_at, {
            "score": score, "success": bool(row.passed), "completion": True,
            "extensions": {f"{base}/xapi/competencies": row.scores}}))
    return out
