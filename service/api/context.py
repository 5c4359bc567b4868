"""What every resolver gets through `info.context`: built once per request."""

from typing import Any

import neo4j
from fastapi import Request
from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from service.access import Principal, authenticate
from service.api.dataloaders import EntityLoaders
from service.database import Database


class Context(BaseContext):
    def __init__(self, db: Database, principal: Principal,
                 writer: neo4j.Driver | None = None, method: str = "POST") -> None:
        super().__init__()
        self.db = db
        self.principal = principal
        self.method = method  # the HTTP method: GET never writes
        self.loaders = EntityLoaders(db)
        self._writer = writer

    @property
    def writer(self) -> neo4j.Driver:
        """The app's blocking driver, for the loader's writer that mutations run in a thread."""
        assert self._writer is not None, "the app's lifespan creates the writer"
        return self._writer


Info = StrawberryInfo[Context, Any]


async def get_context(request: Request) -> Context:
    db: Database = request.app.state.db
    principal = await authenticate(
        request.headers.get("authorization"), db, db.settings.anonymous_read
    )
    return Context(db=db, principal=principal, writer=request.app.state.writer,
                   method=request.method)
