"""`about`: which Articula and which Neo4j/GDS answer, read from the live server."""

import strawberry

from service import __version__
from service.api.context import Info


@strawberry.type(description="The running service and the database behind it.")
class About:
    version: str = strawberry.field(description="Articula's version.")
    neo4j_version: str = strawberry.field(description="Neo4j kernel version of the server.")
    neo4j_edition: str = strawberry.field(description="community or enterprise.")
    gds_version: str = strawberry.field(description="Graph Data Science library version.")


async def resolve_about(info: Info) -> About:
    server = await info.context.db.server_info()
    return About(
        version=__version__,
        neo4j_version=server.neo4j_version,
        neo4j_edition=server.neo4j_edition,
        gds_version=server.gds_version,
    )
