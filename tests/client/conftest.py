from collections.abc import Iterator

import neo4j
import pytest

from tests.neo4j_backends import Backend
from tests.serving import serve


@pytest.fixture(scope="module")
def base_url(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    """The service on the sample, on a real uvicorn: what the client talks to."""
    with serve(neo4j_backend.settings) as url:
        yield url
