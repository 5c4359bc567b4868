"""GET never writes: a mutation sent as GET (a link or an image on any web page can make a
visitor's browser send one) is refused with 405 before it runs, whatever the key may do."""

from collections.abc import Iterator

import httpx2 as httpx
import neo4j
import pytest

from tests.neo4j_backends import Backend
from tests.service.api.writing import RESULT, clean_up, node_props, prepare
from tests.serving import serve

DELETE = f'mutation {{ deleteFirm(id: "FIRM-CO-004") {RESULT} }}'


@pytest.fixture
def admin_key(db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    database = neo4j_backend.settings.neo4j_database
    keys = prepare(db, database)
    yield keys["ADMIN"][1]
    clean_up(db, database)


@pytest.fixture
def http(neo4j_backend: Backend) -> Iterator[httpx.Client]:
    with serve(neo4j_backend.settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


@pytest.mark.parametrize("accept", ["application/graphql-response+json", "application/json"])
def test_a_mutation_sent_as_get_is_405_and_writes_nothing(
    http: httpx.Client, db: neo4j.Driver, admin_key: str, accept: str
) -> None:
    headers = {"authorization": f"Bearer {admin_key}", "accept": accept}
    refused = http.get("/graphql", params={"query": DELETE}, headers=headers)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "POST"
    assert refused.json() == {"errors": [{
        "message": "GET runs queries only: send mutations with POST.",
        "extensions": {"code": "METHOD_NOT_ALLOWED"}}]}
    assert node_props(db, "FIRM-CO-004") is not None
    # the same request as POST does write: the refusal is GET's, not the key's
    done = http.post("/graphql", json={"query": DELETE}, headers=headers)
    assert done.json()["data"]["deleteFirm"]["targets"] == ["FIRM-CO-004"]
    assert node_props(db, "FIRM-CO-004") is None


def test_a_mutation_named_among_queries_in_a_get_is_405(
    http: httpx.Client, db: neo4j.Driver, admin_key: str
) -> None:
    document = f"query Read {{ about {{ version }} }} mutation Write {DELETE[len('mutation'):]}"
    headers = {"authorization": f"Bearer {admin_key}"}
    refused = http.get("/graphql", params={"query": document, "operationName": "Write"},
                       headers=headers)
    assert refused.status_code == 405
    assert node_props(db, "FIRM-CO-004") is not None
    # without operationName the operation is undetermined: nothing runs, neither one
    unnamed = http.get("/graphql", params={"query": document}, headers=headers)
    assert unnamed.status_code == 200
    assert unnamed.json()["data"] is None
    assert unnamed.json()["errors"][0]["message"] == (
        "Must provide operation name if query contains multiple operations.")
    assert node_props(db, "FIRM-CO-004") is not None
    read = http.get("/graphql", params={"query": document, "operationName": "Read"})
    assert read.status_code == 200
    assert read.json()["data"]["about"]["version"]
