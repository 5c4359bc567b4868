"""Root fields for the entities: lookups by id or code, and filtered, ordered connections."""

from typing import Annotated

import strawberry
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

from service.api.context import Info
from service.api.entities import (
    Actor,
    Firm,
    Initiative,
    Institution,
    Node,
    Program,
    Sector,
    Territory,
    actor_from,
    firm_from,
    initiative_from,
    institution_from,
    node_from,
    program_from,
    sector_from,
    territory_from,
)
from service.api.entity_filters import (
    ActorFilter,
    ActorOrder,
    FirmFilter,
    InitiativeFilter,
    InitiativeOrder,
    InstitutionFilter,
    ProgramFilter,
    ProgramOrder,
    SectorFilter,
    TerritoryFilter,
    actor_parameters,
    firm_parameters,
    initiative_parameters,
    institution_parameters,
    program_parameters,
    sector_parameters,
    territory_parameters,
)
from service.api.pagination import Connection, connection

FIRST = "At most this many items (0 to the service's page size limit, 500 by default)."
AFTER = "The cursor of the item to continue after (`pageInfo.endCursor` of the previous page)."


async def _node(info: Info, id: strawberry.ID) -> Initiative | Firm | Institution | Program | None:
    row = await info.context.loaders.nodes.load(id)
    return None if row is None else node_from(row)


def _selects(info: Info, name: str) -> bool:
    """Whether field `name` is selected right below the resolving field, directly or in
    fragments (read off the document: strawberry's `selected_fields` converts far more)."""
    raw = info._raw_info
    return any(_among(node.selection_set, name, raw.fragments)
               for node in raw.field_nodes if node.selection_set is not None)


def _among(selections: SelectionSetNode, name: str,
           fragments: dict[str, FragmentDefinitionNode]) -> bool:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value == name:
                return True
        elif isinstance(selection, InlineFragmentNode):
            if _among(selection.selection_set, name, fragments):
                return True
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None and _among(fragment.selection_set, name, fragments):
                return True
    return False


@strawberry.type
class EntityQuery:
    @strawberry.field(description="The initiative, firm, institution or programme with this id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _node(info, id)

    @strawberry.field(description="The initiative with this id; null if there is none.")
    async def initiative(self, info: Info, id: strawberry.ID) -> Initiative | None:
        if _selects(info, "participants"):
            row = await info.context.loaders.initiatives_with_participants.load(id)
            return None if row is None else initiative_from(row)
        node = await _node(info, id)
        return node if isinstance(node, Initiative) else None

    @strawberry.field(description="The firm with this id; null if there is none.")
    async def firm(self, info: Info, id: strawberry.ID) -> Firm | None:
        node = await _node(info, id)
        return node if isinstance(node, Firm) else None

    @strawberry.field(description="The institution with this id; null if there is none.")
    async def institution(self, info: Info, id: strawberry.ID) -> Institution | None:
        node = await _node(info, id)
        return node if isinstance(node, Institution) else None

    @strawberry.field(description="The firm or institution with this id; null if there is none.")
    async def actor(self, info: Info, id: strawberry.ID) -> Actor | None:
        node = await _node(info, id)
        return node if isinstance(node, Firm | Institution) else None

    @strawberry.field(description="The programme with this id; null if there is none.")
    async def program(self, info: Info, id: strawberry.ID) -> Program | None:
        node = await _node(info, id)
        return node if isinstance(node, Program) else None

    @strawberry.field(description="The territory with this code; null if there is none.")
    async def territory(self, info: Info, code: str) -> Territory | None:
        row = await info.context.loaders.territories.load(code)
        return None if row is None else territory_from(row)

    @strawberry.field(description="The sector with this ISIC Rev.4 code; null if there is none.")
    async def sector(self, info: Info, code: str) -> Sector | None:
        row = await info.context.loaders.sectors.load(code)
        return None if row is None else sector_from(row)

    @strawberry.field(description="Initiatives, filtered and ordered (by name unless told; best "
                                  "match first with a `search`).")
    async def initiatives(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description=FIRST)] = 50,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: InitiativeFilter | None = None,
        order_by: InitiativeOrder | None = None,
    ) -> Connection[Initiative]:
        listing = await initiative_parameters(info, filter, order_by)
        return await connection(info, "initiatives", listing.parameters, first, after,
                                initiative_from, listing.below)

    @strawberry.field(description="Firms, filtered and ordered (by name unless told; best "
                                  "match first with a `search`).")
    async def firms(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description=FIRST)] = 50,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: FirmFilter | None = None,
        order_by: ActorOrder | None = None,
    ) -> Connection[Firm]:
        listing = await firm_parameters(info, filter, order_by)
        return await connection(info, "firms", listing.parameters, first, after, firm_from,
                                listing.below)

    @strawberry.field(description="Institutions, filtered and ordered (by name unless told; best "
                                  "match first with a `search`).")
    async def institutions(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description=FIRST)] = 50,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: InstitutionFilter | None = None,
        order_by: ActorOrder | None = None,
    ) -> Connection[Institution]:
        listing = await institution_parameters(info, filter, order_by)
        return await connection(info, "institutions", listing.parameters, first, after,
                                institution_from, listing.below)

    @strawberry.field(description="Firms and institutions together, filtered and ordered (by name "
                                  "unless told; best match first with a `search`).")
    async def actors(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description=FIRST)] = 50,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: ActorFilter | None = None,
        order_by: ActorOrder | None = None,
    ) -> Connection[Actor]:
        listing = await actor_parameters(info, filter, order_by)
        return await connection(info, "actors", listing.parameters, first, after, actor_from,
                                listing.below)

    @strawberry.field(description="Programmes, filtered and ordered (by name unless told; best "
                                  "match first with a `search`).")
    async def programs(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description=FIRST)] = 50,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: ProgramFilter | None = None,
        order_by: ProgramOrder | None = None,
    ) -> Connection[Program]:
        listing = await program_parameters(info, filter, order_by)
        return await connection(info, "programs", listing.parameters, first, after, program_from,
                                listing.below)

    @strawberry.field(description="Territories, by code; with a `search`, best match first "
                                  "(see `search`).")
    async def territories(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description=FIRST)] = 50,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: TerritoryFilter | None = None,
    ) -> Connection[Territory]:
        listing = await territory_parameters(info, filter)
        return await connection(info, "territories", listing.parameters, first, after,
                                territory_from)

    @strawberry.field(description="ISIC Rev.4 sectors, by code; with a `search`, best match "
                                  "first (see `search`).")
    async def sectors(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description=FIRST)] = 50,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: SectorFilter | None = None,
    ) -> Connection[Sector]:
        listing = await sector_parameters(info, filter)
        return await connection(info, "sectors", listing.parameters, first, after, sector_from)
