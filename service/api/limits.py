"""Query limits: depth, aliases and estimated cost, checked before a query executes.

The cost of a query bounds the number of objects it may return: every selected field counts
once per object of its parent, and a list multiplies what is below it by the most it can
hold:

- a connection or an analytic result, by its page size (`first`, `top` or `k` when given,
  else the list's default; `first` no larger than the page-size limit). A page size given
  to a field that returns one object (`centrality(top: 100)`) is the size of the lists
  directly in that object instead;
- a relationship list (an initiative's `participants`, an actor's `initiatives`, a
  territory's `children`, ...), by the largest fan-out of that relationship in the database
  (`service.api.fan_out`: the degree of the node with the most, kept per graph version),
  and by LIST_ESTIMATE at least. The bound holds for every node a query can reach, so a
  query that nests such lists cannot return more than its estimate; the price is that the
  estimate of a deep nesting is large when one node is a hub;
- introspection (`__schema`, `__type`), by what the schema holds: it is counted exactly;
- the other lists of analytic results (a community's members, a network's nodes and edges,
  gap findings, brokerage rows) hold values and small objects, never a relationship list:
  they add to an answer rather than multiply it, count LIST_ESTIMATE each here, and are
  bounded by the analytics' own limits and by the response-size guard.

Aliases count as any field, introspection included.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from service.api.fan_out import STATEMENTS, ListField, fan_outs
from service.api.introspection_cost import BudgetExceeded, IntrospectionCost
from service.errors import ArticulaError, QueryTooComplex
from service.messages import msg
from service.settings import Settings

PAGE_ARGUMENTS = ("first", "top", "k")
DEFAULT_PAGE = 50  # the default of `first` on every connection
MAX_TOKENS = 5_000  # a document longer than this is refused by the parser
LIST_ESTIMATE = 20
"""The least a relationship list counts; what a list of an analytic result without a page
size counts."""
UNLIMITED = 2**62  # no budget for the exact count of introspection


@dataclass(frozen=True)
class QueryLimits:
    max_depth: int
    max_cost: int
    max_aliases: int
    max_page: int = 500  # a larger `first` is the resolver's BAD_USER_INPUT, not a cost

    @classmethod
    def of(cls, settings: Settings) -> QueryLimits:
        return cls(settings.max_query_depth, settings.max_query_cost, settings.max_aliases,
                   settings.max_page_size)


@dataclass
class Measure:
    depth: int = 0
    cost: int = 0
    aliases: int = 0


FanOut = Callable[[ListField], int]
"""The largest fan-out of a relationship list (see `service.api.fan_out`)."""


class _Walker:
    """Walks one operation with its fragments inlined; validation has already ruled out cycles."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        max_page: int,
        fan_out: FanOut,
        introspection: IntrospectionCost | None,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.max_page = max_page
        self.fan_out = fan_out
        self.introspection = introspection
        self.aliases_below: dict[int, int] = {}

    def fields(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType,
        seen: frozenset[str] = frozenset(),
    ) -> Iterator[tuple[FieldNode, GraphQLNamedType]]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection, parent
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                yield from self.fields(selection.selection_set, inner or parent, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                inner = self.schema.get_type(fragment.type_condition.name.value) or parent
                yield from self.fields(fragment.selection_set, inner, seen | {name})

    def measure(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, depth: int, into: Measure,
        seen: frozenset[str] = frozenset(), list_size: int | None = None,
    ) -> int:
        """Add the depth and aliases below `selection_set` to `into`; return its cost per parent."""
        cost = 0
        into.depth = max(into.depth, depth)
        for node, owner in self.fields(selection_set, parent, seen):
            name = node.name.value
            if node.alias is not None:
                into.aliases += 1
            if name == "__typename":
                cost += 1
                continue
            if name in ("__schema", "__type"):  # counted exactly; its depth is the schema's
                into.aliases += self.aliases(node.selection_set)
                cost += self.introspection.root(node) if self.introspection else 1
                continue
            field = owner.fields.get(name) if isinstance(owner, GraphQLObjectType) else None
            if field is None and hasattr(owner, "fields"):
                field = owner.fields.get(name)  # interfaces
            if field is None:
                continue
            below = 0
            page = self._page(node)
            single = page is not None and not _is_list(field.type) and not get_named_type(
                field.type).name.endswith("Connection")
            if node.selection_set is not None:
                below = self.measure(
                    node.selection_set, get_named_type(field.type), depth + 1, into, seen,
                    page if single else None,
                )
            if single:
                multiplier = 1
            elif page is None and list_size is not None and _is_list(field.type):
                multiplier = list_size
            else:
                multiplier = self.multiplier(node, field.type, owner)
            cost += multiplier * (1 + below)
        return cost

    def aliases(self, selection_set: SelectionSetNode | None,
                seen: frozenset[str] = frozenset()) -> int:
        """The aliases below an introspection field (whose types the walk does not follow)."""
        if selection_set is None:
            return 0
        if id(selection_set) in self.aliases_below:  # a fragment's, spread again
            return self.aliases_below[id(selection_set)]
        count = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                count += (selection.alias is not None) + self.aliases(selection.selection_set, seen)
            elif isinstance(selection, InlineFragmentNode):
                count += self.aliases(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None and selection.name.value not in seen:
                    count += self.aliases(fragment.selection_set, seen | {selection.name.value})
        self.aliases_below[id(selection_set)] = count
        return count

    def _page(self, node: FieldNode) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value in PAGE_ARGUMENTS:
                value = value_from_ast_untyped(argument.value, dict(self.variables))
                if isinstance(value, int) and value >= 0:
                    return max(value, 1)
        return None

    def multiplier(
        self, node: FieldNode, type_: GraphQLOutputType, owner: GraphQLNamedType
    ) -> int:
        for argument in node.arguments or ():
            if argument.name.value in PAGE_ARGUMENTS:
                value = value_from_ast_untyped(argument.value, dict(self.variables))
                if isinstance(value, int) and value >= 0:
                    limit = self.max_page if argument.name.value == "first" else value
                    return min(max(value, 1), max(limit, 1))
        named = get_named_type(type_)
        if named.name.endswith("Connection"):
            return DEFAULT_PAGE
        if owner.name.endswith("Connection"):
            return 1  # `edges` holds the page its connection was counted for
        if _is_list(type_):
            key = (owner.name, node.name.value)
            return max(self.fan_out(key), LIST_ESTIMATE) if key in STATEMENTS else LIST_ESTIMATE
        return 1


def _is_list(type_: GraphQLOutputType) -> bool:
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    return isinstance(inner, GraphQLList)


def relationship_lists(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> tuple[set[ListField], Measure]:
    """The relationship lists the operation selects (the fan-outs its cost needs), and its
    depth and aliases (its cost left at 0)."""
    found: set[ListField] = set()

    def record(key: ListField) -> int:
        found.add(key)
        return 1

    root = schema.get_root_type(operation.operation)
    shape = Measure()
    if root is not None:
        _Walker(schema, fragments, variables, QueryLimits.max_page, record, None).measure(
            operation.selection_set, root, 1, shape)
    return found, Measure(depth=shape.depth, aliases=shape.aliases)


def measure_operation(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    max_page: int = QueryLimits.max_page,
    fan_out: Mapping[ListField, int] | None = None,
    budget: int = UNLIMITED,
) -> Measure:
    """The operation's depth, aliases and cost; `fan_out` gives the relationship lists' largest
    fan-outs (LIST_ESTIMATE for any it lacks). Introspection is counted until it passes
    `budget` (the cost limit: past it the exact figure does not matter)."""
    root = schema.get_root_type(operation.operation)
    measure = Measure()
    if root is not None:
        known = fan_out or {}
        walker = _Walker(schema, fragments, variables, max_page,
                         lambda key: known.get(key, LIST_ESTIMATE), None)
        walker.introspection = IntrospectionCost(schema, walker.fields, variables, budget)
        try:
            measure.cost = walker.measure(operation.selection_set, root, 1, measure)
        except BudgetExceeded as stopped:
            measure.cost = stopped.counted
    return measure


def check(measure: Measure, limits: QueryLimits) -> None:
    """Raise QueryTooComplex naming the first limit `measure` exceeds."""
    if measure.depth > limits.max_depth:
        raise QueryTooComplex(
            msg("error.limits.depth", depth=measure.depth, limit=limits.max_depth),
            depth=measure.depth, limit=limits.max_depth,
        )
    if measure.aliases > limits.max_aliases:
        raise QueryTooComplex(
            msg("error.limits.aliases", aliases=measure.aliases, limit=limits.max_aliases),
            aliases=measure.aliases, limit=limits.max_aliases,
        )
    if measure.cost > limits.max_cost:
        raise QueryTooComplex(
            msg("error.limits.cost", cost=measure.cost, limit=limits.max_cost),
            cost=measure.cost, limit=limits.max_cost,
        )


class QueryLimitGuard(SchemaExtension):
    """Refuses, before execution, an operation deeper, more aliased or costlier than allowed."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = _selected_operation(document, context.operation_name) if document else None
        if document is not None and operation is not None and context.result is None:
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            schema = context.schema._schema
            db = context.context.db
            limits = QueryLimits.of(db.settings)
            variables = context.variables or {}
            try:
                lists, shape = relationship_lists(schema, operation, fragments, variables)
                check(shape, limits)  # depth and aliases: refused before any fan-out is read
                measure = measure_operation(
                    schema, operation, fragments, variables, limits.max_page,
                    await fan_outs(db, lists) if lists else {}, limits.max_cost,
                )
                check(measure, limits)
            except ArticulaError as refusal:
                context.result = GraphQLExecutionResult(
                    data=None, errors=[GraphQLError(refusal.message, original_error=refusal)]
                )
        yield


def _selected_operation(
    document: DocumentNode, name: str | None
) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == name), None)
