"""Matchmaking: whom an initiative should meet, what a programme could support, and which
firms could supply an anchor firm. docs/matchmaking.md gives every score's formula.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from service.database import Database
from service.errors import BadUserInput, NotFound
from service.messages import Message, msg
from service.network import nodes_in_scope
from service.projections import NodeLabel
from service.scope import Scope

MAX_K = 100
WEIGHTS = {  # initiative matchmaking: the weight of each component in the score
    "sectorSimilarity": 0.35,
    "profileSimilarity": 0.25,
    "complementarity": 0.2,
    "linkPrediction": 0.2,
}
SIZE_FIT = {"MICRO": 1.0, "SMALL": 1.0, "MEDIUM": 1.0, "LARGE": 0.3}


@dataclass(frozen=True)
class Match:
    id: str
    name: str
    kind: str  # Initiative or Firm
    score: float
    reasons: tuple[Message, ...]
    components: dict[str, float]


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    x, y = set(a), set(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def _top(matches: list[Match], k: int) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.score, m.id))[:k]


async def _division_links(db: Database) -> set[tuple[str, str]]:
    return {(r["supplier"], r["client"]) for r in await db.read("matchmaking/division_links")}


def _chain(ours: Iterable[str], theirs: Iterable[str],
           links: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Division pairs (ours, theirs) where one supplies the other somewhere in the data."""
    return sorted((a, b) for a in ours for b in theirs
                  if (a, b) in links or (b, a) in links)


async def matchmaking(db: Database, node_id: str, k: int, scope: Scope) -> list[Match]:
    if not 1 <= k <= MAX_K:
        raise BadUserInput(msg("error.between_got", name="k", low=1, high=MAX_K, value=k))
    rows = await db.read("matchmaking/subject", id=node_id)
    if not rows:
        raise NotFound(msg("error.matchmaking.unknown_id", id=node_id))
    label = rows[0]["label"]
    if label == "Initiative":
        return await for_initiative(db, node_id, k, scope)
    if label == "Program":
        return await for_program(db, node_id, k, scope)
    if label == "Firm":
        return await for_anchor_firm(db, node_id, k, scope)
    raise BadUserInput(msg("error.matchmaking.institution", id=node_id))


async def _in_scope(db: Database, scope: Scope, label: NodeLabel) -> set[str]:
    return {n.id for n in await nodes_in_scope(db, scope, (label,))}


async def _initiative_profiles(db: Database) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in await db.read("matchmaking/initiatives")}


def initiative_neighbours(profiles: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    """The initiative network: linked when they collaborate or share an actor."""
    by_actor: dict[str, set[str]] = defaultdict(set)
    for i, p in profiles.items():
        for actor in p["actors"]:
            by_actor[actor].add(i)
    out: dict[str, set[str]] = {i: set(p["partners"]) for i, p in profiles.items()}
    for members in by_actor.values():
        for i in members:
            out[i] |= members - {i}
    return out


def adamic_adar(neighbours: dict[str, set[str]], x: str, y: str) -> float:
    """Σ over common neighbours z of 1 / ln(degree z), as NetworkX's adamic_adar_index."""
    return sum(1 / math.log(len(neighbours[z])) for z in neighbours[x] & neighbours[y])


async def for_initiative(db: Database, node_id: str, k: int, scope: Scope) -> list[Match]:
    profiles = await _initiative_profiles(db)
    links = await _division_links(db)
    candidates = await _in_scope(db, scope, NodeLabel.INITIATIVE)
    neighbours = initiative_neighbours(profiles)
    me = profiles[node_id]
    others = sorted(candidates - neighbours[node_id] - {node_id})
    predicted = {o: adamic_adar(neighbours, node_id, o) for o in others}
    strongest = max(predicted.values(), default=0.0)
    matches = []
    for other in others:
        them = profiles[other]
        shared = sorted(set(me["divisions"]) & set(them["divisions"]))
        chain = _chain(me["divisions"], them["divisions"], links)
        abroad = bool(shared) and not set(me["countries"]) & set(them["countries"])
        components = {
            "sectorSimilarity": jaccard(me["divisions"], them["divisions"]),
            "profileSimilarity": jaccard(me["profile"], them["profile"]),
            "complementarity": 0.5 * bool(chain) + 0.5 * abroad,
            "linkPrediction": predicted[other] / strongest if strongest else 0.0,
        }
        reasons: list[Message] = []
        if shared:
            reasons.append(msg("match.same_divisions", divisions=shared, count=len(shared)))
        if components["profileSimilarity"]:
            reasons.append(msg("match.similar_profile",
                               jaccard=round(components["profileSimilarity"], 4)))
        if chain:
            reasons.append(msg("match.value_chain",
                               pairs=[f"{a}-{b}" for a, b in chain[:3]]))
        if abroad:
            reasons.append(msg("match.abroad", countries=list(them["countries"])))
        if predicted[other]:
            common = len(neighbours[node_id] & neighbours[other])
            reasons.append(msg("match.shared_partners", count=common,
                               adamicAdar=round(predicted[other], 4)))
        score = sum(WEIGHTS[name] * value for name, value in components.items())
        if score > 0:
            matches.append(Match(other, them["name"], "Initiative", round(score, 6),
                                 tuple(reasons), components))
    return _top(matches, k)


async def for_program(db: Database, node_id: str, k: int, scope: Scope) -> list[Match]:
    [program] = await db.read("matchmaking/program", id=node_id)
    profiles = await _initiative_profiles(db)
    candidates = await _in_scope(db, scope, NodeLabel.INITIATIVE)
    supported = set(program["supported"])
    countries = set(program["countries"]).union(
        *(profiles[i]["countries"] for i in supported if i in profiles))
    most_supported = max((len(p["programs"]) for p in profiles.values()), default=0)
    matches = []
    for other in sorted(candidates - supported):
        them = profiles[other]
        similar = max((jaccard(them["divisions"], profiles[i]["divisions"]) for i in supported),
                      default=0.0)
        here = bool(countries & set(them["countries"]))
        uncovered = 1 - len(them["programs"]) / most_supported if most_supported else 1.0
        components = {"sectorSimilarity": similar, "territory": float(here),
                      "needsSupport": uncovered}
        reasons: list[Message] = []
        if similar:
            reasons.append(msg("match.program.resembles", jaccard=round(similar, 4)))
        if here:
            reasons.append(msg("match.program.country"))
        count = len(them["programs"])
        reasons.append(msg("match.program.unsupported") if not count else
                       msg("match.program.supported", count=count))
        score = 0.5 * similar + 0.3 * here + 0.2 * uncovered
        matches.append(Match(other, them["name"], "Initiative", round(score, 6),
                             tuple(reasons), components))
    return _top(matches, k)


async def for_anchor_firm(db: Database, node_id: str, k: int, scope: Scope) -> list[Match]:
    firms = {r["id"]: r for r in await db.read("matchmaking/firms")}
    links = await _division_links(db)
    candidates = await _in_scope(db, scope, NodeLabel.FIRM)
    anchor = firms[node_id]
    suppliers = {f for f, row in firms.items() if node_id in row["clients"]}
    matches = []
    for other in sorted(candidates - suppliers - {node_id}):
        them = firms[other]
        feeds = sorted(d for d in them["divisions"] for a in anchor["divisions"]
                       if (d, a) in links)
        same = sorted(set(them["divisions"]) & set(anchor["divisions"]))
        near = 1.0 if them["region"] and them["region"] == anchor["region"] else (
            0.5 if them["country"] and them["country"] == anchor["country"] else 0.0)
        if not (feeds or same) or not near:
            continue
        fit = SIZE_FIT.get(them["size"] or "", 0.5)
        components = {"valueChain": 1.0 if feeds else 0.5, "territory": near, "sizeFit": fit}
        reasons: list[Message] = []
        if feeds:
            reasons.append(msg("match.supplier.feeds", divisions=feeds, count=len(feeds)))
        elif same:
            reasons.append(msg("match.supplier.same", divisions=same, count=len(same)))
        reasons.append(msg("match.supplier.region") if near == 1.0 else
                       msg("match.supplier.country"))
        reasons.append(msg("match.supplier.size", size=them["size"]) if them["size"] in SIZE_FIT
                       else msg("match.supplier.size_unknown"))
        score = 0.5 * components["valueChain"] + 0.3 * near + 0.2 * fit
        matches.append(Match(other, them["name"], "Firm", round(score, 6), tuple(reasons),
                             components))
    return _top(matches, k)
