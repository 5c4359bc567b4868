"""Every role (and an anonymous caller, and a revoked key) against every kind of operation,
with the exact answer each gets."""

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.access import create_key, revoke_key
from service.app import create_app
from tests.neo4j_backends import Backend
from tests.service.api.writing import call, clean_up, prepare

TAX_ID = "890900000-1"
OK = "OK"
NULL = "NULL"

# caller -> operation -> what it gets: OK, NULL (a private field hidden), or the error code;
# for /admin/load, (HTTP status, OK or `code`)
EXPECTED: dict[str, dict[str, Any]] = {
    "anonymous": {"read": OK, "private field": NULL, "mutation": "UNAUTHENTICATED",
                  "admin mutation": "UNAUTHENTICATED", "submission": OK,
                  "moderation": "UNAUTHENTICATED", "approval": "UNAUTHENTICATED",
                  "rejection": "UNAUTHENTICATED",
                  "audit trail": "UNAUTHENTICATED", "admin load": (401, "UNAUTHENTICATED")},
    "READER": {"read": OK, "private field": NULL, "mutation": "FORBIDDEN",
               "admin mutation": "FORBIDDEN", "submission": OK, "moderation": "FORBIDDEN",
               "approval": "FORBIDDEN", "rejection": "FORBIDDEN",
               "audit trail": "FORBIDDEN", "admin load": (403, "FORBIDDEN")},
    "EDITOR": {"read": OK, "private field": OK, "mutation": OK, "admin mutation": "FORBIDDEN",
               "submission": OK, "moderation": OK, "approval": "NOT_FOUND",
               "rejection": "NOT_FOUND",
               "audit trail": "FORBIDDEN",
               "admin load": (403, "FORBIDDEN")},
    "ADMIN": {"read": OK, "private field": OK, "mutation": OK, "admin mutation": OK,
              "submission": OK, "moderation": OK, "approval": "NOT_FOUND",
              "rejection": "NOT_FOUND",
              "audit trail": OK,
              "admin load": (200, OK)},
    "revoked ADMIN": {"read": "UNAUTHENTICATED", "private field": "UNAUTHENTICATED",
                      "mutation": "UNAUTHENTICATED", "admin mutation": "UNAUTHENTICATED",
                      "submission": "UNAUTHENTICATED", "moderation": "UNAUTHENTICATED",
                      "approval": "UNAUTHENTICATED", "rejection": "UNAUTHENTICATED",
                      "audit trail": "UNAUTHENTICATED",
                      "admin load": (401, "UNAUTHENTICATED")},
}

QUERIES = {
    "read": "{ initiatives(first: 2) { edges { node { id name } } } }",
    "private field": '{ firm(id: "FIRM-CO-001") { id taxId } }',
    "mutation": 'mutation { updateFirm(input: {id: "FIRM-CO-002", employees: 181}) '
                "{ auditId } }",
    "admin mutation": 'mutation { mergeActors(keep: "FIRM-CO-003", remove: "FIRM-CO-004") '
                      "{ auditId } }",
    "audit trail": "{ auditTrail(first: 1) { edges { node { id operation } } } }",
    # the one write a caller without a key may make
    "submission": 'mutation { submitInitiative(input: {initiative: {id: "INI-ROLE", '
                  'name: "Red de prueba", type: "CLUSTER", territoryCodes: ["CO"]}}) '
                  "{ reference } }",
    "moderation": "{ submissions(first: 1) { totalCount } }",
    # reached (NOT_FOUND: no such submission) only by a role that may moderate
    "approval": 'mutation { approveSubmission(reference: "none") { auditId } }',
    "rejection": 'mutation { rejectSubmission(reference: "none", note: "x") { auditId } }',
}


@pytest.fixture(scope="module")
def keys(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[dict[str, str | None]]:
    database = neo4j_backend.settings.neo4j_database
    made = prepare(driver, database)
    driver.execute_query("MATCH (f:Firm {id: 'FIRM-CO-001'}) SET f.taxId = $taxId",
                         taxId=TAX_ID, database_=database)
    revoked = create_key(driver, database, "test revoked", "ADMIN")
    revoke_key(driver, database, revoked.id)
    yield {"anonymous": None, **{role: key for role, (_, key) in made.items()},
           "revoked ADMIN": revoked.key}
    clean_up(driver, database)


@pytest.fixture(scope="module")
def app(keys: dict[str, str | None], neo4j_backend: Backend) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_backend.settings)) as client:
        yield client


def outcome(answer: dict[str, Any], operation: str) -> str:
    if answer.get("errors"):
        assert answer["data"] is None, answer
        return str(answer["errors"][0]["extensions"]["code"])
    if operation == "private field":
        tax_id = answer["data"]["firm"]["taxId"]
        assert tax_id in (None, TAX_ID)
        return NULL if tax_id is None else OK
    assert all(value is not None for value in answer["data"].values())
    return OK


@pytest.mark.parametrize("operation", [*QUERIES, "admin load"])
@pytest.mark.parametrize("caller", list(EXPECTED))
def test_each_caller_gets_exactly_what_its_role_allows(
    caller: str, operation: str, app: TestClient, keys: dict[str, str | None]
) -> None:
    key = keys[caller]
    expected = EXPECTED[caller][operation]
    if operation == "admin load":
        dataset = {"firms": [{"id": f"FIRM-LOAD-{caller.replace(' ', '-')}", "name": "Carga",
                              "territory_code": "CO"}]}
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = app.post("/admin/load", json=dataset, headers=headers)
        body = response.json()
        assert (response.status_code, OK if response.status_code == 200 else body["code"]) \
            == expected
        if response.status_code == 200:
            assert body["created"] == 2  # the firm and its territory link
        return
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = app.post("/graphql", json={"query": QUERIES[operation]}, headers=headers)
    if caller == "revoked ADMIN":  # refused at the door, before any field runs
        assert response.status_code == 401
        body = response.json()
        assert "data" not in body
        assert body["errors"][0]["extensions"] == {"code": expected}
        assert "was revoked" in body["errors"][0]["message"]
        return
    assert response.status_code == 200, response.text
    assert outcome(response.json(), operation) == expected


def test_private_fields_are_hidden_in_lists_and_relationship_fields_too(
    app: TestClient, keys: dict[str, str | None]
) -> None:
    query = """{ firms(first: 500) { edges { node { id taxId } } }
                 initiative(id: "INI-CO-001") {
                   participants { actor { ... on Firm { id taxId } } } }
                 actors(first: 500) { edges { node { ... on Firm { id taxId } } } } }"""

    def tax_ids(key: str | None) -> set[Any]:
        data = call(app, query, key=key)["data"]
        found = {e["node"]["taxId"] for e in data["firms"]["edges"]}
        found |= {p["actor"].get("taxId") for p in data["initiative"]["participants"]}
        found |= {e["node"].get("taxId") for e in data["actors"]["edges"]}
        return found

    assert tax_ids(None) == {None}
    assert tax_ids(keys["READER"]) == {None}
    assert TAX_ID in tax_ids(keys["EDITOR"])
    assert TAX_ID in tax_ids(keys["ADMIN"])


def test_a_bad_dataset_over_http_names_its_problems_and_writes_nothing(
    app: TestClient, keys: dict[str, str | None], driver: neo4j.Driver
) -> None:
    dataset = {"firms": [{"id": "FIRM-HTTP-BAD", "name": "x", "territory_code": "CO",
                          "size": "enorme"}]}
    response = app.post("/admin/load", json=dataset,
                        headers={"Authorization": f"Bearer {keys['ADMIN']}"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "BAD_DATASET"
    assert body["problems"] == ["request.json, firms, item 1, column size: 'enorme': expected "
                                "one of MICRO, SMALL, MEDIUM, LARGE (or its Spanish or Portuguese "
                                "name)"]
    records, _, _ = driver.execute_query("MATCH (f {id: 'FIRM-HTTP-BAD'}) RETURN count(f) AS n")
    assert records[0]["n"] == 0
