"""What every analytic result carries: provenance, score distributions, and the cache that
answers an identical request on an unchanged graph with the first answer."""

from __future__ import annotations

import asyncio
import json
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

import numpy as np

from service.analytics.degenerate import ResultWarning
from service.analytics.graphs import AnalyticsGraph
from service.analytics.slots import holding_slot, take_slot
from service.data_state import load_state
from service.database import Database
from service.errors import ArticulaError
from service.messages import msg

QUANTILES = (25, 50, 75, 90, 99)


@dataclass(frozen=True)
class Provenance:
    algorithm: str  # the GDS procedure, e.g. gds.pageRank.stream
    parameters: dict[str, Any]  # the request's parameters and the GDS configuration used
    seed: int | None
    projection: str
    scope: dict[str, Any]
    graph_version: int
    graph: str  # the GDS graph's name
    computed_at: str  # ISO 8601, UTC
    runtime_ms: float
    cached: bool = False
    native_projection: bool = False  # the graph was projected natively (same graph)
    warnings: tuple[ResultWarning, ...] = ()  # what makes the result degenerate, if anything

    @classmethod
    def of(cls, graph: AnalyticsGraph, algorithm: str, parameters: dict[str, Any],
           seed: int | None, computed_at: str, runtime_ms: float) -> Provenance:
        return cls(algorithm, parameters, seed, graph.projection.value, graph.scope.describe(),
                   graph.version.version, graph.name, computed_at, runtime_ms,
                   native_projection=graph.native)


@dataclass(frozen=True)
class Distribution:
    """Summary of a node score over every node of the graph; quantiles interpolate linearly
    between order statistics (numpy's default)."""

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
    def of(cls, scores: Sequence[float]) -> Distribution:
        if not scores:
            return cls(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        values = np.asarray(scores, dtype=float)
        q = [float(v) for v in np.percentile(values, QUANTILES)]
        return cls(len(values), float(values.min()), q[0], q[1], q[2], q[3], q[4],
                   float(values.max()), float(values.mean()))


class HasProvenance(Protocol):
    @property
    def provenance(self) -> Provenance: ...


R = TypeVar("R", bound=HasProvenance)


class _Results:
    """Results per request key, least recently used dropped past the limit and all of an older
    graph version once a newer one is kept, and the computations under way, which identical
    requests join instead of starting their own."""

    def __init__(self) -> None:
        self.entries: OrderedDict[str, Any] = OrderedDict()
        self.running: dict[str, asyncio.Task[Any]] = {}
        self.version = 0  # the newest graph version a kept result was computed on


_results: weakref.WeakKeyDictionary[Database, _Results] = weakref.WeakKeyDictionary()


def request_key(kind: str, graph: AnalyticsGraph, parameters: dict[str, Any]) -> str:
    """The graph (name = projection, scope and version) and the parameters, canonically."""
    return json.dumps([kind, graph.name, parameters], sort_keys=True, separators=(",", ":"))


async def _settled(db: Database, *, fresh: bool = False) -> bool:
    """No large load is under way (as far as Neo4j answers)."""
    state = await load_state(db, fresh=fresh)
    return state is not None and state.ready


async def cached(db: Database, key: str, compute: Callable[[], Awaitable[R]],
                 with_provenance: Callable[[R, Provenance], R]) -> R:
    """The cached result for `key` marked `cached: true`, else `compute()` remembered; a request
    arriving while the same computation runs waits for it (and is marked cached too). Only a
    computation takes one of the caller's analysis slots (`service.analytics.slots`).

    While a large load is under way the cache is neither read nor written: readers see the
    batches it has committed so far, and an analytic answers on the same data as the rest of
    the answer, computed afresh (service/data_state.py).
    """
    settled = await _settled(db)
    results = _results.setdefault(db, _Results())
    store = results.entries
    if settled and key in store:
        store.move_to_end(key)
        found: R = store[key]
        return with_provenance(found, replace(found.provenance, cached=True))
    running = results.running.get(key)
    if running is not None:
        try:
            joined: R = await asyncio.shield(running)
        except ArticulaError as error:  # worded in the language of the caller who started it
            raise error.reworded() from error
        return with_provenance(joined, replace(joined.provenance, cached=True))
    # a computation of the caller's; Busy past its limit
    release = take_slot(db, msg("analysis.this"))
    with holding_slot():
        task = asyncio.ensure_future(compute())
    task.add_done_callback(lambda _: release())
    results.running[key] = task
    try:
        # shielded: a client that goes away does not cancel what others wait for
        result: R = await asyncio.shield(task)
    finally:
        if results.running.get(key) is task:
            del results.running[key]
    limit = db.settings.analytics_cached_results
    # A result computed while a large load was writing read some of its batches: it is
    # answered, not kept (and once the load ends, the graph version moves on anyway).
    if limit > 0 and settled and await _settled(db, fresh=True):
        version = result.provenance.graph_version
        if version > results.version:  # versions only grow: older results cannot be asked for
            results.version = version
            for stale in [k for k, v in store.items() if v.provenance.graph_version < version]:
                del store[stale]
        store[key] = result
        while len(store) > limit:
            store.popitem(last=False)
    return result
