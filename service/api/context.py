"""What every resolver gets through `info.context`: built once per request."""

from typing import Annotated, Any

import neo4j
from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response
from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from service.access import Principal, Role
from service.access_rule import Access
from service.analytics.slots import caller
from service.api.dataloaders import EntityLoaders
from service.api.media_type import JSON, negotiate
from service.database import Database
from service.errors import ArticulaError
from service.language import current
from service.rate_limit import SlidingWindow

SUBMISSION_WINDOW_S = 3600.0  # ARTICULA_SUBMISSIONS_PER_HOUR counts in this window


def graphql_refusal(request: Request, error: ArticulaError, status: int,
                    headers: dict[str, str]) -> Response:
    """A refusal at GraphQL's door as GraphQL over HTTP words a request that never executed:
    errors only, no `data`, in the media type `Accept` asks for."""
    media_type = negotiate(request.headers.get("accept")) or JSON
    body = {"errors": [{"message": error.message, "extensions": error.extensions}]}
    return JSONResponse(body, status_code=status,
                        headers={**headers, "content-type": f"{media_type}; charset=utf-8"})


# GraphQL's door: reading, as every caller the rule lets in may; fields that write or show
# private data ask the principal for more.
GRAPHQL_DOOR = Access(Role.READER, "GraphQL", render=graphql_refusal)


class Context(BaseContext):
    def __init__(self, db: Database, principal: Principal,
                 writer: neo4j.Driver | None = None, method: str = "POST",
                 language: str | None = None, caller: str = "address:unknown",
                 submission_window: SlidingWindow | None = None) -> None:
        super().__init__()
        self.caller = caller  # `caller_of`: the key, or the client address without one
        self.submission_window = submission_window or SlidingWindow(
            db.settings.submissions_per_hour, SUBMISSION_WINDOW_S)
        self.db = db
        self.principal = principal
        self.method = method  # the HTTP method: GET never writes
        self.language = language or current()  # Accept-Language's, else ARTICULA_LANGUAGE
        self.loaders = EntityLoaders(db)
        self._writer = writer

    @property
    def writer(self) -> neo4j.Driver:
        """The app's blocking driver, for the loader's writer that mutations run in a thread."""
        assert self._writer is not None, "the app's lifespan creates the writer"
        return self._writer


Info = StrawberryInfo[Context, Any]


async def get_context(request: Request,
                      principal: Annotated[Principal, Depends(GRAPHQL_DOOR)]) -> Context:
    who = caller_of(principal, request)
    caller.set(who)
    return Context(db=request.app.state.db, principal=principal,
                   writer=request.app.state.writer, method=request.method, caller=who,
                   submission_window=getattr(request.app.state, "submission_window", None))


def caller_of(principal: Principal, request: Request) -> str:
    """Whose analysis slots a request uses: its key's, or its client address's without one."""
    if principal.key_id is not None:
        return f"key:{principal.key_id}"
    return f"address:{request.client.host if request.client else 'unknown'}"
