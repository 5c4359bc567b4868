"""Node centrality on a projected GDS graph, scaled to NetworkX's definitions.

docs/analytics.md states, metric by metric, what GDS computes, what NetworkX computes and
how the one is turned into the other here.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import numpy as np

from service.analytics.graphs import AnalyticsGraph, guard_memory, projected_graph
from service.analytics.ranks import competition_ranks
from service.analytics.results import Distribution, Provenance, cached, request_key
from service.analytics.statements import algorithm, retried_when_dropped, run
from service.database import Database
from service.errors import BadUserInput
from service.messages import msg
from service.projections import Projection
from service.scope import Scope

PERSIST_BATCH = 10_000  # nodes whose scores `persist` writes in one transaction

MAX_TOP = 10_000


class Metric(StrEnum):
    DEGREE = "DEGREE"
    PAGERANK = "PAGERANK"
    ARTICLE_RANK = "ARTICLE_RANK"
    EIGENVECTOR = "EIGENVECTOR"
    BETWEENNESS = "BETWEENNESS"
    CLOSENESS = "CLOSENESS"
    HARMONIC = "HARMONIC"


@dataclass(frozen=True)
class MetricSpec:
    procedure: str  # GDS procedure family
    statement: str  # analytics/centrality/<name>
    estimate: str  # analytics/estimate/<name>
    weighted: bool  # whether the projection's weights are used (when it has them)
    normalizable: bool  # whether `normalized` changes the scores


SPECS: dict[Metric, MetricSpec] = {
    Metric.DEGREE: MetricSpec("gds.degree", "degree", "degree", True, True),
    Metric.PAGERANK: MetricSpec("gds.pageRank", "pagerank", "pagerank", True, False),
    Metric.ARTICLE_RANK: MetricSpec("gds.articleRank", "article_rank", "article_rank", True,
                                    False),
    # GDS divides weights by each node's total weight, which NetworkX does not: unweighted.
    Metric.EIGENVECTOR: MetricSpec("gds.eigenvector", "eigenvector", "eigenvector", False, False),
    # Path metrics count hops: projection weights are strengths, not distances.
    Metric.BETWEENNESS: MetricSpec("gds.betweenness", "betweenness", "betweenness", False, True),
    # GDS has no estimate for closeness; betweenness keeps the same per-source BFS state.
    Metric.CLOSENESS: MetricSpec("gds.closeness", "closeness", "betweenness", False, False),
    Metric.HARMONIC: MetricSpec("gds.closeness.harmonic", "harmonic", "betweenness", False,
                                True),
}


@dataclass(frozen=True)
class Sampling:
    size: int
    seed: int


@dataclass(frozen=True)
class CentralityRequest:
    metric: Metric
    projection: Projection = Projection.FULL
    scope: Scope = field(default_factory=Scope)
    top: int = 20
    normalized: bool = False
    weighted: bool = True
    sampling: Sampling | None = None
    damping_factor: float = 0.85
    max_iterations: int = 100
    tolerance: float = 1e-7

    def check(self) -> None:
        if not 0 <= self.top <= MAX_TOP:
            raise BadUserInput(msg("error.between_not", name="top", low=0, high=MAX_TOP,
                                   value=self.top),
                               field="top")
        if not 0 < self.damping_factor < 1:
            raise BadUserInput(msg("error.open_interval", name="dampingFactor", low=0, high=1),
                               field="dampingFactor")
        if not 1 <= self.max_iterations <= 10_000:
            raise BadUserInput(msg("error.between", name="maxIterations", low=1, high=10000),
                               field="maxIterations")
        if not 0 < self.tolerance < 1:
            raise BadUserInput(msg("error.open_interval", name="tolerance", low=0, high=1),
                               field="tolerance")
        if self.sampling is not None:
            if self.metric is not Metric.BETWEENNESS:
                raise BadUserInput(msg("error.centrality.sampling"), field="sampling")
            if self.sampling.size < 1:
                raise BadUserInput(msg("error.at_least", name="sampling.size", minimum=1),
                                   field="sampling")


@dataclass(frozen=True, slots=True)
class Score:
    id: str
    name: str
    kind: str
    score: float
    rank: int


@dataclass(frozen=True)
class Centrality:
    """Every node's score as columns, and their order (the nodes' positions, highest score
    first, ties in id order): a Score is made only for the nodes asked for, not for each of a
    million. Ranks are competition ranks: equal scores share one."""

    metric: Metric
    node_count: int
    ids: list[str]
    names: list[str]
    kinds: list[str]
    values: list[float]
    order: list[int]
    distribution: Distribution
    provenance: Provenance

    def top(self, n: int) -> list[Score]:
        """The first `n` nodes, highest score first, ties in id order; equal scores share a
        rank and the next rank skips (1, 2, 2, 4)."""
        first = self.order[:n]
        ranks = competition_ranks(self.values[i] for i in first)
        return [Score(self.ids[i], self.names[i], self.kinds[i], self.values[i], rank)
                for rank, i in zip(ranks, first, strict=True)]

    @property
    def ranking(self) -> list[Score]:
        """Every node, as `top` gives them."""
        return self.top(len(self.order))

    @property
    def scores(self) -> dict[str, float]:
        return dict(zip(self.ids, self.values, strict=True))


CONCURRENCY = {Metric.PAGERANK: 4}
"""GDS concurrency by metric, 1 when absent. PageRank's scores at 4 differ from run to run
only by the order of floating-point sums (under 1e-12 on the 100k-actor dataset); sampled
betweenness picks other sources at more than 1, so it and every other metric keep 1."""


def gds_config(request: CentralityRequest, graph: AnalyticsGraph) -> dict[str, Any]:
    """The GDS configuration of the request on the graph (concurrency: CONCURRENCY)."""
    spec = SPECS[request.metric]
    config: dict[str, Any] = {"concurrency": CONCURRENCY.get(request.metric, 1)}
    if spec.weighted and request.weighted and graph.weighted:
        config["relationshipWeightProperty"] = "weight"
    metric = request.metric
    if metric is Metric.DEGREE and graph.directed:
        config["orientation"] = "UNDIRECTED"  # in + out, as NetworkX's DiGraph.degree
    if metric in (Metric.PAGERANK, Metric.ARTICLE_RANK):
        config.update(dampingFactor=request.damping_factor,
                      maxIterations=request.max_iterations, tolerance=request.tolerance)
    if metric is Metric.EIGENVECTOR:
        # GDS's power iteration can collapse to zeros when pushed past convergence, so it stops
        # at a tolerance of 1e-6 at the finest.
        config.update(maxIterations=request.max_iterations,
                      tolerance=max(request.tolerance, 1e-6))
    if metric is Metric.BETWEENNESS and request.sampling is not None and graph.relationship_count:
        # (GDS cannot sample sources in a graph without relationships; every score is 0 there)
        config.update(samplingSize=min(request.sampling.size, max(graph.node_count, 1)),
                      samplingSeed=request.sampling.seed)
    if metric is Metric.CLOSENESS:
        config["useWassermanFaust"] = True
    return config


def _scale(request: CentralityRequest, graph: AnalyticsGraph, raw: list[float]) -> list[float]:
    """GDS's scores on NetworkX's scale (see docs/analytics.md)."""
    n = graph.node_count
    metric = request.metric
    if metric is Metric.PAGERANK:
        total = sum(raw)
        return [s / total for s in raw] if total > 0 else raw
    if metric is Metric.HARMONIC:
        return raw if request.normalized else [s * (n - 1) for s in raw]
    if metric is Metric.BETWEENNESS and request.sampling is not None:
        k = min(request.sampling.size, n)
        if 0 < k < n:  # GDS sums over the sampled sources only; NetworkX scales by n / k
            raw = [s * n / k for s in raw]
    if not request.normalized:
        return raw
    if metric is Metric.DEGREE:
        return [s / (n - 1) for s in raw] if n > 1 else raw
    if metric is Metric.BETWEENNESS and n > 2:
        factor = (1.0 if graph.directed else 2.0) / ((n - 1) * (n - 2))
        return [s * factor for s in raw]
    return raw


def ranked(ids: list[str], scores: list[float]) -> list[int]:
    """The positions of the nodes, highest score first, ties in id order."""
    if not ids:
        return []
    by_id = np.argsort(np.asarray(ids), kind="stable")  # code point order, as str compares
    order = by_id[np.argsort(-np.asarray(scores, dtype=np.float64)[by_id], kind="stable")]
    positions: list[int] = order.tolist()  # Python ints already
    return positions


def parameters_of(request: CentralityRequest, graph: AnalyticsGraph) -> dict[str, Any]:
    spec = SPECS[request.metric]
    out: dict[str, Any] = {
        "metric": request.metric.value,
        "weighted": "relationshipWeightProperty" in gds_config(request, graph),
        "directed": graph.directed,
        "gds": gds_config(request, graph),
    }
    if spec.normalizable:
        out["normalized"] = request.normalized
    if request.metric in (Metric.PAGERANK, Metric.ARTICLE_RANK, Metric.EIGENVECTOR):
        out["maxIterations"] = request.max_iterations
    if request.metric in (Metric.PAGERANK, Metric.ARTICLE_RANK):
        out["dampingFactor"] = request.damping_factor
        out["tolerance"] = request.tolerance
    if request.sampling is not None:
        out["sampling"] = {"size": request.sampling.size, "seed": request.sampling.seed}
    return out


@retried_when_dropped
async def centrality(db: Database, request: CentralityRequest) -> Centrality:
    """Scores of every node of the projected graph; the top ones, their distribution and
    provenance. Identical requests on an unchanged graph come from the cache."""
    request.check()
    graph = await projected_graph(db, request.projection, request.scope)
    parameters = parameters_of(request, graph)
    key = request_key("centrality", graph, parameters)

    async def compute() -> Centrality:
        return await _compute(db, request, graph, parameters)

    return await cached(db, key, compute,
                        lambda found, provenance: replace(found, provenance=provenance))


async def _compute(db: Database, request: CentralityRequest, graph: AnalyticsGraph,
                   parameters: dict[str, Any]) -> Centrality:
    spec = SPECS[request.metric]
    config = gds_config(request, graph)
    started = time.perf_counter()
    computed_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    c: dict[str, list[Any]] = {"id": [], "name": [], "kind": [], "score": []}
    if not graph.empty:
        await guard_memory(db, graph, f"analytics/estimate/{spec.estimate}",
                           {k: v for k, v in config.items() if k != "useWassermanFaust"})
        started = time.perf_counter()
        c = await algorithm(db, f"analytics/centrality/{spec.statement}",
                            ("id", "name", "kind", "score"),
                            {"graph": graph.name, "config": config})
    runtime_ms = (time.perf_counter() - started) * 1000
    scores = _scale(request, graph, [float(s) for s in c["score"]])
    seed = request.sampling.seed if request.sampling is not None else None
    provenance = Provenance.of(graph, f"{spec.procedure}.stream", parameters, seed,
                               computed_at, round(runtime_ms, 3))
    # sorting and summing 10^5-10^6 scores is CPU work: off the event loop, so that other
    # requests go on meanwhile
    order = await asyncio.to_thread(ranked, c["id"], scores)
    distribution = await asyncio.to_thread(Distribution.of, scores)
    return Centrality(request.metric, graph.node_count, c["id"], c["name"], c["kind"], scores,
                      order, distribution, provenance)


def property_name(metric: Metric | str, projection: Projection) -> str:
    """Where `persist` writes: score_<metric>_<projection>, e.g. score_pagerank_full."""
    return f"score_{str(metric).lower()}_{projection.value.lower()}"


async def persist_scores(db: Database, property: str, values: dict[str, Any]) -> int:
    """Write `values` (dataset id: value) to `property`, PERSIST_BATCH nodes per transaction,
    so that a transaction's memory does not grow with the graph; return how many nodes. The
    API lets only EDITOR and ADMIN keys do it, and audits it."""
    written = 0
    items = iter(values.items())
    while batch := list(itertools.islice(items, PERSIST_BATCH)):
        found = await run(db, "analytics/persist",
                          {"rows": [{"id": k, "value": v} for k, v in batch],
                           "property": property},
                          write=True, operation=f"Writing {property} (persist)")
        written += int(found[0]["written"]) if found else 0
    return written
