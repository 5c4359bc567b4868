"""`GET /export/{format}`: a scoped projection as GraphML, GEXF 1.3 or a CSV edge list."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from service import network as net
from service.access import Role
from service.access_rule import Access
from service.errors import ArticulaError, BadUserInput, DatabaseUnavailable
from service.export import WRITERS, ExportFormat
from service.messages import msg
from service.projections import Projection
from service.scope import Scope

router = APIRouter(dependencies=[Depends(Access(Role.READER, "GET /export"))])

LISTS = {"countries": "countries", "territories": "territories",
         "initiativeTypes": "initiative_types", "sectors": "sectors", "actorKinds": "actor_kinds"}
PARAMETERS = {"projection", "year", *LISTS}


def _request(format: str, request: Request) -> tuple[ExportFormat, Projection, Scope]:
    """Format, projection and scope from the path and query; BadUserInput says what is wrong."""
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
    if len(years) > 1 or (years and not years[0].strip().lstrip("-").isdigit()):
        raise BadUserInput(msg("error.export.year", year=", ".join(years)),
                           field="year")
    lists = {attr: [v for item in query.getlist(name) for v in item.split(",")] or None
             for name, attr in LISTS.items()}
    scope = Scope.of(**lists, year=int(years[0]) if years else None)
    return chosen, projection, scope


ERROR = {"type": "object", "required": ["code", "message"],
         "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}
STATUS = {"BAD_USER_INPUT": 400, "QUERY_TOO_COMPLEX": 400, "NOT_FOUND": 404}


@router.get(
    "/export/{format}",
    summary="A projection in a scope as a file: graphml, gexf (1.3) or csv (edge list).",
    description="Query parameters: projection (FULL, ACTORS, INITIATIVES, GOVERNANCE, SUPPLY; "
    "default FULL) and the scope, as in GraphQL's ScopeInput: countries, territories, "
    "initiativeTypes, sectors, actorKinds (repeat the parameter or separate values with "
    "commas) and year. E.g. /export/graphml?projection=ACTORS&countries=CO&countries=MX&year=2020",
    responses={
        200: {"description": "The file, as an attachment.",
              "content": {w.media_type.split(";")[0]: {"schema": {"type": "string"}}
                          for w in WRITERS.values()}},
        400: {"description": "A bad parameter or too big a network; `code` and `message` say "
              "which.", "content": {"application/json": {"schema": ERROR}}},
        401: {"description": "No valid API key (a bad or revoked one, or none where anonymous "
              "reading is off).", "content": {"application/json": {"schema": ERROR}}},
        503: {"description": "Neo4j is unreachable.",
              "content": {"application/json": {"schema": ERROR}}},
    },
    openapi_extra={"parameters": [
        {"name": "format", "in": "path", "required": True,
         "schema": {"type": "string", "enum": [f.value for f in ExportFormat]}},
        {"name": "projection", "in": "query",
         "schema": {"type": "string", "enum": [p.value for p in Projection]}},
        *({"name": name, "in": "query", "explode": True,
           "schema": {"type": "array", "items": {"type": "string"}}} for name in LISTS),
        {"name": "year", "in": "query", "schema": {"type": "integer"}},
    ]},
)
async def export(format: str, request: Request) -> Response:
    try:
        chosen, projection, scope = _request(format, request)
        graph = await net.projected(request.app.state.db, projection, scope)
    except ArticulaError as error:
        status = 503 if isinstance(error, DatabaseUnavailable) else STATUS.get(error.code, 500)
        return JSONResponse({"code": error.code, "message": error.message, **error.details},
                            status_code=status)
    writer = WRITERS[chosen]
    filename = f"articula-{projection.value.lower()}.{writer.suffix}"
    return Response(writer.write(graph), media_type=writer.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
