"""The FastAPI application: the Explorer page at /, GraphQL at /graphql, liveness at /healthz,
readiness at /readyz; every other route follows the access rule (service.access_rule). In
the background, the watch that rolls back loads whose loader died."""

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from service import __version__, access_rule
from service.api.context import SUBMISSION_WINDOW_S, get_context
from service.api.http_router import GraphQLHTTPRouter
from service.api.schema import schema
from service.data_state_header import DataStateHeader
from service.database import Database, sync_driver
from service.errors import ArticulaError
from service.language import RequestLanguage
from service.lease_watch import watch_leases
from service.rate_limit import SlidingWindow
from service.request_size import RequestSizeLimit
from service.routes.admin import router as admin_router
from service.routes.explorer import mount_explorer
from service.routes.export import router as export_router
from service.routes.share import router as share_router
from service.security_headers import SecurityHeaders
from service.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings)
        app.state.writer = sync_driver(settings, verify=False)  # for the loader's writer
        # What the process built to start (modules, the schema, the drivers) lives as long as
        # it does: frozen, it is left out of the collector's passes, which otherwise walk it
        # again and again under concurrent requests (a quarter of a small request's CPU).
        gc.collect()
        gc.freeze()
        watch = asyncio.create_task(watch_leases(app.state.db, app.state.writer))
        try:
            yield
        finally:
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
            app.state.writer.close()
            await app.state.db.close()

    # No /openapi.json, /docs or /redoc: nothing describes the service to anonymous callers
    # beyond what they may use (graphql/schema.graphql describes GraphQL).
    app = FastAPI(title="Articula", version=__version__, lifespan=lifespan,
                  openapi_url=None, docs_url=None, redoc_url=None)
    access_rule.install(app)
    app.state.submission_window = SlidingWindow(settings.submissions_per_hour,
                                                SUBMISSION_WINDOW_S)
    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(DataStateHeader)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    # outermost: every answer, refusals by the middlewares above included, speaks the
    # request's language
    app.add_middleware(RequestLanguage, fallback=settings.language)
    # GraphQL's door is its context getter's access rule
    app.include_router(GraphQLHTTPRouter(schema, context_getter=get_context), prefix="/graphql")
    app.include_router(export_router)
    app.include_router(admin_router)
    app.include_router(share_router)
    mount_explorer(app)

    @app.get("/healthz", summary="The process is alive.")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/readyz",
        summary="Neo4j answers and has GDS (no versions: anyone may ask).",
        responses={503: {"description": "Neo4j is unreachable or lacks GDS; `reason` says which."}},
    )
    async def readyz() -> JSONResponse:
        db: Database = app.state.db
        try:
            await db.server_info()
        except ArticulaError as error:
            return JSONResponse(
                {"status": "unavailable", "code": error.code, "reason": error.message},
                status_code=503,
            )
        return JSONResponse({"status": "ready"})

    return app
