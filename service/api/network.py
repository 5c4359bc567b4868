"""`network`, `egoNetwork`, `shortestPath` and `stats`: scoped projections of the graph.

Networks are built once per field as plain Python lists; typed `nodes`/`edges` objects are
made only when selected, and `cytoscape` is one JSON value, so it pays no resolver per
element (strawberry resolves every field of every object, which costs seconds at 10k).
"""

from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from service import network as net
from service.api.context import Info
from service.api.scope import Projection, ScopeInput, scope_of
from service.api.stats import Stats
from service.projections import Projection as ProjectionName


@strawberry.type(description="A node of a projected network, with the attributes the "
                 "exports carry under the same names. Several codes are one string, sorted "
                 "and ';'-joined, as in the exports.")
class NetworkNode:
    id: strawberry.ID = strawberry.field(description="The dataset id.")
    name: str
    entity: str = strawberry.field(
        description="What the node is: Initiative, Firm, Institution or Program.")
    label: str = strawberry.field(
        description="What the node is: Initiative, Firm, Institution or Program.",
        deprecation_reason="Use `entity`: in the exports and the Cytoscape elements, "
        "`label` is the name.")
    kind: str = strawberry.field(
        description="The initiative's type, FIRM, the institution's kind, or PROGRAM.")
    country: str | None = strawberry.field(
        description="ISO code of the node's country (';'-joined, sorted, when an initiative "
        "lies in several); null when it has no territory.")
    territory: str | None = strawberry.field(
        description="Code of the territory the node is located in, as stored (';'-joined, "
        "sorted, when an initiative lies in several); null when it has none.")
    sectors: str | None = strawberry.field(
        description="Codes of the node's sectors (ISIC Rev.4 or national), ';'-joined, "
        "sorted; null when it has none (firms and initiatives have sectors).")
    firm_size: str | None = strawberry.field(
        description="A firm's size (MICRO, SMALL, MEDIUM, LARGE); null for other nodes and "
        "firms without one. (Exports call it firm_size: Gephi takes a `size` for the size "
        "it draws.)")
    level: str | None = strawberry.field(
        description="An institution's government level (SUPRANATIONAL, NATIONAL, "
        "SUBNATIONAL, LOCAL); null for other nodes.")


@strawberry.type(description="An edge of a projected network; see the projection for type "
                 "and weight.")
class NetworkEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str = strawberry.field(description="A relationship type (FULL, GOVERNANCE, SUPPLY) "
                                 "or the projected link's type (ACTORS, INITIATIVES).")
    weight: float


@strawberry.type(description="A projected network in a scope: nodes (isolated ones too) and "
                 "edges. Select `cytoscape` for big networks: it is one JSON value.")
class Network:
    graph: strawberry.Private[net.Graph]

    @strawberry.field(description="The projection the network comes from.")
    def projection(self) -> Projection:
        return Projection[self.graph.projection.name]

    @strawberry.field(description="Whether edges have a direction (SUPPLY only).")
    def directed(self) -> bool:
        return self.graph.directed

    @strawberry.field
    def node_count(self) -> int:
        return len(self.graph.nodes)

    @strawberry.field
    def edge_count(self) -> int:
        return len(self.graph.edges)

    @strawberry.field(description="How many nodes of the projection the scope holds: "
                      "`nodeCount` unless `top` kept only the most connected of them.")
    def scope_node_count(self) -> int:
        found = self.graph.scope_node_count
        return len(self.graph.nodes) if found is None else found

    @strawberry.field(description="The nodes, sorted by id (in path order for shortestPath).")
    def nodes(self) -> list[NetworkNode]:
        return [NetworkNode(id=strawberry.ID(n.id), name=n.name, entity=n.label, label=n.label,
                            kind=n.kind, country=n.country, territory=n.territory,
                            sectors=n.sectors, firm_size=n.firm_size, level=n.level)
                for n in self.graph.nodes]

    @strawberry.field(description="The edges; undirected ones keep their stored direction "
                      "(FULL, GOVERNANCE) or have source < target (ACTORS, INITIATIVES).")
    def edges(self) -> list[NetworkEdge]:
        return [NetworkEdge(source=strawberry.ID(e.source), target=strawberry.ID(e.target),
                            type=e.type, weight=e.weight) for e in self.graph.edges]

    @strawberry.field(description="Cytoscape.js elements: {nodes: [{data: {id, label, name, "
                      "entity, kind, country, territory, sectors, firm_size, level}}], edges: "
                      "[{data: {id, source, target, type, weight}}]}; `label` is the name, "
                      "`entity` the node's label, the rest as in `nodes`.")
    def cytoscape(self) -> JSON:
        return JSON(self.graph.cytoscape())


def _projection(projection: Projection) -> ProjectionName:
    return ProjectionName[projection.name]


@strawberry.type
class NetworkQuery:
    @strawberry.field(description="A projection of the graph cut by a scope. More edges than "
                      "the service's limit (ARTICULA_MAX_NETWORK_EDGES) is QUERY_TOO_COMPLEX.")
    async def network(
        self, info: Info, projection: Projection = Projection.FULL,
        scope: ScopeInput | None = None,
        top: Annotated[int | None, strawberry.argument(
            description="Only this many nodes: those of the scope with the most relationships "
            "in the stored graph (of every type the projections use, whatever their years; "
            "ties by id), and the projection's edges among them. A first look at a network "
            "too big to build whole; `scopeNodeCount` tells how many there are.")] = None,
    ) -> Network:
        graph = await net.projected(info.context.db, _projection(projection), scope_of(scope),
                                    top=top)
        return Network(graph=graph)

    @strawberry.field(description="The nodes within `depth` (1 to 3) hops of a node in the "
                      "projected graph, either direction, and every edge among them. Unknown "
                      "id: NOT_FOUND; a node outside the projection or scope: BAD_USER_INPUT.")
    async def ego_network(self, info: Info, id: strawberry.ID, depth: int = 1,
                          projection: Projection = Projection.FULL,
                          scope: ScopeInput | None = None) -> Network:
        graph = await net.ego_network(info.context.db, str(id), depth, _projection(projection),
                                      scope_of(scope))
        return Network(graph=graph)

    @strawberry.field(description="A path with the fewest edges between two nodes of the "
                      "projected graph (along edge direction in SUPPLY): its nodes in order and "
                      "one edge per step; null when there is none. Unknown id: NOT_FOUND.")
    async def shortest_path(self, info: Info,
                            from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
                            to: strawberry.ID,
                            projection: Projection = Projection.FULL,
                            scope: ScopeInput | None = None) -> Network | None:
        graph = await net.shortest_path(info.context.db, str(from_), str(to),
                                        _projection(projection), scope_of(scope))
        return Network(graph=graph) if graph is not None else None

    @strawberry.field(description="Counts and structure of the graph in a scope; each part "
                      "is computed only when selected.")
    async def stats(self, info: Info, scope: ScopeInput | None = None) -> Stats:
        checked = scope_of(scope)
        await net.check_codes(info.context.db, checked)
        return Stats(scope=checked)
