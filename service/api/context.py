"""What every resolver gets through `info.context`: built once per request."""

from typing import Any

from fastapi import Request
from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from service.api.dataloaders import EntityLoaders
from service.database import Database


class Context(BaseContext):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.loaders = EntityLoaders(db)


Info = StrawberryInfo[Context, Any]


async def get_context(request: Request) -> Context:
    return Context(db=request.app.state.db)
