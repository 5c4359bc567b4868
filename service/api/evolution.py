"""`evolution`: the structure of a projection year by year."""

from typing import Annotated

import strawberry

from service import evolution as ev
from service.api.analytics import Provenance
from service.api.context import Info
from service.api.scope import Projection, ScopeInput, scope_of
from service.projections import Projection as ProjectionName


@strawberry.type(description="The projection's graph in one year: the scope cut at that year "
                 "as `network(scope: {year})` cuts it.")
class YearStats:
    year: int
    nodes: int
    edges: int
    density: float = strawberry.field(
        description="Linked node pairs over possible pairs (as `stats` computes it).")
    components: int = strawberry.field(
        description="Connected components (weakly connected for SUPPLY), isolated nodes "
        "included.")
    largest_component_share: float = strawberry.field(
        description="The share of the year's nodes in its largest component; 0 without nodes.")
    modularity: float = strawberry.field(
        description="Modularity of the year's seeded Louvain partition (as `communities` "
        "computes it).")
    degree_centralization: float = strawberry.field(
        description="Freeman's degree centralization of the simple undirected graph: how far "
        "the degrees are from a star's, from 0 (all equal) to 1 (a star); 0 below three "
        "nodes.")
    initiatives_started: int = strawberry.field(
        description="In-scope initiatives whose start year is this year.")
    initiatives_ended: int = strawberry.field(
        description="In-scope initiatives whose end year is this year.")


@strawberry.type(description="A projection's structure year by year.")
class EvolutionResult:
    years: list[YearStats]
    provenance: Provenance = strawberry.field(
        description="The whole series: `parameters` holds from, to and the seed; "
        "`graphVersion` and `graph` are those of the last year's Louvain run; `runtimeMs` "
        "the whole series'.")


@strawberry.type
class EvolutionQuery:
    @strawberry.field(description="One entry per year from `from` (default: the first "
                      "in-scope initiative's start year) to `to` (default: this year), at "
                      f"most {ev.MAX_YEARS} years: nodes, edges, density, components, the "
                      "largest component's share, modularity of a seeded Louvain, degree "
                      "centralization, and the initiatives that started and ended. The scope "
                      "takes no `year`: each entry is the scope cut at its year.")
    async def evolution(
        self, info: Info, projection: Projection = Projection.FULL,
        scope: ScopeInput | None = None,
        first: Annotated[int | None, strawberry.argument(name="from")] = None,
        last: Annotated[int | None, strawberry.argument(name="to")] = None,
        seed: int | None = None,
    ) -> EvolutionResult:
        found = await ev.evolution(info.context.db, ProjectionName[projection.name],
                                   scope_of(scope), first, last, seed)
        return EvolutionResult(
            years=[YearStats(
                year=y.year, nodes=y.nodes, edges=y.edges, density=y.density,
                components=y.components, largest_component_share=y.largest_component_share,
                modularity=y.modularity, degree_centralization=y.degree_centralization,
                initiatives_started=y.initiatives_started,
                initiatives_ended=y.initiatives_ended) for y in found.years],
            provenance=Provenance.of(found.provenance))
