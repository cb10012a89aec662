"""The trainer dashboard (HTML, Jinja2 with autoescape)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    page = request.app.state.templates.get_template(name).render(request=request, **context)
    return HTMLResponse(page, status)


ROUTES: list = []
