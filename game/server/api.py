"""The JSON API the browser player (and the desktop and terminal clients) talk to.

Practice play needs no sign-in and keeps nothing on the server: its token holds the scenario and
the choice numbers, signed. Assessed play: join with the session code and a name, get an attempt
token (also set as an HttpOnly cookie), then send choice numbers one by one. See docs/protocol.md.
"""
from __future__ import annotations

import json
import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from game.core import engine
from game.core.engine import PlayError
from game.server import judge, tokens
from game.server.guard import BadText, clean_text
from game.storage.errors import StoreError
from game.storage.hosted import Enrolled, NameTaken
from game.web import protocol

LEARNER_COOKIE = "doorstep_learner"
LEARNER_MAX_AGE = 14 * 24 * 3600
PRACTICE_MAX_AGE = 7 * 24 * 3600
MAX_CHOICES = 500  # a practice token longer than any story is refused


class ApiError(Exception):
    def __init__(self, status: int, message: str, hint: str = "", **extra):
        super().__init__(message)
        self.status, self.message, self.hint, self.extra = status, message, hint, extra


def error_response(err: ApiError) -> JSONResponse:
    headers = {"Retry-After": str(err.extra.pop("retry_after"))} if "retry_after" in err.extra else None
    return JSONResponse({"error": err.message, "hint": err.hint, **err.extra}, err.status, headers=headers)


async def body_json(request: Request) -> dict:
    # Only JSON: a cross-site HTML form cannot send it (so a cookie alone never makes a choice).
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise ApiError(415, "Send JSON (Content-Type: application/json).")
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "The request is not valid JSON.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "The request must be a JSON object.")
    return data


def _int(data: dict, name: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ApiError(400, f"'{name}' must be a whole number.")
    return value


def endpoint(fn):
    """A route handler `fn(request, data)` (data: the JSON body of a POST) run in a worker
    thread; ApiError, StoreError, PlayError and BadText become JSON errors."""
    def handle(request: Request, data: dict) -> Response:
        try:
            return fn(request, data)
        except ApiError as err:
            return error_response(err)
        except BadText as err:
            return error_response(ApiError(400, str(err)))
        except PlayError as err:
            return error_response(ApiError(400, f"That choice cannot be taken: {err}"))
        except judge.Conflict as err:
            return error_response(ApiError(409, str(err), "Reload to see where the attempt is.",
                                           expected_seq=err.expected))
        except NameTaken as err:
            return error_response(ApiError(409, err.message, err.hint or ""))
        except StoreError as err:
            return error_response(ApiError(503 if "Cannot reach" in err.message else 400,
                                           err.message, err.hint or ""))

    async def run(request: Request) -> Response:
        try:
            data = await body_json(request) if request.method == "POST" else {}
        except ApiError as err:
            return error_response(err)
        # The work (replaying, the database) blocks: in a worker thread, so the event loop
        # keeps answering other learners meanwhile.
        return await run_in_threadpool(handle, request, data)
    return run


# -- practice ------------------------------------------------------------------------------------

def _practice_scenario(request: Request, scenario_id: str):
    scenario = request.app.state.library.get(scenario_id)
    if scenario is None:
        raise ApiError(404, f"There is no scenario '{scenario_id}'.", "GET /api/scenarios lists them.")
    return scenario


def _practice_reply(request: Request, scenario, numbers: list[int], withdrawn: bool = False) -> JSONResponse:
    pos = protocol.walk(scenario, numbers, mode=engine.PRACTICE, withdrawn=withdrawn)
    token = tokens.seal({"s": scenario.id, "h": scenario.source_hash, "n": numbers, "w": withdrawn},
                        request.app.state.key, "practice")
    return JSONResponse({"token": token, "screen": protocol.screen(pos)})


def _practice_token(request: Request, data: dict):
    found = tokens.unseal(data.get("token"), request.app.state.key, "practice", PRACTICE_MAX_AGE)
    if found is None:
        raise ApiError(400, "This practice play has expired or its token is damaged.", "Start again.")
    scenario = _practice_scenario(request, found["s"])
    numbers = [int(n) for n in found["n"]]
    if found.get("h") != scenario.source_hash:
        try:  # the library was updated since this play began: carry on if the route still fits
            protocol.walk(scenario, numbers)
        except PlayError:
            raise ApiError(409, "This scenario has been updated since you started.",
                           "Start it again from the beginning.") from None
    return scenario, numbers, bool(found.get("w"))


@endpoint
def list_scenarios(request: Request, data: dict) -> Response:
    lib = request.app.state.library
    return JSONResponse({"scenarios": [protocol.catalogue_entry(s) for s in lib.values()]})


@endpoint
def practice_briefing(request: Request, data: dict) -> Response:
    return JSONResponse(protocol.briefing(_practice_scenario(request, request.path_params["scenario"])))


@endpoint
def practice_start(request: Request, data: dict) -> Response:
    scenario = _practice_scenario(request, str(data.get("scenario", "")))
    return _practice_reply(request, scenario, [])


@endpoint
def practice_choose(request: Request, data: dict) -> Response:
    scenario, numbers, withdrawn = _practice_token(request, data)
    seq, number = _int(data, "seq"), _int(data, "number")
    if withdrawn:
        raise ApiError(409, "This practice play was stopped.", "Start again.")
    if seq < len(numbers):  # a retry of a choice already made: the same screen, nothing changes
        if numbers[seq] != number:
            raise ApiError(409, f"Decision {seq + 1} was already answered.", expected_seq=len(numbers))
        return _practice_reply(request, scenario, numbers[:seq + 1])
    if seq != len(numbers):
        raise ApiError(409, f"Expected choice {len(numbers)}, not {seq}.", expected_seq=len(numbers))
    if len(numbers) >= MAX_CHOICES:
        raise ApiError(400, "This play is longer than any story.")
    return _practice_reply(request, scenario, numbers + [number])


@endpoint
def practice_rewind(request: Request, data: dict) -> Response:
    scenario, numbers, withdrawn = _practice_token(request, data)
    to = _int(data, "to")
    if withdrawn or not 0 <= to <= len(numbers):
        raise ApiError(400, f"There is no decision {to} to go back to.")
    return _practice_reply(request, scenario, numbers[:to])


@endpoint
def practice_step_away(request: Request, data: dict) -> Response:
    scenario, numbers, _ = _practice_token(request, data)
    return _practice_reply(request, scenario, numbers, withdrawn=True)


# -- assessed ------------------------------------------------------------------------------------

def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


JOIN_WINDOW, JOIN_LIMIT = 600, 10  # ten wrong codes from one address in ten minutes, then wait


@endpoint
def join(request: Request, data: dict) -> Response:
    store = request.app.state.store
    code = clean_text(data.get("code", ""), "session code", limit=16)
    name = clean_text(data.get("name", ""), "name")
    bucket, now = f"join:{client_ip(request)}", int(time.time())
    if store.throttled(bucket, now, JOIN_WINDOW, JOIN_LIMIT):
        raise ApiError(429, "Too many wrong session codes from this computer.",
                       "Wait ten minutes, and check the code with your trainer.", retry_after=JOIN_WINDOW)
    try:
        session = store.get_session(code.upper())
    except StoreError:
        store.count_failure(bucket, now, JOIN_WINDOW)
        raise ApiError(404, f"No session has the code '{code}'.", "Check the code with your trainer.") from None
    if not session.is_open:
        raise ApiError(403, f"Session {session.code} ({session.name}) is closed.",
                       "Ask your trainer for the code of an open session.")
    held = _learner(request, required=False)  # this browser's (or client's) earlier token, if any
    enrolled = store.enrol(session.code, name, held["nonce"] if held and held["sid"] == session.id else None)
    token = tokens.seal({"sid": session.id, "lid": enrolled.learner_id, "code": session.code,
                         "nonce": enrolled.nonce}, request.app.state.key, "learner")
    response = JSONResponse({"token": token, **_enrolment(request, enrolled)})
    response.set_cookie(LEARNER_COOKIE, token, max_age=LEARNER_MAX_AGE, httponly=True,
                        samesite="strict", secure=request.app.state.secure_cookies, path="/")
    return response


def _token(request: Request) -> dict | None:
    """The learner token's data (from `Authorization: Bearer`, else the cookie), if genuine."""
    auth = request.headers.get("authorization", "")
    token = auth[7:] if auth.lower().startswith("bearer ") else request.cookies.get(LEARNER_COOKIE)
    return tokens.unseal(token, request.app.state.key, "learner", LEARNER_MAX_AGE)


def _learner(request: Request, required: bool = True) -> dict | None:
    found = _token(request)
    if found is not None:
        current = request.app.state.store.learner_nonce(found["lid"])
        if current is None or current != found["nonce"]:
            found = None  # the trainer let this learner rejoin elsewhere: this token is spent
    if found is None and required:
        raise ApiError(401, "Join the session first.", "POST /api/join with the code and your name.")
    return found


def _enrolled(request: Request) -> Enrolled:
    held = _learner(request)
    store = request.app.state.store
    session = store.get_session(held["code"])
    name = store.learner_name(held["lid"])
    return Enrolled(session=session, learner_id=held["lid"], learner=name, nonce=held["nonce"])


def _attempt_json(attempt) -> dict:
    return {"id": attempt.id, "scenario": attempt.scenario_id, "status": str(attempt.status),
            "started_at": attempt.started_at, "finished_at": attempt.finished_at}


def _enrolment(request: Request, enrolled: Enrolled) -> dict:
    """The learner's view of the session: each scenario's status, and the one to play now."""
    store, session = request.app.state.store, enrolled.session
    held = store.attempts_of(enrolled.learner_id)
    listed, current = [], None
    for ref in session.scenarios:
        attempt = held.get(ref.id)
        if attempt is None and current is None and session.is_open:
            attempt = store.claim_attempt(enrolled, ref.id, ref.source_hash)
        entry = {"id": ref.id, "title": ref.title, "status": "not_started", "attempt": None}
        if attempt is not None:
            scenario = judge.pinned(store, ref)
            pos = judge.position(store, session, attempt, scenario)
            entry.update(status=str(attempt.status), attempt=attempt.id)
            if current is None and pos.phase != protocol.Phase.FINISHED:
                current = _attempt_screen(session, attempt, scenario, pos)
        listed.append(entry)
    return {"learner": enrolled.learner,
            "session": {"code": session.code, "name": session.name, "pass_mark": session.pass_mark,
                        "open": session.is_open},
            "scenarios": listed, "current": current}


def _attempt_screen(session, attempt, scenario, pos: protocol.Position) -> dict:
    # The session's pass mark is the one applied, not the scenario's default.
    return {"attempt": _attempt_json(attempt),
            "briefing": protocol.briefing(scenario) | {"pass_mark": session.pass_mark},
            "screen": protocol.screen(pos)}


@endpoint
def me(request: Request, data: dict) -> Response:
    return JSONResponse(_enrolment(request, _enrolled(request)))


def _own_attempt(request: Request):
    """(enrolment, attempt) when the attempt is the token holder's own; 401 without a valid
    token, 403 for anyone else's attempt (or none: ids cannot be probed)."""
    held = _token(request)
    if held is None:
        raise ApiError(401, "Join the session first.", "POST /api/join with the code and your name.")
    store = request.app.state.store
    found = store.attempt_context(request.path_params["attempt"])  # one query on the hot path
    if found is None or found[1] != held["lid"]:
        raise ApiError(403, "This is not your attempt.", "You can see only your own attempt.")
    attempt, learner_id, nonce = found
    if nonce is None or nonce != held["nonce"]:
        raise ApiError(401, "Join the session first.", "This browser's place was handed to another.")
    session = store.get_session(held["code"])
    return Enrolled(session=session, learner_id=learner_id, learner=attempt.learner, nonce=nonce), attempt


@endpoint
def attempt_screen(request: Request, data: dict) -> Response:
    enrolled, attempt = _own_attempt(request)
    store = request.app.state.store
    scenario = judge.pinned(store, judge.ref_for(enrolled.session, attempt.scenario_id))
    pos = judge.position(store, enrolled.session, attempt, scenario)
    return JSONResponse(_attempt_screen(enrolled.session, attempt, scenario, pos))


@endpoint
def attempt_choose(request: Request, data: dict) -> Response:
    enrolled, attempt = _own_attempt(request)
    seq, number = _int(data, "seq"), _int(data, "number")
    unknown = set(data) - {"seq", "number"}
    if unknown:  # scores, debriefs, times: the server computes those, and says so
        raise ApiError(400, f"Only 'seq' and 'number' are accepted, not {', '.join(sorted(unknown))}.",
                       "The server works out scores and the result itself.")
    return _judged(judge.choose(request.app.state.store, enrolled.session, attempt, seq, number))


@endpoint
def attempt_step_away(request: Request, data: dict) -> Response:
    enrolled, attempt = _own_attempt(request)
    return _judged(judge.step_away(request.app.state.store, enrolled.session, attempt))


@endpoint
def attempt_resume(request: Request, data: dict) -> Response:
    enrolled, attempt = _own_attempt(request)
    return _judged(judge.resume(request.app.state.store, enrolled.session, attempt))


def _judged(judged: judge.Judged) -> JSONResponse:
    return JSONResponse({"attempt": _attempt_json(judged.attempt), "screen": protocol.screen(judged.position)})


ROUTES = [
    Route("/api/scenarios", list_scenarios, methods=["GET"]),
    Route("/api/practice/{scenario}/briefing", practice_briefing, methods=["GET"]),
    Route("/api/practice/start", practice_start, methods=["POST"]),
    Route("/api/practice/choose", practice_choose, methods=["POST"]),
    Route("/api/practice/rewind", practice_rewind, methods=["POST"]),
    Route("/api/practice/step-away", practice_step_away, methods=["POST"]),
    Route("/api/join", join, methods=["POST"]),
    Route("/api/me", me, methods=["GET"]),
    Route("/api/attempts/{attempt}", attempt_screen, methods=["GET"]),
    Route("/api/attempts/{attempt}/choose", attempt_choose, methods=["POST"]),
    Route("/api/attempts/{attempt}/step-away", attempt_step_away, methods=["POST"]),
    Route("/api/attempts/{attempt}/resume", attempt_resume, methods=["POST"]),
]
