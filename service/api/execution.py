"""GraphQL execution that completes lists of plain records in one pass.

graphql-core resolves each field of each list item on its own: it builds a resolve info,
calls the resolver, tests the result for awaitability and completes it by type, about
10 µs a field; the 173 participants of an initiative with five fields each cost more
than the rest of the request. Most list items here are records whose selected fields are
plain attributes (strawberry fields without a resolver, arguments or extensions), so such
a list is completed directly: attribute read, then the scalar's or enum's own coercion,
recursing into objects and abstract types made of the same. Anything else (a resolver,
`@defer`, a null in a non-null field, a value a coercion refuses) sends the whole list back
to graphql-core's path, which recomputes it and reports errors as it always does.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLUnionType,
    Undefined,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

FieldDetailsList = list[FieldDetails]
Info = GraphQLResolveInfo[Any]


class _NotPlain(Exception):
    """The list needs graphql-core's field-by-field completion."""


def _plain_resolver(resolve: Any) -> bool:
    """Whether `resolve` is strawberry's resolver of a field without one (an attribute)."""
    return getattr(resolve, "_is_default", False) is True


class PlainListExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: FieldDetailsList,
        info: Info,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        if type(result) is list and result and self._no_middleware():
            try:
                return self._items(return_type.of_type, field_details_list, info, path, result)
            except _NotPlain:
                pass
            except (GraphQLError, TypeError, ValueError, AttributeError, KeyError):
                pass  # graphql-core's path raises it again, located
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _no_middleware(self) -> bool:
        """No extension wraps field resolution (strawberry passes an empty manager)."""
        manager = self.middleware_manager
        return manager is None or not manager.middlewares

    def _items(self, item_type: GraphQLOutputType, field_details_list: FieldDetailsList,
               info: Info | None, path: Path, items: list[Any]) -> list[Any]:
        value = self._value
        return [value(item_type, field_details_list, info, path.add_key(index, None), item)
                for index, item in enumerate(items)]

    def _value(self, type_: GraphQLOutputType, field_details_list: FieldDetailsList,
               info: Info | None, path: Path, value: Any) -> Any:
        """`value` completed as `type_`, or _NotPlain."""
        non_null = isinstance(type_, GraphQLNonNull)
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if value is None or value is Undefined:
            if non_null:
                raise _NotPlain
            return None
        if isinstance(type_, GraphQLScalarType | GraphQLEnumType):
            coerced = type_.coerce_output_value(value)
            if coerced is None or coerced is Undefined:
                raise _NotPlain
            return coerced
        if self.is_awaitable(value) or info is None:
            raise _NotPlain
        if isinstance(type_, GraphQLList):
            if type(value) is not list:
                raise _NotPlain
            return self._items(type_.of_type, field_details_list, info, path, value)
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
            resolve_type = type_.resolve_type or self.type_resolver
            name = resolve_type(value, info, type_)
            if not isinstance(name, str):
                raise _NotPlain
            type_ = self.ensure_valid_runtime_type(name, type_, field_details_list, info, value)
        if not isinstance(type_, GraphQLObjectType):
            raise _NotPlain
        return self._object(type_, field_details_list, info, path, value)

    def _object(self, type_: GraphQLObjectType, field_details_list: FieldDetailsList,
                info: Info, path: Path, source: Any) -> dict[str, Any]:
        if type_.is_type_of is not None and type_.is_type_of(source, info) is not True:
            raise _NotPlain
        grouped, defer_usages, forbidden = self.collect_subfields(type_, field_details_list)
        if defer_usages or forbidden:
            raise _NotPlain
        out: dict[str, Any] = {}
        for response_name, details in grouped.items():
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                out[response_name] = type_.name
                continue
            field = self.schema.get_field(type_, name)
            if field is None:
                continue
            if not _plain_resolver(field.resolve) or field.args or node.arguments:
                raise _NotPlain
            field_path = path.add_key(response_name, type_.name)
            field_type = field.type
            inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
            field_info = (None if isinstance(inner, GraphQLScalarType | GraphQLEnumType) else
                          self.build_resolve_info(field, [d.node for d in details], type_,
                                                  field_path))
            raw = field.resolve(source, field_info)  # type: ignore[misc]
            out[response_name] = self._value(field_type, details, field_info, field_path, raw)
        return out
