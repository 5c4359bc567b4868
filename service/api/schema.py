"""The GraphQL schema: the root types joining every domain module."""

import strawberry

from service.api.about import About, resolve_about
from service.api.entity_query import EntityQuery
from service.api.error_codes import ErrorCodes


@strawberry.type
class Query(EntityQuery):
    about: About = strawberry.field(
        resolver=resolve_about, description="Versions of Articula, Neo4j and GDS."
    )


schema = strawberry.Schema(query=Query, extensions=[ErrorCodes])
