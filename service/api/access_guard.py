"""Refuses, before execution, a request whose key was bad or that needed one and had none."""

from collections.abc import Iterator

from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension


class AccessGuard(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        refusal = context.context.principal.refusal
        if refusal is not None:
            context.result = ExecutionResult(
                data=None, errors=[GraphQLError(refusal.message, original_error=refusal)]
            )
        yield
