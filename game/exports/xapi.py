"""xAPI 1.0.3 statements for a session: what each learner did, for an agency's Learning Record Store.

Per attempt: `launched` the scenario; `answered` each decision (the choice as the response, its
competency scores in a result extension); and once finished `completed`, then `passed` or
`failed` with the overall score scaled to 0-1. Statement ids are derived from the attempt, so
exporting twice sends the same statements, which an LRS stores once.

The actor is the learner as the LMS knows them when the launch gave an identity (an LMS account:
its address and the learner's id there, e.g. SCORM's cmi.core.student_id, LTI's `sub`, cmi5's
actor), so the LRS files the statements with the rest of that learner's record; otherwise an
account in the session, named by the name the learner gave.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from game.storage.store import ResultRow, ScenarioRef, Store

VERBS = {name: f"http://adlnet.gov/expapi/verbs/{name}"
         for name in ("launched", "answered", "completed", "passed", "failed")}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
NAMESPACE = uuid.UUID("5b0f0d0e-7d1e-4c55-9a3e-d00257e9a001")  # Doorstep's, for uuid5 ids
LANG = "en-GB"


@dataclass(frozen=True, kw_only=True)
class LaunchIdentity:
    """Who the learner is to the LMS that launched them."""
    home_page: str  # the LMS's address (the account's homePage IRL)
    id: str         # the learner's id in that LMS
    name: str = ""  # their name there, when it gave one


def actor(learner: str, code: str, base: str, identity: LaunchIdentity | None = None) -> dict:
    """The xAPI Agent for a learner: the LMS's account when the launch gave one."""
    if identity is not None:
        return {"objectType": "Agent", "name": identity.name or learner,
                "account": {"homePage": identity.home_page, "name": identity.id}}
    return {"objectType": "Agent", "name": learner, "account": {"homePage": base, "name": f"{code}/{learner}"}}


def schema() -> dict:
    """The JSON Schema Doorstep's statements follow (also used by the tests' fake LRS)."""
    return json.loads(resources.files(__package__).joinpath("xapi_statement.schema.json").read_text("utf-8"))


def session_statements(store: Store, code: str, base_url: str,
                       identities: Mapping[str, LaunchIdentity] | None = None) -> list[dict]:
    """Every statement for every attempt in the session that passes verification, in time order
    per attempt (an attempt whose result was changed or deleted sends nothing).

    `identities`: the LMS identity of each learner (by the name stored) whose launch gave one."""
    session = store.get_session(code)
    refs = {ref.id: ref for ref in session.scenarios}
    failed = {p.attempt_id for p in store.verify(code)[1]}
    statements = []
    for row in store.session_results(code):
        if row.attempt_id in failed:
            continue
        statements += attempt_statements(store, session.code, row, refs[row.scenario_id], base_url.rstrip("/"),
                                         (identities or {}).get(row.learner))
    return statements


def attempt_statements(store: Store, code: str, row: ResultRow, ref: ScenarioRef, base: str,
                       identity: LaunchIdentity | None = None) -> list[dict]:
    """The statements for one attempt (answered ones only for decisions already made)."""
    activity = {"objectType": "Activity", "id": f"{base}/scenarios/{ref.id}",
                "definition": {"name": {LANG: ref.title}, "type": SIMULATION}}
    agent = actor(row.learner, code, base, identity)
    context = {"registration": str(uuid.uuid5(NAMESPACE, row.attempt_id)), "platform": "Doorstep",
               "contextActivities": {"parent": [{"objectType": "Activity", "id": f"{base}/sessions/{code}"}]},
               "extensions": {f"{base}/xapi/attempt": row.attempt_id}}

    def statement(tag: str, verb: str, obj: dict, timestamp: str, result: dict | None = None) -> dict:
        made = {"id": str(uuid.uuid5(NAMESPACE, f"{row.attempt_id}/{tag}")), "actor": agent,
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
