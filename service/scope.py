"""A scope: which part of the graph an analysis looks at. Plain data, shared by every analytic.

Absent (None) or empty fields do not restrict; fields AND together, values within a field
OR. The Cypher of `cypher/network/` turns a scope into the initiatives, actors and
programmes in it; docs/projections.md states the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from loaders.vocabulary import InitiativeType, InstitutionKind
from service.errors import BadUserInput
from service.messages import msg

FIRM = "FIRM"
ACTOR_KINDS = frozenset({FIRM, *InstitutionKind})
INITIATIVE_TYPES = frozenset(InitiativeType)
MIN_YEAR, MAX_YEAR = 1800, 2200

Codes = tuple[str, ...] | None


def _codes(values: Iterable[str] | None) -> Codes:
    """Upper-cased, de-duplicated codes in the order given; None when there are none."""
    if values is None:
        return None
    out = tuple(dict.fromkeys(v.strip().upper() for v in values if v.strip()))
    return out or None


@dataclass(frozen=True)
class Scope:
    """Countries, territory subtrees, initiative types, sector subtrees, actor kinds, a year."""

    countries: Codes = None
    territories: Codes = None
    initiative_types: Codes = None
    sectors: Codes = None
    actor_kinds: Codes = None
    year: int | None = None

    @classmethod
    def of(cls, *, countries: Iterable[str] | None = None,
           territories: Iterable[str] | None = None,
           initiative_types: Iterable[str] | None = None,
           sectors: Iterable[str] | None = None,
           actor_kinds: Iterable[str] | None = None,
           year: int | None = None) -> Scope:
        """A normalized scope; BadUserInput names a type, kind or year that cannot be."""
        scope = cls(_codes(countries), _codes(territories), _codes(initiative_types),
                    _codes(sectors), _codes(actor_kinds), year)
        for value in scope.initiative_types or ():
            if value not in INITIATIVE_TYPES:
                raise BadUserInput(msg("error.scope.initiative_type", value=value,
                                       expected=sorted(INITIATIVE_TYPES)),
                                   field="initiativeTypes")
        for value in scope.actor_kinds or ():
            if value not in ACTOR_KINDS:
                raise BadUserInput(msg("error.scope.actor_kind", value=value,
                                       expected=sorted(ACTOR_KINDS)), field="actorKinds")
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise BadUserInput(msg("error.scope.year", year=year, low=MIN_YEAR, high=MAX_YEAR),
                               field="year")
        return scope

    @property
    def is_everything(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def parameters(self) -> dict[str, Any]:
        """The Cypher parameters every `network/*` statement takes."""
        def listed(codes: Codes) -> list[str] | None:
            return list(codes) if codes is not None else None

        return {
            "countries": listed(self.countries),
            "territories": listed(self.territories),
            "initiativeTypes": listed(self.initiative_types),
            "sectors": listed(self.sectors),
            "actorKinds": listed(self.actor_kinds),
            "year": self.year,
        }

    def describe(self) -> dict[str, Any]:
        """The scope as the GraphQL/HTTP names, absent fields left out (for results and errors)."""
        return {k: v for k, v in self.parameters().items() if v is not None}
