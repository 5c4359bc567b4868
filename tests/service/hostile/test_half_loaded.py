"""No half-loaded dataset is served for long: while a large load writes, every answer says
so (and analytics computed meanwhile are not kept); when its loader or Neo4j dies, the
running service rolls it back by itself, over a real uvicorn, without any command."""

import json
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from loaders.load import load
from loaders.writer import pending_loads
from service.cypher_catalog import cypher
from service.settings import Settings
from tests.loaders.datasets import small_network, write_csv_folder
from tests.loaders.graph_dump import count, dump
from tests.loaders.test_journaled_load import JOURNALED, LEASE_S, bookkeeping, changed
from tests.neo4j_backends import Backend, cli_env
from tests.serving import serve

CHECK_S = 0.5  # the service looks for lapsed leases this often in these tests
WITHIN_S = 60.0  # what the service promises: rolled back within a minute of the death
ROLLED_BACK = "Rolled back load"
LARGE_LEASE_S = 3.0  # the lease of the 100k loads, whose batches take seconds each

STATS = "{ stats { nodeCounts { label count } relationshipCounts { type count } } }"
ABOUT = ("{ about { dataState loads { id source status rowsWritten rowsTotal startedAt "
         "leaseLapsed } } }")
CENTRALITY = ("{ centrality(metric: DEGREE, projection: ACTORS) "
              "{ provenance { cached graphVersion } } }")

Ask = Callable[[str], dict[str, Any]]


def asking(url: str) -> Ask:
    def ask(query: str) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{url}/graphql", data=json.dumps({"query": query}).encode(), method="POST",
            headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                answer: dict[str, Any] = json.load(response)
        except urllib.error.HTTPError as error:  # an answer all the same (4xx, 5xx)
            answer = json.load(error)
        return answer
    return ask


@pytest.fixture
def settings(neo4j_backend: Backend) -> Settings:
    return neo4j_backend.settings.model_copy(update={"load_lease_check_s": CHECK_S})


@pytest.fixture
def url(reference_db: neo4j.Driver, settings: Settings) -> Iterator[str]:
    """The app on a real uvicorn, over the reference data of a database that has held data
    before (it has a graph version, which a rolled-back load leaves as it found it)."""
    reference_db.execute_query(cypher("db/bump_version"))
    with serve(settings) as base:
        yield base


def start_loader(backend: Backend, *command: str,
                 lease_s: float = LEASE_S) -> subprocess.Popen[str]:
    """`python -m <command>` talking to the session's Neo4j, with a lease of `lease_s`."""
    return subprocess.Popen(
        [sys.executable, "-m", *command],
        env={**cli_env(backend), "ARTICULA_LOAD_LEASE": str(lease_s)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def paused_loader(backend: Backend, tmp_path: Path) -> subprocess.Popen[str]:
    """A loader that wrote the changed small network batch by batch and waits before its
    commit (tests/loaders/interrupted_load.py)."""
    loader = start_loader(backend, "tests.loaders.interrupted_load",
                          str(write_csv_folder(changed(small_network()), tmp_path / "v2")),
                          str(JOURNALED))
    assert loader.stdout is not None
    line = loader.stdout.readline()
    assert line.startswith("WRITTEN "), loader.stderr.read() if loader.stderr else line
    return loader


def until(condition: Callable[[], bool], within_s: float, what: str) -> float:
    """Seconds until `condition` held, polled; fails past `within_s`."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < within_s, f"{what} did not happen within {within_s} s"
        time.sleep(0.25)
    return time.monotonic() - start


def rollbacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(ROLLED_BACK)]


def cached(answer: dict[str, Any]) -> bool:
    assert "errors" not in answer, answer
    return bool(answer["data"]["centrality"]["provenance"]["cached"])


def test_while_a_load_writes_every_answer_says_so_and_analytics_are_not_kept(
    url: str, reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ask = asking(url)
    load(write_csv_folder(small_network(), tmp_path / "v1"), reference_db,
         neo4j_backend.settings.neo4j_database, progress=False)
    before = ask(STATS), dump(reference_db, stamps=True), count(reference_db)
    assert "extensions" not in before[0]  # READY says nothing
    assert not cached(ask(CENTRALITY)) and cached(ask(CENTRALITY))
    assert ask(ABOUT)["data"]["about"] == {"dataState": "READY", "loads": []}

    loader = paused_loader(neo4j_backend, tmp_path)
    try:
        [pending] = pending_loads(reference_db, neo4j_backend.settings.neo4j_database)
        until(lambda: "extensions" in ask("{ about { version } }"), 10, "LOADING")
        about = ask(ABOUT)
        progress = {"id": pending["loadId"], "source": "interrupted", "status": "WRITING",
                    "rowsWritten": pending["rowsTotal"], "rowsTotal": pending["rowsTotal"],
                    "startedAt": pending["startedAt"], "leaseLapsed": False}
        assert about["extensions"] == {"dataState": "LOADING", "loads": [progress]}
        assert about["data"]["about"] == {"dataState": "LOADING", "loads": [progress]}
        assert pending["rowsTotal"] > 20
        # What a reader sees meanwhile: every batch committed so far, the new firm included.
        firm = ask('{ firm(id: "F-9") { name } }')
        assert firm["data"] == {"firm": {"name": "Nueva SAS"}}
        assert firm["extensions"]["dataState"] == "LOADING"
        assert ask("{ nosuchfield }")["extensions"]["dataState"] == "LOADING"  # errors too
        # Analytics answer, and are not kept: the same request computes again.
        first, second = ask(CENTRALITY), ask(CENTRALITY)
        assert (cached(first), cached(second)) == (False, False)
        assert second["extensions"]["dataState"] == "LOADING"
    finally:
        loader.send_signal(signal.SIGKILL)
        loader.communicate()

    with caplog.at_level(logging.WARNING, logger="service.lease_watch"):
        until(lambda: ask(STATS) == before[0], WITHIN_S, "the rollback")
        until(lambda: bookkeeping(reference_db) == [], WITHIN_S, "the journal's removal")
    assert (dump(reference_db, stamps=True), count(reference_db)) == before[1:]
    [logged] = rollbacks(caplog)
    assert logged.startswith(f"{ROLLED_BACK} {pending['loadId']} of interrupted (WRITING, "
                             f"{pending['rowsTotal']} of {pending['rowsTotal']} rows written)")
    assert ask(ABOUT)["data"]["about"] == {"dataState": "READY", "loads": []}
    # The rollback moved the graph version on: computed afresh, then kept again.
    assert not cached(ask(CENTRALITY)) and cached(ask(CENTRALITY))


def test_two_services_on_one_database_roll_a_dead_load_back_once(
    url: str, settings: Settings, reference_db: neo4j.Driver, neo4j_backend: Backend,
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    load(write_csv_folder(small_network(), tmp_path / "v1"), reference_db,
         settings.neo4j_database, progress=False)
    before = dump(reference_db, stamps=True), count(reference_db)
    with serve(settings) as second_url:
        loader = paused_loader(neo4j_backend, tmp_path)
        loader.send_signal(signal.SIGKILL)
        loader.communicate()
        with caplog.at_level(logging.WARNING, logger="service.lease_watch"):
            until(lambda: bookkeeping(reference_db) == [], WITHIN_S, "the rollback")
            time.sleep(4 * CHECK_S)  # both services looked again since
        answers = [asking(base)(STATS) for base in (url, second_url)]
    assert len(rollbacks(caplog)) == 1
    assert (dump(reference_db, stamps=True), count(reference_db)) == before
    assert answers[0] == answers[1] and "extensions" not in answers[0]


# -- at size: `articula load` of the 100k-actor dataset, killed mid-way --------------------

def killed_mid_load(neo4j_backend: Backend, folder: Path, ask: Ask,
                    kill: Callable[[subprocess.Popen[str]], None]) -> dict[str, Any]:
    """Start `articula load` of `folder`; once the API reports 20,000 rows written (and not
    all of them), call `kill` on the loader; return the progress the API reported last."""
    loader = start_loader(neo4j_backend, "service.cli", "load", str(folder),
                          lease_s=LARGE_LEASE_S)
    seen: list[dict[str, Any]] = []

    def far_enough() -> bool:
        assert loader.poll() is None, loader.communicate()
        answer = ask(ABOUT)
        loads = answer.get("data", {}).get("about", {}).get("loads") or []
        if loads:
            assert answer["extensions"]["dataState"] == "LOADING"
            seen.append(loads[0])
        return bool(loads) and loads[0]["rowsWritten"] >= 20_000

    try:
        until(far_enough, 600, "20,000 rows written")
        kill(loader)
    finally:
        if loader.poll() is None:
            loader.send_signal(signal.SIGKILL)
        loader.communicate()
    assert seen[-1]["rowsWritten"] < seen[-1]["rowsTotal"]
    return seen[-1]


@pytest.mark.slow
def test_killing_the_loader_of_a_100k_load_is_undone_by_the_service_within_a_minute(
    url: str, synthetic_100k: Path, reference_db: neo4j.Driver, neo4j_backend: Backend,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ask = asking(url)
    before = ask(STATS), count(reference_db)
    with caplog.at_level(logging.WARNING, logger="service.lease_watch"):
        progress = killed_mid_load(neo4j_backend, synthetic_100k, ask,
                                   lambda loader: loader.send_signal(signal.SIGKILL))
        assert ask(STATS) != before[0]  # half of it is visible now, flagged LOADING
        until(lambda: ask(STATS) == before[0], WITHIN_S, "the rollback")
        until(lambda: bookkeeping(reference_db) == [], WITHIN_S, "the journal's removal")
    assert count(reference_db) == before[1]
    [logged] = rollbacks(caplog)
    assert logged.startswith(f"{ROLLED_BACK} {progress['id']} of {synthetic_100k.name}")
    assert "extensions" not in ask(STATS)


@pytest.mark.slow
def test_killing_neo4j_during_a_100k_load_is_undone_by_the_service_once_it_is_back(
    url: str, synthetic_100k: Path, reference_db: neo4j.Driver, neo4j_backend: Backend,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = neo4j_backend.local
    if server is None:
        pytest.skip(f"the session runs against a {neo4j_backend.kind} Neo4j we may not kill")
    ask = asking(url)
    before = ask(STATS), count(reference_db)

    def kill_neo4j(loader: subprocess.Popen[str]) -> None:
        pid = server.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        _, errors = loader.communicate(timeout=300)  # the load fails: Neo4j went away
        assert loader.returncode == 1 and "Neo4j went away while load" in errors, errors
        down = ask(STATS)
        assert down["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
        server.stop()  # collects the killed process
        server.start(timeout_s=900)  # a recovery first, on a machine that may be busy

    with caplog.at_level(logging.WARNING, logger="service.lease_watch"):
        progress = killed_mid_load(neo4j_backend, synthetic_100k, ask, kill_neo4j)
        until(lambda: ask(STATS) == before[0], WITHIN_S, "the rollback")
        until(lambda: bookkeeping(reference_db) == [], WITHIN_S, "the journal's removal")
    assert count(reference_db) == before[1]
    [logged] = rollbacks(caplog)
    assert logged.startswith(f"{ROLLED_BACK} {progress['id']} of {synthetic_100k.name}")
