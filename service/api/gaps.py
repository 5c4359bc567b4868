"""`coordinationGaps` (where coordination is missing) and `brokerage` (who bridges whom)."""

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from service import brokerage as brokers
from service import gaps
from service import network as net
from service.analytics.slots import analysis_slot
from service.api.context import Info
from service.api.language import LANGUAGE_ARGUMENT, Language, chosen
from service.api.scope import Projection, ScopeInput, scope_of
from service.language import speaking
from service.messages import msg
from service.projections import Projection as ProjectionName


@strawberry.enum(description="A kind of coordination gap; docs/gaps.md defines each.")
class GapKind(Enum):
    UNGOVERNED = strawberry.enum_value(
        "UNGOVERNED", description="An initiative with no governing institution.")
    VERTICAL = strawberry.enum_value(
        "VERTICAL", description="An initiative whose governance lacks a level of government "
        "that governs other initiatives in its country, or has a single level only.")
    HELIX = strawberry.enum_value(
        "HELIX", description="An initiative missing government, academia, business (firms or "
        "business associations) or civil society among its participants and governors.")
    OVERLAP = strawberry.enum_value(
        "OVERLAP", description="Two initiatives in overlapping territories and the same ISIC "
        "division that share no actor, no collaboration and no governing institution.")
    FRAGMENTED_SUPPORT = strawberry.enum_value(
        "FRAGMENTED_SUPPORT", description="An initiative supported by programmes whose "
        "institutions have no agreement and sit on no governance body together.")
    WHITE_SPOT = strawberry.enum_value(
        "WHITE_SPOT", description="A region with many firms in an ISIC division (count and "
        "location quotient against its country) and no initiative of that division in it.")
    INFORMAL_BROKER = strawberry.enum_value(
        "INFORMAL_BROKER", description="An actor among the most central (betweenness) of its "
        "scope that sits on no governance body.")
    BROKER_DEPENDENCY = strawberry.enum_value(
        "BROKER_DEPENDENCY", description="Actors that reach the rest of the actor network only "
        "through one actor (an articulation point), ranked by how many it would cut off.")


@strawberry.enum(description="The helices of articulation HELIX looks for.")
class Helix(Enum):
    GOVERNMENT = "GOVERNMENT"
    ACADEMIA = "ACADEMIA"
    BUSINESS = "BUSINESS"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"


@strawberry.type(description="A node a finding is about.")
class GapNode:
    id: strawberry.ID = strawberry.field(description="Dataset id, or territory code.")
    name: str
    kind: str = strawberry.field(description="Initiative, Institution, Firm or Territory.")


@strawberry.type(description="One coordination gap.")
class GapFinding:
    kind: GapKind
    severity: float = strawberry.field(
        description="From 0 to 1, comparable within a kind; docs/gaps.md says how.")
    explanation: str = strawberry.field(
        description="One plain sentence: what is missing, in the chosen language.")
    message_key: str = strawberry.field(
        description="The explanation's stable catalogue key (one per kind and wording, e.g. "
        "gap.ungoverned), for dashboards that word findings themselves.")
    message_parameters: JSON = strawberry.field(
        description="The named values of the explanation (names, counts, codes, enum "
        "values), the same in every language.")
    nodes: list[GapNode] = strawberry.field(description="The initiative (or pair, or region) "
                                            "first, then the institutions involved.")
    evidence: JSON = strawberry.field(description="The counts and lists behind the finding.")


@strawberry.type
class GapsQuery:
    @strawberry.field(description="Coordination gaps of the given kinds (all when absent) in "
                      "a scope, most severe first.")
    async def coordination_gaps(
        self,
        info: Info,
        kinds: list[GapKind] | None = None,
        scope: ScopeInput | None = None,
        helices: list[Helix] | None = None,
        white_spot_min_firms: int = gaps.GapParameters.white_spot_min_firms,
        white_spot_min_quotient: float = gaps.GapParameters.white_spot_min_quotient,
        broker_dependency_min_cut_off: int = gaps.GapParameters.broker_dependency_min_cut_off,
        informal_broker_min_bridges: int = gaps.GapParameters.informal_broker_min_bridges,
        language: Annotated[Language | None, LANGUAGE_ARGUMENT] = None,
    ) -> list[GapFinding]:
        lang = chosen(info, language)
        with speaking(lang):
            checked = scope_of(scope)
            await net.check_codes(info.context.db, checked)
            parameters = gaps.GapParameters(
                helices=tuple(h.value for h in helices) if helices else gaps.HELICES,
                white_spot_min_firms=white_spot_min_firms,
                white_spot_min_quotient=white_spot_min_quotient,
                broker_dependency_min_cut_off=broker_dependency_min_cut_off,
                informal_broker_min_bridges=informal_broker_min_bridges,
            )
            with analysis_slot(info.context.db, msg("analysis.gaps")):
                findings = await gaps.coordination_gaps(
                    info.context.db, [gaps.GapKind(k.name) for k in kinds or []], checked,
                    parameters)
        return [
            GapFinding(
                kind=GapKind[f.kind.value], severity=f.severity,
                explanation=f.explanation.render(lang), message_key=f.explanation.key,
                message_parameters=JSON(dict(f.explanation.params)),
                nodes=[GapNode(id=strawberry.ID(n.id), name=n.name, kind=n.kind)
                       for n in f.nodes],
                evidence=JSON(f.evidence),
            )
            for f in findings
        ]


@strawberry.enum(description="The attribute brokerage roles compare groups by.")
class GroupBy(Enum):
    LEVEL = strawberry.enum_value(
        "LEVEL", description="An institution's level of government; firms, initiatives and "
        "programmes form the groups FIRM, INITIATIVE and PROGRAM.")
    KIND = strawberry.enum_value(
        "KIND", description="FIRM, an institution's kind, an initiative's type, or PROGRAM.")
    COUNTRY = strawberry.enum_value(
        "COUNTRY", description="The node's country (NONE without a territory).")


@strawberry.type(description="A node's brokerage: Gould-Fernandez roles (counts of two-paths "
                 "a → node → c with no tie a → c, by the groups of a, node and c) and Burt's "
                 "structural-hole measures (NetworkX's definitions, weighted).")
class BrokerageRoles:
    id: strawberry.ID
    name: str
    kind: str
    group: str
    coordinator: int = strawberry.field(description="a, node and c all in one group.")
    gatekeeper: int = strawberry.field(description="node and c in one group, a outside it.")
    representative: int = strawberry.field(description="a and node in one group, c outside.")
    itinerant: int = strawberry.field(description="a and c in one group, node outside it.")
    liaison: int = strawberry.field(description="a, node and c in three different groups.")
    total: int
    constraint: float | None = strawberry.field(
        description="Burt's constraint; null for a node without ties.")
    effective_size: float | None = strawberry.field(
        description="Burt's effective size; null for a node without ties.")


@strawberry.type
class BrokerageQuery:
    @strawberry.field(description="Brokerage roles and structural holes of every node of a "
                      "projection in a scope, most brokering first. Roles use the directed "
                      "network (SUPPLY as stored; an undirected edge counts both ways).")
    async def brokerage(
        self, info: Info, group_by: GroupBy, projection: Projection = Projection.ACTORS,
        scope: ScopeInput | None = None,
    ) -> list[BrokerageRoles]:
        db = info.context.db
        with analysis_slot(db, msg("analysis.brokerage")):
            graph = await net.projected(db, ProjectionName[projection.name], scope_of(scope))
            group = await brokers.groups(db, graph, brokers.GroupBy(group_by.name))
            roles = brokers.brokerage(graph, group)
        return [
            BrokerageRoles(
                id=strawberry.ID(r.id), name=r.name, kind=r.kind, group=r.group,
                coordinator=r.coordinator, gatekeeper=r.gatekeeper,
                representative=r.representative, itinerant=r.itinerant, liaison=r.liaison,
                total=r.total, constraint=r.constraint, effective_size=r.effective_size,
            )
            for r in roles
        ]
