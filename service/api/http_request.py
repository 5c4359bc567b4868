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

from service.messages import Message, msg

MAX_JSON_DEPTH = 32  # arrays and objects inside one another, in a body or a JSON parameter

BAD_REQUEST = "BAD_REQUEST"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"


class RequestRefused(Exception):
    """A request answered with an HTTP error status and a code, GraphQL never run."""

    def __init__(self, status: int, code: str, message: Message | str,
                 headers: Mapping[str, str] | None = None) -> None:
        text = message.render() if isinstance(message, Message) else message
        super().__init__(text)
        self.status = status
        self.code = code
        self.message = text
        self.headers = dict(headers or {})


def bad_request(message: Message) -> RequestRefused:
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


class _Constant(ValueError):
    """NaN, Infinity or -Infinity, which Python's parser accepts and JSON does not have."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _no_constant(name: str) -> object:
    raise _Constant(name)


def _why_not_json(error: ValueError) -> Message:
    if isinstance(error, _Constant):
        return msg("error.http.json_constant", name=error.name)
    if isinstance(error, UnicodeDecodeError):
        return msg("error.http.json_utf8", position=error.start)
    if isinstance(error, json.JSONDecodeError):
        return msg("error.http.json_at", line=error.lineno, column=error.colno)
    return msg("error.http.long_integer")  # the only other: more digits than Python reads


_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def decode_json(text: str | bytes, what: Message) -> object:
    """`text` parsed as JSON; refused when it is not UTF-8 JSON or nests too deep."""
    try:
        value = _DECODER.decode(text.decode() if isinstance(text, bytes) else text)
        deep = _too_deep(value, MAX_JSON_DEPTH)
    except RecursionError:  # the parser's own limit, far past ours
        deep = True
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError, an integer too long
        raise bad_request(msg("error.http.not_json", what=what,
                              reason=_why_not_json(error))) from None
    if deep:
        raise bad_request(msg("error.http.too_deep", what=what, limit=MAX_JSON_DEPTH))
    return value


def _request_data(parameters: Mapping[str, Any]) -> GraphQLRequestData:
    """The parameters checked for their types (null and absent alike)."""
    query = parameters.get("query")
    if query is None:
        raise bad_request(msg("error.http.query_missing"))
    if not isinstance(query, str):
        raise bad_request(msg("error.http.query_type"))
    operation_name = parameters.get("operationName")
    if not isinstance(operation_name, str | None):
        raise bad_request(msg("error.http.operation_name_type"))
    checked: dict[str, dict[str, Any] | None] = {}
    for name in ("variables", "extensions"):
        value = parameters.get(name)
        if not isinstance(value, dict | None):
            raise bad_request(msg("error.http.object_type", name=name))
        checked[name] = value
    return GraphQLRequestData(query=query, operation_name=operation_name or None,
                              variables=checked["variables"], extensions=checked["extensions"])


def from_query_string(parameters: Mapping[str, str]) -> GraphQLRequestData:
    """A GET request's parameters; an empty parameter counts as absent."""
    found: dict[str, Any] = {name: value for name, value in parameters.items() if value != ""}
    for name in ("variables", "extensions"):
        if name in found:
            found[name] = decode_json(found[name], msg("error.http.the_parameter", name=name))
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
        raise RequestRefused(
            415, UNSUPPORTED_MEDIA_TYPE,
            msg("error.http.content_type", given=media_type) if media_type
            else msg("error.http.no_content_type"))
    charset = parameters.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise RequestRefused(415, UNSUPPORTED_MEDIA_TYPE,
                             msg("error.http.charset", charset=charset))
    if not body.strip():
        raise bad_request(msg("error.http.empty_body"))
    data = decode_json(body, msg("error.http.the_body"))
    if isinstance(data, list):
        raise bad_request(msg("error.http.batching"))
    if not isinstance(data, dict):
        raise bad_request(msg("error.http.body_type"))
    return _request_data(data)
