"""What every request passes before it reaches a route: a body size limit (413), security
headers, and text checks that keep NUL bytes and terminal escape sequences out of the database."""
from __future__ import annotations

import unicodedata

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from game.storage.safetext import unsafe

MAX_BODY = 64 * 1024  # the largest honest request (a form or a choice) is under 2 kB
MAX_NAME = 80

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class BadText(ValueError):
    """Text refused at the door, with a sentence saying why."""


def clean_text(value: object, field: str, *, limit: int = MAX_NAME, required: bool = True) -> str:
    """`value` as text fit to store: NFC, spaces collapsed; BadText for control characters,
    direction overrides, too long, or empty when required."""
    if not isinstance(value, str):
        raise BadText(f"The {field} must be text.")
    if unsafe(value):
        raise BadText(f"The {field} holds control characters; type it again with letters, "
                      "numbers and punctuation only.")
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if required and not text:
        raise BadText(f"The {field} is needed.")
    if len(text) > limit:
        raise BadText(f"The {field} is too long ({len(text)} characters; at most {limit}).")
    return text


class Guard:
    """ASGI middleware: refuse bodies over `max_body` with 413 (by Content-Length, and by
    counting a body sent without one), and add security headers to every response."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _too_large(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    # Raised inside the app's read of the body; Starlette answers it with 413.
                    raise HTTPException(413, "The request is too large (at most 64 kB).")
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = {k.lower() for k, _ in message.get("headers", [])}
                # A response that sets its own policy (the printable certificate) keeps it.
                message = dict(message, headers=list(message.get("headers", []))
                               + [(k, v) for k, v in HEADERS if k not in own])
            await send(message)

        await self.app(scope, counted, with_headers)


async def _too_large(send: Send) -> None:
    body = b'{"error": "The request is too large.", "hint": "Requests are limited to 64 kB."}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())] + HEADERS})
    await send({"type": "http.response.body", "body": body})
