"""The exact cost of an introspection selection (`__schema`, `__type`): the schema does not
change while the service runs, so the objects such a selection returns can be counted, not
estimated, by walking the schema as graphql-core's introspection resolvers would.

A selection is walked over the multiset of schema elements it applies to (each type, field,
argument or enum value with how many times it occurs there), not once per occurrence, and
the multiset a path of fields leads to (`types.fields.args`) is derived once per request
however many aliases or fragments select it: a full introspection of the schema, about
11,000 objects, takes a few thousand steps. The walk takes at most as many steps as the
answer holds objects and stops once it passes a budget (the query's cost limit), where the
exact figure no longer matters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    SelectionSetNode,
    get_named_type,
    introspection_types,
    is_leaf_type,
    value_from_ast_untyped,
)

Fields = Callable[[SelectionSetNode, GraphQLNamedType],
                  Iterator[tuple[FieldNode, GraphQLNamedType]]]

SCHEMA_TYPE = introspection_types["__Schema"]
TYPE_TYPE = introspection_types["__Type"]


class BudgetExceeded(Exception):
    def __init__(self, counted: int) -> None:
        super().__init__(counted)
        self.counted = counted


@dataclass(frozen=True)
class _Info:
    """What graphql-core's introspection resolvers read off their `info`."""

    schema: GraphQLSchema


Elements = dict[int, tuple[Any, int]]
"""A multiset of schema elements: id of the element -> (what the resolvers take, count)."""


Path = tuple[Any, ...]  # the root field and the fields (with arguments) leading to a multiset


class IntrospectionCost:
    def __init__(self, schema: GraphQLSchema, fields: Fields, variables: Mapping[str, Any],
                 budget: int) -> None:
        self.info = _Info(schema)
        self.fields = fields
        self.variables = dict(variables)
        self.budget = budget
        self.steps = 0  # never more than the answer holds objects
        self.selected: dict[tuple[int, str], list[tuple[FieldNode, GraphQLNamedType]]] = {}
        self.derived: dict[Path, tuple[int, Elements]] = {}
        self.counted: dict[tuple[Path, int], int] = {}

    def root(self, node: FieldNode) -> int:
        """What `__schema { ... }` or `__type(name: ...) { ... }` costs, the field included."""
        path: Path
        if node.name.value == "__schema":
            found: Any = self.info.schema
            type_, path = SCHEMA_TYPE, ("__schema",)
        else:
            name = str(self._arguments(node).get("name"))
            found = self.info.schema.get_type(name)
            type_, path = TYPE_TYPE, ("__type", name)
        if found is None or node.selection_set is None:
            return 1
        return 1 + self._count(node.selection_set, type_, {id(found): (found, 1)}, path)

    def _count(self, selection_set: SelectionSetNode, type_: GraphQLNamedType,
               elements: Elements, path: Path) -> int:
        """The objects `selection_set` selects on every element of `elements` (which `path`
        leads to); a selection met again on the same path (a fragment spread under several
        aliases) is counted once."""
        key = (path, id(selection_set))
        if key in self.counted:
            return self.counted[key]
        occurrences = sum(n for _, n in elements.values())
        cost = 0
        for node, owner in self._selected(selection_set, type_):
            self._step(1)
            field = (owner.fields.get(node.name.value)
                     if isinstance(owner, GraphQLObjectType) else None)
            named = get_named_type(field.type) if field is not None else None
            if field is None or named is None or (is_leaf_type(named)
                                                  and not _is_list(field.type)):
                cost += occurrences if node.name.value == "__typename" or field else 0
                continue
            arguments = self._arguments(node)
            step = (*path, node.name.value, tuple(sorted(map(repr, arguments.items()))))
            if step not in self.derived:
                self.derived[step] = self._derive(field, arguments, elements)
            fields_cost, below = self.derived[step]
            cost += fields_cost
            if below and node.selection_set is not None:
                cost += self._count(node.selection_set, named, below, step)
        self.counted[key] = cost
        return cost

    def _derive(self, field: GraphQLField, arguments: dict[str, Any],
                elements: Elements) -> tuple[int, Elements]:
        """What `field` costs on `elements` itself, and the multiset of what it returns."""
        self._step(len(elements))
        assert field.resolve is not None  # every introspection field has its resolver
        listed = _is_list(field.type)
        leaf = is_leaf_type(get_named_type(field.type))
        cost = 0
        below: Elements = {}
        for value, n in elements.values():
            found = field.resolve(value, self.info, **arguments)
            if found is None:
                cost += n
                continue
            items = list(found) if listed else [found]
            cost += n * len(items) if listed else n
            if leaf:
                continue
            for item in items:
                key = id(item[1] if isinstance(item, tuple) else item)  # (name, element)
                _, before = below.get(key, (item, 0))
                below[key] = (item, before + n)
        return cost, below

    def _selected(self, selection_set: SelectionSetNode,
                  type_: GraphQLNamedType) -> list[tuple[FieldNode, GraphQLNamedType]]:
        key = (id(selection_set), type_.name)
        if key not in self.selected:
            self.selected[key] = list(self.fields(selection_set, type_))
        return self.selected[key]

    def _step(self, steps: int) -> None:
        self.steps += steps
        if self.steps > self.budget:
            raise BudgetExceeded(self.steps)

    def _arguments(self, node: FieldNode) -> dict[str, Any]:
        return {argument.name.value: value_from_ast_untyped(argument.value, self.variables)
                for argument in node.arguments or ()}


def _is_list(type_: GraphQLOutputType) -> bool:
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    return isinstance(inner, GraphQLList)
