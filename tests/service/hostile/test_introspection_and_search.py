"""Introspection counts like any other selection, and search text has a length limit: neither
is a way around the limits, nor into an internal error."""

from collections.abc import Iterator

import neo4j
import pytest
from graphql import get_introspection_query

from service.api.entity_filters import MAX_SEARCH_CHARS
from tests.neo4j_backends import Backend
from tests.service.hostile.served_app import post, refused, served

FULL_INTROSPECTION = get_introspection_query(
    descriptions=True, specified_by_url=True, directive_is_repeatable=True,
    schema_description=True, input_value_deprecation=True)


@pytest.fixture(scope="module")
def url(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    with served(neo4j_backend.settings) as (base, _):
        yield base


def test_300_aliases_of_schema_are_refused_as_too_many_aliases(url: str) -> None:
    flood = " ".join(f"s{i}: __schema {{ types {{ name fields {{ name }} }} }}"
                     for i in range(300))
    error = refused(url, f"{{ {flood} }}")
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "aliases": 300, "limit": 100}


def test_aliased_full_introspections_are_refused_by_their_cost(url: str) -> None:
    one = post(url, FULL_INTROSPECTION).json()
    assert one["data"]["__schema"]["queryType"] == {"name": "Query", "kind": "OBJECT"}
    fragments = FULL_INTROSPECTION[FULL_INTROSPECTION.index("fragment "):]
    flood = " ".join(f"s{i}: __schema {{ types {{ ...FullType }} }}" for i in range(100))
    error = refused(url, f"query Flood {{ {flood} }} {fragments}")
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] > error["extensions"]["limit"] == 1_000_000


def test_introspection_inside_the_aliases_counts_toward_the_alias_limit(url: str) -> None:
    aliased = " ".join(f"t{i}: name" for i in range(101))
    error = refused(url, f"{{ __schema {{ types {{ {aliased} }} }} }}")
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "aliases": 101, "limit": 100}


def test_a_search_of_more_than_1024_words_is_bad_user_input(url: str) -> None:
    words = " ".join(["cacao"] * 1025)
    answer = post(url, "query($q: String!) { firms(filter: {search: $q}) { edges { node "
                  "{ id } } } }", {"q": words}).json()
    [error] = answer["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "search",
                                   "limit": MAX_SEARCH_CHARS}
    assert f"{len(words)} characters" in error["message"]


def test_a_search_at_the_length_limit_is_answered(url: str) -> None:
    words = ("zyzzyva " * MAX_SEARCH_CHARS)[:MAX_SEARCH_CHARS]
    answer = post(url, "query($q: String!) { initiatives(filter: {search: $q}) { edges { node "
                  "{ id } } } }", {"q": words}).json()
    assert answer == {"data": {"initiatives": {"edges": []}}}
