"""The Doorstep server: one ASGI app (Starlette) over the results store.

    app = create_app(Settings(db_url=..., scenarios_dir=...))
    uvicorn.run(app, host="127.0.0.1", port=8080)      # what `main.py serve` does

The server is the only holder of the database credentials and the signing key. It keeps nothing
in memory that another process would need (tokens are signed, limits live in the database), so
several processes behind a load balancer can share one PostgreSQL.
"""
from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import anyio.to_thread
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from game.core.errors import AuthoringError
from game.core.loader import load_path
from game.core.model import Scenario
from game.server import api, dashboard
from game.server.guard import MAX_BODY, Guard
from game.storage import signing
from game.storage.errors import StoreError
from game.storage.hosted import HostedStore

HERE = Path(__file__).resolve().parent
STATIC = HERE.parent / "web" / "static"  # the browser player (h10p), served at /play/
PLAYER_URL = "/play/"
THREADS = 8


@dataclass(frozen=True, kw_only=True)
class Settings:
    db_url: str | None = None  # None: DOORSTEP_DB, else SQLite in the user data folder
    scenarios_dir: str = str(HERE.parents[1] / "scenarios")  # the practice library and new sessions
    secure_cookies: bool = False  # set behind HTTPS (the reverse proxy terminates TLS)
    max_body: int = MAX_BODY
    static_dir: str = str(STATIC)
    extra: dict = field(default_factory=dict)


def load_library(folder: str) -> dict[str, Scenario]:
    """Every scenario in `folder` that loads (a broken file is left out, not fatal)."""
    found: dict[str, Scenario] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            scenario = load_path(str(path))
        except (AuthoringError, OSError):
            continue
        found.setdefault(scenario.id, scenario)
    return found


def templates() -> Environment:
    return Environment(loader=FileSystemLoader(str(HERE / "templates")),
                       autoescape=select_autoescape(default=True, default_for_string=True))


async def home(request: Request) -> HTMLResponse:
    return dashboard.render(request, "home.html", player=PLAYER_URL)


def health(request: Request) -> JSONResponse:
    """For a load balancer: 200 while this process can reach the database, else 503."""
    try:
        request.app.state.store.ping()
    except StoreError as err:
        return JSONResponse({"ok": False, "error": err.message}, 503)
    return JSONResponse({"ok": True})


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    store = HostedStore(settings.db_url)
    routes = [Route("/", home), Route("/health", health), *api.ROUTES, *dashboard.ROUTES,
              Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")]
    if Path(settings.static_dir).is_dir():
        routes.append(Mount(PLAYER_URL.rstrip("/"), StaticFiles(directory=settings.static_dir, html=True),
                            name="player"))
    else:
        routes.append(Route(PLAYER_URL, lambda r: RedirectResponse("/")))
    @contextlib.asynccontextmanager
    async def lifespan(_app):
        # Blocking work runs in worker threads. A few more than the cores keep the database
        # busy; hundreds would only queue on the interpreter lock and stretch every answer.
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        # The event loop waits for the interpreter lock while a worker thread replays a play;
        # a shorter switch interval (default 5 ms) lets it answer in between. The server
        # process runs nothing else, so the setting is its own.
        sys.setswitchinterval(0.001)
        yield
        store.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.store = store
    app.state.key = signing.load_key()
    app.state.library = load_library(settings.scenarios_dir)
    app.state.settings = settings
    app.state.secure_cookies = settings.secure_cookies
    app.state.templates = templates()
    return Guard(app, settings.max_body)


def app_from_environment() -> Guard:
    """For `uvicorn --factory game.server.app:app_from_environment` (several workers)."""
    return create_app(Settings(db_url=os.environ.get("DOORSTEP_DB") or None,
                               scenarios_dir=os.environ.get("DOORSTEP_SCENARIOS") or Settings().scenarios_dir,
                               secure_cookies=os.environ.get("DOORSTEP_SECURE_COOKIES") == "1"))
