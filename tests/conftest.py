"""Session-wide Neo4j for the tests, emptied before each test that asks for it."""

import os
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.neo4j_backends import Backend, backend

# The suite reads the service's texts in English, whatever the machine's environment says;
# tests/service/test_messages.py and tests/service/api/test_languages.py pin Spanish (the
# default), Portuguese and the choice between them.
os.environ["ARTICULA_LANGUAGE"] = "en"


@pytest.fixture(scope="session")
def neo4j_backend() -> Iterator[Backend]:
    with backend() as found:
        yield found


@pytest.fixture(scope="session")
def driver(neo4j_backend: Backend) -> Iterator[neo4j.Driver]:
    s = neo4j_backend.settings
    with neo4j.GraphDatabase.driver(
        s.bolt_uri, auth=(s.neo4j_user, s.neo4j_password.get_secret_value())
    ) as session_driver:
        yield session_driver


def empty_database(driver: neo4j.Driver, database: str) -> None:
    """Drop every GDS graph and delete every node: what a test starts from."""
    with driver.session(database=database) as session:
        session.run(
            "CALL gds.graph.list() YIELD graphName "
            "CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped "
            "RETURN count(dropped)"
        ).consume()
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


@pytest.fixture
def db(driver: neo4j.Driver, neo4j_backend: Backend) -> neo4j.Driver:
    """The session's driver over an empty database."""
    empty_database(driver, neo4j_backend.settings.neo4j_database)
    return driver


@pytest.fixture
def client(db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    """The whole app, lifespan included, over an empty database."""
    with TestClient(create_app(neo4j_backend.settings)) as test_client:
        yield test_client


@pytest.fixture
def reference_db(driver: neo4j.Driver, neo4j_backend: Backend) -> neo4j.Driver:
    """A database holding the schema and the reference data only."""
    from loaders.load import init
    from loaders.reference_data import sector_rows, territory_rows
    from service.cypher_catalog import cypher

    database = neo4j_backend.settings.neo4j_database
    with driver.session(database=database) as session:
        session.run(cypher("db/reset")).consume()
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE n:Territory OR n:Sector RETURN count(n) AS n", database_=database
    )
    if records[0]["n"] != len(territory_rows()) + len(sector_rows()):
        init(driver, database)
    return driver


@pytest.fixture(scope="module")
def sample_db(driver: neo4j.Driver, neo4j_backend: Backend) -> neo4j.Driver:
    """Reference data plus the sample dataset, loaded once for a module that only reads."""
    from loaders.load import SAMPLE, init, load

    database = neo4j_backend.settings.neo4j_database
    empty_database(driver, database)
    init(driver, database)
    load(SAMPLE, driver, database)
    return driver


@pytest.fixture(scope="module")
def sample_client(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    """The whole app over the sample dataset; for modules that only read."""
    with TestClient(create_app(neo4j_backend.settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def synthetic_100k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 100k-actor synthetic dataset (seed 7), the normal size of a real deployment;
    generated once per test session (about 7 s) for the tests marked `slow`."""
    from loaders.synthetic import generate

    folder = tmp_path_factory.mktemp("synthetic") / "100k-seed7"
    generate(folder, 100_000, 7)
    return folder
