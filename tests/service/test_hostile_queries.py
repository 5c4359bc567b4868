"""Hostile GraphQL is refused cheaply, each refusal with a code, before Neo4j is asked."""

from collections import Counter

from fastapi.testclient import TestClient

from service.api.limits import MAX_TOKENS


def refusal(client: TestClient, query: str) -> dict[str, object]:
    answer = client.post("/graphql", json={"query": query}).json()
    assert answer.get("data") is None, answer
    [error] = answer["errors"]
    return dict(error)


def test_an_alias_flood_is_too_complex(client: TestClient) -> None:
    flood = " ".join(f"a{i}: about {{ version }}" for i in range(101))
    error = refusal(client, f"{{ {flood} }}")
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "aliases": 101, "limit": 100}


def test_cyclic_fragments_fail_validation(client: TestClient) -> None:
    error = refusal(
        client,
        "query { about { ...A } } fragment A on About { version ...B } "
        "fragment B on About { gdsVersion ...A }",
    )
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "Cannot spread fragment 'A' within itself" in str(error["message"])


def test_a_document_of_too_many_tokens_is_refused_by_the_parser(client: TestClient) -> None:
    fields = " ".join(["version"] * MAX_TOKENS)
    error = refusal(client, f"{{ about {{ {fields} }} }}")
    assert f"more than {MAX_TOKENS} tokens" in str(error["message"])
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


def test_batched_operations_are_refused(client: TestClient) -> None:
    batch = [{"query": "{ about { version } }"}] * 2
    response = client.post("/graphql", json=batch)
    assert response.status_code == 400
    assert "Batching is not enabled" in response.text


def test_an_oversized_body_is_refused_with_413(client: TestClient) -> None:
    padding = "#" * 1_000_001
    response = client.post("/graphql", json={"query": f"{padding}\n{{ about {{ version }} }}"})
    assert response.status_code == 413
    assert response.json()["code"] == "REQUEST_TOO_LARGE"


def test_an_oversized_streamed_body_is_refused_with_413(client: TestClient) -> None:
    chunks = iter([b'{"query": "' + b"#" * 600_000, b"#" * 600_000 + b'"}'])
    response = client.post("/graphql", content=chunks,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


DEEP = """{ initiatives(first: 1) { edges { node { participants { actor { initiatives {
  initiative { participants { actor { initiatives { initiative { participants { actor {
  initiatives { initiative { id } } } } } } } } } } } } } } } }"""
COSTLY = """{ initiatives(first: 500) { edges { node { participants { actor { initiatives {
  initiative { participants { actor { id name } } } } } } } } } }"""


def test_a_query_too_deep_or_too_costly_never_reaches_the_database(client: TestClient) -> None:
    """A query too deep is refused without a word to Neo4j; one too costly after reading only
    the largest fan-outs of its relationship lists (`limits/` statements)."""
    database = client.app.state.db  # type: ignore[attr-defined]
    before = Counter(database.statements)
    deep = refusal(client, DEEP)
    assert database.statements == before
    costly = refusal(client, COSTLY)
    assert deep["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert deep["extensions"]["depth"] > deep["extensions"]["limit"] == 12
    assert costly["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert costly["extensions"]["cost"] > costly["extensions"]["limit"] == 1_000_000
    sent = database.statements - before
    assert sent and all(name.startswith("limits/") for name in sent), sent


def test_a_query_within_the_limits_runs(client: TestClient) -> None:
    query = "{ initiatives(first: 2) { edges { node { participants { actor { id } } } } } }"
    answer = client.post("/graphql", json={"query": query}).json()
    assert answer == {"data": {"initiatives": {"edges": []}}}
