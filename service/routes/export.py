"""`GET /export/{format}`: a scoped projection as GraphML, GEXF 1.3 or a zip of two CSV
tables, carrying the network's node attributes and the scores and communities the request
names."""

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from service import network as net
from service.access import Principal, Role
from service.access_rule import Access
from service.analytics.centrality import Metric
from service.analytics.communities import Algorithm
from service.analytics.slots import caller
from service.api.context import caller_of
from service.errors import ArticulaError, BadUserInput, Busy
from service.export.columns import ATTRIBUTES, PERSISTED, Analyses, table
from service.export.formats import WRITERS, ExportFormat, gexf
from service.export.timeline import timeline
from service.messages import msg
from service.projections import Projection
from service.scope import Scope

READ = Access(Role.READER, "GET /export")
router = APIRouter()

LISTS = {"countries": "countries", "territories": "territories",
         "initiativeTypes": "initiative_types", "sectors": "sectors", "actorKinds": "actor_kinds"}
ANALYSES = ("scores", "communities", "persisted")
SPAN = ("from", "to")
PARAMETERS = {"projection", "year", *LISTS, *ANALYSES, *SPAN}

E = TypeVar("E", bound=StrEnum)


def _values(request: Request, name: str) -> list[str]:
    """A list parameter's values: repeated, or separated by commas; blanks dropped."""
    return [v.strip() for item in request.query_params.getlist(name)
            for v in item.split(",") if v.strip()]


def _chosen(request: Request, name: str, parse: Callable[[str], E],
            expected: list[str]) -> tuple[E, ...]:
    """The distinct values of list parameter `name`, in the order given."""
    out: list[E] = []
    for value in _values(request, name):
        try:
            found = parse(value)
        except (KeyError, ValueError):
            raise BadUserInput(msg("error.export.value", parameter=name, value=value,
                                   expected=expected), field=name, value=value) from None
        if found not in out:
            out.append(found)
    return tuple(out)


def _analyses(request: Request) -> Analyses:
    persisted: list[str] = []
    for value in _values(request, "persisted"):
        name = value.lower()
        if name not in PERSISTED:
            raise BadUserInput(msg("error.export.persisted", value=value), field="persisted",
                               value=value)
        if name not in persisted:
            persisted.append(name)
    return Analyses(
        _chosen(request, "scores", lambda v: Metric(v.upper()), [m.value for m in Metric]),
        _chosen(request, "communities", lambda v: Algorithm(v.upper()),
                [a.value for a in Algorithm]),
        tuple(persisted))


def _request(format: str, request: Request) -> tuple[ExportFormat, Projection, Scope, Analyses]:
    """Format, projection, scope and analyses from the path and query; BadUserInput says
    what is wrong."""
    try:
        chosen = ExportFormat(format.lower())
    except ValueError:
        raise BadUserInput(msg("error.export.format", format=format,
                               expected=[f.value for f in ExportFormat]),
                           field="format") from None
    query = request.query_params
    unknown = sorted(set(query) - PARAMETERS)
    if unknown:
        raise BadUserInput(msg("error.export.parameter", parameter=unknown[0],
                               expected=sorted(PARAMETERS)), field=unknown[0])
    projections = query.getlist("projection") or ["FULL"]
    if len(projections) > 1:
        raise BadUserInput(msg("error.export.projections"), field="projection")
    try:
        projection = Projection(projections[0].upper())
    except ValueError:
        raise BadUserInput(msg("error.export.projection", projection=projections[0],
                               expected=[p.value for p in Projection]),
                           field="projection") from None
    years = query.getlist("year")
    if len(years) > 1 or (years and not _whole(years[0])):
        raise BadUserInput(msg("error.export.year", year=", ".join(years)),
                           field="year")
    lists = {attr: [v for item in query.getlist(name) for v in item.split(",")] or None
             for name, attr in LISTS.items()}
    scope = Scope.of(**lists, year=int(years[0]) if years else None)
    return chosen, projection, scope, _analyses(request)


def _whole(text: str) -> bool:
    return text.strip().lstrip("-").isdigit()


def _span(request: Request, chosen: ExportFormat, analyses: Analyses) -> tuple[int, int] | None:
    """The years of a dynamic export (`from` and `to`, GEXF only, no analyses), or None."""
    given = {name: request.query_params.getlist(name) for name in SPAN}
    if not any(given.values()):
        return None
    for name, values in given.items():
        if len(values) != 1 or not _whole(values[0]):
            raise BadUserInput(msg("error.export.span", parameter=name,
                                   value=", ".join(values)), field=name)
    if chosen is not ExportFormat.GEXF:
        raise BadUserInput(msg("error.export.dynamic_format", format=chosen.value),
                           field="from")
    if analyses != Analyses():
        raise BadUserInput(msg("error.export.dynamic_analyses"), field="from")
    return int(given["from"][0]), int(given["to"][0])


ERROR = {"type": "object", "required": ["code", "message"],
         "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}
STATUS = {"BAD_USER_INPUT": 400, "QUERY_TOO_COMPLEX": 400, "MEMORY_LIMIT": 400,
          "NOT_FOUND": 404, "BUSY": 429, "DATABASE_UNAVAILABLE": 503, "DATABASE_AUTH": 503,
          "DATABASE_TIMEOUT": 503, "QUERY_TIMEOUT": 504}
LIST = {"type": "array", "items": {"type": "string"}}


def _refusal(error: ArticulaError) -> JSONResponse:
    headers = ({"Retry-After": str(error.details.get("retryAfter"))}
               if isinstance(error, Busy) else {})
    return JSONResponse({"code": error.code, "message": error.message, **error.details},
                        status_code=STATUS.get(error.code, 500), headers=headers)


@router.get(
    "/export/{format}",
    summary="A projection in a scope as a file: graphml, gexf (1.3) or csv (a zip of "
    "nodes.csv and edges.csv), with the node attributes and the analyses asked for.",
    description="Query parameters: projection (FULL, ACTORS, INITIATIVES, GOVERNANCE, SUPPLY; "
    "default FULL); the scope, as in GraphQL's ScopeInput: countries, territories, "
    "initiativeTypes, sectors, actorKinds (repeat the parameter or separate values with "
    "commas) and year; scores (centrality metrics), communities (algorithms), computed as "
    "GraphQL's `centrality` and `communities` compute them with their default arguments, and "
    "persisted (node properties `persist` wrote, e.g. score_pagerank_full); from and to "
    "(years, GEXF only, without a year or analyses): a dynamic GEXF of every year's snapshot "
    "from `from` to `to`, each node and edge with the spells of the years it is in. Node "
    "columns: "
    f"{', '.join(name for name, _ in ATTRIBUTES)}, then score_<metric>, "
    "community_<algorithm> and the persisted properties. E.g. "
    "/export/gexf?projection=ACTORS&countries=CO&year=2020&scores=PAGERANK&communities=LOUVAIN",
    responses={
        200: {"description": "The file, as an attachment.",
              "content": {w.media_type: {"schema": {"type": "string", "format": "binary"}}
                          for w in WRITERS.values()}},
        400: {"description": "A bad parameter, too big a network or an analysis past the "
              "memory limit; `code` and `message` say which.",
              "content": {"application/json": {"schema": ERROR}}},
        401: {"description": "No valid API key (a bad or revoked one, or none where anonymous "
              "reading is off).", "content": {"application/json": {"schema": ERROR}}},
        429: {"description": "The caller runs as many analyses as it may at once (BUSY); "
              "Retry-After says when to try again.",
              "content": {"application/json": {"schema": ERROR}}},
        503: {"description": "Neo4j is unreachable.",
              "content": {"application/json": {"schema": ERROR}}},
        504: {"description": "An analysis ran past ARTICULA_ANALYTICS_TIMEOUT.",
              "content": {"application/json": {"schema": ERROR}}},
    },
    openapi_extra={"parameters": [
        {"name": "format", "in": "path", "required": True,
         "schema": {"type": "string", "enum": [f.value for f in ExportFormat]}},
        {"name": "projection", "in": "query",
         "schema": {"type": "string", "enum": [p.value for p in Projection]}},
        *({"name": name, "in": "query", "explode": True, "schema": LIST} for name in LISTS),
        {"name": "year", "in": "query", "schema": {"type": "integer"}},
        {"name": "scores", "in": "query", "explode": True,
         "schema": {"type": "array", "items": {"type": "string",
                                               "enum": [m.value for m in Metric]}}},
        {"name": "communities", "in": "query", "explode": True,
         "schema": {"type": "array", "items": {"type": "string",
                                               "enum": [a.value for a in Algorithm]}}},
        {"name": "persisted", "in": "query", "explode": True, "schema": LIST},
        *({"name": name, "in": "query", "schema": {"type": "integer"}} for name in SPAN),
    ]},
)
async def export(format: str, request: Request,
                 principal: Annotated[Principal, Depends(READ)]) -> Response:
    caller.set(caller_of(principal, request))  # whose analysis slots the analyses take
    db = request.app.state.db
    try:
        chosen, projection, scope, analyses = _request(format, request)
        span = _span(request, chosen, analyses)
        if span is None:
            found = await table(db, await net.projected(db, projection, scope), analyses)
            body = WRITERS[chosen].write(found)
        else:
            joined = await timeline(db, projection, scope, *span)
            body = gexf(await table(db, joined.graph, analyses), joined)
    except ArticulaError as error:
        return _refusal(error)
    writer = WRITERS[chosen]
    filename = f"articula-{projection.value.lower()}.{writer.suffix}"
    return Response(body, media_type=writer.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
