"""Session-wide Neo4j for the tests: empty, or holding the schema and the reference data
only, before each test that asks for it."""

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


def drop_graphs(driver: neo4j.Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run(
            "CALL gds.graph.list() YIELD graphName "
            "CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped "
            "RETURN count(dropped)"
        ).consume()


def delete_nodes(driver: neo4j.Driver, database: str, where: str = "true") -> None:
    with driver.session(database=database) as session:
        session.run(
            f"MATCH (n) WHERE {where} CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def empty_database(driver: neo4j.Driver, database: str) -> None:
    """Drop every GDS graph and delete every node, the reference data too."""
    drop_graphs(driver, database)
    delete_nodes(driver, database)


# What the reference data looked like right after this session's last `init`, as
# `_reference_print` sees it; None before the first.
_initialised: dict[str, tuple[int, ...] | None] = {"print": None}


def _reference_print(driver: neo4j.Driver, database: str) -> tuple[int, ...]:
    """Counts that change when a test empties, extends or edits the reference data (node and
    link counts, property counts, the length of every name)."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE n.reference IS NOT NULL "
        "WITH count(n) AS nodes, sum(size(keys(n))) AS properties, "
        "     sum(size(coalesce(n.name, ''))) AS names "
        "OPTIONAL MATCH (a)-[r]->(b) WHERE a.reference IS NOT NULL AND b.reference IS NOT NULL "
        "RETURN nodes, properties, names, count(r) AS links, "
        "       sum(size(keys(r))) AS linkProperties", database_=database)
    return tuple(int(records[0][k]) for k in
                 ("nodes", "properties", "names", "links", "linkProperties"))


def fresh_reference(driver: neo4j.Driver, database: str) -> None:
    """The schema and the reference data as `db init` writes them, and nothing else (no
    dataset, API key, audit entry or graph version): what a test starts from. The reference
    data, the same for every test, are written again only when a test emptied or changed
    them, which costs seconds each time."""
    from loaders.load import init
    from loaders.reference_data import apply_schema

    drop_graphs(driver, database)
    delete_nodes(driver, database, "n.reference IS NULL")
    known = _initialised["print"]
    if known is not None and _reference_print(driver, database) == known:
        apply_schema(driver, database)
        return
    delete_nodes(driver, database)
    init(driver, database)
    _initialised["print"] = _reference_print(driver, database)


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
    fresh_reference(driver, neo4j_backend.settings.neo4j_database)
    return driver


@pytest.fixture(scope="module")
def sample_db(driver: neo4j.Driver, neo4j_backend: Backend) -> neo4j.Driver:
    """Reference data plus the sample dataset, loaded once for a module that only reads."""
    from loaders.load import SAMPLE, load

    database = neo4j_backend.settings.neo4j_database
    fresh_reference(driver, database)
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
