"""No N+1: a nested query costs one database round trip per level, whatever the page size."""

from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.database import Database
from service.settings import Settings
from tests.service.api.conftest import GraphQL, sample

NESTED = """query($first: Int!) { initiatives(first: $first) { edges { node {
  id name participants { role actor { id name territory { code name } } }
} } } }"""


def round_trips(database: Database, gql: GraphQL, query: str,
                variables: dict[str, Any] | None = None) -> int:
    """The statements the request sends for its answer, leaving aside what the process reads
    once and keeps: the cost guard's largest fan-outs (`limits/`), the list planner's sizes."""
    before = Counter(database.statements)
    gql(query, variables)
    sent = database.statements - before
    return sum(n for name, n in sent.items()
               if not name.startswith("limits/") and name != "entities/list_sizes")


def test_a_nested_query_costs_three_round_trips_for_any_page_size(
    database: Database, gql: GraphQL
) -> None:
    # the page, the participants of all its initiatives, the territories of all their actors
    assert round_trips(database, gql, NESTED, {"first": 20}) == 3
    assert round_trips(database, gql, NESTED, {"first": 5}) == 3
    data = gql(NESTED, {"first": 20})["initiatives"]["edges"]
    assert len(data) == len(sample("initiatives"))
    assert sum(len(edge["node"]["participants"]) for edge in data) == len(sample("participations"))


def test_total_count_is_one_more_round_trip_and_only_when_asked(
    database: Database, gql: GraphQL
) -> None:
    page = "{ firms(first: 10) { edges { node { id } } } }"
    counted = "{ firms(first: 10) { totalCount edges { node { id } } } }"
    assert round_trips(database, gql, page) == 1
    assert round_trips(database, gql, counted) == 2
    assert round_trips(database, gql, "{ firms(first: 0) { totalCount } }") == 2


def test_one_initiative_with_its_participants_is_one_round_trip(
    database: Database, gql: GraphQL
) -> None:
    query = """{ initiative(id: "INI-MX-001") { id name
      participants { role since actor { __typename id name ... on Firm { size } } } } }"""
    assert round_trips(database, gql, query) == 1
    through_a_fragment = """{ initiative(id: "INI-MX-001") { ...detail } }
      fragment detail on Initiative { participants { role } }"""
    assert round_trips(database, gql, through_a_fragment) == 1
    without_participants = """{ initiative(id: "INI-MX-001") { id governance { role } } }"""
    assert round_trips(database, gql, without_participants) == 2


def test_an_initiative_read_in_one_round_trip_answers_as_read_in_two(
    database: Database, gql: GraphQL
) -> None:
    fields = """id name type status startYear endYear description website
      participants { role since until source confidence
        actor { __typename id name ... on Firm { size employees foundedYear }
                ... on Institution { kind level } } }"""
    for id in ("INI-MX-001", "INI-CO-004", "FIRM-CO-001", "NO-SUCH-ID"):
        one = gql(f'{{ initiative(id: "{id}") {{ {fields} }} }}')
        # node(id:) takes the two loaders' path
        two = gql(f'{{ initiative: node(id: "{id}") {{ ... on Initiative {{ {fields} }} }} }}')
        if id.startswith("INI"):
            assert one["initiative"]["participants"]
            assert one["initiative"] == two["initiative"]
        else:
            assert one["initiative"] is None


def test_every_relationship_of_a_page_is_batched(database: Database, gql: GraphQL) -> None:
    query = """query($first: Int!) { initiatives(first: $first) { edges { node {
      territories { code parent { code } children { code } }
      sectors { code parent { code } children { code } }
      participants { actor { territory { code } sectors { code } initiatives { role } } }
      governance { institution { governs { role } programs { id } agreements { kind } } }
      supportedBy { program { runBy { id } supports { amount } } }
      collaborations { partner { id } }
    } } } }"""
    # page; territories, sectors, participants, governance, supportedBy, collaborations;
    # their parents and children (4); actors' territory, sectors, initiatives;
    # institutions' governs, programs, agreements; programmes' runBy, supports
    expected = 1 + 6 + 4 + 3 + 3 + 2
    assert round_trips(database, gql, query, {"first": 15}) == expected
    assert round_trips(database, gql, query, {"first": 3}) == expected


def test_filters_with_codes_and_search_add_one_round_trip_each(
    database: Database, gql: GraphQL
) -> None:
    query = """{ firms(first: 100, filter: {sizes: [SMALL, MEDIUM], countries: ["CO"],
      sectors: ["C"], search: "andinos"}) { edges { node { id } } } }"""
    assert round_trips(database, gql, query) == 3  # codes checked, search, page


def test_the_page_size_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICULA_MAX_PAGE_SIZE", "20")
    assert Settings(_env_file=None).max_page_size == 20
    monkeypatch.delenv("ARTICULA_MAX_PAGE_SIZE")
    assert Settings(_env_file=None).max_page_size == 500


def test_a_lower_page_size_limit_is_enforced(api: TestClient, database: Database) -> None:
    default = database.settings.max_page_size
    database.settings.max_page_size = 10
    try:
        body = api.post("/graphql", json={"query": "{ firms(first: 11) { totalCount } }"}).json()
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        body = api.post("/graphql", json={"query": "{ firms(first: 10) { totalCount } }"}).json()
        assert body["data"]["firms"]["totalCount"] == len(sample("firms"))
    finally:
        database.settings.max_page_size = default
