"""Matchmaking: whom an initiative should meet, what a programme could support, and which
firms could supply an anchor firm, or why there is nobody to suggest. docs/matchmaking.md
gives every score's formula.

Every initiative's profile and the supply links between ISIC groups are read once per graph
version and kept while no load is writing; an anchor's candidates are read per request, from
its own country.
"""

from __future__ import annotations

import math
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from service.analytics.graphs import GraphVersion, graph_version
from service.data_state import load_state
from service.database import Database
from service.errors import BadUserInput, NotFound
from service.messages import Message, msg
from service.network import nodes_in_scope
from service.projections import NodeLabel
from service.scope import Scope

MAX_K = 100
WEIGHTS = {  # initiative matchmaking: the weight of each component in the score
    "sectorSimilarity": 0.35,
    "valueChain": 0.15,
    "territory": 0.2,
    "profileSimilarity": 0.15,
    "linkPrediction": 0.15,
}
PROXIMITY = {"region": 1.0, "country": 0.75, "abroad": 0.5}  # initiatives' territories
SIZE_FIT = {"MICRO": 1.0, "SMALL": 1.0, "MEDIUM": 1.0, "LARGE": 0.3}


@dataclass(frozen=True)
class Match:
    id: str
    name: str
    kind: str  # Initiative or Firm
    score: float
    reasons: tuple[Message, ...]
    components: dict[str, float]


@dataclass(frozen=True)
class Matches:
    """The suggestions, best first; when there are none, why."""

    matches: list[Match]
    none_because: Message | None = None


def _none(reason: Message) -> Matches:
    return Matches([], reason)


def _found(matches: list[Match], k: int, otherwise: Message,
           tie: Callable[[Match], Any] = lambda m: 0) -> Matches:
    if not matches:
        return _none(otherwise)
    return Matches(sorted(matches, key=lambda m: (-m.score, tie(m), m.id))[:k])


@dataclass(frozen=True)
class _Profiles:
    version: GraphVersion
    initiatives: dict[str, dict[str, Any]]
    links: dict[tuple[str, str], int]  # (supplier group, client group) -> supplies seen


_profiles: weakref.WeakKeyDictionary[Database, _Profiles] = weakref.WeakKeyDictionary()


async def profiles(db: Database) -> _Profiles:
    """Every initiative's profile and the group supply links, as of the graph's version;
    kept for the next call unless a load is writing (its batches are not final)."""
    version = await graph_version(db)
    kept = _profiles.get(db)
    if kept is not None and kept.version == version:
        return kept
    read = _Profiles(
        version,
        {r["id"]: r for r in await db.read("matchmaking/initiatives")},
        {(r["supplier"], r["client"]): r["links"]
         for r in await db.read("matchmaking/group_links")})
    state = await load_state(db, fresh=True)
    if state is not None and state.ready and await graph_version(db) == version:
        _profiles[db] = read
    return read


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    x, y = set(a), set(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def industries(groups: Iterable[str], divisions: Iterable[str]) -> set[str]:
    """ISIC groups, plus the divisions given without any group below them."""
    found = set(groups)
    return found | {d for d in divisions if not any(g.startswith(d) for g in found)}


def covers(code: str, others: set[str]) -> bool:
    """Whether `code` (a group or a division) is among, above or below `others`."""
    return code in others or any(o.startswith(code) or code.startswith(o) for o in others)


def sector_similarity(a: set[str], b: set[str]) -> float:
    """The share of both sides' industries the other covers (1: the same industries)."""
    if not a or not b:
        return 0.0
    return (sum(covers(x, b) for x in a) + sum(covers(y, a) for y in b)) / (len(a) + len(b))


def _chain(ours: Iterable[str], theirs: Iterable[str],
           links: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """Group pairs (ours, theirs) where one supplies the other somewhere in the data."""
    return sorted((a, b) for a in ours for b in theirs
                  if (a, b) in links or (b, a) in links)


async def matchmaking(db: Database, node_id: str, k: int, scope: Scope) -> Matches:
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


def proximity(me: dict[str, Any], them: dict[str, Any]) -> str:
    if set(me["regions"]) & set(them["regions"]):
        return "region"
    return "country" if set(me["countries"]) & set(them["countries"]) else "abroad"


async def for_initiative(db: Database, node_id: str, k: int, scope: Scope) -> Matches:
    known = await profiles(db)
    links = known.links
    candidates = await _in_scope(db, scope, NodeLabel.INITIATIVE) - {node_id}
    neighbours = initiative_neighbours(known.initiatives)
    me = known.initiatives[node_id]
    mine = industries(me["groups"], me["divisions"])
    others = sorted(candidates - neighbours[node_id])
    if not candidates:
        return _none(msg("match.none.no_initiatives"))
    if not others:
        return _none(msg("match.none.all_linked", count=len(candidates)))
    if not mine:
        return _none(msg("match.none.no_industries"))
    predicted = {o: adamic_adar(neighbours, node_id, o) for o in others}
    strongest = max(predicted.values(), default=0.0)
    matches = []
    for other in others:
        them = known.initiatives[other]
        theirs = industries(them["groups"], them["divisions"])
        similar = sector_similarity(mine, theirs)
        chain = _chain(me["groups"], them["groups"], links)
        if not similar and not chain:
            continue  # no industry in common and none that trade: nothing to meet about
        place = proximity(me, them)
        components = {
            "sectorSimilarity": similar,
            "valueChain": float(bool(chain)),
            "territory": PROXIMITY[place],
            "profileSimilarity": jaccard(me["profile"], them["profile"]),
            "linkPrediction": predicted[other] / strongest if strongest else 0.0,
        }
        reasons: list[Message] = []
        shared = sorted(x for x in mine if covers(x, theirs))
        if shared:
            reasons.append(msg("match.same_industries", industries=shared, count=len(shared)))
        if chain:
            reasons.append(msg("match.value_chain",
                               pairs=[f"{a}-{b}" for a, b in chain[:3]]))
        reasons.append({"region": msg("match.same_region"),
                        "country": msg("match.same_country"),
                        "abroad": msg("match.abroad", countries=list(them["countries"]))}[place])
        if components["profileSimilarity"]:
            reasons.append(msg("match.similar_profile",
                               jaccard=round(components["profileSimilarity"], 4)))
        if predicted[other]:
            common = len(neighbours[node_id] & neighbours[other])
            reasons.append(msg("match.shared_partners", count=common,
                               adamicAdar=round(predicted[other], 4)))
        score = sum(WEIGHTS[name] * value for name, value in components.items())
        matches.append(Match(other, them["name"], "Initiative", round(score, 6),
                             tuple(reasons), components))
    return _found(matches, k, msg("match.none.unrelated", count=len(others)))


async def for_program(db: Database, node_id: str, k: int, scope: Scope) -> Matches:
    [program] = await db.read("matchmaking/program", id=node_id)
    initiatives = (await profiles(db)).initiatives
    candidates = await _in_scope(db, scope, NodeLabel.INITIATIVE)
    supported = [initiatives[i] for i in program["supported"] if i in initiatives]
    where = ({program["territory"]} if program["territory"] else
             set().union(*(p["countries"] for p in supported)))
    most_supported = max((len(p["programs"]) for p in initiatives.values()), default=0)
    unsupported = sorted(candidates - set(program["supported"]))
    if not candidates:
        return _none(msg("match.none.no_initiatives"))
    if not unsupported:
        return _none(msg("match.none.all_supported", count=len(candidates)))
    if not where:
        return _none(msg("match.none.program_nowhere"))
    matches = []
    for other in unsupported:
        them = initiatives[other]
        if not where & set(them["places"]):
            continue  # outside the territory the programme serves
        theirs = industries(them["groups"], them["divisions"])
        similar = max((sector_similarity(theirs, industries(p["groups"], p["divisions"]))
                       for p in supported), default=0.0)
        uncovered = 1 - len(them["programs"]) / most_supported if most_supported else 1.0
        components = {"sectorSimilarity": similar, "territory": 1.0, "needsSupport": uncovered}
        reasons: list[Message] = []
        if similar:
            reasons.append(msg("match.program.resembles", similarity=round(similar, 4)))
        reasons.append(msg("match.program.where", places=sorted(where)))
        count = len(them["programs"])
        reasons.append(msg("match.program.unsupported") if not count else
                       msg("match.program.supported", count=count))
        score = 0.5 * similar + 0.2 + 0.3 * uncovered
        matches.append(Match(other, them["name"], "Initiative", round(score, 6),
                             tuple(reasons), components))
    return _found(matches, k, msg("match.none.program_outside", places=sorted(where),
                                  count=len(unsupported)))


def feeding(groups: Iterable[str], targets: Iterable[str],
            links: dict[tuple[str, str], int]) -> int:
    """How many supplies the data show from `groups` into `targets`."""
    return sum(links.get((g, t), 0) for g in groups for t in targets)


async def for_anchor_firm(db: Database, node_id: str, k: int, scope: Scope) -> Matches:
    links = (await profiles(db)).links
    firms = {r["id"]: r for r in await db.read("matchmaking/firms", anchor=node_id)}
    if node_id not in firms:  # an anchor in no country has no region or country to search
        return _none(msg("match.none.no_firms_near"))
    candidates = set(firms) if scope.is_everything else (
        await _in_scope(db, scope, NodeLabel.FIRM) & firms.keys())
    anchor = firms[node_id]
    suppliers = {f for f, row in firms.items() if node_id in row["clients"]}
    mine = set(anchor["groups"])
    if not mine:
        return _none(msg("match.none.anchor_no_industries"))
    upstream = {s for (s, c) in links if c in mine} - mine  # groups that supply the anchor's
    matches = []
    evidence: dict[str, int] = {}
    nearby = 0
    for other in sorted(candidates - suppliers - {node_id}):
        them = firms[other]
        near = 1.0 if them["region"] and them["region"] == anchor["region"] else (
            0.5 if them["country"] and them["country"] == anchor["country"] else 0.0)
        if not near:
            continue  # suppliers are sought in the anchor's region, then its country
        nearby += 1
        theirs = set(them["groups"]) - mine  # a firm of the anchor's own groups competes
        direct = feeding(theirs, mine, links)
        two_step = feeding(theirs, upstream, links)
        if not (direct or two_step):
            continue
        fit = SIZE_FIT.get(them["size"] or "", 0.5)
        components = {"valueChain": 1.0 if direct else 0.5, "territory": near, "sizeFit": fit}
        evidence[other] = direct or two_step
        groups = sorted(theirs)
        reasons: list[Message] = [
            msg("match.supplier.feeds", groups=groups, count=len(groups)) if direct else
            msg("match.supplier.feeds_suppliers", groups=groups, count=len(groups)),
            msg("match.supplier.region") if near == 1.0 else msg("match.supplier.country"),
            msg("match.supplier.size", size=them["size"]) if them["size"] in SIZE_FIT
            else msg("match.supplier.size_unknown")]
        score = 0.5 * components["valueChain"] + 0.3 * near + 0.2 * fit
        matches.append(Match(other, them["name"], "Firm", round(score, 6), tuple(reasons),
                             components))
    if not nearby:
        return _none(msg("match.none.no_firms_near"))
    return _found(matches, k, msg("match.none.no_suppliers", count=nearby),
                  tie=lambda m: -evidence[m.id])
