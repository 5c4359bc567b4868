"""The HTTP endpoints against their OpenAPI description, fuzzed by Schemathesis over a real
uvicorn server on 127.0.0.1. The description is the app's own (`app.openapi()`): the service
does not publish it."""

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from service.app import create_app
from tests.neo4j_backends import Backend
from tests.serving import serve


@pytest.fixture(scope="module")
def base_url(sample_db: object, neo4j_backend: Backend) -> Iterator[str]:
    with serve(neo4j_backend.settings) as url:
        yield url


def test_every_endpoint_keeps_its_openapi_contract(
    base_url: str, neo4j_backend: Backend
) -> None:
    schema = schemathesis.openapi.from_dict(create_app(neo4j_backend.settings).openapi())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {o.path for o in operations} >= {"/healthz", "/readyz", "/export/{format}"}
    for operation in operations:

        @settings(max_examples=40, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def keeps_its_contract(case: schemathesis.Case) -> None:
            # Codes must exist in the database, which no schema says: a schema-valid request
            # may rightly get 400 BAD_USER_INPUT, so that check is left out.
            case.call_and_validate(base_url=base_url, excluded_checks=[positive_data_acceptance])

        keeps_its_contract()
