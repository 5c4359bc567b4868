"""An answer is measured while it is built and refused with RESPONSE_TOO_LARGE once it grows
past ARTICULA_MAX_RESPONSE_BYTES, instead of being built and sent whole."""

import json
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.neo4j_backends import Backend
from tests.service.hostile.served_app import post, served

PAGE_WITH_MEMBERS = """{ initiatives(first: 50) { edges { node { id name description
  participants { role actor { id name } } } } } }"""
ANSWERS = {
    "plain records": "{ firms(first: 50) { edges { node { id name size employees } } } }",
    "fields with resolvers": PAGE_WITH_MEMBERS,
    "one JSON value": "{ network(projection: FULL) { cytoscape } }",
}


def patient(neo4j_backend: Backend) -> Settings:
    """The test server's settings with time for Neo4j to plan the network's statement on a
    busy machine: what is measured here is the answer, not the time it takes."""
    return neo4j_backend.settings.model_copy(update={"neo4j_timeout_s": 300.0})


@pytest.fixture(scope="module")
def whole(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[dict[str, bytes]]:
    """Each answer of ANSWERS as sent whole under the default limit."""
    with TestClient(create_app(patient(neo4j_backend))) as client:
        found = {}
        for name, query in ANSWERS.items():
            response = client.post("/graphql", json={"query": query})
            assert "errors" not in response.json()
            found[name] = response.content
    yield found


def test_an_answer_past_the_size_limit_is_refused_with_response_too_large(
    whole: dict[str, bytes], neo4j_backend: Backend
) -> None:
    page = json.loads(whole["fields with resolvers"])["data"]["initiatives"]["edges"]
    limit = len(whole["fields with resolvers"]) // 3
    settings = patient(neo4j_backend).model_copy(update={"max_response_bytes": limit})
    with served(settings) as (url, _):
        response = post(url, PAGE_WITH_MEMBERS)
        small = post(url, "{ initiatives(first: 2) { edges { node { id } } } }").json()
    answer = response.json()
    assert answer["data"] is None
    [error] = answer["errors"]
    assert error["extensions"] == {"code": "RESPONSE_TOO_LARGE", "limit": limit}
    assert len(response.content) < 1_000
    # stopped where the limit was passed, inside the page, not after building all of it
    assert error["path"][:2] == ["initiatives", "edges"]
    assert error["path"][2] < len(page) - 1
    assert len(small["data"]["initiatives"]["edges"]) == 2


@pytest.mark.parametrize("kind", ANSWERS)
def test_the_size_counted_while_building_is_within_a_fifth_of_what_is_sent(
    kind: str, whole: dict[str, bytes], neo4j_backend: Backend
) -> None:
    for factor, sent in ((0.8, False), (1.2, True)):
        limit = int(len(whole[kind]) * factor)
        settings = patient(neo4j_backend).model_copy(update={"max_response_bytes": limit})
        with TestClient(create_app(settings)) as client:
            answer = client.post("/graphql", json={"query": ANSWERS[kind]}).json()
        if sent:
            assert "errors" not in answer, (limit, answer["errors"])
        else:
            assert answer["errors"][0]["extensions"]["code"] == "RESPONSE_TOO_LARGE", limit
