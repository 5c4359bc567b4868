"""GET never writes: an operation sent as GET that asks any field to `persist` is refused
before it runs, with METHOD_NOT_ALLOWED, whatever the key may do (a link or an image on any
web page can make a visitor's browser send a GET). Mutations on GET are refused earlier, by
the HTTP router."""

from collections.abc import Iterator
from typing import Any

from graphql import (
    BooleanValueNode,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from graphql.execution.values import get_variable_values
from strawberry.extensions import SchemaExtension

from service.errors import MethodNotAllowed
from service.messages import msg

WRITING_ARGUMENT = "persist"


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == name), None)


def persisting_fields(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
                      variables: dict[str, Any] | None) -> list[str]:
    """The fields of the operation asked to `persist: true` (literally or by a variable)."""
    operation = _operation(document, operation_name)
    if operation is None:
        return []
    coerced: Any = get_variable_values(schema, operation.variable_definitions or (),
                                       variables or {})
    # graphql-core 3.3 wraps the coerced values; a list holds the variables' errors, which
    # execution reports itself
    values = getattr(coerced, "coerced", coerced)
    if not isinstance(values, dict):
        values = {}
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    found: list[str] = []
    seen: set[str] = set()

    def walk(selections: SelectionSetNode | None) -> None:
        for selection in selections.selections if selections else ():
            if isinstance(selection, FieldNode):
                for argument in selection.arguments or ():
                    if argument.name.value != WRITING_ARGUMENT:
                        continue
                    value = argument.value
                    if isinstance(value, VariableNode):
                        persist = values.get(value.name.value) is True
                    else:
                        persist = isinstance(value, BooleanValueNode) and value.value
                    if persist:
                        found.append(selection.name.value)
                walk(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in seen:
                    seen.add(name)
                    walk(fragments[name].selection_set)

    walk(operation.selection_set)
    return found


class GetNeverWrites(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        method = getattr(context.context, "method", None)
        if method == "GET" and document is not None and context.result is None:
            fields = persisting_fields(context.schema._schema, document, context.operation_name,
                                       context.variables)
            if fields:
                refusal = MethodNotAllowed(msg("error.get_writes", field=fields[0]))
                context.result = ExecutionResult(
                    data=None, errors=[GraphQLError(refusal.message, original_error=refusal)])
        yield
