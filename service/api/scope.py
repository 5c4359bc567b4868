"""`ScopeInput` and `Projection`: the inputs every network and analytic field takes."""

from enum import Enum

import strawberry

from service.api.enums import ActorKind, InitiativeType
from service.projections import SPECS
from service.projections import Projection as ProjectionName
from service.scope import Scope


@strawberry.enum(description="A named projection of the graph that networks and analytics "
                 "run on; docs/projections.md gives nodes, edges, weights and direction.")
class Projection(Enum):
    FULL = strawberry.enum_value("FULL", description=SPECS[ProjectionName.FULL].description)
    ACTORS = strawberry.enum_value(
        "ACTORS", description=SPECS[ProjectionName.ACTORS].description)
    INITIATIVES = strawberry.enum_value(
        "INITIATIVES", description=SPECS[ProjectionName.INITIATIVES].description)
    GOVERNANCE = strawberry.enum_value(
        "GOVERNANCE", description=SPECS[ProjectionName.GOVERNANCE].description)
    SUPPLY = strawberry.enum_value(
        "SUPPLY", description=SPECS[ProjectionName.SUPPLY].description)


SCOPE_DESCRIPTION = (
    "Which part of the graph to look at. An absent (or empty) field does not restrict; "
    "fields AND together; values within a field OR. An initiative is in scope when its type "
    "is allowed, it is LOCATED_IN a territory of every territorial restriction and IN_SECTOR "
    "a sector of the sector subtrees, and it is active in the year. An actor is in scope when "
    "its kind is allowed, it was founded by the year (firms), and it either meets the "
    "territory and sector restrictions itself (firms by location and sector, institutions by "
    "location; an institution has no sector) or takes part in (PARTICIPATES_IN or GOVERNS, "
    "active in the year) an in-scope initiative. A programme is in scope when it is active in "
    "the year and supports an in-scope initiative or is run by an in-scope institution. A "
    "relationship is in scope when both ends are and it is active in the year."
)


@strawberry.input(description=SCOPE_DESCRIPTION)
class ScopeInput:
    countries: list[str] | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 country codes: their territory subtrees.")
    territories: list[str] | None = strawberry.field(
        default=None, description="Territory codes (any level): each with every territory "
        "PART_OF it, however deep.")
    initiative_types: list[InitiativeType] | None = strawberry.field(
        default=None, description="Initiative types allowed.")
    sectors: list[str] | None = strawberry.field(
        default=None, description="Sector codes: ISIC Rev.4 (section, division, group or class) "
        "or national (SCIAN:336390, CIIU-CO:29), each with every sector PART_OF it or "
        "CORRESPONDS_TO it, however deep.")
    actor_kinds: list[ActorKind] | None = strawberry.field(
        default=None, description="Actor kinds allowed: FIRM and the institution kinds.")
    year: int | None = strawberry.field(
        default=None, description="Only what is active in that year: coalesce(start, year) <= "
        "year <= coalesce(end, year) for initiatives, programmes and relationships "
        "(since/until); firms founded by then.")

    def to_scope(self) -> Scope:
        return Scope.of(
            countries=self.countries,
            territories=self.territories,
            initiative_types=[t.value for t in self.initiative_types or ()],
            sectors=self.sectors,
            actor_kinds=[k.value for k in self.actor_kinds or ()],
            year=self.year,
        )


def scope_of(scope: ScopeInput | None) -> Scope:
    return scope.to_scope() if scope is not None else Scope()
