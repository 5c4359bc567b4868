"""`POST /admin/load`: load a dataset sent as one JSON object (the dataset's JSON format);
ADMIN keys only. Runs the loader (validate everything, then write all or nothing)."""

import json
import tempfile
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from loaders.load import load
from loaders.problems import DatasetError
from loaders.writer import LoadSummary
from service.access import Role, authenticate
from service.cypher_catalog import cypher
from service.database import Database, translated_errors
from service.errors import ArticulaError, Forbidden, Unauthenticated

router = APIRouter()

STATUS = {Unauthenticated.code: 401, Forbidden.code: 403, DatasetError.code: 400,
          "DATABASE_UNAVAILABLE": 503, "DATABASE_AUTH": 503, "DATABASE_TIMEOUT": 503}
SOURCE = "request.json"


def _refusal(error: ArticulaError, **more: Any) -> JSONResponse:
    return JSONResponse({"code": error.code, "message": error.message, **more},
                        status_code=STATUS.get(error.code, 500))


def _summary(summary: LoadSummary) -> dict[str, Any]:
    return {
        "loadId": summary.load_id if summary.created or summary.updated else None,
        "source": summary.source, "rows": summary.rows, "created": summary.created,
        "updated": summary.updated, "graphVersion": summary.graph_version,
        "counts": {label: {"created": c.created, "updated": c.updated}
                   for label, c in summary.counts.items()},
    }


@router.post(
    "/admin/load",
    summary="Load a dataset sent as one JSON object with an array of objects per table.",
    description="ADMIN keys only (Authorization: Bearer <key>). The body is the dataset's "
    "JSON format, e.g. {\"firms\": [{\"id\": \"F-1\", ...}]}; it is validated completely, "
    "then written all or nothing, as `articula load` does. Answers the load's summary; 400 "
    "with `problems` when the dataset has problems (nothing written); 401/403 when the key "
    "is missing, bad or not an ADMIN's. Bodies are limited by ARTICULA_MAX_REQUEST_BYTES; "
    "load larger datasets with `articula load`.",
    responses={400: {"description": "The dataset has problems; nothing was written."},
               401: {"description": "No valid API key."},
               403: {"description": "The key is not an ADMIN's."}},
)
async def load_dataset(request: Request) -> JSONResponse:
    db: Database = request.app.state.db
    settings = db.settings
    try:
        principal = await authenticate(request.headers.get("authorization"), db,
                                       settings.anonymous_read)
        principal.require(Role.ADMIN, "POST /admin/load")
    except ArticulaError as error:
        return _refusal(error)
    body = await request.body()
    driver = request.app.state.writer

    def blocking() -> dict[str, Any]:
        with tempfile.TemporaryDirectory() as folder, translated_errors(settings):
            path = Path(folder) / SOURCE
            path.write_bytes(body)
            summary = load(path, driver, settings.neo4j_database, progress=False)
            result = _summary(summary)
            # The loader commits on its own; the audit entry follows immediately after.
            driver.execute_query(
                cypher("mutations/audit"), keyId=principal.key_id,
                role=principal.role.name if principal.role else None, operation="load",
                targets=[], before=None, after=json.dumps(result, sort_keys=True),
                load=result["loadId"], version=summary.graph_version,
                database_=settings.neo4j_database,
            )
            return result

    try:
        return JSONResponse(await anyio.to_thread.run_sync(blocking))
    except DatasetError as error:
        return _refusal(error, problems=[str(p) for p in error.problems])
    except ArticulaError as error:
        return _refusal(error)
