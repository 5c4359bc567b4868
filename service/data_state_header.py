"""`Articula-Data-State: LOADING` (or ROLLING_BACK) on every answer of /graphql and /export/*
while a large load is under way, for clients that read files rather than GraphQL's
`extensions` (service/data_state.py)."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.data_state import load_state
from service.database import Database

HEADER = "Articula-Data-State"
PATHS = ("/graphql", "/export/")


class DataStateHeader:
    """ASGI middleware: the header, read from the process's shared state (at most once a
    second), on the answers of PATHS."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app_state = getattr(scope.get("app"), "state", None)  # the app's, once its lifespan ran
        db: Database | None = getattr(app_state, "db", None)
        if scope["type"] != "http" or db is None or not scope["path"].startswith(PATHS):
            await self.app(scope, receive, send)
            return
        state = await load_state(db)

        async def flagged(message: Message) -> None:
            if message["type"] == "http.response.start" and state is not None and not state.ready:
                MutableHeaders(scope=message)[HEADER] = state.state.value
            await send(message)

        await self.app(scope, receive, flagged)
