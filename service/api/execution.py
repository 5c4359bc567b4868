"""GraphQL execution that completes lists of plain records in one pass.

graphql-core resolves each field of each list item on its own: it builds a resolve info,
calls the resolver, tests the result for awaitability and completes it by type, about
10 µs a field; the 173 participants of an initiative with five fields each cost more
than the rest of the request. Most list items here are records whose selected fields are
plain attributes (strawberry fields without a resolver, arguments or extensions), so such
a list is completed by a completer compiled once per request for its selection: attribute
read, then the scalar's or enum's own coercion, recursing into objects and abstract types
made of the same. Anything else (a resolver, `@defer`, a null in a non-null field, a value
a coercion refuses) sends the whole list back to graphql-core's path, which recomputes it
and reports errors as it always does.

It also counts the size of the answer as it is built (`service.api.response_size`): each
field's key and each leaf on graphql-core's path, each plain list as a whole once completed;
past the limit the whole operation ends with RESPONSE_TOO_LARGE instead of a partial answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLString,
    GraphQLUnionType,
    Undefined,
    located_error,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.language import FieldNode
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.cast import get_strawberry_type_cast

from service.api.response_size import ResponseBudget
from service.errors import ResponseTooLarge

FieldDetailsList = list[FieldDetails]
Info = GraphQLResolveInfo[Any]
Completer = Callable[[Any], Any]

INT_MIN, INT_MAX = -(2**31), 2**31 - 1


class _NotPlain(Exception):
    """The list needs graphql-core's field-by-field completion."""


def _plain_resolver(resolve: Any) -> bool:
    """Whether `resolve` is strawberry's resolver of a field without one (an attribute)."""
    return getattr(resolve, "_is_default", False) is True


def _getter(field: GraphQLField) -> Callable[[Any], Any]:
    """What strawberry's resolver of a plain field returns for a source: the attribute itself
    when strawberry would read it with getattr, else through that resolver."""
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if (definition is not None and definition.base_resolver is None
            and definition.default_resolver is getattr):
        return attrgetter(definition.python_name)
    resolve = field.resolve
    assert resolve is not None
    return lambda source: resolve(source, None)


def _leaf(type_: GraphQLScalarType | GraphQLEnumType, non_null: bool) -> Completer:
    """The type's coercion; values already of a built-in scalar's type, and an enum's members,
    answered without it (one call a field: these run for every field of every item)."""
    coerce = type_.coerce_output_value
    enum = getattr(type_, "wrapped_cls", None)
    members: dict[Any, Any] = ({member: coerce(member) for member in enum}
                               if isinstance(type_, GraphQLEnumType) and enum is not None
                               else {})

    def coerced(value: Any) -> Any:
        if value is None or value is Undefined:
            if non_null:
                raise _NotPlain
            return None
        name = members.get(value) if members else None
        if name is not None:
            return name
        out = coerce(value)
        if out is None or out is Undefined:
            raise _NotPlain
        return out

    if type_ is GraphQLString or type_ is GraphQLID:
        return lambda value: value if type(value) is str else coerced(value)
    if type_ is GraphQLInt:
        return lambda value: (value if type(value) is int and INT_MIN <= value <= INT_MAX
                              else coerced(value))
    if type_ is GraphQLFloat:
        return lambda value: (value if type(value) is float and math.isfinite(value)
                              else coerced(value))
    if type_ is GraphQLBoolean:
        return lambda value: value if type(value) is bool else coerced(value)
    return coerced


class PlainListExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        db = getattr(self.context_value, "db", None)
        self.response_budget = (ResponseBudget(db.settings.max_response_bytes)
                                if db is not None else None)

    def execute_field(self, parent_type: GraphQLObjectType, source: Any,
                      field_details_list: FieldDetailsList, path: Path,
                      position_context: Any) -> Any:
        if self.response_budget is not None:
            self.response_budget.add_key(path.key)
        return super().execute_field(parent_type, source, field_details_list, path,
                                     position_context)

    def complete_leaf_value(self, return_type: Any, result: Any) -> Any:  # type: ignore[override]
        completed = super().complete_leaf_value(return_type, result)
        if self.response_budget is not None:
            self.response_budget.add_value(completed)
        return completed

    def handle_field_error(self, raw_error: Exception, return_type: GraphQLOutputType,
                           field_details_list: FieldDetailsList, path: Path) -> None:
        """A response past its size limit ends the whole operation, not the field alone."""
        original = getattr(raw_error, "original_error", raw_error)
        if isinstance(original, ResponseTooLarge):
            raise located_error(raw_error, _nodes(field_details_list), path.as_list())
        super().handle_field_error(raw_error, return_type, field_details_list, path)

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
                completed = self._list_completer(return_type, field_details_list, info)(result)
            except _NotPlain:
                pass
            except (GraphQLError, TypeError, ValueError, AttributeError, KeyError):
                pass  # graphql-core's path raises it again, located
            else:
                if self.response_budget is not None:
                    self.response_budget.add_value(completed)
                return completed
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _no_middleware(self) -> bool:
        """No extension wraps field resolution (strawberry passes an empty manager)."""
        manager = self.middleware_manager
        return manager is None or not manager.middlewares

    def _list_completer(self, return_type: GraphQLList[GraphQLOutputType],
                        field_details_list: FieldDetailsList, info: Info) -> Completer:
        """The list's completer, compiled on the list's first completion in this request
        (graphql-core collects the same selection as the same list object for every
        parent, so the lists of every initiative of a page share one)."""
        cache: dict[tuple[int, int], tuple[Any, Any, Completer]]
        cache = self.__dict__.setdefault("_plain_completers", {})
        key = (id(return_type), id(field_details_list))
        found = cache.get(key)
        if found is not None and found[0] is return_type and found[1] is field_details_list:
            return found[2]
        completer = self._compile(return_type, field_details_list, info)
        cache[key] = (return_type, field_details_list, completer)
        return completer

    def _compile(self, type_: GraphQLOutputType, details: FieldDetailsList,
                 info: Info | None) -> Completer:
        """A function completing a value of `type_` selected by `details`, or _NotPlain."""
        if isinstance(type_, GraphQLNonNull):
            if isinstance(type_.of_type, GraphQLScalarType | GraphQLEnumType):
                return _leaf(type_.of_type, non_null=True)
            inner = self._compile(type_.of_type, details, info)

            def non_null(value: Any) -> Any:
                if value is None or value is Undefined:
                    raise _NotPlain
                return inner(value)

            return non_null
        if isinstance(type_, GraphQLScalarType | GraphQLEnumType):
            return _leaf(type_, non_null=False)
        if info is None:
            raise _NotPlain
        if isinstance(type_, GraphQLList):
            item = self._compile(type_.of_type, details, info)

            def items(value: Any) -> Any:
                if value is None or value is Undefined:
                    return None
                if type(value) is not list:
                    raise _NotPlain
                return [item(v) for v in value]

            return items
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
            return self._abstract(type_, details, info)
        if isinstance(type_, GraphQLObjectType):
            return self._object(type_, details, info)
        raise _NotPlain

    def _abstract(self, type_: GraphQLInterfaceType | GraphQLUnionType,
                  details: FieldDetailsList, info: Info) -> Completer:
        """Completes each value as the object type its class resolves to; the resolution is
        kept per class (strawberry resolves a value by its class unless it is cast)."""
        resolve_type = type_.resolve_type or self.type_resolver
        by_class: dict[type, Completer] = {}

        def abstract(value: Any) -> Any:
            if value is None or value is Undefined:
                return None
            completer = by_class.get(type(value))
            if completer is not None:
                return completer(value)
            if self.is_awaitable(value):
                raise _NotPlain
            name = resolve_type(value, info, type_)
            if not isinstance(name, str):
                raise _NotPlain
            runtime = self.ensure_valid_runtime_type(name, type_, details, info, value)
            completer = self._object(runtime, details, info)
            if get_strawberry_type_cast(value) is None:
                by_class[type(value)] = completer
            return completer(value)

        return abstract

    def _object(self, type_: GraphQLObjectType, details: FieldDetailsList,
                info: Info) -> Completer:
        grouped, defer_usages, forbidden = self.collect_subfields(type_, details)
        if defer_usages or forbidden:
            raise _NotPlain
        steps: list[tuple[str, Callable[[Any], Any], Completer]] = []
        for response_name, field_details in grouped.items():
            node = field_details[0].node
            name = node.name.value
            if name == "__typename":
                steps.append((response_name, _constant(type_.name), _same))
                continue
            field = self.schema.get_field(type_, name)
            if field is None:
                continue
            if not _plain_resolver(field.resolve) or field.args or node.arguments:
                raise _NotPlain
            field_info = self.build_resolve_info(field, [d.node for d in field_details], type_,
                                                 Path(None, response_name, type_.name))
            steps.append((response_name, _getter(field),
                          self._compile(field.type, field_details, field_info)))
        is_type_of = type_.is_type_of
        is_awaitable = self.is_awaitable

        def complete(source: Any) -> dict[str, Any]:
            if source is None or source is Undefined:
                return None  # type: ignore[return-value]  # nullable: non_null refuses it first
            if is_type_of is not None and is_type_of(source, info) is not True:
                raise _NotPlain
            if is_awaitable(source):
                raise _NotPlain
            return {key: complete_field(read(source)) for key, read, complete_field in steps}

        return complete


def _nodes(field_details_list: FieldDetailsList) -> list[FieldNode]:
    return [details.node for details in field_details_list]


def _constant(value: str) -> Callable[[Any], str]:
    return lambda _source: value


def _same(value: Any) -> Any:
    return value
