"""`centrality`, `communities` and `compareCommunities`: analytics on projected GDS graphs.

Results are plain dataclasses built once per field; the lists (items, members) are plain
strawberry types filled from them, with no database call per object.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON

from service.access import Role
from service.analytics import centrality as c
from service.analytics import communities as cm
from service.analytics import mixing as mx
from service.analytics import rollup as ru
from service.analytics import structure as st
from service.analytics.results import Distribution as DistributionData
from service.analytics.results import Provenance as ProvenanceData
from service.api.context import Info
from service.api.enums import TerritoryLevel
from service.api.scope import Projection, ScopeInput, scope_of
from service.audit import record_async
from service.errors import BadUserInput
from service.messages import msg
from service.projections import Projection as ProjectionName


@strawberry.enum(description="A node centrality; docs/analytics.md gives each definition and "
                 "how it relates to NetworkX's.")
class CentralityMetric(Enum):
    DEGREE = strawberry.enum_value("DEGREE", description="Number of neighbours (NetworkX "
                                   "`degree`); on weighted projections the sum of edge weights; "
                                   "in SUPPLY in + out. normalized: divided by n - 1.")
    PAGERANK = strawberry.enum_value("PAGERANK", description="NetworkX `pagerank` (scores sum "
                                     "to 1), weighted on weighted projections.")
    ARTICLE_RANK = strawberry.enum_value("ARTICLE_RANK", description="GDS ArticleRank (no "
                                         "NetworkX equivalent), weighted on weighted "
                                         "projections.")
    EIGENVECTOR = strawberry.enum_value("EIGENVECTOR", description="NetworkX "
                                        "`eigenvector_centrality` (unit Euclidean norm), "
                                        "unweighted.")
    BETWEENNESS = strawberry.enum_value("BETWEENNESS", description="NetworkX "
                                        "`betweenness_centrality`, unnormalized unless "
                                        "`normalized`; hop counts; exact or sampled.")
    CLOSENESS = strawberry.enum_value("CLOSENESS", description="NetworkX "
                                      "`closeness_centrality` with the Wasserman-Faust "
                                      "correction for disconnected graphs; hop counts.")
    HARMONIC = strawberry.enum_value("HARMONIC", description="NetworkX `harmonic_centrality` "
                                     "(sum of 1/distance); normalized: divided by n - 1.")


@strawberry.enum(description="A community detection algorithm; docs/analytics.md says what "
                 "each gives and how its result is made reproducible.")
class CommunityAlgorithm(Enum):
    LOUVAIN = "LOUVAIN"
    LEIDEN = "LEIDEN"
    LABEL_PROPAGATION = "LABEL_PROPAGATION"
    WCC = "WCC"
    K_CORE = "K_CORE"


@strawberry.input(description="Betweenness from a sample of source nodes instead of all: "
                  "an estimate, scaled by n / size to all sources as NetworkX does.")
class SamplingInput:
    size: int = strawberry.field(description="How many source nodes (at most the node count).")
    seed: int = strawberry.field(default=42, description="Seed of the sample.")


@strawberry.enum(description="What makes a result degenerate.")
class AnalysisWarningCode(Enum):
    TRIVIAL_PARTITION = strawberry.enum_value(
        "TRIVIAL_PARTITION", description="The partition is every node alone, or one community "
        "per connected component: the algorithm found no group inside the components. "
        "`parameters`: `partition` (SINGLETONS or COMPONENTS), `communities`, `components`, "
        "`nodes`.")


@strawberry.type(description="A warning that a result, true to its algorithm, says little about "
                 "the network: a stable code and its figures, for clients to word in their "
                 "language (docs/analytics.md).")
class AnalysisWarning:
    code: AnalysisWarningCode
    parameters: JSON = strawberry.field(description="The figures behind the warning, by name.")


@strawberry.type(description="How a result was computed.")
class Provenance:
    algorithm: str = strawberry.field(description="The GDS procedure that ran.")
    parameters: JSON = strawberry.field(description="The request's parameters and the GDS "
                                        "configuration used.")
    seed: int | None = strawberry.field(description="The random seed, when the algorithm "
                                        "takes one.")
    projection: Projection
    scope: JSON = strawberry.field(description="The normalized scope; absent fields left out.")
    graph_version: int = strawberry.field(description="The graph version the result holds "
                                          "for; any write bumps it.")
    graph: str = strawberry.field(description="The GDS graph's name in the catalogue.")
    computed_at: str = strawberry.field(description="When it was computed (ISO 8601, UTC).")
    runtime_ms: float = strawberry.field(description="How long the algorithm took in Neo4j, "
                                         "reading its results included.")
    cached: bool = strawberry.field(description="Whether this answer came from the result "
                                    "cache (an identical earlier request on the same graph "
                                    "version); computedAt is then the first computation's.")
    native_projection: bool = strawberry.field(
        description="Whether GDS projected the graph natively, straight from the stored labels "
                    "and relationship types (the unscoped FULL, GOVERNANCE and SUPPLY graphs), "
                    "rather than from the projection's Cypher statement; the graph is the same.")
    warnings: list[AnalysisWarning] = strawberry.field(
        description="What makes the result degenerate; empty when nothing does.")

    @classmethod
    def of(cls, p: ProvenanceData) -> Provenance:
        return cls(algorithm=p.algorithm, parameters=JSON(p.parameters), seed=p.seed,
                   projection=Projection[p.projection], scope=JSON(p.scope),
                   graph_version=p.graph_version, graph=p.graph, computed_at=p.computed_at,
                   runtime_ms=p.runtime_ms, cached=p.cached,
                   native_projection=p.native_projection,
                   warnings=[AnalysisWarning(code=AnalysisWarningCode[w.code.value],
                                             parameters=JSON(w.parameters))
                             for w in p.warnings])


@strawberry.type(description="A node score over every node of the graph: extremes, mean and "
                 "quantiles (linear interpolation).")
class Distribution:
    count: int
    min: float
    p25: float
    p50: float
    p75: float
    p90: float
    p99: float
    max: float
    mean: float

    @classmethod
    def of(cls, d: DistributionData) -> Distribution:
        return cls(count=d.count, min=d.min, p25=d.p25, p50=d.p50, p75=d.p75, p90=d.p90,
                   p99=d.p99, max=d.max, mean=d.mean)


@strawberry.type(description="A node and its score.")
class CentralityItem:
    id: strawberry.ID
    name: str
    kind: str = strawberry.field(description="The initiative's type, FIRM, the institution's "
                                 "kind, or PROGRAM.")
    score: float
    rank: int = strawberry.field(description="Competition rank, highest score first: one "
                                 "more than the number of nodes with a higher score, so equal "
                                 "scores share a rank and the next rank skips (1, 2, 2, 4); "
                                 "items with equal scores come in id order.")


@strawberry.type(description="A centrality over a projected graph.")
class CentralityResult:
    metric: CentralityMetric
    node_count: int
    items: list[CentralityItem] = strawberry.field(description="The `top` nodes.")
    distribution: Distribution
    provenance: Provenance


@strawberry.type(description="A node of a community.")
class Member:
    id: strawberry.ID
    name: str
    kind: str


@strawberry.type(description="A value and how many members have it.")
class Share:
    value: str
    count: int


@strawberry.type(description="A community: its members and what they have in common.")
class Community:
    id: int = strawberry.field(description="1 for the largest community, then by size, ties "
                               "by smallest member id; for K_CORE, see `coreValue`.")
    size: int
    core_value: int | None = strawberry.field(description="K_CORE only: the members' core "
                                              "number.")
    members: list[Member] = strawberry.field(description="In id order.")
    dominant_territories: list[Share] = strawberry.field(
        description="The regions (countries for nodes placed at country level) most members "
        "lie in, at most 3, most frequent first.")
    dominant_sectors: list[Share] = strawberry.field(
        description="The ISIC divisions most members are in, at most 3, most frequent first.")
    actor_kinds: list[Share] = strawberry.field(
        description="How many members of each kind (FIRM, institution kinds, initiative "
        "types, PROGRAM), most frequent first.")


@strawberry.type(description="A partition of a projected graph into communities.")
class CommunitiesResult:
    algorithm: CommunityAlgorithm
    node_count: int
    count: int = strawberry.field(description="How many communities.")
    modularity: float = strawberry.field(description="Newman modularity of the partition "
                                         "(weighted on weighted projections), as NetworkX's "
                                         "`community.modularity`.")
    communities: list[Community] = strawberry.field(description="At most `top`, largest first.")
    provenance: Provenance


@strawberry.input(description="One community detection run, as `communities` takes it.")
class CommunityRunInput:
    algorithm: CommunityAlgorithm
    projection: Projection = Projection.FULL
    scope: ScopeInput | None = None
    seed: int | None = None
    weighted: bool = True


@strawberry.type(description="Agreement between two partitions of the same nodes.")
class CommunityComparison:
    nmi: float = strawberry.field(description="Normalized mutual information (arithmetic "
                                  "mean normalization), 0 to 1.")
    adjusted_rand_index: float = strawberry.field(description="Adjusted Rand index, 1 for "
                                                  "identical partitions, about 0 by chance.")
    node_count: int = strawberry.field(description="Nodes in both runs, those compared.")
    a: Provenance
    b: Provenance


@strawberry.type(description="A node's triangles and local clustering coefficient.")
class ClusteringItem:
    id: strawberry.ID
    name: str
    kind: str
    triangles: int = strawberry.field(description="Triangles through the node (NetworkX "
                                      "`triangles`).")
    coefficient: float = strawberry.field(description="Local clustering coefficient, "
                                          "unweighted (NetworkX `clustering`); 0 below "
                                          "degree 2.")
    rank: int = strawberry.field(description="Competition rank, most triangles first, then "
                                 "highest coefficient: nodes equal in both share a rank and the "
                                 "next rank skips (1, 2, 2, 4); items so tied come in id order.")


@strawberry.type(description="Triangles and clustering of a projected graph.")
class ClusteringResult:
    node_count: int
    triangle_count: int = strawberry.field(description="Triangles in the graph.")
    average_clustering: float = strawberry.field(description="Mean local coefficient over "
                                                 "every node (NetworkX "
                                                 "`average_clustering`).")
    items: list[ClusteringItem] = strawberry.field(description="The `top` nodes.")
    provenance: Provenance


@strawberry.type(description="A node whose removal splits its connected component.")
class ArticulationPoint:
    id: strawberry.ID
    name: str
    kind: str
    pieces: list[int] = strawberry.field(description="Sizes of the parts its component "
                                         "falls into without it, largest first.")
    cut_off: int = strawberry.field(description="Nodes separated from the largest of those "
                                    "parts.")


@strawberry.type(description="An edge whose removal splits its connected component.")
class BridgeEdge:
    source: strawberry.ID = strawberry.field(description="The endpoint with the smaller id.")
    target: strawberry.ID
    source_name: str
    target_name: str
    sides: list[int] = strawberry.field(description="Sizes of the two parts without the "
                                        "edge, largest first.")
    cut_off: int = strawberry.field(description="Size of the smaller part.")


@strawberry.type(description="The articulation points and bridges of a projected graph.")
class CutsResult:
    node_count: int
    articulation_point_count: int
    bridge_count: int
    articulation_points: list[ArticulationPoint] = strawberry.field(
        description="The `top` that cut off most, ties by id.")
    bridges: list[BridgeEdge] = strawberry.field(
        description="The `top` that cut off most, ties by ids.")
    provenance: Provenance


@strawberry.enum(description="What mixing groups nodes by.")
class MixingBy(Enum):
    KIND = strawberry.enum_value("KIND", description="FIRM, the institution kinds (the "
                                 "helices), initiative types, PROGRAM.")
    LEVEL = strawberry.enum_value("LEVEL", description="Institutions' government level; "
                                  "other nodes are left out.")
    COUNTRY = strawberry.enum_value("COUNTRY", description="The node's country (several "
                                    "joined with ';'); nodes without territory left out.")
    TERRITORY = strawberry.enum_value("TERRITORY", description="The node's region(s), "
                                      "joined with ';'; nodes without a region left out.")


@strawberry.type(description="Whether ties run within or across groups of nodes.")
class MixingResult:
    by: MixingBy
    categories: list[str] = strawberry.field(description="The groups, sorted: rows and "
                                             "columns of `matrix`.")
    matrix: list[list[float]] = strawberry.field(
        description="Ties from row group to column group, as NetworkX's "
        "attribute_mixing_matrix (undirected ties count both ways, so the diagonal holds "
        "twice the ties within a group).")
    internal_ties: int = strawberry.field(description="Ties within a group.")
    external_ties: int = strawberry.field(description="Ties across groups.")
    ei_index: float | None = strawberry.field(description="Krackhardt and Stern's E-I "
                                              "index (E - I) / (E + I): -1 all within, +1 "
                                              "all across; null without ties.")
    assortativity: float | None = strawberry.field(
        description="Newman's attribute assortativity (NetworkX "
        "attribute_assortativity_coefficient); null when undefined.")
    node_count: int = strawberry.field(description="Nodes that have the attribute.")
    excluded_nodes: int = strawberry.field(description="Nodes without it, left out with "
                                           "their ties.")
    provenance: Provenance


@strawberry.type(description="A node metric aggregated over the nodes in a territory.")
class TerritoryScore:
    code: str
    name: str
    node_count: int = strawberry.field(description="Nodes lying in the territory.")
    mean: float
    max: float
    sum: float
    internal_ties: int = strawberry.field(description="Ties between two nodes of the "
                                          "territory.")


@strawberry.type(description="Ties between nodes of two territories.")
class TerritoryTie:
    source: str = strawberry.field(description="Territory code (the smaller one, unless the "
                                   "projection is directed).")
    target: str
    count: int


@strawberry.type(description="A node metric rolled up to a territory level.")
class RollupResult:
    level: TerritoryLevel
    territories: list[TerritoryScore] = strawberry.field(description="Highest sum first.")
    ties: list[TerritoryTie] = strawberry.field(description="Ties between territories, most "
                                                "first.")
    unplaced_nodes: int = strawberry.field(description="Nodes in no territory of the level, "
                                           "left out.")
    provenance: Provenance = strawberry.field(description="The metric's provenance.")


def _projection(projection: Projection) -> ProjectionName:
    return ProjectionName[projection.name]


def _top(top: int) -> int:
    """`top` checked as every analytic takes it: 0 to MAX_TOP."""
    if not 0 <= top <= c.MAX_TOP:
        raise BadUserInput(msg("error.between_not", name="top", low=0, high=c.MAX_TOP,
                               value=top), field="top")
    return top


def _centrality_result(result: c.Centrality, top: int) -> CentralityResult:
    return CentralityResult(
        metric=CentralityMetric[result.metric.name], node_count=result.node_count,
        items=[CentralityItem(id=strawberry.ID(s.id), name=s.name, kind=s.kind, score=s.score,
                              rank=s.rank) for s in result.top(top)],
        distribution=Distribution.of(result.distribution),
        provenance=Provenance.of(result.provenance),
    )


def _share(counts: list[tuple[str, int]]) -> list[Share]:
    return [Share(value=v, count=n) for v, n in counts]


def _communities_result(result: cm.Communities, top: int) -> CommunitiesResult:
    return CommunitiesResult(
        algorithm=CommunityAlgorithm[result.algorithm.value], node_count=result.node_count,
        count=len(result.communities), modularity=result.modularity,
        communities=[Community(
            id=k.id, size=len(k.members), core_value=k.core_value,
            members=[Member(id=strawberry.ID(m.id), name=m.name, kind=m.kind)
                     for m in k.members],
            dominant_territories=_share(k.territories), dominant_sectors=_share(k.sectors),
            actor_kinds=_share(k.kinds)) for k in result.communities[:top]],
        provenance=Provenance.of(result.provenance),
    )


def _community_request(run: CommunityRunInput) -> cm.CommunityRequest:
    return cm.CommunityRequest(cm.Algorithm(run.algorithm.value), _projection(run.projection),
                               scope_of(run.scope), run.seed, run.weighted)


def _may_persist(info: Info, field: str) -> None:
    """`persist` writes: only with an EDITOR or ADMIN key (never on GET: GetNeverWrites)."""
    info.context.principal.require(Role.EDITOR, f"{field}(persist: true)")


async def _persist(info: Info, field: str, property: str, values: dict[str, Any],
                   provenance: ProvenanceData) -> None:
    """Write the values to `property`, then record who did it (operation `persist`)."""
    db = info.context.db
    written = await c.persist_scores(db, property, values)
    await record_async(db, info.context.principal.who, "persist", after={
        "field": field, "property": property, "nodes": written,
        "algorithm": provenance.algorithm, "projection": provenance.projection,
        "scope": provenance.scope}, version=provenance.graph_version)


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(description="A node centrality over a projected graph: the `top` nodes, "
                      "the distribution over all nodes, and provenance. Identical requests on "
                      "an unchanged graph come from the cache. `persist` writes every node's "
                      "score to its property score_<metric>_<projection> (e.g. "
                      "score_pagerank_full): EDITOR and ADMIN keys only, never on GET, with an "
                      "audit entry (operation `persist`). An estimate beyond the free memory is "
                      "MEMORY_LIMIT.")
    async def centrality(
        self, info: Info, metric: CentralityMetric, projection: Projection = Projection.FULL,
        scope: ScopeInput | None = None, top: int = 20, normalized: bool = False,
        weighted: bool = True, sampling: SamplingInput | None = None,
        damping_factor: float = 0.85, max_iterations: int = 100, tolerance: float = 1e-7,
        persist: bool = False,
    ) -> CentralityResult:
        if persist:
            _may_persist(info, "centrality")
        request = c.CentralityRequest(
            c.Metric(metric.name), _projection(projection), scope_of(scope), top, normalized,
            weighted, c.Sampling(sampling.size, sampling.seed) if sampling else None,
            damping_factor, max_iterations, tolerance)
        result = await c.centrality(info.context.db, request)
        if persist:
            await _persist(info, "centrality", c.property_name(request.metric, request.projection),
                           result.scores, result.provenance)
        return _centrality_result(result, top)

    @strawberry.field(description="Communities of a projected graph: modularity, count, and "
                      "the `top` largest communities with members and what they share. The "
                      "same seed on the same graph gives the same partition. `persist` writes "
                      "each node's community id to community_<algorithm>_<projection>: EDITOR "
                      "and ADMIN keys only, never on GET, with an audit entry (operation "
                      "`persist`).")
    async def communities(
        self, info: Info, algorithm: CommunityAlgorithm,
        projection: Projection = Projection.FULL, scope: ScopeInput | None = None,
        seed: int | None = None, weighted: bool = True, top: int = 50, persist: bool = False,
    ) -> CommunitiesResult:
        _top(top)
        if persist:
            _may_persist(info, "communities")
        request = cm.CommunityRequest(cm.Algorithm(algorithm.value), _projection(projection),
                                      scope_of(scope), seed, weighted)
        result = await cm.communities(info.context.db, request)
        if persist:
            await _persist(info, "communities",
                           cm.property_name(request.algorithm, request.projection),
                           result.membership, result.provenance)
        return _communities_result(result, top)

    @strawberry.field(description="How far two community runs agree: NMI and adjusted Rand "
                      "index over the nodes both cover.")
    async def compare_communities(self, info: Info, a: CommunityRunInput,
                                  b: CommunityRunInput) -> CommunityComparison:
        found = await cm.compare(info.context.db, _community_request(a), _community_request(b))
        return CommunityComparison(nmi=found.nmi, adjusted_rand_index=found.ari,
                                   node_count=found.node_count,
                                   a=Provenance.of(found.a), b=Provenance.of(found.b))


    @strawberry.field(description="Triangles through each node and local clustering "
                      "coefficients (unweighted), the `top` nodes by triangles; undirected "
                      "projections only.")
    async def clustering(self, info: Info, projection: Projection = Projection.FULL,
                         scope: ScopeInput | None = None, top: int = 20) -> ClusteringResult:
        _top(top)
        found = await st.clustering(info.context.db, _projection(projection), scope_of(scope))
        return ClusteringResult(
            node_count=found.node_count, triangle_count=found.triangle_count,
            average_clustering=found.average_clustering,
            items=[ClusteringItem(id=strawberry.ID(r.id), name=r.name, kind=r.kind,
                                  triangles=r.triangles, coefficient=r.coefficient,
                                  rank=r.rank) for r in found.ranking[:top]],
            provenance=Provenance.of(found.provenance))

    @strawberry.field(description="Articulation points (the nodes whose removal splits the "
                      "network) and bridges, each with the sizes of what it cuts off; "
                      "undirected projections only.")
    async def cut_points(self, info: Info, projection: Projection = Projection.FULL,
                         scope: ScopeInput | None = None, top: int = 50) -> CutsResult:
        n = _top(top)
        found = await st.cuts(info.context.db, _projection(projection), scope_of(scope))
        return CutsResult(
            node_count=found.node_count,
            articulation_point_count=len(found.articulation_points),
            bridge_count=len(found.bridges),
            articulation_points=[ArticulationPoint(
                id=strawberry.ID(p.id), name=p.name, kind=p.kind, pieces=p.pieces,
                cut_off=p.cut_off) for p in found.articulation_points[:n]],
            bridges=[BridgeEdge(
                source=strawberry.ID(b.source), target=strawberry.ID(b.target),
                source_name=b.source_name, target_name=b.target_name, sides=list(b.sides),
                cut_off=b.cut_off) for b in found.bridges[:n]],
            provenance=Provenance.of(found.provenance))

    @strawberry.field(description="Mixing by kind, government level, country or region: the "
                      "mixing matrix, the E-I index and attribute assortativity (do actors "
                      "tie across helices, levels and borders, or only within?).")
    async def mixing(self, info: Info, by: MixingBy, projection: Projection = Projection.FULL,
                     scope: ScopeInput | None = None) -> MixingResult:
        found = await mx.mixing(info.context.db, _projection(projection), scope_of(scope),
                                mx.MixingBy(by.name))
        return MixingResult(
            by=MixingBy[found.by.value], categories=found.categories, matrix=found.matrix,
            internal_ties=found.internal, external_ties=found.external,
            ei_index=found.ei_index, assortativity=found.assortativity,
            node_count=found.node_count, excluded_nodes=found.excluded,
            provenance=Provenance.of(found.provenance))

    @strawberry.field(description="A centrality rolled up from nodes to territories "
                      "(municipality, region or country): mean, max and sum per territory "
                      "over the nodes lying in it (a node in several counts in each), and "
                      "the ties within and between territories.")
    async def rollup(self, info: Info, metric: CentralityMetric,
                     level: TerritoryLevel = TerritoryLevel.COUNTRY,
                     projection: Projection = Projection.FULL,
                     scope: ScopeInput | None = None, normalized: bool = False,
                     weighted: bool = True) -> RollupResult:
        request = c.CentralityRequest(c.Metric(metric.name), _projection(projection),
                                      scope_of(scope), 0, normalized, weighted)
        found = await ru.rollup(info.context.db, request, ru.Level(level.value))
        return RollupResult(
            level=TerritoryLevel(found.level.value),
            territories=[TerritoryScore(code=t.code, name=t.name, node_count=t.node_count,
                                        mean=t.mean, max=t.max, sum=t.sum,
                                        internal_ties=t.internal_ties)
                         for t in found.territories],
            ties=[TerritoryTie(source=t.source, target=t.target, count=t.count)
                  for t in found.ties],
            unplaced_nodes=found.unplaced, provenance=Provenance.of(found.provenance))
