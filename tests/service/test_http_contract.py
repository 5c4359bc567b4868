"""The HTTP endpoints against their OpenAPI description, fuzzed by Schemathesis over a real
uvicorn server on 127.0.0.1."""

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from service.app import create_app
from tests.neo4j_backends import Backend


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(sample_db: object, neo4j_backend: Backend) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(neo4j_backend.settings), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def test_every_endpoint_keeps_its_openapi_contract(base_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
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
