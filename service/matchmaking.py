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
    reasons: tuple[str, ...]
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
        raise BadUserInput(f"k must be between 1 and {MAX_K}; got {k}.")
    rows = await db.read("matchmaking/subject", id=node_id)
    if not rows:
        raise NotFound(f"No initiative, programme or actor has id {node_id!r}.")
    label = rows[0]["label"]
    if label == "Initiative":
        return await for_initiative(db, node_id, k, scope)
    if label == "Program":
        return await for_program(db, node_id, k, scope)
    if label == "Firm":
        return await for_anchor_firm(db, node_id, k, scope)
    raise BadUserInput(f"{node_id} is an institution: matchmaking serves initiatives, "
                       "programmes and anchor firms.")


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
        reasons = []
        if shared:
            reasons.append(f"works in the same ISIC division{'s' if len(shared) > 1 else ''} "
                           f"{', '.join(shared)}")
        if components["profileSimilarity"]:
            reasons.append("has participants of similar sectors and kinds "
                           f"(Jaccard {components['profileSimilarity']:.2f})")
        if chain:
            reasons.append("is a value-chain neighbour: firms of divisions "
                           + ", ".join(f"{a}-{b}" for a, b in chain[:3]) + " trade")
        if abroad:
            reasons.append(f"works in {', '.join(them['countries'])}: regional integration")
        if predicted[other]:
            common = len(neighbours[node_id] & neighbours[other])
            reasons.append(f"shares {common} partner{'s' if common > 1 else ''} in the "
                           f"initiative network (Adamic-Adar {predicted[other]:.2f})")
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
        reasons = []
        if similar:
            reasons.append(f"resembles initiatives the programme supports (Jaccard {similar:.2f})")
        if here:
            reasons.append("lies in a country where the programme works")
        count = len(them["programs"])
        reasons.append("has no supporting programme yet" if not count else
                       f"has {count} supporting programme{'' if count == 1 else 's'}")
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
        reasons = []
        if feeds:
            reasons.append(f"firms of its division{'s' if len(feeds) > 1 else ''} "
                           f"{', '.join(feeds)} supply firms of the anchor's division "
                           "elsewhere in the data")
        elif same:
            reasons.append(f"works in the anchor's division{'s' if len(same) > 1 else ''} "
                           f"{', '.join(same)}")
        reasons.append("is in the anchor's region" if near == 1.0 else
                       "is in the anchor's country")
        reasons.append(f"is a {(them['size'] or 'firm of unknown size').lower()} firm")
        score = 0.5 * components["valueChain"] + 0.3 * near + 0.2 * fit
        matches.append(Match(other, them["name"], "Firm", round(score, 6), tuple(reasons),
                             components))
    return _top(matches, k)
