"""Cursor connections: `first`/`after` pages of a list, with a total counted only on demand.

A cursor is the opaque base64 of an edge's position in the ordered list, so a page is one
`SKIP $offset LIMIT $first + 1` statement (the extra row says whether a next page exists).
The order is total (every order ends with the key, `id` or `code`), so positions are stable
while the data are.
"""

import base64
import binascii
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from service.api.context import Info
from service.api.list_plans import Below, plan
from service.errors import BadUserInput
from service.messages import msg

T = TypeVar("T")

_PREFIX = "articula:position:"


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{position}".encode()).decode("ascii")


def decode_cursor(cursor: str) -> int:
    """The position `cursor` stands for; BadUserInput when it is not one this API gave out."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    number = text.removeprefix(_PREFIX)
    if not text.startswith(_PREFIX) or not number.isdigit():
        raise BadUserInput(
            msg("error.page.cursor", cursor=cursor), argument="after", value=cursor
        )
    return int(number)


def window(info: Info, first: int, after: str | None) -> tuple[int, int]:
    """(offset, first) of the requested page, checked against the page size limit."""
    largest = info.context.db.settings.max_page_size
    if not 0 <= first <= largest:
        raise BadUserInput(
            msg("error.page.first", largest=largest, first=first),
            argument="first", value=first,
        )
    return (0 if after is None else decode_cursor(after) + 1), first


@strawberry.enum(description="Sort direction; ties are always broken by ascending id or code.")
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.type(description="Where a page stands in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Pass as `after` to continue after this item.")
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(
        description="How many items the filters let through, on every page together. "
        "Counted by a separate query, only when asked for."
    )
    async def total_count(self) -> int:
        return await self.count()


def _present(node: dict[str, Any]) -> bool:
    """False for a node another transaction deleted while the page was read: its properties
    read as null."""
    return node["name"] is not None and node.get("id", node.get("code")) is not None


async def connection(
    info: Info,
    statement: str,
    parameters: dict[str, Any],
    first: int,
    after: str | None,
    build: Callable[[dict[str, Any]], T],
    below: Below | None = None,
) -> Connection[T]:
    """A page of `entities/<statement>_page`; its `_count` twin counts the whole list.

    In the default order (name, ascending) the `_page_by_name` twin reads the name index in
    order and stops after the page, instead of sorting every item the filters let through;
    when a filter is narrow, `_page` reads from its territories, sectors or search hits
    instead (service/api/list_plans.py; `below` says what lies under the filter's codes).
    """
    offset, first = window(info, first, after)
    db = info.context.db
    below = below or Below()
    page = await plan(db, statement, parameters, below, offset + first + 1)
    rows = [row for row in await db.read(page.statement, **parameters, start=page.start,
                                         offset=offset, limit=first + 1)
            if _present(row["node"])]
    nodes = [build(row["node"]) for row in rows[:first]]
    edges = [Edge(cursor=encode_cursor(offset + i), node=node) for i, node in enumerate(nodes)]

    async def count() -> int:
        counting = await plan(db, statement, parameters, below, None)
        counted = await db.read(counting.statement, **parameters, start=counting.start)
        return int(counted[0]["count"])

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > first,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count=count,
    )
