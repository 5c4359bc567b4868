"""Parsed GraphQL documents cached by query text: clients send the same few operations.

strawberry's own `ParserCache` lets a parse error escape its hook, so the error leaves
without `extensions.code`; here a document that does not parse is left to strawberry's
parser, which reports it as usual (and the token limit keeps that cheap).
"""

from collections.abc import Iterator
from contextlib import suppress
from functools import lru_cache

from graphql import DocumentNode, GraphQLError, OperationDefinitionNode, parse
from strawberry.extensions import SchemaExtension

DOCUMENT_CACHE = 256  # parsed (and, by strawberry's ValidationCache, validated) documents kept


@lru_cache(maxsize=DOCUMENT_CACHE)
def _parsed(query: str, max_tokens: int | None) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


def operation_count(query: str, max_tokens: int | None) -> int | None:
    """How many operations `query` defines; None when it does not parse."""
    try:
        document = _parsed(query, max_tokens)
    except GraphQLError:
        return None
    return sum(isinstance(d, OperationDefinitionNode) for d in document.definitions)


class ParserCache(SchemaExtension):
    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            with suppress(GraphQLError):
                context.graphql_document = _parsed(
                    context.query, context.parse_options.get("max_tokens"))
        yield
