"""Nothing describes the service to a caller beyond what it may use: no GraphiQL page, no
OpenAPI document or its viewers, no "Did you mean …?" naming fields, arguments, types or
enum values a caller guessed at, and no WebSocket endpoint beside the HTTP one."""

from collections.abc import Iterator

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from service.app import create_app
from tests.neo4j_backends import Backend
from tests.serving import serve


@pytest.fixture(scope="module")
def http(neo4j_backend: Backend) -> Iterator[httpx.Client]:
    with serve(neo4j_backend.settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def test_graphiql_is_not_served_to_browsers(http: httpx.Client) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = http.get("/graphql", headers={"accept": browser})
    assert page.status_code == 400
    assert page.headers["content-type"] == "application/json; charset=utf-8"
    assert page.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "graphiql" not in page.text.lower()


@pytest.mark.parametrize("path", ["/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"])
def test_no_openapi_document_or_viewer_is_served(http: httpx.Client, path: str) -> None:
    assert http.get(path).status_code == 404


@pytest.mark.parametrize(("query", "message"), [
    ("{ abut { version } }", "Cannot query field 'abut' on type 'Query'."),
    ("{ about { versio } }", "Cannot query field 'versio' on type 'About'."),
    ("{ initiatives(frist: 2) { totalCount } }",
     "Unknown argument 'frist' on field 'Query.initiatives'."),
    ("query($s: ScopeInpt) { stats(scope: $s) { __typename } }", "Unknown type 'ScopeInpt'."),
    ("{ initiatives(filter: {types: [CLUSTR]}) { totalCount } }",
     "Value 'CLUSTR' does not exist in 'InitiativeType' enum."),
    ("{ initiatives(orderBy: {feld: NAME}) { totalCount } }",
     "Expected value of type 'InitiativeOrder' not to include unknown field 'feld'. "
     "Found: { feld: NAME }."),
], ids=["field", "field of a type", "argument", "type", "enum value", "input field"])
def test_errors_name_what_was_wrong_without_suggesting_names(
    http: httpx.Client, query: str, message: str
) -> None:
    answer = http.post("/graphql", json={"query": query}).json()
    assert answer["errors"][0]["message"] == message
    for error in answer["errors"]:
        assert "did you mean" not in error["message"].lower(), error["message"]


def test_a_variable_of_an_unknown_enum_value_is_refused_without_suggestions(
    http: httpx.Client
) -> None:
    query = ("query($t: [InitiativeType!]) { initiatives(filter: {types: $t}) "
             "{ totalCount } }")
    answer = http.post("/graphql", json={"query": query, "variables": {"t": ["CLUSTR"]}}).json()
    [error] = answer["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "CLUSTR" in error["message"]
    assert "did you mean" not in error["message"].lower()
    assert "'CLUSTER'" not in error["message"]


def test_graphql_has_no_websocket_endpoint(neo4j_backend: Backend) -> None:
    with (TestClient(create_app(neo4j_backend.settings)) as client,
          pytest.raises(WebSocketDisconnect),
          client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"])):
        pass
