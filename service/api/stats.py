"""`stats`: counts and the structure of each projection in a scope."""

from typing import Any, cast

import strawberry

from service import network as net
from service import territory_measures as tm
from service.api.context import Info
from service.api.enums import TerritoryLevel
from service.api.scope import Projection
from service.projections import NodeLabel
from service.projections import Projection as ProjectionName
from service.scope import Scope


@strawberry.type(description="How many in-scope nodes carry a label.")
class LabelCount:
    label: str
    count: int


@strawberry.type(description="How many in-scope relationships have a type.")
class RelationshipCount:
    type: str
    count: int


@strawberry.type(description="The shape of one projection in the scope.")
class ProjectionStats:
    projection: Projection
    node_count: int
    edge_count: int
    density: float = strawberry.field(
        description="Linked node pairs over possible pairs, in the simple graph under the "
        "projection (parallel edges count once): 2m/(n(n-1)), or m/(n(n-1)) for SUPPLY.")
    components: int = strawberry.field(
        description="Connected components (weakly connected for SUPPLY), isolated nodes "
        "included.")
    largest_component: int = strawberry.field(description="Nodes in the largest component.")


@strawberry.type(description="In-scope initiatives, firms and institutions located in a "
                 "territory or anywhere below it.")
class TerritoryCount:
    code: str
    name: str
    level: str
    initiatives: int
    firms: int
    institutions: int


@strawberry.type(description="What the Explorer's map colours a territory by: in-scope "
                 "initiatives and actors located in it or anywhere below it, and the "
                 "governance of those initiatives.")
class TerritoryMeasure:
    code: str
    name: str
    level: TerritoryLevel
    initiatives: int
    actors: int
    ungoverned: int = strawberry.field(
        description="Initiatives that no institution governs (no GOVERNS tie, in the scope's "
        "year if it has one): the UNGOVERNED coordination gap.")
    governance_ties: int = strawberry.field(
        description="GOVERNS ties to the initiatives: seats of institutions in their "
        "governance bodies.")


@strawberry.type(description="Counts and structure of the graph in a scope.")
class Stats:
    scope: strawberry.Private[Scope]

    @strawberry.field(description="In-scope nodes per label: Initiative, Firm, Institution, "
                      "Program.")
    async def node_counts(self, info: Info) -> list[LabelCount]:
        row = (await info.context.db.read("network/node_counts", **self.scope.parameters()))[0]
        return [LabelCount(label=str(label), count=row[str(label)]) for label in NodeLabel]

    @strawberry.field(description="In-scope relationships per type (the FULL projection's "
                      "edges).")
    async def relationship_counts(self, info: Info) -> list[RelationshipCount]:
        rows = await info.context.db.read("network/relationship_counts",
                                          **self.scope.parameters())
        found = {r["type"]: r["count"] for r in rows}
        return [RelationshipCount(type=t, count=found.get(t, 0)) for t in net.RELATIONSHIP_TYPES]

    @strawberry.field(description="Nodes, edges, density and components of each projection "
                      "(or of those in `only`), computed concurrently. A projection past the "
                      "edge limit is null, with a QUERY_TOO_COMPLEX error at its index.")
    async def projections(self, info: Info, only: list[Projection] | None = None
                          ) -> list[ProjectionStats | None]:
        # graphql-core awaits awaitable list items one by one, so an error nulls its item only
        items: list[Any] = [self._projection(info, p) for p in only or list(Projection)]
        return cast(list[ProjectionStats | None], items)

    async def _projection(self, info: Info, projection: Projection) -> ProjectionStats:
        graph = await net.projected(info.context.db, ProjectionName[projection.name],
                                    self.scope, checked=True)
        sizes = graph.components()
        return ProjectionStats(
            projection=projection, node_count=len(graph.nodes), edge_count=len(graph.edges),
            density=graph.density(), components=len(sizes),
            largest_component=sizes[0] if sizes else 0)

    @strawberry.field(description="Counts per country.")
    async def by_country(self, info: Info) -> list[TerritoryCount]:
        return [_count(c) for c in await net.territory_counts(info.context.db, self.scope)
                if c.level == "COUNTRY"]

    @strawberry.field(description="Counts per territory of any level (countries, regions, "
                      "municipalities) that holds something in scope, sorted by code.")
    async def by_territory(self, info: Info) -> list[TerritoryCount]:
        return [_count(c) for c in await net.territory_counts(info.context.db, self.scope)]

    @strawberry.field(description="Per territory of `levels` (by default countries and "
                      "first-level subdivisions, REGION) holding something in scope, sorted by "
                      "code: initiatives, actors and the governance of those initiatives, for "
                      "a map coloured by territory.")
    async def territory_measures(
            self, info: Info,
            levels: list[TerritoryLevel] | None = None) -> list[TerritoryMeasure]:
        found = await tm.territory_measures(
            info.context.db, self.scope, levels or [TerritoryLevel.COUNTRY, TerritoryLevel.REGION])
        return [TerritoryMeasure(code=m.code, name=m.name, level=m.level,
                                 initiatives=m.initiatives, actors=m.actors,
                                 ungoverned=m.ungoverned, governance_ties=m.governance_ties)
                for m in found]


def _count(c: net.TerritoryCount) -> TerritoryCount:
    return TerritoryCount(code=c.code, name=c.name, level=c.level, initiatives=c.initiatives,
                          firms=c.firms, institutions=c.institutions)
