"""Which language a request, or the command line, speaks: es, en or pt.

A request's language comes from its `Accept-Language` header (quality values honoured;
`pt-BR` is `pt`), else ARTICULA_LANGUAGE; a `language` argument of a field wins inside that
field. It is held in a context variable so that errors raised deep in the service are worded
in it without passing it along.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.settings import get_settings

LANGUAGES = ("es", "en", "pt")
DEFAULT = "es"

_current: ContextVar[str | None] = ContextVar("articula_language", default=None)


def current() -> str:
    """The language of the request being served, else ARTICULA_LANGUAGE."""
    return _current.get() or get_settings().language


def supported(tag: str | None) -> str | None:
    """`tag`'s language when Articula speaks it: "pt-BR" → "pt", "fr" → None."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in LANGUAGES else None


def negotiate(header: str | None, fallback: str) -> str:
    """The language of an Accept-Language header that Articula speaks with the highest
    quality (the first listed among equals); `fallback` when it names none, or only `*`."""
    best: tuple[float, int, str] | None = None
    for position, item in enumerate((header or "").split(",")):
        tag, *parameters = item.split(";")
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        language = supported(tag)
        if language is None or not 0 < quality <= 1:
            continue
        if best is None or (-quality, position) < (-best[0], best[1]):
            best = (quality, position, language)
    return best[2] if best else fallback


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Texts made inside the block are in `language`."""
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


class RequestLanguage:
    """ASGI middleware: every request speaks the language its Accept-Language header asks
    for, so that errors raised before GraphQL runs (or outside it) are worded in it too;
    answers say `Vary: Accept-Language`, so that a cache keeps one per language."""

    def __init__(self, app: ASGIApp, fallback: str) -> None:
        self.app = app
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = next((value.decode("latin-1") for name, value in scope["headers"]
                       if name == b"accept-language"), None)

        async def varied(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).add_vary_header("Accept-Language")
            await send(message)

        with speaking(negotiate(header, self.fallback)):
            await self.app(scope, receive, varied)
