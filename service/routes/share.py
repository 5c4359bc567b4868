"""`GET /initiative/{id}`: the Explorer under a URL to share. The page names the initiative
in its title and describes it for link previews (Open Graph), in the caller's language,
then opens the initiative's view; it reads what the caller's role may read, through the
access rule like every other door."""

import html
import re
from functools import cache
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from service.access import Principal, Role
from service.access_rule import Access
from service.database import Database
from service.errors import ArticulaError
from service.language import negotiate
from service.messages import msg, render
from service.routes.explorer import STATIC

DESCRIPTION_CHARS = 240  # what link previews show of a description


def page(request: Request, error: ArticulaError | None = None, status: int = 200,
         headers: dict[str, str] | None = None, card: dict[str, str] | None = None
         ) -> HTMLResponse:
    """The Explorer's page, its files addressed from one level down, with the initiative's
    title and description when `card` has them, or the refusal's code when `error` says."""
    language = _language(request)
    head = [f'<meta name="articula-refusal" content="{html.escape(error.code)}">'] if error else []
    if card is not None:
        head += [f"<title>{html.escape(card['title'])}</title>",
                 f'<meta name="description" content="{html.escape(card["description"])}">',
                 '<meta property="og:type" content="website">',
                 '<meta property="og:site_name" content="Articula">',
                 f'<meta property="og:title" content="{html.escape(card["title"])}">',
                 f'<meta property="og:description" content="{html.escape(card["description"])}">',
                 f'<meta property="og:url" content="{html.escape(str(request.url))}">',
                 f'<meta property="og:locale" content="{OG_LOCALES[language]}">']
    text = _template().replace('<html lang="es">', f'<html lang="{language}">')
    if card is not None:
        text = _TITLE.sub("", text, count=1)
    text = text.replace("</head>", "".join(f"  {line}\n" for line in head) + "</head>", 1)
    return HTMLResponse(text, status_code=status, headers={"Cache-Control": "no-cache",
                                                           **(headers or {})})


def refused_page(request: Request, error: ArticulaError, status: int,
                 headers: dict[str, str]) -> HTMLResponse:
    """A refusal at this door: the plain page (which asks for a key), with the refusal's
    status and code."""
    return page(request, error, status, headers)


_TITLE = re.compile(r"\s*<title>.*?</title>")
SHARE = Access(Role.READER, "GET /initiative", render=refused_page)
OG_LOCALES = {"es": "es_419", "en": "en_US", "pt": "pt_BR"}
router = APIRouter()


@router.get("/initiative/{id}", include_in_schema=False)
async def shared_initiative(id: str, request: Request,
                            _: Annotated[Principal, Depends(SHARE)]) -> HTMLResponse:
    """The page of initiative `id`; 404 (the page, which says so) for an unknown id, 503
    while Neo4j is out of reach."""
    db: Database = request.app.state.db
    try:
        rows = await db.read("explorer/share_card", id=id)
    except ArticulaError as error:
        return page(request, error, 503)
    if not rows:
        return page(request, status=404)
    return page(request, card=card(rows[0], _language(request)))


def card(row: dict[str, object], language: str) -> dict[str, str]:
    """The title and the preview's description of an initiative, in `language`."""
    territories = row["territories"] or []
    summary = msg("share.summary" if territories else "share.summary.nowhere",
                  type=row["type"], territories=territories, count=row["members"])
    description = str(row["description"] or "").strip()
    if len(description) > DESCRIPTION_CHARS:
        description = description[:DESCRIPTION_CHARS - 1].rstrip() + "…"
    text = render(summary, language) + (f" {description}" if description else "")
    return {"title": render(msg("share.title", name=row["name"]), language),
            "description": text}


def _language(request: Request) -> str:
    db: Database = request.app.state.db
    return negotiate(request.headers.get("accept-language"), db.settings.language)


@cache
def _template() -> str:
    """index.html with its files addressed from `/initiative/`: `../explorer/...`."""
    text = (STATIC / "index.html").read_text(encoding="utf-8")
    return text.replace('href="explorer/', 'href="../explorer/').replace(
        'src="explorer/', 'src="../explorer/')


