"""Every GraphQL error leaves with `extensions.code` and in the request's language;
unexpected ones are masked; none suggests names ("Did you mean …?"), which would spell out
the schema to whoever guesses."""

import logging
import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from service.api.graphql_messages import worded
from service.errors import ArticulaError
from service.messages import say

log = logging.getLogger(__name__)

INTERNAL = "INTERNAL_SERVER_ERROR"
INVALID_QUERY = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
SUGGESTION = re.compile(r" Did you mean [^?]*\?")  # graphql-core's did_you_mean(), names only


def without_suggestions(message: str) -> str:
    return SUGGESTION.sub("", message)


def with_code(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, ArticulaError):
        return error  # graphql-core copies `original.extensions`, code included
    if original is None or isinstance(original, GraphQLError):
        # no original: the query does not validate; a GraphQLError: a variable's value
        # does not coerce (an unknown enum value), which the caller can fix
        default = INVALID_QUERY if original is None else BAD_USER_INPUT
        code = (error.extensions or {}).get("code")
        message = without_suggestions(error.message)
        message = message if code else worded(message)
        return GraphQLError(
            message, error.nodes, error.source, error.positions,
            error.path, extensions={**(error.extensions or {}), "code": code or default},
        )
    log.error("unexpected error in GraphQL execution", exc_info=original)
    return GraphQLError(
        say("error.internal"), error.nodes, error.source, error.positions, error.path,
        extensions={"code": INTERNAL},
    )


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [with_code(error) for error in errors]
