"""Every GraphQL error leaves with `extensions.code`; unexpected ones are masked."""

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from service.errors import ArticulaError

log = logging.getLogger(__name__)

INTERNAL = "INTERNAL_SERVER_ERROR"
INVALID_QUERY = "GRAPHQL_VALIDATION_FAILED"


def with_code(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, ArticulaError):
        return error  # graphql-core copies `original.extensions`, code included
    if original is None:
        code = (error.extensions or {}).get("code", INVALID_QUERY)
        return GraphQLError(
            error.message, error.nodes, error.source, error.positions, error.path,
            extensions={**(error.extensions or {}), "code": code},
        )
    log.error("unexpected error in GraphQL execution", exc_info=original)
    return GraphQLError(
        "Internal server error.", error.nodes, error.source, error.positions, error.path,
        extensions={"code": INTERNAL},
    )


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [with_code(error) for error in errors]
