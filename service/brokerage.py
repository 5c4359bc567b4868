"""Brokerage: Gould-Fernandez roles on the directed network, Burt's structural holes on the
undirected one, per node of a projected graph. docs/gaps.md states the definitions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from service.database import Database
from service.network import Graph


class GroupBy(StrEnum):
    LEVEL = "LEVEL"
    KIND = "KIND"
    COUNTRY = "COUNTRY"


ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")


@dataclass(frozen=True)
class Brokerage:
    id: str
    name: str
    kind: str
    group: str
    coordinator: int
    gatekeeper: int
    representative: int
    itinerant: int
    liaison: int
    constraint: float | None  # None for a node without neighbours
    effective_size: float | None

    @property
    def total(self) -> int:
        return (self.coordinator + self.gatekeeper + self.representative + self.itinerant
                + self.liaison)


def arcs(graph: Graph) -> dict[str, set[str]]:
    """Successors of each node: SUPPLY's arcs as stored, an undirected edge both ways."""
    out: dict[str, set[str]] = {n: set() for n in graph.ids}
    for e in graph.edges:
        if e.source == e.target:
            continue
        out[e.source].add(e.target)
        if not graph.directed:
            out[e.target].add(e.source)
    return out


def gould_fernandez(
    successors: Mapping[str, set[str]], group: Mapping[str, str]
) -> dict[str, dict[str, int]]:
    """Per broker b, the two-paths a → b → c (a ≠ c, no arc a → c) by the groups of a, b, c:
    coordinator (all one group), itinerant (a and c share a group b is not in),
    representative (a with b, c elsewhere), gatekeeper (b with c, a elsewhere), liaison
    (three groups)."""
    predecessors: dict[str, set[str]] = defaultdict(set)
    for a, cs in successors.items():
        for c in cs:
            predecessors[c].add(a)
    roles = {b: dict.fromkeys(ROLES, 0) for b in successors}
    for b, outs in successors.items():
        gb = group[b]
        for a in predecessors[b]:
            ga, direct = group[a], successors[a]
            for c in outs:
                if c == a or c in direct:
                    continue
                gc = group[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                roles[b][role] += 1
    return roles


def structural_holes(graph: Graph) -> dict[str, tuple[float | None, float | None]]:
    """Burt's constraint and effective size per node on the undirected, weighted graph, as
    NetworkX defines them (`constraint`, `effective_size` with the edges' weight)."""
    weight: dict[str, dict[str, float]] = {n: {} for n in graph.ids}
    for e in graph.edges:
        if e.source == e.target:
            continue
        # mutual weight: both directions of a pair add up, as NetworkX's mutual_weight does
        weight[e.source][e.target] = weight[e.source].get(e.target, 0.0) + e.weight
        weight[e.target][e.source] = weight[e.target].get(e.source, 0.0) + e.weight
    total = {n: sum(ws.values()) for n, ws in weight.items()}
    largest = {n: max(ws.values(), default=0.0) for n, ws in weight.items()}

    def p(i: str, j: str) -> float:
        return weight[i].get(j, 0.0) / total[i] if total[i] else 0.0

    def m(j: str, q: str) -> float:
        return weight[j].get(q, 0.0) / largest[j] if largest[j] else 0.0

    result: dict[str, tuple[float | None, float | None]] = {}
    for i, neighbours in weight.items():
        if not neighbours:
            result[i] = (None, None)
            continue
        constraint = 0.0
        effective = 0.0
        for j in neighbours:
            indirect = sum(p(i, q) * p(q, j) for q in neighbours if q != j)
            constraint += (p(i, j) + indirect) ** 2
            effective += 1 - sum(p(i, q) * m(j, q) for q in neighbours if q != j)
        result[i] = (constraint, effective)
    return result


def brokerage(graph: Graph, group: Mapping[str, str]) -> list[Brokerage]:
    """Roles and structural holes of every node, by total brokerage, then id."""
    roles = gould_fernandez(arcs(graph), group)
    holes = structural_holes(graph)
    rows = []
    for n in graph.nodes:
        counts, (constraint, effective_size) = roles[n.id], holes[n.id]
        rows.append(Brokerage(
            n.id, n.name, n.kind, group[n.id], coordinator=counts["coordinator"],
            gatekeeper=counts["gatekeeper"], representative=counts["representative"],
            itinerant=counts["itinerant"], liaison=counts["liaison"], constraint=constraint,
            effective_size=effective_size,
        ))
    return sorted(rows, key=lambda r: (-r.total, r.id))


async def groups(db: Database, graph: Graph, by: GroupBy) -> dict[str, str]:
    """Each node's group: its institution level (others: FIRM, INITIATIVE, PROGRAM), its
    kind, or its country (NONE without one; an initiative in several: the codes joined)."""
    if by is GroupBy.KIND:
        return {n.id: n.kind for n in graph.nodes}
    if by is GroupBy.COUNTRY:
        return {n.id: n.country or "NONE" for n in graph.nodes}
    institutions = [n.id for n in graph.nodes if n.label == "Institution"]
    levels = {r["id"]: r["level"] for r in await db.read("gaps/levels", ids=institutions)}
    return {n.id: levels.get(n.id) or n.label.upper() for n in graph.nodes}
