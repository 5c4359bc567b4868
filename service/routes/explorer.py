"""The Explorer page: `GET /` serves its HTML, `/explorer/` its scripts, styles and vendored
libraries, all from the package (no CDN; they work offline)."""

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent.parent / "static" / "explorer"

router = APIRouter()


@router.get("/", include_in_schema=False)
async def explorer_page() -> FileResponse:
    """The single page; its views are hash routes (`#/gaps`, `#/initiative/<id>`, ...)."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


def mount_explorer(app: FastAPI) -> None:
    """Serve the page at `/` and its files at `/explorer/`."""
    app.include_router(router)
    app.mount("/explorer", StaticFiles(directory=STATIC), name="explorer")
