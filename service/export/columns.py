"""The node table of an export: one column per attribute, a value per node of the graph.

Every format writes the same columns under the same names: ATTRIBUTES, then each score and
community the request names, computed through the analytics the GraphQL fields use (so the
numbers are the API's, from its cache when it holds them) or read where `persist` wrote them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from service.analytics import centrality as c
from service.analytics import communities as cm
from service.analytics.results import Provenance
from service.database import Database
from service.network import Graph, Node
from service.projections import Projection


class ValueType(StrEnum):
    STRING = "string"
    DOUBLE = "double"
    INTEGER = "integer"


Value = str | float | int | None

ATTRIBUTES: tuple[tuple[str, Callable[[Node], str | None]], ...] = (
    ("label", lambda n: n.name),  # what Gephi shows
    ("name", lambda n: n.name),
    ("entity", lambda n: n.label),
    ("kind", lambda n: n.kind),
    ("country", lambda n: n.country),
    ("territory", lambda n: n.territory),
    ("sectors", lambda n: n.sectors),
    ("firm_size", lambda n: n.firm_size),  # not `size`: Gephi reads a `size` as the drawn size
    ("level", lambda n: n.level),
)


@dataclass(frozen=True)
class Column:
    name: str
    type: ValueType
    values: list[Value]  # one per node, in the graph's node order


@dataclass(frozen=True)
class Analyses:
    """What a request asks to carry besides the attributes."""

    scores: tuple[c.Metric, ...] = ()
    communities: tuple[cm.Algorithm, ...] = ()
    persisted: tuple[str, ...] = ()  # node properties `persist` wrote


def score_column(metric: c.Metric) -> str:
    return f"score_{metric.value.lower()}"


def community_column(algorithm: cm.Algorithm) -> str:
    return f"community_{algorithm.value.lower()}"


PERSISTED: dict[str, ValueType] = {
    **{c.property_name(m, p): ValueType.DOUBLE for m in c.Metric for p in Projection},
    **{cm.property_name(a, p): ValueType.INTEGER for a in cm.Algorithm for p in Projection},
}
"""Every node property `persist` may write, and what it holds."""


@dataclass
class Table:
    graph: Graph
    columns: list[Column]
    analyses: dict[str, dict[str, Any]] = field(default_factory=dict)  # column: provenance

    def about(self) -> dict[str, Any]:
        """What the file holds and how its columns were computed."""
        return {
            "projection": self.graph.projection.value,
            "scope": self.graph.scope.describe(),
            "directed": self.graph.directed,
            "nodes": len(self.graph.nodes),
            "edges": len(self.graph.edges),
            "columns": {col.name: col.type.value for col in self.columns},
            "analyses": self.analyses,
        }


def _provenance(p: Provenance) -> dict[str, Any]:
    return {"algorithm": p.algorithm, "parameters": p.parameters, "seed": p.seed,
            "projection": p.projection, "scope": p.scope, "graphVersion": p.graph_version,
            "computedAt": p.computed_at,
            "warnings": [{"code": w.code.value, "parameters": w.parameters}
                         for w in p.warnings]}


def _by_node(graph: Graph, values: dict[str, Any], kind: type[float] | type[int]) -> list[Value]:
    return [None if values.get(n.id) is None else kind(values[n.id]) for n in graph.nodes]


async def table(db: Database, graph: Graph, analyses: Analyses) -> Table:
    """The graph's node table with the analyses asked for, computed one after another (each
    in one of the caller's analysis slots, or from the cache)."""
    columns = [Column(name, ValueType.STRING, [value(n) for n in graph.nodes])
               for name, value in ATTRIBUTES]
    about: dict[str, dict[str, Any]] = {}
    for metric in analyses.scores:
        found = await c.centrality(db, c.CentralityRequest(metric, graph.projection, graph.scope))
        name = score_column(metric)
        columns.append(Column(name, ValueType.DOUBLE, _by_node(graph, found.scores, float)))
        about[name] = _provenance(found.provenance)
    for algorithm in analyses.communities:
        partition = await cm.communities(
            db, cm.CommunityRequest(algorithm, graph.projection, graph.scope))
        name = community_column(algorithm)
        columns.append(Column(name, ValueType.INTEGER,
                              _by_node(graph, partition.membership, int)))
        about[name] = {**_provenance(partition.provenance),
                       "modularity": partition.modularity}
    if analyses.persisted:
        stored = await persisted(db, [n.id for n in graph.nodes], analyses.persisted)
        for name in analyses.persisted:
            kind = float if PERSISTED[name] is ValueType.DOUBLE else int
            columns.append(Column(name, PERSISTED[name], _by_node(graph, stored[name], kind)))
            about[name] = {"persisted": True}
    return Table(graph, columns, about)


async def persisted(db: Database, ids: Sequence[str],
                    properties: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Each property's stored value by node id (nodes without it left out)."""
    found = await db.read_columns("export/persisted", ("id", "values"), ids=list(ids),
                                  properties=list(properties))
    out: dict[str, dict[str, Any]] = {name: {} for name in properties}
    for node_id, values in zip(found["id"], found["values"], strict=True):
        for name, value in zip(properties, values, strict=True):
            if value is not None:
                out[name][node_id] = value
    return out
