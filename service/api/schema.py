"""The GraphQL schema: the root types joining every domain module."""

from functools import partial

import strawberry
from strawberry.extensions import MaxTokensLimiter, ValidationCache

from service.api.about import About, resolve_about
from service.api.analytics import AnalyticsQuery
from service.api.audit import AuditQuery
from service.api.data_state import DataStateExtension
from service.api.entity_query import EntityQuery
from service.api.error_codes import ErrorCodes
from service.api.evolution import EvolutionQuery
from service.api.execution import PlainListExecutionContext
from service.api.gaps import BrokerageQuery, GapsQuery
from service.api.get_never_writes import GetNeverWrites
from service.api.limits import MAX_TOKENS, QueryLimitGuard
from service.api.matchmaking import MatchmakingQuery
from service.api.mutations import Mutation as WriteMutation
from service.api.network import NetworkQuery
from service.api.parser_cache import DOCUMENT_CACHE, ParserCache
from service.api.submissions import SubmissionMutation, SubmissionQuery


@strawberry.type
class Query(
    EntityQuery, NetworkQuery, AnalyticsQuery, EvolutionQuery, GapsQuery, BrokerageQuery,
    MatchmakingQuery, AuditQuery, SubmissionQuery,
):
    about: About = strawberry.field(
        resolver=resolve_about,
        description="Versions of Articula, Neo4j and GDS, and whether a large load is under way."
    )


@strawberry.type
class Mutation(WriteMutation, SubmissionMutation):
    pass


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    execution_context_class=PlainListExecutionContext,
    extensions=[
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        ParserCache,
        partial(ValidationCache, maxsize=DOCUMENT_CACHE),
        GetNeverWrites,
        QueryLimitGuard,
        ErrorCodes,
        DataStateExtension,
    ],
)
