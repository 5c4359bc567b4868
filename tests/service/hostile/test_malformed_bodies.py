"""Malformed GraphQL-over-HTTP requests on a real uvicorn: each is an HTTP 4xx with a code
and a message naming what is wrong, never a 500, and no GraphQL runs."""

import json
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest

from service.api.http_request import MAX_JSON_DEPTH
from tests.neo4j_backends import Backend
from tests.serving import serve

JSON_TYPE = {"content-type": "application/json"}
ABOUT = "{ about { version } }"


@pytest.fixture(scope="module")
def http(neo4j_backend: Backend) -> Iterator[httpx.Client]:
    with serve(neo4j_backend.settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def refusal(response: httpx.Response, status: int = 400, code: str = "BAD_REQUEST",
            media_type: str = "application/json") -> str:
    """The message of a refusal with `status` and `code`, checked to carry nothing else."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": code}
    assert "data" not in response.json()
    return str(error["message"])


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_variables_nested_10000_deep_are_a_400_not_a_500(http: httpx.Client) -> None:
    body = f'{{"query": "{ABOUT}", "variables": {{"deep": {nested(10_000)}}}}}'
    message = refusal(http.post("/graphql", content=body, headers=JSON_TYPE))
    assert message == (f"The request body nests arrays and objects more than {MAX_JSON_DEPTH} "
                       "levels deep.")


def test_json_nested_just_past_the_depth_limit_is_refused_and_at_it_runs(
    http: httpx.Client
) -> None:
    def with_variable(depth: int) -> httpx.Response:
        # the body object is one level, `variables` a second, the arrays the rest
        body = f'{{"query": "{ABOUT}", "variables": {{"deep": {nested(depth - 2)}}}}}'
        return http.post("/graphql", content=body, headers=JSON_TYPE)

    assert "levels deep" in refusal(with_variable(MAX_JSON_DEPTH + 1))
    accepted = with_variable(MAX_JSON_DEPTH)
    assert accepted.status_code == 200
    assert accepted.json()["data"]["about"]["version"]


def test_a_deep_variables_parameter_of_a_get_is_a_400(http: httpx.Client) -> None:
    response = http.get("/graphql", params={"query": ABOUT,
                                            "variables": f'{{"deep": {nested(5_000)}}}'})
    assert "The `variables` parameter nests" in refusal(response)


@pytest.mark.parametrize("body", [b'{"query": "{ about { version } }"', b"NONSENSE",
                                  b'{"query": "{ about }", }', b""])
def test_malformed_json_is_a_400_naming_the_body(http: httpx.Client, body: bytes) -> None:
    for accept in ("application/json", "application/graphql-response+json"):
        response = http.post("/graphql", content=body,
                             headers={**JSON_TYPE, "accept": accept})
        message = refusal(response, media_type=accept)
        assert message.startswith("The request body is")


def test_a_body_that_is_not_utf8_is_a_400(http: httpx.Client) -> None:
    body = '{"query": "{ about { version } }", "operationName": "Café"}'.encode("latin-1")
    assert "not valid UTF-8 JSON" in refusal(http.post("/graphql", content=body,
                                                       headers=JSON_TYPE))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_json_numbers_are_a_400(http: httpx.Client, constant: str) -> None:
    body = f'{{"query": "{ABOUT}", "variables": {{"x": {constant}}}}}'
    message = refusal(http.post("/graphql", content=body, headers=JSON_TYPE))
    assert f"{constant} is not JSON" in message


def test_an_integer_of_10000_digits_is_a_400(http: httpx.Client) -> None:
    body = f'{{"query": "{ABOUT}", "variables": {{"x": {"9" * 10_000}}}}}'
    assert refusal(http.post("/graphql", content=body, headers=JSON_TYPE)) == (
        "The request body is not valid UTF-8 JSON: an integer has more digits than Python "
        "reads (4,300).")


@pytest.mark.parametrize(("body", "message"), [
    ('"{ about { version } }"', "The request body must be a JSON object with `query`."),
    ("42", "The request body must be a JSON object with `query`."),
    ("null", "The request body must be a JSON object with `query`."),
    ('[{"query": "{ about { version } }"}]',
     "Batching is not enabled: send one operation per request."),
])
def test_a_body_that_is_not_a_json_object_is_a_400(
    http: httpx.Client, body: str, message: str
) -> None:
    assert refusal(http.post("/graphql", content=body, headers=JSON_TYPE)) == message


@pytest.mark.parametrize(("parameters", "message"), [
    ({}, "No GraphQL query found in the request: send `query`, a string."),
    ({"query": None}, "No GraphQL query found in the request: send `query`, a string."),
    ({"qeury": ABOUT}, "No GraphQL query found in the request: send `query`, a string."),
    ({"query": {"obj": "ect"}}, "The request's `query` must be a string."),
    ({"query": ["{ about { version } }"]}, "The request's `query` must be a string."),
    ({"query": ABOUT, "operationName": 1}, "The request's `operationName` must be a string "
                                           "or null."),
    ({"query": ABOUT, "variables": "{}"}, "The request's `variables` must be an object or null."),
    ({"query": ABOUT, "variables": [1]}, "The request's `variables` must be an object or null."),
    ({"query": ABOUT, "extensions": False},
     "The request's `extensions` must be an object or null."),
])
def test_parameters_of_the_wrong_type_are_a_400_naming_the_parameter(
    http: httpx.Client, parameters: dict[str, Any], message: str
) -> None:
    assert refusal(http.post("/graphql", content=json.dumps(parameters),
                             headers=JSON_TYPE)) == message


@pytest.mark.parametrize(("parameters", "message"), [
    ({"query": ABOUT, "variables": "{"}, "The `variables` parameter is not valid UTF-8 JSON"),
    ({"query": ABOUT, "variables": "[1, 2]"}, "The request's `variables` must be an object"),
    ({"query": ABOUT, "extensions": "7"}, "The request's `extensions` must be an object"),
    ({}, "No GraphQL query found in the request"),
])
def test_get_parameters_that_are_not_what_they_should_be_are_a_400(
    http: httpx.Client, parameters: dict[str, str], message: str
) -> None:
    assert refusal(http.get("/graphql", params=parameters)).startswith(message)


def test_empty_get_parameters_count_as_absent(http: httpx.Client) -> None:
    response = http.get("/graphql", params={"query": ABOUT, "variables": "",
                                            "operationName": "", "extensions": ""})
    assert response.status_code == 200
    assert response.json()["data"]["about"]["version"]


@pytest.mark.parametrize(("content_type", "message"), [
    (None, "(this request has none)."),
    ("text/plain", "(this request's is text/plain)."),
    ("application/x-www-form-urlencoded", "(this request's is application/x-www-form-urlencoded)."),
    ("application/json; charset=latin-1", "The body must be UTF-8 JSON (this request declares "
                                          "latin-1)."),
])
def test_a_post_that_is_not_utf8_json_is_415(
    http: httpx.Client, content_type: str | None, message: str
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = http.post("/graphql", content=json.dumps({"query": ABOUT}), headers=headers)
    assert refusal(response, 415, "UNSUPPORTED_MEDIA_TYPE").endswith(message)
