"""The GraphQL enums say exactly what the loaders store."""

from loaders import vocabulary
from service.api import enums


def test_actor_kind_is_firm_and_every_institution_kind() -> None:
    assert [k.value for k in enums.ActorKind] == [
        "FIRM", *(k.value for k in vocabulary.InstitutionKind)
    ]


def test_institution_kinds_drops_firm() -> None:
    kinds = [enums.ActorKind.FIRM, enums.ActorKind.ACADEMIA]
    assert enums.institution_kinds(kinds) == ["ACADEMIA"]


def test_enum_names_are_their_values() -> None:
    for enum in (enums.InitiativeType, enums.FirmSize, enums.InstitutionKind,
                 enums.GovernmentLevel, enums.ParticipationRole, enums.GovernanceRole,
                 enums.ActorKind):
        assert all(member.name == member.value for member in enum)
