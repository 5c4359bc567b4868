"""Large loads go in many transactions with a journal: still all or nothing."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

from loaders.known import DatabaseKnown
from loaders.load import load
from loaders.readers import read_dataset
from loaders.validation import validate
from loaders.writer import LoadSummary, pending_loads, recover, roll_back, write
from service.errors import DatabaseUnavailable
from tests.loaders.datasets import Tables, small_network, write_csv_folder
from tests.loaders.graph_dump import count, dump
from tests.neo4j_backends import Backend, cli_env

JOURNALED = 0  # single_transaction_rows that sends every load through the journal
LEASE_S = 2.0  # a short lease, so that a dead loader's lapses soon


def bookkeeping(driver: neo4j.Driver) -> list[str]:
    """What an unfinished load leaves: journal entries, before-images, fences, its record."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE n:LoadJournal OR n:LoadUndo OR n:LoadFence "
        "OR (n:Load AND n.status IN ['WRITING', 'ROLLING_BACK']) RETURN labels(n)[0] AS l"
    )
    return [r["l"] for r in records]


def rolled_back(driver: neo4j.Driver, database: str, within_s: float = 60.0) -> bool:
    """Whether no unfinished load is left within `within_s`, `recover` tried meanwhile (a
    lease takes its time to lapse, and the lease watch of a service running in this process
    may roll the load back first)."""
    deadline = time.monotonic() + within_s
    while pending_loads(driver, database):
        if time.monotonic() > deadline:
            return False
        recover(driver, database)
        time.sleep(0.2)
    return True


def changed(tables: Tables) -> Tables:
    """The small network with a firm and a participation changed, a firm added (CREATE) and
    a participation added between nodes that exist already (MERGE)."""
    tables["firms"][1]["employees"] = 99
    tables["participations"][0]["role"] = "LEADER"
    tables["firms"].append({**tables["firms"][2], "id": "F-9", "name": "Nueva SAS"})
    tables["participations"].append({**tables["participations"][3], "actor_id": "U-1",
                                     "role": "PARTNER"})
    return tables


@pytest.fixture
def database(neo4j_backend: Backend) -> str:
    return neo4j_backend.settings.neo4j_database


def test_a_journaled_load_writes_the_same_graph_and_cleans_up(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    path = write_csv_folder(small_network(), tmp_path)
    everything_but_reference = "MATCH (n) WHERE n.reference IS NULL DETACH DELETE n"
    reference_db.execute_query(everything_but_reference)  # keys and audit entries of others
    load(path, reference_db, database, progress=False)
    expected = dump(reference_db)
    reference_db.execute_query(everything_but_reference)

    summary = load(path, reference_db, database, progress=False,
                   single_transaction_rows=JOURNALED)

    assert summary.created > 20 and summary.graph_version is not None
    assert dump(reference_db) == expected
    assert bookkeeping(reference_db) == []
    before = dump(reference_db, stamps=True), count(reference_db)
    again = load(path, reference_db, database, progress=False,
                 single_transaction_rows=JOURNALED)
    assert (again.created, again.updated) == (0, 0)
    assert (dump(reference_db, stamps=True), count(reference_db)) == before


def test_a_failing_journaled_load_is_rolled_back_with_its_updates(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    load(write_csv_folder(small_network(), tmp_path / "v1"), reference_db, database,
         progress=False)
    before = dump(reference_db, stamps=True), count(reference_db)

    def fail(summary: LoadSummary) -> None:
        assert summary.updated == 2 and summary.created > 0  # all written, not committed
        raise RuntimeError("disk on fire")

    dataset = validate(read_dataset(write_csv_folder(changed(small_network()), tmp_path / "v2")),
                       DatabaseKnown(reference_db, database))
    with pytest.raises(RuntimeError, match="disk on fire"):
        write(reference_db, database, dataset, "v2", progress=False,
              single_transaction_rows=JOURNALED, before_commit=fail)

    assert (dump(reference_db, stamps=True), count(reference_db)) == before
    assert bookkeeping(reference_db) == []


def test_a_killed_journaled_load_is_rolled_back_once_its_lease_lapses_not_while_it_lives(
    reference_db: neo4j.Driver, neo4j_backend: Backend, database: str, tmp_path: Path
) -> None:
    load(write_csv_folder(small_network(), tmp_path / "v1"), reference_db, database,
         progress=False)
    before = dump(reference_db, stamps=True), count(reference_db)
    loader = subprocess.Popen(
        [sys.executable, "-m", "tests.loaders.interrupted_load",
         str(write_csv_folder(changed(small_network()), tmp_path / "v2")), str(JOURNALED)],
        env={**cli_env(neo4j_backend), "ARTICULA_LOAD_LEASE": str(LEASE_S)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert loader.stdout is not None
        line = loader.stdout.readline()
        assert line.startswith("WRITTEN "), loader.stderr.read() if loader.stderr else line
        # Committed batch by batch: the partial load is in the database now ...
        assert count(reference_db) != before[1]
        pending = reference_db.execute_query("MATCH (l:Load {status: 'WRITING'}) RETURN l.id")
        load_id = pending[0][0][0]
        # ... and a recovery leaves it alone while its loader renews its lease: many times
        # the lease's length passes, and neither a recovery nor a direct rollback claims it.
        deadline = time.monotonic() + 5 * LEASE_S
        while time.monotonic() < deadline:
            assert recover(reference_db, database) == []
            assert roll_back(reference_db, database, load_id) is False
            time.sleep(LEASE_S / 4)
        assert loader.poll() is None
    finally:
        loader.send_signal(signal.SIGKILL)
        loader.communicate()

    assert rolled_back(reference_db, database)
    assert (dump(reference_db, stamps=True), count(reference_db)) == before
    assert bookkeeping(reference_db) == []
    assert recover(reference_db, database) == []


def test_neo4j_going_away_mid_journaled_load_is_rolled_back_when_it_returns(
    reference_db: neo4j.Driver, neo4j_backend: Backend, database: str, tmp_path: Path
) -> None:
    server = neo4j_backend.local
    if server is None:
        pytest.skip(f"the session runs against a {neo4j_backend.kind} Neo4j we may not stop")
    load(write_csv_folder(small_network(), tmp_path / "v1"), reference_db, database,
         progress=False)
    before = dump(reference_db, stamps=True), count(reference_db)
    dataset = validate(read_dataset(write_csv_folder(changed(small_network()), tmp_path / "v2")),
                       DatabaseKnown(reference_db, database))
    s = neo4j_backend.settings
    with neo4j.GraphDatabase.driver(
        s.bolt_uri, auth=(s.neo4j_user, s.neo4j_password.get_secret_value()),
        max_transaction_retry_time=1.0,
    ) as loader_driver:
        try:
            with pytest.raises(DatabaseUnavailable, match="Neo4j went away while load"):
                write(loader_driver, database, dataset, "v2", progress=False,
                      single_transaction_rows=JOURNALED, lease_s=LEASE_S,
                      before_commit=lambda summary: server.stop() and None)
        finally:
            server.start()
    assert count(reference_db) != before[1]  # half-written until recovered
    assert rolled_back(reference_db, database)
    assert (dump(reference_db, stamps=True), count(reference_db)) == before
