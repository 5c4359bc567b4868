"""Communities of a projected GDS graph, their modularity, what names each, and comparisons.

Every algorithm runs with concurrency 1, on a graph whose nodes are projected in a fixed
order (id order, or the store's for a native projection), so that the same request on the
same graph gives the same partition; Leiden also takes the
seed. Communities are renumbered 1, 2, ... by size (ties by smallest member id), so ids do
not depend on GDS's internal node ids. docs/analytics.md has the details.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import numpy as np

from service.analytics.compare import adjusted_rand_index, normalized_mutual_information
from service.analytics.degenerate import ResultWarning, trivial_partition
from service.analytics.graphs import (
    AnalyticsGraph,
    guard_memory,
    projected_graph,
    relationships,
)
from service.analytics.members import Community, graph_nodes
from service.analytics.results import Provenance, cached, request_key
from service.analytics.statements import (
    algorithm,
    retire,
    retried_when_dropped,
)
from service.database import Database
from service.errors import BadUserInput
from service.messages import msg
from service.projections import Projection
from service.scope import Scope

DEFAULT_SEED = 42
TEMPORARY_PREFIX = "articula_partition_"
"""Names the node property a computation's partition lives in on the shared GDS graph."""


class Algorithm(StrEnum):
    LOUVAIN = "LOUVAIN"
    LEIDEN = "LEIDEN"
    LABEL_PROPAGATION = "LABEL_PROPAGATION"
    WCC = "WCC"
    K_CORE = "K_CORE"


@dataclass(frozen=True)
class AlgorithmSpec:
    procedure: str
    statement: str  # analytics/communities/<name> and analytics/estimate/<name>
    weighted: bool  # uses the projection's weights (when it has them)
    seeded: bool  # takes a random seed
    undirected_only: bool
    # yields the partition's modularity (NetworkX's, resolution 1, on undirected graphs)
    scores: bool = False


SPECS: dict[Algorithm, AlgorithmSpec] = {
    Algorithm.LOUVAIN: AlgorithmSpec("gds.louvain", "louvain", True, False, False, scores=True),
    Algorithm.LEIDEN: AlgorithmSpec("gds.leiden", "leiden", True, True, True),
    Algorithm.LABEL_PROPAGATION: AlgorithmSpec("gds.labelPropagation", "label_propagation",
                                               True, False, False),
    Algorithm.WCC: AlgorithmSpec("gds.wcc", "wcc", False, False, False),
    Algorithm.K_CORE: AlgorithmSpec("gds.kcore", "k_core", False, False, True),
}


@dataclass(frozen=True)
class CommunityRequest:
    algorithm: Algorithm
    projection: Projection = Projection.FULL
    scope: Scope = field(default_factory=Scope)
    seed: int | None = None
    weighted: bool = True


@dataclass(frozen=True)
class Communities:
    algorithm: Algorithm
    node_count: int
    modularity: float
    communities: list[Community]
    provenance: Provenance

    @property
    def membership(self) -> dict[str, int]:
        return {m.id: k.id for k in self.communities for m in k.members}


def gds_config(request: CommunityRequest, graph: AnalyticsGraph) -> dict[str, Any]:
    spec = SPECS[request.algorithm]
    config: dict[str, Any] = {"concurrency": 1}
    if spec.weighted and request.weighted and graph.weighted:
        config["relationshipWeightProperty"] = "weight"
    if spec.seeded:
        config["randomSeed"] = seed_of(request)
    return config


def seed_of(request: CommunityRequest) -> int | None:
    if not SPECS[request.algorithm].seeded:
        return None
    return DEFAULT_SEED if request.seed is None else request.seed


def parameters_of(request: CommunityRequest, graph: AnalyticsGraph) -> dict[str, Any]:
    config = gds_config(request, graph)
    return {"algorithm": request.algorithm.value,
            "weighted": "relationshipWeightProperty" in config, "directed": graph.directed,
            "gds": config}


def modularity(source: Sequence[int], target: Sequence[int], weight: Sequence[float] | None,
               nodes: Sequence[int], community: Sequence[int]) -> float:
    """Newman modularity (resolution 1) from every relationship of the graph as GDS lists it
    (both directions of an undirected edge, one of a directed one), by GDS node id, and each
    node's community; as NetworkX computes it. `weight` None: every relationship weighs 1."""
    w = (np.ones(len(source)) if weight is None else np.asarray(weight, dtype=np.float64))
    total = float(w.sum())
    if total == 0:
        return 0.0
    ids = np.asarray(nodes, dtype=np.int64)
    order = np.argsort(ids)
    _, labels = np.unique(np.asarray(community, dtype=np.int64), return_inverse=True)
    sorted_ids, sorted_labels = ids[order], labels[order]
    cs = sorted_labels[np.searchsorted(sorted_ids, np.asarray(source, dtype=np.int64))]
    ct = sorted_labels[np.searchsorted(sorted_ids, np.asarray(target, dtype=np.int64))]
    inside = float(w[cs == ct].sum())
    groups = int(labels.max()) + 1
    out_degree = np.bincount(cs, weights=w, minlength=groups)
    in_degree = np.bincount(ct, weights=w, minlength=groups)
    # undirected: `total` is 2m and `inside` twice the internal weight; directed: m and once
    return inside / total - float(out_degree @ in_degree) / total ** 2


@retried_when_dropped
async def communities(db: Database, request: CommunityRequest) -> Communities:
    """The partition of the projected graph by the algorithm, from cache when the same
    request ran on the same graph version."""
    spec = SPECS[request.algorithm]
    graph = await projected_graph(db, request.projection, request.scope)
    if spec.undirected_only and graph.directed:
        raise BadUserInput(msg("error.undirected", what=request.algorithm.value,
                               projection=request.projection.value), field="algorithm")
    parameters = parameters_of(request, graph)
    key = request_key("communities", graph, parameters)

    async def compute() -> Communities:
        return await _compute(db, request, graph, parameters)

    return await cached(db, key, compute,
                        lambda found, provenance: replace(found, provenance=provenance))


def property_name(algorithm: Algorithm, projection: Projection) -> str:
    """Where `persist` writes: community_<algorithm>_<projection>."""
    return f"community_{algorithm.value.lower()}_{projection.value.lower()}"


async def _compute(db: Database, request: CommunityRequest, graph: AnalyticsGraph,
                   parameters: dict[str, Any]) -> Communities:
    spec = SPECS[request.algorithm]
    config = gds_config(request, graph)
    if graph.empty:
        computed_at = datetime.now(UTC).isoformat(timespec="milliseconds")
        return Communities(request.algorithm, 0, 0.0, [], Provenance.of(
            graph, f"{spec.procedure}.mutate", parameters, seed_of(request), computed_at, 0.0))
    if request.algorithm is Algorithm.LEIDEN and graph.relationship_count == 0:
        # GDS's Leiden fails on a graph without relationships, where every partition
        # leaves each node alone: WCC finds that one
        spec, config = SPECS[Algorithm.WCC], {"concurrency": 1}
    # the partition goes to a node property of the shared graph, one per computation
    temporary = f"{TEMPORARY_PREFIX}{uuid.uuid4().hex}"
    mutating = {**config, "mutateProperty": temporary}
    await guard_memory(db, graph, f"analytics/estimate/{spec.statement}", mutating)
    started = time.perf_counter()
    computed_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    try:
        ran = await algorithm(db, f"analytics/communities/{spec.statement}",
                              ("nodePropertiesWritten", "modularity") if spec.scores
                              else ("nodePropertiesWritten",),
                              {"graph": graph.name, "config": mutating})
        c = await algorithm(db, "analytics/communities/partition", ("nodeId", "community"),
                            {"graph": graph.name, "property": temporary})
        runtime_ms = (time.perf_counter() - started) * 1000
        weighted = "relationshipWeightProperty" in config
        if graph.directed:  # GDS's directed modularity is not NetworkX's (docs/analytics.md)
            edges = await relationships(db, graph, "analytics/relationship_ids")
            score = await asyncio.to_thread(
                modularity, edges["source"], edges["target"],
                edges["weight"] if weighted else None, c["nodeId"], c["community"])
        elif graph.relationship_count == 0:
            score = 0.0
        elif spec.scores:
            score = float(ran["modularity"][0])
        else:
            scoring: dict[str, Any] = {"concurrency": 1, "communityProperty": temporary}
            if weighted:
                scoring["relationshipWeightProperty"] = "weight"
            found = await algorithm(db, "analytics/communities/modularity", ("modularity",),
                                    {"graph": graph.name, "config": scoring})
            score = float(found["modularity"][0])
    finally:
        await retire(db, graph.name, temporary)
    nodes = await graph_nodes(db, graph, c["nodeId"])
    found_communities = await asyncio.to_thread(
        nodes.communities, c["nodeId"], c["community"],
        by_value=request.algorithm is Algorithm.K_CORE)
    provenance = Provenance.of(graph, f"{spec.procedure}.mutate", parameters,
                               seed_of(request), computed_at, round(runtime_ms, 3))
    if request.algorithm in FINDS_STRUCTURE:
        provenance = replace(provenance, warnings=await _warnings(
            db, graph, len(found_communities)))
    return Communities(request.algorithm, graph.node_count, score, found_communities,
                       provenance)


FINDS_STRUCTURE = (Algorithm.LOUVAIN, Algorithm.LEIDEN, Algorithm.LABEL_PROPAGATION)
"""The algorithms meant to find groups inside the connected components (WCC finds the
components themselves, K_CORE the shells)."""


async def _warnings(db: Database, graph: AnalyticsGraph,
                    communities: int) -> tuple[ResultWarning, ...]:
    """TRIVIAL_PARTITION when the partition is every node alone or the connected components."""
    if graph.node_count < 2:
        return ()
    found = await algorithm(db, "analytics/communities/component_count", ("componentCount",),
                            {"graph": graph.name})
    warning = trivial_partition(communities, int(found["componentCount"][0]), graph.node_count)
    return () if warning is None else (warning,)


@dataclass(frozen=True)
class Comparison:
    nmi: float
    ari: float
    node_count: int
    a: Provenance
    b: Provenance


async def compare(db: Database, a: CommunityRequest, b: CommunityRequest) -> Comparison:
    """NMI and adjusted Rand index of two runs over the nodes both partition."""
    first = await communities(db, a)
    second = await communities(db, b)
    ma, mb = first.membership, second.membership
    common = sorted(ma.keys() & mb.keys())
    x, y = [ma[i] for i in common], [mb[i] for i in common]
    return Comparison(normalized_mutual_information(x, y), adjusted_rand_index(x, y),
                      len(common), first.provenance, second.provenance)
