"""Coordination gaps: where articulation is missing, each finding with a severity, one plain
sentence and its evidence. docs/gaps.md defines every kind and its parameters.

Severities run from 0 to 1 and compare within a kind: the share of what is missing
(levels, helices, institution pairs), or how far a count exceeds its threshold.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import combinations
from typing import Any

from service.database import Database
from service.errors import BadUserInput
from service.messages import Message, msg
from service.scope import Scope


class GapKind(StrEnum):
    UNGOVERNED = "UNGOVERNED"
    VERTICAL = "VERTICAL"
    HELIX = "HELIX"
    OVERLAP = "OVERLAP"
    FRAGMENTED_SUPPORT = "FRAGMENTED_SUPPORT"
    WHITE_SPOT = "WHITE_SPOT"
    INFORMAL_BROKER = "INFORMAL_BROKER"
    BROKER_DEPENDENCY = "BROKER_DEPENDENCY"


HELICES = ("GOVERNMENT", "ACADEMIA", "BUSINESS", "CIVIL_SOCIETY")
STATUS_WEIGHT = {"ACTIVE": 1.0, "PLANNED": 0.6, "SUSPENDED": 0.6, "CONCLUDED": 0.3}


@dataclass(frozen=True)
class NodeRef:
    id: str
    name: str
    kind: str  # Initiative, Institution, Firm, Territory


@dataclass(frozen=True)
class Finding:
    kind: GapKind
    severity: float
    explanation: Message  # one plain sentence, worded in the reader's language
    nodes: tuple[NodeRef, ...]
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GapParameters:
    """The thresholds of the kinds that take one, with their defaults."""

    helices: tuple[str, ...] = HELICES
    white_spot_min_firms: int = 5
    white_spot_min_quotient: float = 1.5
    broker_dependency_min_cut_off: int = 2
    informal_broker_min_bridges: int = 1

    def checked(self) -> GapParameters:
        unknown = sorted(set(self.helices) - set(HELICES))
        if unknown or not self.helices:
            raise BadUserInput(msg("error.gaps.helices", helices=list(HELICES),
                                   unknown=unknown))
        if self.white_spot_min_firms < 1:
            raise BadUserInput(msg("error.at_least", name="whiteSpotMinFirms", minimum=1))
        if self.informal_broker_min_bridges < 1:
            raise BadUserInput(msg("error.at_least", name="informalBrokerMinBridges",
                                   minimum=1))
        if self.broker_dependency_min_cut_off < 1:
            raise BadUserInput(msg("error.at_least", name="brokerDependencyMinCutOff",
                                   minimum=1))
        if self.white_spot_min_quotient <= 0:
            raise BadUserInput(msg("error.positive", name="whiteSpotMinQuotient"))
        return self


def _initiative(row: dict[str, Any], prefix: str = "") -> NodeRef:
    return NodeRef(row[f"{prefix}id" if not prefix else f"{prefix}Id"],
                   row[f"{prefix}name" if not prefix else f"{prefix}Name"], "Initiative")


def _institutions(rows: list[dict[str, str]]) -> list[NodeRef]:
    return [NodeRef(r["id"], r["name"], "Institution") for r in sorted(rows, key=lambda r: r["id"])]


async def ungoverned(db: Database, scope: Scope, _: GapParameters) -> list[Finding]:
    rows = await db.read("gaps/ungoverned", **scope.parameters())
    return [
        Finding(
            GapKind.UNGOVERNED,
            STATUS_WEIGHT.get(row["status"] or "", 1.0),
            msg("gap.ungoverned", name=row["name"], count=row["participants"]),
            (_initiative(row),),
            {"participants": row["participants"], "status": row["status"]},
        )
        for row in rows
    ]


async def vertical(db: Database, scope: Scope, _: GapParameters) -> list[Finding]:
    rows = await db.read("gaps/vertical", **scope.parameters())
    findings = []
    for row in rows:
        levels, missing = sorted(row["levels"]), sorted(row["missing"])
        known = set(row["countryLevels"]) | set(levels)
        if not levels:
            sentence = msg("gap.vertical.none", name=row["name"])
            severity = 1.0
        elif missing:
            sentence = msg("gap.vertical.missing", name=row["name"], levels=levels,
                           missing=missing, countries=sorted(row["countries"]),
                           count=len(missing))
            severity = len(missing) / len(known)
        else:
            sentence = msg("gap.vertical.single", name=row["name"], level=levels[0])
            severity = 0.5
        if levels and len(levels) == 1:
            severity = max(severity, 0.5)
        findings.append(Finding(
            GapKind.VERTICAL, round(severity, 4), sentence,
            (_initiative(row), *_institutions(row["governments"])),
            {"levels": levels, "missingLevels": missing, "countries": row["countries"],
             "levelsInCountry": sorted(row["countryLevels"])},
        ))
    return findings


async def helix(db: Database, scope: Scope, parameters: GapParameters) -> list[Finding]:
    rows = await db.read("gaps/helix", helices=list(parameters.helices), **scope.parameters())
    return [
        Finding(
            GapKind.HELIX,
            round(len(row["missing"]) / len(parameters.helices), 4),
            msg("gap.helix", name=row["name"], missing=sorted(row["missing"])),
            (_initiative(row),),
            {"present": sorted(row["present"]), "missing": sorted(row["missing"])},
        )
        for row in rows
    ]


async def overlap(db: Database, scope: Scope, _: GapParameters) -> list[Finding]:
    rows = await db.read("gaps/overlap", **scope.parameters())
    return [
        Finding(
            GapKind.OVERLAP,
            round(min(1.0, len(row["divisions"]) / 3), 4),
            msg("gap.overlap", name=row["name"], other=row["otherName"],
                divisions=sorted(row["divisions"]), count=len(row["divisions"])),
            (_initiative(row), _initiative(row, "other")),
            {"divisions": sorted(row["divisions"]),
             "overlappingTerritories": sorted(row["overlaps"])},
        )
        for row in rows
    ]


async def fragmented_support(db: Database, scope: Scope, _: GapParameters) -> list[Finding]:
    rows = await db.read("gaps/fragmented_support", **scope.parameters())
    return [
        Finding(
            GapKind.FRAGMENTED_SUPPORT,
            round(len(row["unlinked"]) / row["pairs"], 4),
            msg("gap.fragmented_support", name=row["name"],
                institutions=len(row["institutions"]), unlinked=len(row["unlinked"]),
                pairs=row["pairs"]),
            (_initiative(row), *_institutions(row["institutions"])),
            {"programs": sorted(row["programs"]),
             "institutions": sorted(i["id"] for i in row["institutions"]),
             "unlinkedPairs": sorted(row["unlinked"])},
        )
        for row in rows
    ]


async def white_spot(db: Database, scope: Scope, parameters: GapParameters) -> list[Finding]:
    params = scope.parameters()
    cells = await db.read("gaps/firm_divisions", **params)
    regions = await db.read("gaps/firm_regions", **params)
    covered = {(r["region"], r["division"]) for r in
               await db.read("gaps/covered_regions", year=scope.year)}
    region_firms = {r["region"]: r["firms"] for r in regions}
    country_firms: dict[str, int] = {}
    for r in regions:
        country_firms[r["country"]] = country_firms.get(r["country"], 0) + r["firms"]
    country_division: dict[tuple[str, str], int] = {}
    for c in cells:
        key = (c["country"], c["division"])
        country_division[key] = country_division.get(key, 0) + c["firms"]
    findings = []
    for c in cells:
        if c["firms"] < parameters.white_spot_min_firms or (c["region"], c["division"]) in covered:
            continue
        share_here = c["firms"] / region_firms[c["region"]]
        share_country = country_division[(c["country"], c["division"])] / country_firms[
            c["country"]]
        quotient = share_here / share_country
        if quotient < parameters.white_spot_min_quotient:
            continue
        findings.append(Finding(
            GapKind.WHITE_SPOT,
            round(min(1.0, quotient / (2 * parameters.white_spot_min_quotient)), 4),
            msg("gap.white_spot", region=c["regionName"], count=c["firms"],
                division=c["division"], divisionName=c["divisionName"],
                quotient=round(quotient, 4), country=c["country"]),
            (NodeRef(c["region"], c["regionName"], "Territory"),),
            {"firms": c["firms"], "division": c["division"], "locationQuotient": round(quotient, 4),
             "regionFirms": region_firms[c["region"]], "country": c["country"]},
        ))
    return findings


async def coordination_gaps(
    db: Database, kinds: Sequence[GapKind], scope: Scope, parameters: GapParameters
) -> list[Finding]:
    """Every finding of `kinds` in `scope`, one per cause, most severe first, then by kind and
    first node id."""
    parameters = parameters.checked()
    findings: list[Finding] = []
    for kind in dict.fromkeys(kinds or list(GapKind)):
        findings.extend(await FINDERS[kind](db, scope, parameters))
    return sorted(_one_per_cause(findings), key=lambda f: (-f.severity, f.kind, f.nodes[0].id))


def cut_vertices(neighbours: dict[str, set[str]]) -> dict[str, list[set[str]]]:
    """Each articulation point with the parts its removal leaves of its component, largest
    first (iterative Hopcroft-Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    parts: dict[str, list[set[str]]] = {}
    for root in sorted(neighbours):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        subtree: dict[str, set[str]] = {root: {root}}
        stack = [(root, iter(sorted(neighbours[root])))]
        children: dict[str, list[str]] = {root: []}
        parent: dict[str, str | None] = {root: None}
        while stack:
            node, todo = stack[-1]
            step = next(todo, None)
            if step is None:
                stack.pop()
                up = parent[node]
                if up is not None:
                    low[up] = min(low[up], low[node])
                    subtree[up] |= subtree[node]
                continue
            if step not in order:
                order[step] = low[step] = len(order)
                parent[step], children[step], subtree[step] = node, [], {step}
                children[node].append(step)
                stack.append((step, iter(sorted(neighbours[step]))))
            elif step != parent[node]:
                low[node] = min(low[node], order[step])
        component = subtree[root]
        for node in component:
            cut = [subtree[c] for c in children[node]
                   if (parent[node] is None and len(children[node]) > 1)
                   or (parent[node] is not None and low[c] >= order[node])]
            if not cut:
                continue
            rest = component - {node}.union(*cut)
            pieces = cut + ([rest] if rest else [])
            parts[node] = sorted(pieces, key=lambda p: (-len(p), min(p)))
    return parts


def actor_cut_vertices(memberships: dict[str, set[str]]) -> dict[str, list[set[str]]]:
    """The cut vertices of the ACTORS projection (actors linked when they share an
    initiative), from the actor-initiative graph: removing an actor splits the other actors
    as it splits that graph, so each actor that is a cut vertex there with actors on two or
    more sides, with the actors of each side, largest first."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for initiative, members in memberships.items():
        for actor in members:
            neighbours[f"a{actor}"].add(f"i{initiative}")
            neighbours[f"i{initiative}"].add(f"a{actor}")
    cuts = {}
    for vertex, pieces in cut_vertices(neighbours).items():
        if not vertex.startswith("a"):
            continue
        sides = [{n[1:] for n in piece if n.startswith("a")} for piece in pieces]
        sides = sorted((side for side in sides if side), key=lambda p: (-len(p), min(p)))
        if len(sides) > 1:
            cuts[vertex[1:]] = sides
    return cuts


async def broker_dependency(db: Database, scope: Scope,
                            parameters: GapParameters) -> list[Finding]:
    rows = await db.read("gaps/memberships", **scope.parameters())
    names = {m["id"]: m for row in rows for m in row["members"]}
    findings = []
    for broker, pieces in actor_cut_vertices(
        {row["id"]: {m["id"] for m in row["members"]} for row in rows}
    ).items():
        cut_off = sum(len(p) for p in pieces[1:])
        if cut_off < parameters.broker_dependency_min_cut_off:
            continue
        reached = sorted(set().union(*pieces[1:]))
        component = 1 + sum(len(p) for p in pieces)
        node = names[broker]
        findings.append(Finding(
            GapKind.BROKER_DEPENDENCY,
            round(cut_off / (component - 1), 4),
            msg("gap.broker_dependency", name=node["name"], count=cut_off),
            (NodeRef(broker, node["name"], node["label"]),
             *(NodeRef(i, names[i]["name"], names[i]["label"]) for i in reached[:20])),
            {"cutOff": cut_off, "componentSize": component,
             "parts": [len(p) for p in pieces], "cutOffActors": reached},
        ))
    return findings


def sole_bridges(initiatives: dict[str, set[str]], partners: dict[str, set[str]]
                 ) -> dict[str, list[tuple[str, str]]]:
    """For each actor, the pairs of initiatives it alone ties: it takes part in both, no other
    actor does, and the two do not collaborate (structural holes it spans)."""
    by_actor: dict[str, list[str]] = defaultdict(list)
    for initiative, actors in sorted(initiatives.items()):
        for actor in actors:
            by_actor[actor].append(initiative)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for joined in by_actor.values():
        for pair in combinations(joined, 2):
            shared[pair] += 1
    return {
        actor: bridged
        for actor, joined in sorted(by_actor.items())
        if (bridged := [(a, b) for a, b in combinations(joined, 2)
                        if shared[(a, b)] == 1 and b not in partners.get(a, set())])
    }


async def informal_broker(db: Database, scope: Scope,
                          parameters: GapParameters) -> list[Finding]:
    rows = await db.read("gaps/initiative_ties", **scope.parameters())
    names = {r["id"]: r["name"] for r in rows}
    actors = {a["id"]: a for r in rows for a in r["members"]}
    joined = {r["id"]: {a["id"] for a in r["members"]} for r in rows}
    bridges = {actor: pairs for actor, pairs in sorted(sole_bridges(
        joined, {r["id"]: set(r["partners"]) for r in rows}).items())
        if len(pairs) >= parameters.informal_broker_min_bridges}
    governors = {r["id"] for r in await db.read(
        "gaps/governors", ids=list(bridges), year=scope.year)}
    member_of: dict[str, list[str]] = defaultdict(list)
    for initiative, members in sorted(joined.items()):
        for actor in members & bridges.keys():
            member_of[actor].append(initiative)
    findings = []
    for actor, pairs in bridges.items():
        if actor in governors:
            continue
        bridged = sorted({i for pair in pairs for i in pair})
        first = pairs[0]
        more = len(pairs) - 1
        findings.append(Finding(
            GapKind.INFORMAL_BROKER,
            round(len(pairs) / math.comb(len(member_of[actor]), 2), 4),
            msg("gap.informal_broker.more", name=actors[actor]["name"],
                first=names[first[0]], second=names[first[1]], count=more) if more
            else msg("gap.informal_broker", name=actors[actor]["name"],
                     first=names[first[0]], second=names[first[1]]),
            (NodeRef(actor, actors[actor]["name"], actors[actor]["kind"]),
             *(NodeRef(i, names[i], "Initiative") for i in bridged)),
            {"bridgedPairs": [list(pair) for pair in pairs], "initiatives": member_of[actor]},
        ))
    return findings


def _one_per_cause(findings: list[Finding]) -> list[Finding]:
    """An ungoverned initiative's missing levels and helices follow from its having no
    governance body: they go into its UNGOVERNED finding's evidence, not findings of their own."""
    ungoverned = {f.nodes[0].id for f in findings if f.kind == GapKind.UNGOVERNED}
    following: dict[str, dict[str, Any]] = defaultdict(dict)
    kept = []
    for f in findings:
        if f.kind in (GapKind.VERTICAL, GapKind.HELIX) and f.nodes[0].id in ungoverned:
            if f.kind == GapKind.VERTICAL:
                following[f.nodes[0].id]["missingLevels"] = f.evidence["missingLevels"]
            else:
                following[f.nodes[0].id]["missingHelices"] = f.evidence["missing"]
            continue
        kept.append(f)
    return [replace(f, evidence={**f.evidence, "follows": following[f.nodes[0].id]})
            if f.kind == GapKind.UNGOVERNED and f.nodes[0].id in following else f
            for f in kept]


FINDERS: dict[GapKind, Callable[[Database, Scope, GapParameters], Awaitable[list[Finding]]]] = {
    GapKind.UNGOVERNED: ungoverned,
    GapKind.VERTICAL: vertical,
    GapKind.HELIX: helix,
    GapKind.OVERLAP: overlap,
    GapKind.FRAGMENTED_SUPPORT: fragmented_support,
    GapKind.WHITE_SPOT: white_spot,
    GapKind.INFORMAL_BROKER: informal_broker,
    GapKind.BROKER_DEPENDENCY: broker_dependency,
}
