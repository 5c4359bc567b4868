"""A large load's lease: renewed while its loader lives, claimed by exactly one process once
it lapses, and a loader that outlived its lease cannot commit."""

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from loaders.known import DatabaseKnown
from loaders.load import load
from loaders.readers import read_dataset
from loaders.validation import validate
from loaders.writer import LoadSummary, pending_loads, plan, roll_back, write
from tests.loaders.datasets import small_network, write_csv_folder
from tests.loaders.graph_dump import count, dump
from tests.loaders.test_journaled_load import JOURNALED, LEASE_S, bookkeeping, changed
from tests.neo4j_backends import Backend, cli_env


@pytest.fixture
def database(neo4j_backend: Backend) -> str:
    return neo4j_backend.settings.neo4j_database


def lapsed(driver: neo4j.Driver, database: str, load_id: str, within_s: float = 60.0) -> None:
    """Wait until the load's lease has lapsed."""
    deadline = time.monotonic() + within_s
    while not any(p["loadId"] == load_id and p["lapsed"] for p in pending_loads(driver, database)):
        assert time.monotonic() < deadline, f"the lease of load {load_id} did not lapse"
        time.sleep(0.2)


Snapshot = tuple[object, object]


def snapshot(driver: neo4j.Driver) -> Snapshot:
    return dump(driver, stamps=True), count(driver)


@pytest.fixture
def paused_loader(reference_db: neo4j.Driver, neo4j_backend: Backend,
                  tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Snapshot]]:
    """A loader process that wrote the changed small network journaled, with a short lease,
    and waits before its commit for a line on stdin; the small network is loaded before, and
    the database as it was then comes with it."""
    database = neo4j_backend.settings.neo4j_database
    load(write_csv_folder(small_network(), tmp_path / "v1"), reference_db, database,
         progress=False)
    before = snapshot(reference_db)
    loader = subprocess.Popen(
        [sys.executable, "-m", "tests.loaders.interrupted_load",
         str(write_csv_folder(changed(small_network()), tmp_path / "v2")), str(JOURNALED),
         "--resume"],
        env={**cli_env(neo4j_backend), "ARTICULA_LOAD_LEASE": str(LEASE_S)},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        yield loader, before
    finally:
        if loader.poll() is None:
            loader.send_signal(signal.SIGKILL)
        loader.communicate()


def written(loader: subprocess.Popen[str]) -> None:
    assert loader.stdout is not None
    line = loader.stdout.readline()
    assert line.startswith("WRITTEN "), loader.stderr.read() if loader.stderr else line


def test_the_record_of_a_load_under_way_holds_its_progress_and_a_live_lease(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    dataset = validate(read_dataset(write_csv_folder(small_network(), tmp_path)),
                       DatabaseKnown(reference_db, database))
    rows = sum(len(step.rows) for step in plan(dataset))
    seen: list[list[dict[str, object]]] = []

    def look(summary: LoadSummary) -> None:
        time.sleep(3 * LEASE_S)  # several lease lengths: only renewals keep it alive
        seen.append(pending_loads(reference_db, database))

    summary = write(reference_db, database, dataset, "progress", progress=False,
                    single_transaction_rows=JOURNALED, lease_s=LEASE_S, before_commit=look)
    [[pending]] = seen
    assert pending == {
        "loadId": summary.load_id, "source": "progress", "status": "WRITING",
        "rowsWritten": rows, "rowsTotal": rows, "startedAt": pending["startedAt"],
        "lapsed": False,
    }
    assert rows > 20
    assert pending_loads(reference_db, database) == []  # committed


def test_a_loader_frozen_past_its_lease_is_rolled_back_and_cannot_commit_afterwards(
    paused_loader: tuple[subprocess.Popen[str], Snapshot], reference_db: neo4j.Driver,
    database: str
) -> None:
    loader, before = paused_loader
    written(loader)
    [pending] = pending_loads(reference_db, database)
    loader.send_signal(signal.SIGSTOP)  # a frozen loader: no renewals, no writes
    try:
        lapsed(reference_db, database, pending["loadId"])
        assert roll_back(reference_db, database, pending["loadId"]) is True
    finally:
        loader.send_signal(signal.SIGCONT)
    assert snapshot(reference_db) == before
    _, errors = loader.communicate("commit\n", timeout=120)  # it wakes up and commits
    assert loader.returncode != 0
    assert f"Load {pending['loadId']} lost its lease" in errors or (
        f"Load {pending['loadId']} was rolled back by another process" in errors), errors
    assert snapshot(reference_db) == before
    assert bookkeeping(reference_db) == []
    records, _, _ = reference_db.execute_query("MATCH (l:Load {id: $id}) RETURN l",
                                               id=pending["loadId"])
    assert records == []  # no COMMITTED record of a load whose rows were rolled back


def test_of_several_processes_that_find_a_lease_lapsed_exactly_one_rolls_the_load_back(
    paused_loader: tuple[subprocess.Popen[str], Snapshot], reference_db: neo4j.Driver,
    database: str,
) -> None:
    loader, before = paused_loader
    written(loader)
    [pending] = pending_loads(reference_db, database)
    loader.send_signal(signal.SIGKILL)
    loader.communicate()
    lapsed(reference_db, database, pending["loadId"])
    claimants = 4
    start = threading.Barrier(claimants)
    outcomes: list[bool] = []

    def claim() -> None:
        start.wait()
        outcomes.append(roll_back(reference_db, database, pending["loadId"]))

    threads = [threading.Thread(target=claim) for _ in range(claimants)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False] * (claimants - 1) + [True]
    assert snapshot(reference_db) == before
    assert bookkeeping(reference_db) == []
