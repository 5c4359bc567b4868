"""The one access rule of every HTTP door: GraphQL (and the Explorer's calls to it), the
exports and the admin routes depend on an `Access` of the role they need; only the routes
of `PUBLIC` answer without one.

A request is authenticated once (its principal is kept in the ASGI scope); a missing key
where anonymous reading is off, a malformed, unknown or revoked key answer 401 with
`WWW-Authenticate: Bearer`, a role too low 403, and Neo4j out of reach 503, before the
route runs.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.requests import HTTPConnection

from service.access import Principal, Role, authenticate
from service.database import Database
from service.errors import ArticulaError, Forbidden, Unauthenticated

# Paths answered to anyone: liveness, readiness (no versions), the Explorer's page and files.
PUBLIC = frozenset({"/healthz", "/readyz", "/", "/explorer"})

STATUS = {Unauthenticated.code: 401, Forbidden.code: 403, "DATABASE_UNAVAILABLE": 503,
          "DATABASE_AUTH": 503, "DATABASE_TIMEOUT": 503}
_SCOPE_KEY = "articula.principal"


# How a door words a refusal: (request, error, status, headers) -> the response
Render = Callable[[Request, ArticulaError, int, dict[str, str]], Response]


def plain_refusal(request: Request, error: ArticulaError, status: int,
                  headers: dict[str, str]) -> Response:
    """`{"code", "message"}`, as the routes besides GraphQL answer errors."""
    return JSONResponse({"code": error.code, "message": error.message, **error.details},
                        status_code=status, headers=headers)


class Refused(Exception):
    """A request the access rule turned away, and how its door words refusals."""

    def __init__(self, error: ArticulaError, render: Render) -> None:
        super().__init__(error.message)
        self.error = error
        self.render = render

    @property
    def status(self) -> int:
        return STATUS.get(self.error.code, 500)


async def principal_of(connection: HTTPConnection) -> Principal:
    """Who the request speaks for, authenticated once per request."""
    found = connection.scope.get(_SCOPE_KEY)
    if isinstance(found, Principal):
        return found
    db: Database = connection.app.state.db
    principal = await authenticate(connection.headers.get("authorization"), db,
                                   db.settings.anonymous_read)
    connection.scope[_SCOPE_KEY] = principal
    return principal


class Access:
    """A route's dependency: the caller's principal, or Refused unless it may `action`."""

    def __init__(self, role: Role, action: str, *, render: Render = plain_refusal) -> None:
        self.role = role
        self.action = action
        self.render = render

    async def __call__(self, connection: HTTPConnection) -> Principal:
        try:
            principal = await principal_of(connection)
            principal.require(self.role, self.action)
        except ArticulaError as error:
            raise Refused(error, self.render) from None
        return principal

    def __repr__(self) -> str:
        return f"Access({self.role.name}, {self.action!r})"


def refusal_response(request: Request, refused: Exception) -> Response:
    assert isinstance(refused, Refused)
    headers = {"WWW-Authenticate": "Bearer"} if refused.status == 401 else {}
    return refused.render(request, refused.error, refused.status, headers)


def install(app: FastAPI) -> None:
    """Answer the rule's refusals."""
    app.add_exception_handler(Refused, refusal_response)
