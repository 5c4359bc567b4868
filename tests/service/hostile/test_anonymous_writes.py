"""Writes only with a key, never on GET, always audited: `persist` of centrality and
communities and the mutations, sent as a hostile page or client would, to a real server."""

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from service.access import NewKey, create_key
from tests.neo4j_backends import Backend
from tests.service.api.writing import clean_up, prepare
from tests.serving import serve

CENTRALITY = "{ centrality(metric: DEGREE, projection: FULL, top: 1, persist: true) { nodeCount } }"
COMMUNITIES = "{ communities(algorithm: WCC, projection: FULL, top: 1, persist: true) { count } }"
PROPERTIES = {"centrality": "score_degree_full", "communities": "community_wcc_full"}
QUERIES = {"centrality": CENTRALITY, "communities": COMMUNITIES}
MUTATION = 'mutation { updateFirm(input: {id: "FIRM-CO-002", employees: 999}) { auditId } }'


@pytest.fixture(scope="module")
def keys(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[dict[str, NewKey]]:
    database = neo4j_backend.settings.neo4j_database
    prepare(driver, database)
    yield {role: create_key(driver, database, f"hostile {role}", role)
           for role in ("READER", "EDITOR", "ADMIN")}
    clean_up(driver, database)


@pytest.fixture(scope="module")
def url(keys: dict[str, NewKey], neo4j_backend: Backend) -> Iterator[str]:
    with serve(neo4j_backend.settings) as base:
        yield base


def ask(url: str, query: str, *, key: str | None = None, method: str = "POST",
        accept: str = "application/json", variables: dict[str, Any] | None = None,
        headers_out: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    headers = {"Content-Type": "application/json", "Accept": accept}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    if method == "GET":
        parameters = {"query": query}
        if variables is not None:
            parameters["variables"] = json.dumps(variables)
        request = urllib.request.Request(
            f"{url}/graphql?{urllib.parse.urlencode(parameters)}", headers=headers)
    else:
        request = urllib.request.Request(f"{url}/graphql", method="POST", headers=headers,
                                         data=json.dumps({"query": query}).encode())
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            status, text = response.status, response.read()
            answered = response.headers
    except urllib.error.HTTPError as error:
        status, text, answered = error.code, error.read(), error.headers
    if headers_out is not None:
        headers_out.update({k.lower(): v for k, v in answered.items()})
    try:
        return status, dict(json.loads(text))
    except ValueError:
        return status, {"text": text.decode()}


def code_of(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


def persisted(driver: neo4j.Driver, property: str) -> int:
    """How many nodes hold the property `persist` writes."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE n[$p] IS NOT NULL RETURN count(n) AS n", p=property)
    return int(records[0]["n"])


def audit_entries(driver: neo4j.Driver, operation: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:AuditEntry {operation: $operation}) RETURN a {.*} AS a ORDER BY a.at",
        operation=operation)
    return [dict(r["a"]) for r in records]


@pytest.mark.parametrize("field", ["centrality", "communities"])
def test_persist_without_a_writing_key_writes_nothing(
        field: str, url: str, keys: dict[str, NewKey], driver: neo4j.Driver) -> None:
    before = audit_entries(driver, "persist")
    for key, code in ((None, "UNAUTHENTICATED"), (keys["READER"].key, "FORBIDDEN")):
        status, body = ask(url, QUERIES[field], key=key)
        assert status == 200, body
        assert code_of(body) == code, body
        assert f"{field}(persist: true) needs" in body["errors"][0]["message"]
        assert body["data"] is None
    assert persisted(driver, PROPERTIES[field]) == 0
    assert audit_entries(driver, "persist") == before


@pytest.mark.parametrize("field", ["centrality", "communities"])
def test_persist_on_get_is_refused_before_it_runs_whatever_the_key(
        field: str, url: str, keys: dict[str, NewKey], driver: neo4j.Driver) -> None:
    """A page can make its visitor's browser send a GET (an image, a link): GET never writes."""
    by_variable = QUERIES[field].replace("{ " + field, "query ($p: Boolean! = true) { " + field
                                         ).replace("persist: true", "persist: $p")
    in_fragment = ("query { ...F } fragment F on Query "
                   + QUERIES[field].replace("{ " + field, "{ about { version } " + field, 1))
    for key in (None, keys["EDITOR"].key, keys["ADMIN"].key):
        for query in (QUERIES[field], by_variable, in_fragment):
            headers: dict[str, str] = {}
            status, body = ask(url, query, key=key, method="GET",
                               accept="application/graphql-response+json", headers_out=headers)
            assert status == 405, body
            assert headers["allow"] == "POST"
            assert "data" not in body  # nothing ran, not even `about`
            assert code_of(body) == "METHOD_NOT_ALLOWED"
            assert body["errors"][0]["message"] == (
                f"{field}(persist: true) writes to the database: send it with POST; GET never "
                "writes.")
        status, body = ask(url, QUERIES[field], key=key, method="GET")  # legacy media type
        assert (status, code_of(body), body["data"]) == (200, "METHOD_NOT_ALLOWED", None)
        status, body = ask(url, by_variable, key=key, method="GET", variables={"p": False})
        assert status == 200 and "errors" not in body, body  # persist: false reads on GET
    assert persisted(driver, PROPERTIES[field]) == 0
    assert audit_entries(driver, "persist") == []


@pytest.mark.parametrize("field", ["centrality", "communities"])
def test_persist_with_an_editor_key_writes_and_is_audited(
        field: str, url: str, keys: dict[str, NewKey], driver: neo4j.Driver) -> None:
    editor = keys["EDITOR"]
    status, body = ask(url, QUERIES[field], key=editor.key)
    assert status == 200 and "errors" not in body, body
    written = persisted(driver, PROPERTIES[field])
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE n:Initiative OR n:Actor OR n:Program RETURN count(n) AS n")
    assert written == nodes[0]["n"]  # every node of the FULL projection
    entry = audit_entries(driver, "persist")[-1]
    assert (entry["keyId"], entry["role"], entry.get("user")) == (editor.id, "EDITOR", None)
    after = json.loads(entry["after"])
    assert after["field"] == field
    assert after["property"] == PROPERTIES[field]
    assert after["nodes"] == written
    assert after["projection"] == "FULL"
    assert entry["graphVersion"] >= 1
    driver.execute_query(f"MATCH (n) REMOVE n.{PROPERTIES[field]}")


def test_a_mutation_on_get_writes_nothing(url: str, keys: dict[str, NewKey],
                                          driver: neo4j.Driver) -> None:
    records, _, _ = driver.execute_query(
        "MATCH (f:Firm {id: 'FIRM-CO-002'}) RETURN f.employees AS e")
    employees = records[0]["e"]
    for key in (None, keys["EDITOR"].key):
        status, body = ask(url, MUTATION, key=key, method="GET")
        assert status >= 400 or body.get("errors"), body
    records, _, _ = driver.execute_query(
        "MATCH (f:Firm {id: 'FIRM-CO-002'}) RETURN f.employees AS e")
    assert records[0]["e"] == employees
    assert audit_entries(driver, "updateFirm") == []
    status, body = ask(url, MUTATION)  # anonymous, POST
    assert code_of(body) == "UNAUTHENTICATED"
    assert audit_entries(driver, "updateFirm") == []
