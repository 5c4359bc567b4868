"""`articula load --bulk`: the store neo4j-admin writes is the one a live load writes; what
it refuses, it refuses before touching anything; a failed import leaves the old store.

Each bulk load that reaches the import stops and starts the test server (two in this
module); the refusals do not."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import neo4j
import pytest

from loaders.bulk import BulkImportFailed, BulkRefused, bulk_load
from loaders.load import SAMPLE, load, reset
from loaders.problems import DatasetError
from service.access import create_key
from service.local_neo4j import LocalNeo4j
from tests.conftest import fresh_reference
from tests.loaders.datasets import small_network, write_csv_folder
from tests.loaders.graph_dump import count, dump
from tests.neo4j_backends import Backend, cli_env

# A row that changes a reference territory: the load MERGEs it, stamping it with its id.
CHANGED_REFERENCE = "CO-ANT,Antioquia (departamento),REGION,CO\n"
# A firm whose name the import files must quote: a comma, quotes and a line break.
QUOTED_NAME = ('FIRM-CO-999,"Comercial ""La Esquina"", Ltda.\nsede norte",SMALL,CO-ANT-05001,'
               "4711,12,2019,\n")


@pytest.fixture
def server(neo4j_backend: Backend) -> LocalNeo4j:
    """The test server, whose object stops and starts it (so the session stops it at its end)."""
    if neo4j_backend.local is None:
        pytest.skip("--bulk writes the store of the local server; the tests run elsewhere")
    return neo4j_backend.local


def sample_with_a_changed_territory_and_a_quoted_name(tmp_path: Path) -> Path:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("*.py", "*.md"))
    with (folder / "territories.csv").open("a", encoding="utf-8") as file:
        file.write(CHANGED_REFERENCE)
    with (folder / "firms.csv").open("a", encoding="utf-8") as file:
        file.write(QUOTED_NAME)
    return folder


def state(driver: neo4j.Driver, load_id: str) -> dict[str, Any]:
    """Every node and relationship (API keys aside) with its properties and load stamp, the
    load's record and the graph version, the constraints and indexes. The load's id is
    random and so differs between two loads: it is compared as a placeholder. Masked: the
    record's `loadedAt` and the version's `changedAt`, times of the two loads."""
    graph = dump(driver, stamps=True)
    records, _, _ = driver.execute_query(
        "MATCH (l:Load) RETURN properties(l) AS load")
    loads = [{**r["load"], "id": "LOAD" if r["load"]["id"] == load_id else r["load"]["id"],
              "loadedAt": "masked"} for r in records]
    records, _, _ = driver.execute_query(
        "MATCH (g:GraphVersion) RETURN properties(g) AS version")
    versions = [{**r["version"], "changedAt": "masked"} for r in records]
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, "
        "owningConstraint RETURN *")
    indexes = sorted(repr(sorted(r.data().items())) for r in records)
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *")
    constraints = sorted(repr(sorted(r.data().items())) for r in records)
    return {
        "nodes": [n.replace(repr(load_id), "'LOAD'") for n in graph["nodes"]
                  if not n.startswith("(['ApiKey']")],
        "relationships": [r.replace(repr(load_id), "'LOAD'") for r in graph["relationships"]],
        "loads": loads, "versions": versions, "indexes": indexes, "constraints": constraints,
    }


def follow_the_new_store(driver: neo4j.Driver, database: str) -> None:
    """Point the session driver's bookmarks at the new store: they name the old store's
    last transaction, which the new one, numbering its own from the start, may not reach
    for long (a running service's driver would wait the same way)."""
    manager = driver.execute_query_bookmark_manager
    with driver.session(database=database) as session:
        session.execute_read(lambda tx: tx.run("RETURN 1").consume())
        fresh = session.last_bookmarks()
    manager.update_bookmarks(manager.get_bookmarks(), list(fresh.raw_values))


def api_keys(driver: neo4j.Driver) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query("MATCH (k:ApiKey) RETURN properties(k) AS key")
    return [dict(r["key"]) for r in records]


def fresh(driver: neo4j.Driver, database: str) -> None:
    """An empty database with the schema, the reference data, an API key and graph
    version 1 (a `db reset`): what each of the two loads starts from; one reference
    territory renamed and one of its regions unlinked, which the reference data a load
    writes first puts right."""
    fresh_reference(driver, database)
    create_key(driver, database, "dashboard", "READER")
    assert reset(driver, database) == 1
    records, _, _ = driver.execute_query(
        "MATCH (r:Territory {code: 'CO-DC'})-[p:PART_OF]->(t:Territory {code: 'CO'}) "
        "SET t.name = 'Colombia (renamed)' DELETE p RETURN count(*) AS changed")
    assert records[0]["changed"] == 1


def test_a_bulk_load_writes_the_store_a_live_load_writes(
        db: neo4j.Driver, server: LocalNeo4j, tmp_path: Path) -> None:
    settings, database = server.settings, server.settings.neo4j_database
    dataset = sample_with_a_changed_territory_and_a_quoted_name(tmp_path)
    fresh(db, database)
    live = load(dataset, db, database, progress=False)
    expected = state(db, str(live.load_id))
    assert expected["loads"][0]["status"] == "COMMITTED"
    assert any("'Antioquia (departamento)'" in n and "'LOAD'" in n for n in expected["nodes"])
    assert any(repr('Comercial "La Esquina", Ltda.\nsede norte') in n for n in expected["nodes"])

    fresh(db, database)
    keys = api_keys(db)
    said: list[str] = []
    bulk = bulk_load(dataset, settings, server=server, say=said.append)
    follow_the_new_store(db, database)
    assert bulk.counts == live.counts
    assert (bulk.created, bulk.updated, bulk.graph_version, bulk.rows) == (
        live.created, live.updated, 2, live.rows)
    assert state(db, str(bulk.load_id)) == expected
    assert api_keys(db) == keys  # carried into the new store as they were
    # without a terminal, each phase reports in lines (a log)
    assert "Writing the import files: 100 %" in said
    assert "neo4j-admin: (1/4) Node import: 100 %" in said


def test_bulk_refuses_a_database_holding_a_dataset_and_changes_nothing(
        reference_db: neo4j.Driver, server: LocalNeo4j, tmp_path: Path) -> None:
    database = server.settings.neo4j_database
    load(write_csv_folder(small_network(), tmp_path / "first"), reference_db, database,
         progress=False)
    before, pid = (dump(reference_db, stamps=True), count(reference_db)), server.pid()
    with pytest.raises(BulkRefused) as refused:
        bulk_load(SAMPLE, server.settings, server=server)
    assert refused.value.code == "BULK_REFUSED"
    assert refused.value.message.startswith("The database holds a dataset (")
    assert "articula db reset --yes" in refused.value.message
    assert (dump(reference_db, stamps=True), count(reference_db)) == before
    assert server.pid() == pid  # not restarted


def test_an_invalid_dataset_is_refused_as_the_live_load_refuses_it(
        reference_db: neo4j.Driver, server: LocalNeo4j, tmp_path: Path) -> None:
    tables = small_network()
    tables["firms"][0]["size"] = "enorme"
    tables["participations"][1]["actor_id"] = "F-404"
    path = write_csv_folder(tables, tmp_path / "bad")
    before, pid = (dump(reference_db, stamps=True), count(reference_db)), server.pid()
    with pytest.raises(DatasetError) as live:
        load(path, reference_db, server.settings.neo4j_database, progress=False)
    with pytest.raises(DatasetError) as bulk:
        bulk_load(path, server.settings, server=server)
    assert str(bulk.value) == str(live.value)
    assert "firms.csv, row 2, column size: 'enorme'" in str(bulk.value)
    assert (dump(reference_db, stamps=True), count(reference_db)) == before
    assert server.pid() == pid


def test_bulk_against_a_remote_neo4j_is_refused(neo4j_backend: Backend) -> None:
    env = {**cli_env(neo4j_backend), "NEO4J_URI": "bolt://graph.example.org:7687"}
    result = subprocess.run([sys.executable, "-m", "service.cli", "load", str(SAMPLE),
                             "--bulk"], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "articula: --bulk writes the store of the local Neo4j server with neo4j-admin")
    assert "NEO4J_URI points at bolt://graph.example.org:7687" in result.stderr


def test_a_failed_import_puts_the_old_store_back_and_neo4j_runs_on_it(
        reference_db: neo4j.Driver, server: LocalNeo4j) -> None:
    database = server.settings.neo4j_database
    create_key(reference_db, database, "dashboard", "READER")
    before, pid = (dump(reference_db, stamps=True), count(reference_db)), server.pid()
    # the import's JVM cannot start with this heap: neo4j-admin fails after the server
    # stopped and the old store was moved aside
    with pytest.raises(BulkImportFailed) as failed:
        bulk_load(SAMPLE, server.settings, server=server, import_heap="1k")
    follow_the_new_store(reference_db, database)
    assert "the previous store is back and Neo4j runs on it" in failed.value.message
    assert server.pid() not in (None, pid)  # restarted
    assert (dump(reference_db, stamps=True), count(reference_db)) == before
    assert os.listdir(server.directory / "import") == []
