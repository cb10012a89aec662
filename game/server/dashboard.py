"""The trainer dashboard: sign in, sessions with live progress, the cohort report, CSV and xAPI
downloads, close, verify, let a learner rejoin, certificates and the audit log.

Pages are Jinja2 templates with autoescape. Every form carries a CSRF token bound to a cookie
(double submit, signed), and a POST whose Origin is another site is refused. A trainer sees and
manages only their own sessions; a manager reads every session and changes nothing.
"""
from __future__ import annotations

import json
import secrets
import time
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from game.server import accounts, judge, sources, tokens
from game.server.guard import BadText, clean_text
from game.storage.errors import StoreError
from game.storage.hosted import HostedStore, Trainer
from game.web.protocol import node_label

TRAINER_COOKIE, CSRF_COOKIE = "doorstep_trainer", "doorstep_csrf"
SIGN_IN_HOURS = 12
# Wrong passwords in 15 minutes: five per account, thirty per address (a training room shares
# one address behind its router).
LOGIN_WINDOW, LOGIN_LIMIT, LOGIN_LIMIT_ADDRESS = 900, 5, 30


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    csrf_cookie = request.cookies.get(CSRF_COOKIE) or secrets.token_hex(16)
    csrf = tokens.seal({"c": csrf_cookie}, request.app.state.key, "csrf")
    page = request.app.state.templates.get_template(name).render(request=request, csrf=csrf, **context)
    response = HTMLResponse(page, status)
    if CSRF_COOKIE not in request.cookies:
        response.set_cookie(CSRF_COOKIE, csrf_cookie, httponly=True, samesite="strict",
                            secure=request.app.state.secure_cookies, path="/")
    return response


def _store(request: Request) -> HostedStore:
    return request.app.state.store


def signed_in(request: Request) -> Trainer | None:
    found = tokens.unseal(request.cookies.get(TRAINER_COOKIE), request.app.state.key, "trainer",
                          SIGN_IN_HOURS * 3600)
    if found is None:
        return None
    trainer = _store(request).trainer_by_id(found.get("tid", -1))
    if trainer is None or trainer.disabled or found.get("pw") != accounts.password_stamp(trainer):
        return None
    return trainer


async def checked_form(request: Request) -> dict:
    """The POSTed form, after the CSRF and same-origin checks (Refused 403 otherwise)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise Refused(403, "This form was sent from another site.")
    form = await request.form()
    data = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    data["scenario"] = [v for v in form.getlist("scenario") if isinstance(v, str)]
    held = tokens.unseal(data.get("csrf"), request.app.state.key, "csrf")
    cookie = request.cookies.get(CSRF_COOKIE)
    if held is None or not cookie or not secrets.compare_digest(str(held.get("c")), cookie):
        raise Refused(403, "This form has expired or did not come from this site. Go back, reload "
                           "the page and try again.")
    return data


def page(fn=None, *, manage: bool = False):
    """A dashboard route `fn(request, trainer, form)`: signed in (else to the sign-in page), a
    POST's form already through the CSRF check, run in a worker thread. `manage` routes change
    things and are refused to managers. Refused and StoreError become a plain error page."""
    def wrap(fn):
        async def run(request: Request) -> Response:
            form = None
            if request.method == "POST":
                try:
                    form = await checked_form(request)
                except Refused as err:
                    return render(request, "error.html", err.status, message=err.message, trainer=None)
            return await run_in_threadpool(handle, request, form)

        def handle(request: Request, form: dict | None) -> Response:
            trainer = signed_in(request)
            if trainer is None:
                if request.method == "GET":
                    return RedirectResponse("/trainer/login", 303)
                return render(request, "error.html", 401, message="Sign in first.", trainer=None)
            try:
                if manage and trainer.role != "trainer":
                    raise Refused(403, "A manager's account reads reports; it cannot change sessions.")
                return fn(request, trainer, form)
            except Refused as err:
                return render(request, "error.html", err.status, message=err.message, trainer=trainer)
            except BadText as err:
                return render(request, "error.html", 400, message=str(err), trainer=trainer)
            except StoreError as err:
                return render(request, "error.html", 400, message=err.message, hint=err.hint, trainer=trainer)
        return run
    return wrap(fn) if fn else wrap


def _visible(request: Request, trainer: Trainer, code: str):
    """The session, if this trainer may see it (their own; a manager any); else 404."""
    store = _store(request)
    try:
        session = store.get_session(code)
    except StoreError:
        raise Refused(404, "There is no such session.") from None
    if trainer.role != "manager" and store.session_owner(session.code) != trainer.id:
        raise Refused(404, "There is no such session.")  # not 403: codes are not confirmed
    return session


# -- signing in ----------------------------------------------------------------------------------

def login_form(request: Request) -> Response:
    return render(request, "login.html", trainer=signed_in(request), error=None)


async def login(request: Request) -> Response:
    try:
        form = await checked_form(request)
    except Refused as err:
        return render(request, "error.html", err.status, message=err.message, trainer=None)
    return await run_in_threadpool(_login, request, form)


def _login(request: Request, form: dict) -> Response:
    store = _store(request)
    username = form.get("username", "")[:80]
    now = int(time.time())
    host = request.client.host if request.client else "unknown"
    buckets = ((f"login:{host}", LOGIN_LIMIT_ADDRESS), (f"login-user:{username.casefold()}", LOGIN_LIMIT))
    if any(store.throttled(b, now, LOGIN_WINDOW, limit) for b, limit in buckets):
        return render(request, "login.html", 429, trainer=None,
                      error="Too many wrong passwords. Wait fifteen minutes and try again.")
    trainer = accounts.authenticate(store, username, form.get("password", ""))
    if trainer is None:
        for b, _ in buckets:
            store.count_failure(b, now, LOGIN_WINDOW)
        return render(request, "login.html", 400, trainer=None, error="That user name and password do not match.")
    store.audit(trainer.username, "sign_in", None, host)
    response = RedirectResponse("/trainer", 303)
    response.set_cookie(TRAINER_COOKIE, tokens.seal({"tid": trainer.id, "pw": accounts.password_stamp(trainer)},
                                                    request.app.state.key, "trainer"),
                        max_age=SIGN_IN_HOURS * 3600, httponly=True, samesite="strict",
                        secure=request.app.state.secure_cookies, path="/")
    return response


@page
def logout(request: Request, trainer: Trainer, form: dict | None) -> Response:
    response = RedirectResponse("/trainer/login", 303)
    response.delete_cookie(TRAINER_COOKIE, path="/")
    return response


# -- sessions ------------------------------------------------------------------------------------

@page
def sessions_page(request: Request, trainer: Trainer, form: dict | None) -> Response:
    store = _store(request)
    listed = store.sessions_of(None if trainer.role == "manager" else trainer.id)
    rows = [(s, store.progress(s.code)) for s in listed]
    library = sorted(request.app.state.library.values(), key=lambda s: s.title)
    return render(request, "sessions.html", trainer=trainer, rows=rows, library=library)


@page(manage=True)
def create_session(request: Request, trainer: Trainer, form: dict | None) -> Response:
    store = _store(request)
    name = clean_text(form.get("name", ""), "session name")
    try:
        pass_mark = int(form.get("pass_mark", "70"))
    except ValueError:
        raise Refused(400, "The pass mark is a number from 0 to 100.") from None
    library = request.app.state.library
    wanted = [library[i] for i in form["scenario"] if i in library]
    if not wanted:
        raise Refused(400, "Pick at least one scenario for the session.")
    session = sources.pin_session(store, name, pass_mark, [s.path for s in wanted], owner_id=trainer.id)
    store.audit(trainer.username, "session_create", session.code,
                f"{session.name}; pass mark {pass_mark}; " + ", ".join(r.id for r in session.scenarios))
    return RedirectResponse(f"/trainer/sessions/{session.code}", 303)


def _route_steps(request: Request, session, cohort) -> list[dict]:
    """Each scenario's most-travelled places, labelled by what happens there (never 'L98')."""
    store = _store(request)
    out = []
    for routes in cohort.routes:
        try:
            scenario = judge.pinned(store, judge.ref_for(session, routes.scenario_id))
        except StoreError:
            continue
        total = routes.attempts or 1
        steps = sorted(((n, c) for n, c in routes.nodes.items() if n in scenario.nodes
                        and scenario.nodes[n].kind in ("decision", "ending")),
                       key=lambda nc: (-nc[1], nc[0]))
        out.append({"title": routes.title, "attempts": routes.attempts,
                    "steps": [{"label": node_label(scenario, n), "kind": scenario.nodes[n].kind,
                               "count": c, "share": round(100 * c / total)} for n, c in steps[:40]]})
    return out


@page
def session_page(request: Request, trainer: Trainer, form: dict | None) -> Response:
    from game.exports.cohort import gather
    session = _visible(request, trainer, request.path_params["code"])
    store = _store(request)
    cohort = gather(store, session.code)
    return render(request, "session.html", trainer=trainer, session=session, cohort=cohort,
                  progress=store.progress(session.code), routes=_route_steps(request, session, cohort),
                  audit=store.audit_entries(session.code, limit=50),
                  can_manage=trainer.role == "trainer")


@page
def progress_json(request: Request, trainer: Trainer, form: dict | None) -> Response:
    session = _visible(request, trainer, request.path_params["code"])
    return JSONResponse({"code": session.code, "open": session.is_open, **_store(request).progress(session.code)})


@page(manage=True)
def close_session(request: Request, trainer: Trainer, form: dict | None) -> Response:
    session = _visible(request, trainer, request.path_params["code"])
    _store(request).close_session(session.code)
    _store(request).audit(trainer.username, "session_close", session.code, session.name)
    return RedirectResponse(f"/trainer/sessions/{session.code}", 303)


@page
def verify_session(request: Request, trainer: Trainer, form: dict | None) -> Response:
    session = _visible(request, trainer, request.path_params["code"])
    store = _store(request)
    checked, problems = store.verify(session.code)
    store.audit(trainer.username, "session_verify", session.code, f"{checked} checked, {len(problems)} failed")
    return render(request, "verify.html", trainer=trainer, session=session, checked=checked, problems=problems)


@page(manage=True)
def allow_rejoin(request: Request, trainer: Trainer, form: dict | None) -> Response:
    session = _visible(request, trainer, request.path_params["code"])
    learner = clean_text(form.get("learner", ""), "learner name")
    if not _store(request).allow_rejoin(session.code, learner):
        raise Refused(404, f"No learner called {learner} has joined this session.")
    _store(request).audit(trainer.username, "learner_rejoin", session.code, learner)
    return RedirectResponse(f"/trainer/sessions/{session.code}", 303)


def _download(text: str, media: str, filename: str) -> Response:
    return Response(text, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@page
def results_csv(request: Request, trainer: Trainer, form: dict | None) -> Response:
    from game.exports.cohort import gather
    from game.exports.tabular import cohort_csv
    session = _visible(request, trainer, request.path_params["code"])
    _store(request).audit(trainer.username, "export_csv", session.code, "")
    return _download(cohort_csv(gather(_store(request), session.code)), "text/csv; charset=utf-8",
                     f"doorstep-{session.code}.csv")


@page
def results_xapi(request: Request, trainer: Trainer, form: dict | None) -> Response:
    from game.exports import xapi
    session = _visible(request, trainer, request.path_params["code"])
    base = str(request.base_url).rstrip("/")
    statements = xapi.session_statements(_store(request), session.code, base)
    _store(request).audit(trainer.username, "export_xapi", session.code, f"{len(statements)} statements")
    return _download(json.dumps(statements, indent=2, ensure_ascii=False) + "\n", "application/json",
                     f"doorstep-{session.code}-xapi.json")


@page
def report_html(request: Request, trainer: Trainer, form: dict | None) -> Response:
    from game.exports.cohort import gather
    from game.exports.html_report import cohort_html
    session = _visible(request, trainer, request.path_params["code"])
    _store(request).audit(trainer.username, "export_report", session.code, "")
    return _download(cohort_html(gather(_store(request), session.code)), "text/html; charset=utf-8",
                     f"doorstep-{session.code}-report.html")


@page
def certificate(request: Request, trainer: Trainer, form: dict | None) -> Response:
    from game.exports.html_report import certificate_html
    store = _store(request)
    try:
        attempt = store.get_attempt(request.path_params["attempt"])
    except StoreError:
        raise Refused(404, "There is no such attempt.") from None
    session = _visible(request, trainer, attempt.session_code)
    _, problems = store.verify(attempt_id=attempt.id)
    if problems:
        raise Refused(409, f"No certificate: this result failed the integrity check ({problems[0].message}).")
    row = store.result_row(attempt.id)
    debrief = store.debrief(attempt.id)
    if debrief is None or not row.passed:
        raise Refused(409, "No certificate: this attempt has not passed.")
    store.audit(trainer.username, "certificate", session.code, f"{attempt.learner} ({attempt.id})")
    # Self-contained and printable: its own inline styles, and nothing else may load.
    return HTMLResponse(certificate_html(session, attempt, debrief, store.signature(attempt.id) or ""),
                        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                                            "img-src data:; frame-ancestors 'none'"})


@page
def audit_page(request: Request, trainer: Trainer, form: dict | None) -> Response:
    store = _store(request)
    entries = store.audit_entries(limit=500)
    if trainer.role != "manager":
        mine = {s.code for s in store.sessions_of(trainer.id)}
        entries = [e for e in entries if e.session_code in mine or e.actor == trainer.username]
    return render(request, "audit.html", trainer=trainer, entries=entries)


async def robots(request: Request) -> Response:
    return PlainTextResponse("User-agent: *\nDisallow: /\n")


ROUTES = [
    Route("/trainer/login", login_form, methods=["GET"]),
    Route("/trainer/login", login, methods=["POST"]),
    Route("/trainer/logout", logout, methods=["POST"]),
    Route("/trainer", sessions_page, methods=["GET"]),
    Route("/trainer/sessions", create_session, methods=["POST"]),
    Route("/trainer/sessions/{code}", session_page, methods=["GET"]),
    Route("/trainer/sessions/{code}/progress.json", progress_json, methods=["GET"]),
    Route("/trainer/sessions/{code}/close", close_session, methods=["POST"]),
    Route("/trainer/sessions/{code}/verify", verify_session, methods=["POST"]),
    Route("/trainer/sessions/{code}/rejoin", allow_rejoin, methods=["POST"]),
    Route("/trainer/sessions/{code}/results.csv", results_csv, methods=["GET"]),
    Route("/trainer/sessions/{code}/xapi.json", results_xapi, methods=["GET"]),
    Route("/trainer/sessions/{code}/report.html", report_html, methods=["GET"]),
    Route("/trainer/attempts/{attempt}/certificate", certificate, methods=["GET"]),
    Route("/trainer/audit", audit_page, methods=["GET"]),
    Route("/robots.txt", robots, methods=["GET"]),
]
