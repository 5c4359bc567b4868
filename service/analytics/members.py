"""What names the nodes of a GDS graph (dataset id, name, kind, regions, ISIC divisions),
read once per graph and kept with it, and the communities a partition of them forms.

A graph's name carries its graph version, so what is kept for a name never goes stale; the
few most recently used graphs are kept (O(nodes) each), per service database.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from service.analytics.graphs import AnalyticsGraph
from service.analytics.statements import columns
from service.database import Database

DOMINANT = 3
KEPT_GRAPHS = 2
FACTS = ("nodeId", "id", "name", "kind", "territories", "sectors")
FACTS_BATCH = 200_000
"""Nodes whose facts one query reads: a graph of millions of nodes is read in queries that
each end well inside the database timeout."""


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class Community:
    id: int
    members: list[Member]
    core_value: int | None
    territories: list[tuple[str, int]]
    sectors: list[tuple[str, int]]
    kinds: list[tuple[str, int]]


@dataclass(frozen=True)
class Labels:
    """Which labels (territory codes, sector codes, kinds) each node has, as pairs of arrays:
    node rank and label index; labels are sorted, so index order is code order."""

    names: list[str]
    rank: np.ndarray
    label: np.ndarray

    @classmethod
    def of(cls, per_node: Sequence[Iterable[str]]) -> Labels:
        names = sorted({v for values in per_node for v in values})
        index = {v: i for i, v in enumerate(names)}
        rank, label = [], []
        for r, values in enumerate(per_node):
            for v in values:
                rank.append(r)
                label.append(index[v])
        return cls(names, np.asarray(rank, dtype=np.int64), np.asarray(label, dtype=np.int64))

    def counted(self, group: np.ndarray, groups: int, most: int | None
                ) -> list[list[tuple[str, int]]]:
        """Per group (`group[rank]`, 0 ≤ group < groups): its labels with how many of its nodes
        have them, most first, ties by label, at most `most`."""
        found: list[list[tuple[str, int]]] = [[] for _ in range(groups)]
        if not len(self.rank):
            return found
        width = len(self.names)
        keys, counts = np.unique(group[self.rank] * width + self.label, return_counts=True)
        owner, label = keys // width, keys % width
        order = np.lexsort((label, -counts, owner))
        owner, label, counts = owner[order], label[order], counts[order]
        if most is not None:
            first = np.searchsorted(owner, owner, side="left")
            kept = np.arange(len(owner)) - first < most
            owner, label, counts = owner[kept], label[kept], counts[kept]
        for g, i, n in zip(owner.tolist(), label.tolist(), counts.tolist(), strict=True):
            found[g].append((self.names[i], n))
        return found


@dataclass(frozen=True)
class GraphNodes:
    """The nodes of one GDS graph in dataset id order (their rank), found by GDS node id."""

    node_ids: np.ndarray  # GDS node ids, ascending
    ranks: np.ndarray  # the rank of the node at the same place in node_ids
    members: list[Member]  # by rank
    territories: Labels
    sectors: Labels
    kinds: Labels

    def rank_of(self, node_ids: Sequence[int]) -> np.ndarray | None:
        """The ranks of exactly this graph's nodes (None when `node_ids` are other nodes)."""
        ids = np.asarray(node_ids, dtype=np.int64)
        if len(ids) != len(self.node_ids):
            return None
        at = np.minimum(np.searchsorted(self.node_ids, ids), len(self.node_ids) - 1)
        if not np.array_equal(self.node_ids[at], ids):
            return None
        return np.asarray(self.ranks[at])

    def communities(self, node_ids: Sequence[int], community: Sequence[int], *,
                    by_value: bool) -> list[Community]:
        """The communities of the partition (`community` of each of `node_ids`), numbered 1, 2,
        ... largest first (`by_value`: highest community value first, as k-shells), ties by
        smallest member id; members in id order."""
        ranks = self.rank_of(node_ids)
        if ranks is None:
            raise ValueError("the partition is not of this graph's nodes")
        by_rank = np.empty(len(ranks), dtype=np.int64)
        by_rank[ranks] = np.asarray(community, dtype=np.int64)
        values, group = np.unique(by_rank, return_inverse=True)
        group = group.reshape(-1)
        sizes = np.bincount(group, minlength=len(values))
        in_groups = np.argsort(group, kind="stable")  # each group's ranks ascending
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        smallest = in_groups[starts]
        order = np.lexsort((smallest, -values if by_value else -sizes))
        territories = self.territories.counted(group, len(values), DOMINANT)
        sectors = self.sectors.counted(group, len(values), DOMINANT)
        kinds = self.kinds.counted(group, len(values), None)
        members = self.members
        found = []
        for number, g in enumerate(order.tolist(), start=1):
            start = int(starts[g])
            found.append(Community(
                number, [members[r] for r in in_groups[start:start + int(sizes[g])].tolist()],
                int(values[g]) if by_value else None, territories[g], sectors[g], kinds[g]))
        return found


_kept: weakref.WeakKeyDictionary[Database, OrderedDict[str, GraphNodes]] = (
    weakref.WeakKeyDictionary())


async def graph_nodes(db: Database, graph: AnalyticsGraph, node_ids: list[int]) -> GraphNodes:
    """What names each node of the graph (`node_ids`, every one of its nodes), read from the
    database the first time the graph is seen."""
    kept = _kept.setdefault(db, OrderedDict())
    found = kept.get(graph.name)
    if found is None or found.rank_of(node_ids) is None:
        found = await _read(db, node_ids)
    kept[graph.name] = found
    kept.move_to_end(graph.name)
    while len(kept) > KEPT_GRAPHS:
        kept.popitem(last=False)
    return found


async def _read(db: Database, node_ids: list[int]) -> GraphNodes:
    """The regions (or, without any, the countries) and the ISIC divisions of each node; the
    hierarchies are walked once per distinct code, not per node."""
    facts: dict[str, list[Any]] = {name: [] for name in FACTS}
    for start in range(0, len(node_ids), FACTS_BATCH):
        part = await columns(db, "analytics/node_facts", FACTS,
                             {"nodeIds": node_ids[start:start + FACTS_BATCH]})
        for name in FACTS:
            facts[name].extend(part[name])
    codes = sorted({code for found in facts["territories"] for code in found})
    above = await columns(db, "analytics/territory_regions", ("code", "regions", "countries"),
                          {"codes": codes})
    regions = dict(zip(above["code"], above["regions"], strict=True))
    countries = dict(zip(above["code"], above["countries"], strict=True))
    codes = sorted({code for found in facts["sectors"] for code in found})
    below = await columns(db, "analytics/sector_divisions", ("code", "divisions"),
                          {"codes": codes})
    divisions = dict(zip(below["code"], below["divisions"], strict=True))

    def union(lists: Iterable[list[str]]) -> set[str]:
        return {item for found in lists for item in found}

    order = sorted(range(len(facts["id"])), key=facts["id"].__getitem__)
    territories = []
    sectors = []
    for i in order:
        located = facts["territories"][i]
        territories.append(union(regions[t] for t in located)
                           or union(countries[t] for t in located))
        sectors.append(union(divisions[s] for s in facts["sectors"][i]))
    ids = np.asarray(facts["nodeId"], dtype=np.int64)[order]
    by_id = np.argsort(ids, kind="stable")
    return GraphNodes(
        ids[by_id], by_id,
        [Member(facts["id"][i], facts["name"][i], facts["kind"][i]) for i in order],
        Labels.of(territories), Labels.of(sectors), Labels.of([[facts["kind"][i]] for i in order]))
