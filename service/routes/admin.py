"""`POST /admin/load`: load a dataset sent as the request body, ADMIN keys only: a JSON
object (the dataset's JSON format), an .xlsx workbook or a zip of CSV files, told apart by
Content-Type. Runs the loader (validate everything, then write all or nothing)."""

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from loaders.load import load
from loaders.problems import DatasetError, Problem
from service.access import Principal, Role
from service.access_rule import Access
from service.audit import load_summary, record
from service.database import Database, translated_errors
from service.errors import ArticulaError
from service.messages import say

router = APIRouter()

STATUS = {DatasetError.code: 400, "DATABASE_UNAVAILABLE": 503, "DATABASE_AUTH": 503,
          "DATABASE_TIMEOUT": 503}
LOAD = Access(Role.ADMIN, "POST /admin/load")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Content-Type -> the name the body is saved under (what the loader's messages call it)
FORMATS = {"application/json": "request.json", XLSX: "request.xlsx",
           "application/zip": "request"}


def _save(body: bytes, content_type: str, folder: Path) -> Path:
    """The body as the loader reads it: a .json or .xlsx file, or a folder of the zip's CSVs
    (their base names only, so no entry lands outside the folder)."""
    name = FORMATS[content_type]
    if content_type != "application/zip":
        path = folder / name
        path.write_bytes(body)
        return path
    target = folder / name
    target.mkdir()
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for entry in archive.infolist():
                base = PurePosixPath(entry.filename.replace("\\", "/")).name
                if not entry.is_dir() and base.lower().endswith(".csv"):
                    (target / base).write_bytes(archive.read(entry))
    except zipfile.BadZipFile as error:
        raise DatasetError([Problem("request.zip", None, None, None,
                                    say("problem.zip", reason=str(error)))]) from None
    return target


def _refusal(error: ArticulaError, **more: Any) -> JSONResponse:
    return JSONResponse({"code": error.code, "message": error.message, **more},
                        status_code=STATUS.get(error.code, 500))


@router.post(
    "/admin/load",
    summary="Load a dataset sent as the body: JSON, an .xlsx workbook or a zip of CSV files.",
    description="ADMIN keys only (Authorization: Bearer <key>). The body is a dataset in one "
    "of the formats `articula load` reads, told by Content-Type: application/json (one "
    "object with an array of objects per table, e.g. {\"firms\": [{\"id\": \"F-1\", ...}]}), "
    f"{XLSX} (a sheet per table) or application/zip (a CSV file per table). It is validated "
    "completely, then written all or nothing, as `articula load` does (`locale` is its "
    "`--locale`, `strict` its `--strict`). Answers the load's summary, with its likely "
    "duplicates as `warnings`; 400 with `problems` when the dataset has problems (nothing "
    "written); 401/403 "
    "when the key is missing, bad or not an ADMIN's. Bodies are limited by "
    "ARTICULA_MAX_REQUEST_BYTES; load larger datasets with `articula load`.",
    responses={400: {"description": "The dataset has problems; nothing was written."},
               401: {"description": "No valid API key."},
               403: {"description": "The key is not an ADMIN's."},
               415: {"description": "The Content-Type is not one of the dataset formats."}},
)
async def load_dataset(
    request: Request, principal: Annotated[Principal, Depends(LOAD)],
    locale: Annotated[str | None, Query(
        description="How the dataset writes numbers, e.g. es-CO (4.500.000,00) or en "
        "(4,500,000.00); by default each table's numbers tell.")] = None,
    strict: Annotated[bool, Query(
        description="Refuse the dataset when it holds likely duplicates (the same tax id, "
        "or names alike in one country), rather than load it with warnings.")] = False,
) -> JSONResponse:
    db: Database = request.app.state.db
    settings = db.settings
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in FORMATS:
        return JSONResponse({"code": "BAD_USER_INPUT", "message": say(
            "error.load.content_type", given=repr(content_type) if content_type else "(none)",
            formats=list(FORMATS))}, status_code=415)
    body = await request.body()
    driver = request.app.state.writer

    def blocking() -> dict[str, Any]:
        with (tempfile.TemporaryDirectory() as folder,
              translated_errors(settings, operation="The load (POST /admin/load)")):
            path = _save(body, content_type, Path(folder))
            summary = load(path, driver, settings.neo4j_database, progress=False,
                           locale=locale, strict=strict)
            result = load_summary(summary)
            # The loader commits on its own; the audit entry follows immediately after.
            record(driver, settings.neo4j_database, principal.who, "load", after=result,
                   load=result["loadId"], version=summary.graph_version)
            return result

    try:
        return JSONResponse(await anyio.to_thread.run_sync(blocking))
    except DatasetError as error:
        return _refusal(error, problems=[str(p) for p in error.problems])
    except ArticulaError as error:
        return _refusal(error)
