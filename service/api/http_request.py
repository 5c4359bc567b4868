"""A GraphQL-over-HTTP request read from a GET query string or a POST JSON body, or refused.

A request is well-formed when its body is a JSON object (UTF-8, nested at most
MAX_JSON_DEPTH levels) whose `query` is a string, `operationName` a string or null and
`variables` and `extensions` objects or null; on GET the same parameters come from the
query string, `variables` and `extensions` as JSON text. Anything else is refused with
an HTTP status and a code before GraphQL sees it.
"""

import json
from collections.abc import Mapping
from typing import Any

from strawberry.http import GraphQLRequestData

MAX_JSON_DEPTH = 32  # arrays and objects inside one another, in a body or a JSON parameter

BAD_REQUEST = "BAD_REQUEST"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"


class RequestRefused(Exception):
    """A request answered with an HTTP error status and a code, GraphQL never run."""

    def __init__(self, status: int, code: str, message: str,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def bad_request(message: str) -> RequestRefused:
    return RequestRefused(400, BAD_REQUEST, message)


def _too_deep(value: object, limit: int) -> bool:
    """Whether arrays and objects nest in `value` more than `limit` levels (no recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = (item.values() if isinstance(item, dict)
                    else item if isinstance(item, list) else None)
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, dict | list))
    return False


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def decode_json(text: str | bytes, what: str) -> object:
    """`text` parsed as JSON; refused when it is not UTF-8 JSON or nests too deep."""
    try:
        value = _DECODER.decode(text.decode() if isinstance(text, bytes) else text)
        deep = _too_deep(value, MAX_JSON_DEPTH)
    except RecursionError:  # the parser's own limit, far past ours
        deep = True
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError, an integer too long
        reason = ("an integer has more digits than Python reads (4,300)"
                  if str(error).startswith("Exceeds the limit") else str(error))
        raise bad_request(f"{what} is not valid UTF-8 JSON: {reason}.") from None
    if deep:
        raise bad_request(
            f"{what} nests arrays and objects more than {MAX_JSON_DEPTH} levels deep.")
    return value


def _request_data(parameters: Mapping[str, Any]) -> GraphQLRequestData:
    """The parameters checked for their types (null and absent alike)."""
    query = parameters.get("query")
    if query is None:
        raise bad_request("No GraphQL query found in the request: send `query`, a string.")
    if not isinstance(query, str):
        raise bad_request("The request's `query` must be a string.")
    operation_name = parameters.get("operationName")
    if not isinstance(operation_name, str | None):
        raise bad_request("The request's `operationName` must be a string or null.")
    checked: dict[str, dict[str, Any] | None] = {}
    for name in ("variables", "extensions"):
        value = parameters.get(name)
        if not isinstance(value, dict | None):
            raise bad_request(f"The request's `{name}` must be an object or null.")
        checked[name] = value
    return GraphQLRequestData(query=query, operation_name=operation_name or None,
                              variables=checked["variables"], extensions=checked["extensions"])


def from_query_string(parameters: Mapping[str, str]) -> GraphQLRequestData:
    """A GET request's parameters; an empty parameter counts as absent."""
    found: dict[str, Any] = {name: value for name, value in parameters.items() if value != ""}
    for name in ("variables", "extensions"):
        if name in found:
            found[name] = decode_json(found[name], f"The `{name}` parameter")
    return _request_data(found)


def _content_type(header: str) -> tuple[str, dict[str, str]]:
    """The media type of a Content-Type header, lower case, and its parameters."""
    media_type, *parameters = header.split(";")
    found = {}
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        found[name.strip().lower()] = value.strip().strip('"')
    return media_type.strip().lower(), found


def from_body(content_type: str | None, body: bytes) -> GraphQLRequestData:
    """A POST request's JSON body."""
    media_type, parameters = _content_type(content_type or "")
    if media_type != "application/json":
        given = f"this request's is {media_type}" if media_type else "this request has none"
        raise RequestRefused(
            415, UNSUPPORTED_MEDIA_TYPE,
            f"POST a JSON body with Content-Type: application/json ({given}).")
    charset = parameters.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise RequestRefused(415, UNSUPPORTED_MEDIA_TYPE,
                             f"The body must be UTF-8 JSON (this request declares {charset}).")
    if not body.strip():
        raise bad_request("The request body is empty: send a JSON object with `query`.")
    data = decode_json(body, "The request body")
    if isinstance(data, list):
        raise bad_request("Batching is not enabled: send one operation per request.")
    if not isinstance(data, dict):
        raise bad_request("The request body must be a JSON object with `query`.")
    return _request_data(data)
