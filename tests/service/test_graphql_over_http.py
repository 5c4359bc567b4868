"""GraphQL over HTTP as the specification says, on a real uvicorn over the real Neo4j: the
`graphql-http` audit suite (npm, pinned in tests/graphql_http_audit/), and what it leaves
unchecked — status codes and the `data` entry of answers that never executed, both media
types, `Accept` negotiation.

The audit needs Node.js and `npm ci` in tests/graphql_http_audit/; without them it skips,
naming what is missing, and with ARTICULA_REQUIRE_NODE=1 (as CI sets it) it fails instead.
"""

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from service.api.media_type import GRAPHQL_RESPONSE_JSON, JSON, negotiate
from tests.neo4j_backends import Backend
from tests.serving import serve

AUDIT = Path(__file__).resolve().parents[1] / "graphql_http_audit"
GRAPHQL = {"accept": GRAPHQL_RESPONSE_JSON}
LEGACY = {"accept": JSON}
ABOUT = {"query": "{ about { version } }"}


@pytest.fixture(scope="module")
def base_url(neo4j_backend: Backend) -> Iterator[str]:
    with serve(neo4j_backend.settings) as url:
        yield url


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


def missing_node(reason: str) -> None:
    if os.environ.get("ARTICULA_REQUIRE_NODE") == "1":
        pytest.fail(f"{reason} (ARTICULA_REQUIRE_NODE=1)", pytrace=False)
    pytest.skip(reason)


def test_the_graphql_http_audit_suite_passes_all_61_audits(base_url: str) -> None:
    node = shutil.which("node")
    if node is None:
        missing_node("Node.js is not installed (Debian: apt-get install nodejs npm)")
    if not (AUDIT / "node_modules" / "graphql-http" / "package.json").is_file():
        missing_node("graphql-http is not installed: run `npm ci` in tests/graphql_http_audit")
    run = subprocess.run([str(node), "audit.mjs", f"{base_url}/graphql"], cwd=AUDIT,
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    results: list[dict[str, Any]] = json.loads(run.stdout)
    failed = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] != "ok"]
    assert failed == []
    assert len(results) == 61


def post(http: httpx.Client, body: dict[str, Any], accept: dict[str, str],
         **headers: str) -> httpx.Response:
    return http.post("/graphql", json=body, headers={**accept, **headers})


@pytest.mark.parametrize(("body", "code"), [
    ({"query": "{ about { version }"}, "GRAPHQL_VALIDATION_FAILED"),
    ({"query": "{ about { colour } }"}, "GRAPHQL_VALIDATION_FAILED"),
    ({"query": "query($n: Int!) { initiatives(first: $n) { totalCount } }",
      "variables": {"n": "many"}}, "BAD_USER_INPUT"),
    ({"query": "query A { about { version } } query B { about { version } }"},
     "GRAPHQL_VALIDATION_FAILED"),
    ({"query": "{ " + " ".join(f"a{i}: about {{ version }}" for i in range(101)) + " }"},
     "QUERY_TOO_COMPLEX"),
], ids=["parse", "validation", "variables", "operation", "query limits"])
def test_what_never_executed_is_400_without_data_in_graphql_response_json(
    http: httpx.Client, body: dict[str, Any], code: str
) -> None:
    answer = post(http, body, GRAPHQL)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
    assert "data" not in answer.json()
    assert answer.json()["errors"][0]["extensions"]["code"] == code


@pytest.mark.parametrize("body", [{"query": "{ about { colour } }"},
                                  {"query": "{ about { version }"}])
def test_legacy_application_json_clients_get_200_and_data_null(
    http: httpx.Client, body: dict[str, Any]
) -> None:
    for accept in (LEGACY, {"accept": "*/*"}, {}):
        answer = post(http, body, accept)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == f"{JSON}; charset=utf-8"
        assert answer.json()["data"] is None
        assert answer.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_a_field_error_during_execution_is_200_with_its_data_entry(http: httpx.Client) -> None:
    # `initiatives` is non-null: its error makes `data` null, but execution did happen
    body = {"query": "{ initiatives(first: 100000) { totalCount } }"}
    answer = post(http, body, GRAPHQL)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
    result = answer.json()
    assert result["data"] is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["path"] == ["initiatives"]


def test_a_refused_key_is_401_with_a_bearer_challenge_in_graphql_response_json(
    http: httpx.Client
) -> None:
    refused = post(http, ABOUT, GRAPHQL, authorization="Bearer not-a-key")
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert "data" not in refused.json()
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert refused.headers["content-type"] == f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
    # the access rule refuses before GraphQL runs, whatever the media type
    legacy = post(http, ABOUT, LEGACY, authorization="Bearer not-a-key")
    assert legacy.status_code == 401
    assert legacy.headers["content-type"] == f"{JSON}; charset=utf-8"
    assert "data" not in legacy.json()
    assert legacy.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_query_that_runs_is_200_in_either_media_type(http: httpx.Client) -> None:
    for accept, media_type in ((GRAPHQL, GRAPHQL_RESPONSE_JSON), (LEGACY, JSON)):
        answer = post(http, ABOUT, accept)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == f"{media_type}; charset=utf-8"
        assert answer.json()["data"]["about"]["version"]
        assert "errors" not in answer.json()


@pytest.mark.parametrize(("accept", "chosen"), [
    (None, JSON),
    ("", JSON),
    ("*/*", JSON),
    ("application/*", JSON),
    ("application/json", JSON),
    (GRAPHQL_RESPONSE_JSON, GRAPHQL_RESPONSE_JSON),
    (f"{GRAPHQL_RESPONSE_JSON}, application/json;q=0.9", GRAPHQL_RESPONSE_JSON),
    (f"application/json, {GRAPHQL_RESPONSE_JSON}", GRAPHQL_RESPONSE_JSON),
    (f"{GRAPHQL_RESPONSE_JSON};q=0.5, application/json", JSON),
    (f"{GRAPHQL_RESPONSE_JSON}, */*;q=0.1", GRAPHQL_RESPONSE_JSON),
    ("text/html, application/xhtml+xml, */*;q=0.8", JSON),
    ("application/json;q=0, */*", GRAPHQL_RESPONSE_JSON),
    ("text/html", None),
    (f"{GRAPHQL_RESPONSE_JSON};q=0, application/json;q=0", None),
])
def test_accept_chooses_the_media_type(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept) == chosen


def test_an_accept_header_allowing_neither_json_type_is_406(http: httpx.Client) -> None:
    answer = post(http, ABOUT, {"accept": "text/html"})
    assert answer.status_code == 406
    assert answer.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"
