"""Depth, aliases and estimated cost of a query, measured before it runs, and the refusals."""

from typing import Any

import pytest
import strawberry
from fastapi.testclient import TestClient
from graphql import (
    FragmentDefinitionNode,
    OperationDefinitionNode,
    get_introspection_query,
    graphql_sync,
    parse,
)

from service.api.limits import (
    DEFAULT_PAGE,
    LIST_ESTIMATE,
    Measure,
    QueryLimits,
    check,
    measure_operation,
)
from service.app import create_app
from service.errors import QueryTooComplex
from tests.neo4j_backends import Backend


@strawberry.type
class Item:
    name: str
    children: list["Item"]


@strawberry.type
class ItemEdge:
    node: Item


@strawberry.type
class ItemConnection:
    edges: list[ItemEdge]


@strawberry.type
class Query:
    @strawberry.field
    def items(self, first: int = DEFAULT_PAGE) -> ItemConnection:
        return ItemConnection(edges=[])

    @strawberry.field
    def item(self) -> Item:
        return Item(name="", children=[])


SCHEMA = strawberry.Schema(query=Query)._schema


def measure(query: str, variables: dict[str, Any] | None = None) -> Measure:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return measure_operation(SCHEMA, operation, fragments, variables or {})


def page_cost(first: int) -> int:
    """items(first) { edges { node { name } } }: per edge 1, its node 1, the name 1; plus items."""
    return first * (1 + 1 + 1 + 1)


def test_a_page_costs_each_object_once_per_row() -> None:
    assert measure("{ items(first: 10) { edges { node { name } } } }").cost == page_cost(10)
    assert measure("{ items(first: 20) { edges { node { name } } } }").cost == page_cost(20)


def test_a_page_without_first_counts_the_default_page() -> None:
    assert measure("{ items { edges { node { name } } } }").cost == page_cost(DEFAULT_PAGE)


def test_first_from_a_variable_is_honoured() -> None:
    query = "query($n: Int!) { items(first: $n) { edges { node { name } } } }"
    assert measure(query, {"n": 7}).cost == page_cost(7)


def test_a_nested_list_multiplies_by_its_estimate() -> None:
    flat = measure("{ item { name } }").cost
    nested = measure("{ item { children { name } } }").cost
    assert flat == 1 + 1
    assert nested == 1 + LIST_ESTIMATE * (1 + 1)


def test_fragments_cost_what_their_inlined_fields_cost() -> None:
    inline = measure("{ items(first: 3) { edges { node { name children { name } } } } }")
    spread = measure(
        "query { items(first: 3) { edges { node { ...F } } } } "
        "fragment F on Item { name children { name } }"
    )
    assert (spread.cost, spread.depth) == (inline.cost, inline.depth)


def test_depth_counts_nesting() -> None:
    assert measure("{ item { children { children { name } } } }").depth == 4


def objects(answer: dict[str, Any]) -> int:
    """The objects an answer holds, counted as the estimate counts them: a value 1, a list
    item 1 plus what it holds, an object 1 plus its fields."""

    def field(value: Any) -> int:
        if isinstance(value, list):
            return sum(1 + (objects(item) if isinstance(item, dict) else 0) for item in value)
        return 1 + objects(value) if isinstance(value, dict) else 1

    return sum(field(value) for value in answer.values())


@pytest.mark.parametrize("query", [
    get_introspection_query(descriptions=True, specified_by_url=True,
                            directive_is_repeatable=True, schema_description=True,
                            input_value_deprecation=True),
    "{ __schema { types { fields { type { ofType { name } } } } } }",
    '{ __type(name: "Item") { name fields { name args { name } } } a: __typename }',
    '{ a: __schema { types { name } } b: __schema { types { name kind } } }',
    '{ __type(name: "Nothing") { name } }',
])
def test_introspection_costs_exactly_what_it_answers(query: str) -> None:
    answer = graphql_sync(SCHEMA, query)
    assert answer.errors is None and answer.data is not None
    assert measure(query).cost == objects(answer.data)


def test_aliases_are_counted_introspection_too() -> None:
    assert measure("{ a: item { name } b: item { n: name } }").aliases == 3
    assert measure("{ a: __schema { t: types { name } } b: __typename }").aliases == 3


@pytest.mark.parametrize(
    ("found", "message"),
    [
        (Measure(depth=13), r"13 levels deep; the limit is 12"),
        (Measure(aliases=31), r"31 aliases; the limit is 30"),
        (Measure(cost=50_001), r"about 50001 objects; the limit is 50000"),
    ],
)
def test_each_limit_is_named_when_exceeded(found: Measure, message: str) -> None:
    with pytest.raises(QueryTooComplex, match=message):
        check(found, QueryLimits(max_depth=12, max_cost=50_000, max_aliases=30))


def test_the_api_refuses_an_oversized_query_before_it_runs(neo4j_backend: Backend) -> None:
    settings = neo4j_backend.settings.model_copy(update={"max_query_depth": 1})
    with TestClient(create_app(settings)) as client:
        answer = client.post("/graphql", json={"query": "{ about { version } }"}).json()
    assert answer["data"] is None
    [error] = answer["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "depth": 2, "limit": 1}


def test_a_page_larger_than_the_page_limit_counts_as_the_limit() -> None:
    """The resolver refuses such a page with BAD_USER_INPUT, which says more than a cost."""
    document = parse("{ items(first: 100000) { edges { node { name } } } }")
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    assert measure_operation(SCHEMA, operation, {}, {}, max_page=500).cost == page_cost(500)
