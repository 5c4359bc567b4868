"""The model's closed vocabularies as GraphQL enums: names and values are the stored values.

Each wraps the loaders' enum of the same vocabulary, so the API and the loaders cannot drift;
`ActorKind` joins FIRM to the institution kinds, for filters and scopes over actors.
"""

from enum import StrEnum

import strawberry

from loaders import vocabulary
from loaders.vocabulary import (
    FirmSize,
    GovernanceRole,
    InitiativeStatus,
    InitiativeType,
    InstitutionKind,
    ParticipationRole,
    SectorLevel,
    TerritoryLevel,
)

strawberry.enum(
    vocabulary.InitiativeType,
    description="The five ECLAC types of territorial productive articulation initiative.",
)
strawberry.enum(
    vocabulary.InitiativeStatus, description="Where an initiative stands."
)
strawberry.enum(
    vocabulary.FirmSize,
    description="Firm size class: MICRO 1-9, SMALL 10-49, MEDIUM 50-249, LARGE 250+ employees.",
)
strawberry.enum(vocabulary.InstitutionKind, description="What an institution is.")
strawberry.enum(
    vocabulary.InstitutionLevel,
    name="GovernmentLevel",
    description="The territorial level an institution acts at.",
)
GovernmentLevel = vocabulary.InstitutionLevel
strawberry.enum(
    vocabulary.ParticipationRole, description="An actor's role as a participant of an initiative."
)
strawberry.enum(
    vocabulary.GovernanceRole, description="An institution's seat in an initiative's governance."
)
strawberry.enum(vocabulary.TerritoryLevel, description="Level of a territory.")
strawberry.enum(
    vocabulary.SectorLevel,
    description="Level of a sector code: section to class (ISIC Rev.4, CIIU Rev.4 A.C.); "
                "sector or class (SCIAN).",
)


@strawberry.enum(description="What an actor is: a firm, or an institution of the given kind.")
class ActorKind(StrEnum):
    FIRM = "FIRM"
    GOVERNMENT = "GOVERNMENT"
    ACADEMIA = "ACADEMIA"
    BUSINESS_ASSOCIATION = "BUSINESS_ASSOCIATION"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"
    DEVELOPMENT_AGENCY = "DEVELOPMENT_AGENCY"
    FINANCIAL = "FINANCIAL"
    INTERNATIONAL = "INTERNATIONAL"


def institution_kinds(kinds: list[ActorKind]) -> list[str]:
    """The institution kinds among `kinds` (FIRM left out), as stored values."""
    return [kind.value for kind in kinds if kind is not ActorKind.FIRM]


__all__ = [
    "ActorKind",
    "FirmSize",
    "GovernanceRole",
    "GovernmentLevel",
    "InitiativeStatus",
    "InitiativeType",
    "InstitutionKind",
    "ParticipationRole",
    "SectorLevel",
    "TerritoryLevel",
    "institution_kinds",
]
