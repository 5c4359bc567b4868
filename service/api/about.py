"""`about`: which Articula and which Neo4j/GDS answer, read from the live server, and whether
a large load is under way."""

import strawberry

from service import __version__
from service.api.context import Info
from service.data_state import DataState, LoadState, LoadStatus, remember

strawberry.enum(
    DataState,
    description="Whether what the API reads was committed whole: READY, or LOADING while a "
    "large load writes (the batches it committed so far are visible), or ROLLING_BACK while "
    "a failed one is undone.",
)
strawberry.enum(LoadStatus, description="Where a large load under way stands.")


@strawberry.type(description="A large load under way, as its loader reports it.")
class LoadProgress:
    id: str = strawberry.field(description="The load's id (every row it wrote carries it as "
                               "`loadId`).")
    source: str = strawberry.field(description="The dataset's file or folder name.")
    status: LoadStatus = strawberry.field(description="WRITING or ROLLING_BACK.")
    rows_written: int = strawberry.field(
        description="Rows of the batches committed so far (visible to every read).")
    rows_total: int = strawberry.field(description="Rows the load writes in all.")
    started_at: str | None = strawberry.field(description="When it started, ISO 8601.")
    lease_lapsed: bool = strawberry.field(
        description="Its loader stopped renewing its lease (the loader or Neo4j died): the "
        "service rolls it back within ARTICULA_LOAD_LEASE_CHECK seconds.")


@strawberry.type(description="The running service and the database behind it.")
class About:
    version: str = strawberry.field(description="Articula's version.")
    neo4j_version: str = strawberry.field(description="Neo4j kernel version of the server.")
    neo4j_edition: str = strawberry.field(description="community or enterprise.")
    gds_version: str = strawberry.field(description="Graph Data Science library version.")
    data_state: DataState = strawberry.field(
        description="READY, or LOADING / ROLLING_BACK while a large load is under way; every "
        "answer's `extensions.dataState` says the same.")
    loads: list[LoadProgress] = strawberry.field(
        description="The large loads under way, oldest first (empty when READY).")


async def resolve_about(info: Info) -> About:
    db = info.context.db
    server = await db.server_info()
    state = LoadState.of(await db.read("load/pending"))
    remember(db, state)
    return About(
        version=__version__,
        neo4j_version=server.neo4j_version,
        neo4j_edition=server.neo4j_edition,
        gds_version=server.gds_version,
        data_state=state.state,
        loads=[LoadProgress(id=load.id, source=load.source, status=load.status,
                            rows_written=load.rows_written, rows_total=load.rows_total,
                            started_at=load.started_at, lease_lapsed=load.lease_lapsed)
               for load in state.loads],
    )
