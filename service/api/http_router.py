"""GraphQL over HTTP at /graphql, as the GraphQL-over-HTTP specification says.

The answer's media type follows `Accept` (`media_type.negotiate`). In
`application/graphql-response+json` a request that never reached execution (it did not
parse, validate or coerce its variables, or a guard refused it) has no `data` entry and
a 4xx or 5xx status named by its error's code; one that executed is 200, errors or not.
In `application/json`, for legacy clients, every GraphQL answer is 200 and keeps
`"data": null`. A request that is not well-formed GraphQL over HTTP is refused in both
with an HTTP status and a code (`http_request`); GET runs queries only (405 for a
mutation). No GraphiQL page and no WebSocket endpoint are served.
"""

from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from fastapi.routing import APIWebSocketRoute
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.exceptions import MissingQueryError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from service.api.context import Context
from service.api.error_codes import INVALID_QUERY
from service.api.graphql_messages import worded
from service.api.http_request import (
    BAD_REQUEST,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    RequestRefused,
    from_body,
    from_query_string,
)
from service.api.limits import MAX_TOKENS
from service.api.media_type import GRAPHQL_RESPONSE_JSON, JSON, negotiate
from service.api.parser_cache import operation_count
from service.messages import msg, say

# The status of an application/graphql-response+json answer that did not execute, by the
# code of its first error; any other code (a parse, validation or variable error, a query
# over the limits) is the client's to fix: 400.
STATUS_OF_CODE = {
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "METHOD_NOT_ALLOWED": 405,  # a GET asking a field to persist (GetNeverWrites)
    "INTERNAL_SERVER_ERROR": 500,
    "DATABASE_UNAVAILABLE": 503,
    "WRITE_OUTCOME_UNKNOWN": 503,
    "GDS_UNAVAILABLE": 503,
}
HEADERS_OF_STATUS = {401: {"WWW-Authenticate": "Bearer"}, 405: {"Allow": "POST"}}


def executed(result: ExecutionResult) -> bool:
    """Whether execution started: errors raised before it (parse, validation, variables,
    a guard's refusal) carry no path, field errors always do."""
    return result.data is not None or not result.errors or any(
        error.path is not None for error in result.errors)


def status_of(result: ExecutionResult) -> int:
    if executed(result) or not result.errors:
        return 200
    code = (result.errors[0].extensions or {}).get("code")
    return STATUS_OF_CODE.get(str(code), 400)


def not_executed(message: str) -> ExecutionResult:
    """A request error found before strawberry's execution: the operation is undetermined."""
    return ExecutionResult(data=None, errors=[GraphQLError(
        message, extensions={"code": INVALID_QUERY})])


class GraphQLHTTPRouter(GraphQLRouter[Context, None]):
    def __init__(self, schema: BaseSchema, context_getter: Any) -> None:
        super().__init__(schema, context_getter=context_getter, graphql_ide=None,
                         subscription_protocols=(), include_in_schema=False)
        self.routes[:] = [route for route in self.routes
                          if not isinstance(route, APIWebSocketRoute)]

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        return False

    async def run(  # type: ignore[override]
        self, request: Request | WebSocket, context: Context = UNSET,
        root_value: None = UNSET,
    ) -> Response:
        assert isinstance(request, Request), "the WebSocket route is not mounted"
        media_type = negotiate(request.headers.get("accept"))
        try:
            if media_type is None:
                raise RequestRefused(
                    406, NOT_ACCEPTABLE,
                    msg("error.http.not_acceptable", graphql=GRAPHQL_RESPONSE_JSON, json=JSON))
            request.state.graphql_media_type = media_type
            response = await super().run(request, context, root_value)
        except RequestRefused as refusal:
            return self.refusal(refusal, media_type or JSON)
        except HTTPException as error:  # strawberry's own checks
            code = METHOD_NOT_ALLOWED if error.status_code == 405 else BAD_REQUEST
            return self.refusal(
                RequestRefused(error.status_code, code, worded(error.reason)),
                media_type or JSON)
        assert isinstance(response, Response)
        response.status_code = request.state.graphql_status
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        response.headers.update(HEADERS_OF_STATUS.get(response.status_code, {}))
        return response

    def refusal(self, refusal: RequestRefused, media_type: str) -> Response:
        body = {"errors": [{"message": refusal.message, "extensions": {"code": refusal.code}}]}
        return Response(self.encode_json(body), status_code=refusal.status,
                        headers={**refusal.headers, "content-type": f"{media_type}; charset=utf-8"})

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        if request.method == "GET":
            return from_query_string(request.query_params)  # type: ignore[arg-type]
        return from_body(request.content_type, await request.get_body())

    async def execute_single(
        self, request: Request, request_adapter: AsyncHTTPRequestAdapter, sub_response: Response,
        context: Context, root_value: None, request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        get = request_adapter.method == "GET"
        allowed = OperationType.from_http(request_adapter.method)  # no mutation on GET
        if request_data.operation_name is None and request_data.query is not None and (
                operation_count(request_data.query, MAX_TOKENS) or 0) > 1:
            # strawberry would run the first; GraphQL says the operation is undetermined
            return not_executed(say("error.graphql.operation_name"))
        try:
            return await self.schema.execute(
                request_data.query, root_value=root_value, variable_values=request_data.variables,
                context_value=context, operation_name=request_data.operation_name,
                allowed_operation_types=allowed, operation_extensions=request_data.extensions,
            )
        except InvalidOperationTypeError as error:
            if get:
                raise RequestRefused(405, METHOD_NOT_ALLOWED,
                                     msg("error.http.get_mutation"),
                                     headers={"Allow": "POST"}) from error
            raise RequestRefused(400, BAD_REQUEST, worded(
                error.as_http_error_reason(request_adapter.method))) from error
        except CannotGetOperationTypeError as error:
            return not_executed(worded(error.as_http_error_reason()))
        except MissingQueryError as error:
            raise RequestRefused(400, BAD_REQUEST, msg("error.http.no_query")) from error

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = process_result(result)
        status = 200
        if request.state.graphql_media_type == GRAPHQL_RESPONSE_JSON and not executed(result):
            response.pop("data", None)
            status = status_of(result)
        request.state.graphql_status = status
        return response
