"""The one-pass completion of plain lists answers exactly as graphql-core's own path does."""

from enum import Enum
from typing import Any

import pytest
import strawberry
from fastapi.testclient import TestClient

from service.access import authenticate
from service.api.context import Context
from service.api.execution import PlainListExecutionContext
from service.api.schema import Mutation, Query
from service.api.schema import schema as app_schema
from service.database import Database


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.interface
class Thing:
    id: strawberry.ID

    @staticmethod
    def resolve_type(obj: Any, info: Any, abstract_type: Any) -> str:
        return str(obj.__strawberry_definition__.name)


@strawberry.type
class Box(Thing):
    colour: Colour
    size: int | None
    tags: list[str]


@strawberry.type
class Ball(Thing):
    weight: float

    @strawberry.field
    def heavy(self) -> bool:
        return self.weight > 1


def box(i: int, *, tags: Any = ("a",), size: int | None = 1) -> Box:
    return Box(id=strawberry.ID(f"b{i}"), colour=Colour.RED if i % 2 else Colour.BLUE,
               size=size, tags=list(tags))


@strawberry.type
class Holding:
    thing: Thing
    note: str


ROWS: dict[str, list[Any]] = {}


@strawberry.type
class Q:
    @strawberry.field
    def things(self, name: str) -> list[Thing]:
        return ROWS[name]

    @strawberry.field
    def holdings(self, name: str) -> list[Holding]:
        return ROWS[name]


FAST = strawberry.Schema(query=Q, types=[Box, Ball],
                         execution_context_class=PlainListExecutionContext)
SLOW = strawberry.Schema(query=Q, types=[Box, Ball])

QUERY = """query($name: String!) {
  things(name: $name) {
    __typename id
    ... on Box { colour size tags kind: colour }
    ... on Ball { weight heavy }
  }
}"""
HELD = """query($name: String!) {
  holdings(name: $name) { note thing { id ... on Box { tags } ... on Ball { weight } } }
}"""


def both(query: str, name: str, rows: list[Any]) -> tuple[Any, Any]:
    ROWS[name] = rows
    fast = FAST.execute_sync(query, {"name": name})
    slow = SLOW.execute_sync(query, {"name": name})
    return fast, slow


@pytest.mark.parametrize(("name", "rows"), [
    ("boxes", [box(i) for i in range(5)]),
    ("mixed", [box(1), Ball(id=strawberry.ID("x"), weight=2.0), box(2, size=None)]),
    ("empty", []),
    ("null in a non-null list", [box(1), box(2, tags=["a", None])]),
    ("not a thing", [box(1), "a string"]),
    ("an int past 32 bits", [box(1), box(2, size=2**31)]),
    ("a float that is not finite", [Ball(id=strawberry.ID("x"), weight=float("nan"))]),
    ("a boolean as an int", [box(1, size=True)]),  # type: ignore[arg-type]
])
def test_lists_of_things_as_graphql_core_answers(name: str, rows: list[Any]) -> None:
    fast, slow = both(QUERY, name, rows)
    assert fast.data == slow.data
    assert [(e.message, e.path) for e in fast.errors or []] == [
        (e.message, e.path) for e in slow.errors or []]


def test_objects_holding_an_interface() -> None:
    rows = [Holding(thing=box(1), note="n"), Holding(thing=Ball(id=strawberry.ID("y"),
                                                                   weight=0.5), note="m")]
    fast, slow = both(HELD, "held", rows)
    assert fast.errors is None and fast.data == slow.data


def test_a_non_null_field_left_null_is_located_like_graphql_core() -> None:
    rows = [Holding(thing=box(1), note=None)]  # type: ignore[arg-type]
    fast, slow = both(HELD, "broken", rows)
    assert fast.data == slow.data is None
    assert [e.path for e in fast.errors or []] == [e.path for e in slow.errors or []]


APP_QUERIES = [
    """{ initiatives(first: 10) { edges { node { id name type participants {
         role since until source confidence
         actor { __typename id name
                 ... on Firm { size employees taxId } ... on Institution { kind } }
       } governance { role institution { id name kind level } } } } } }""",
    """{ firms(first: 30) { edges { cursor node { id name size employees foundedYear taxId
         territory { code } } } pageInfo { hasNextPage endCursor } } }""",
    """{ network(projection: FULL) { nodes { id name label kind country }
         edges { source target type weight } } }""",
]


@pytest.mark.parametrize("query", APP_QUERIES)
def test_the_app_answers_as_without_it(query: str, api: TestClient, database: Database) -> None:
    plain = strawberry.Schema(query=Query, mutation=Mutation,
                              extensions=app_schema.extensions)

    async def answers() -> tuple[Any, Any]:
        principal = await authenticate(None, database, database.settings.anonymous_read)
        fast = await app_schema.execute(query, context_value=Context(database, principal))
        slow = await plain.execute(query, context_value=Context(database, principal))
        return fast, slow

    assert api.portal is not None  # the app's driver lives on the client's event loop
    fast, slow = api.portal.call(answers)
    assert fast.errors is None and slow.errors is None
    assert fast.data == slow.data
