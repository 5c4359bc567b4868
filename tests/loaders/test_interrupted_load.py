"""A load interrupted mid-way (process killed, Neo4j gone) leaves the database as it was."""

import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.known import DatabaseKnown
from loaders.readers import read_dataset
from loaders.validation import validate
from loaders.writer import LoadSummary, write
from service.app import create_app
from service.errors import DatabaseUnavailable
from tests.loaders.datasets import small_network, write_csv_folder
from tests.loaders.graph_dump import count, dump
from tests.neo4j_backends import Backend, cli_env


def test_killing_the_loader_before_commit_leaves_nothing_behind(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    before = dump(reference_db, stamps=True), count(reference_db)
    loader = subprocess.Popen(
        [sys.executable, "-m", "tests.loaders.interrupted_load",
         str(write_csv_folder(small_network(), tmp_path))],
        env=cli_env(neo4j_backend), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert loader.stdout is not None
        line = loader.stdout.readline()
        assert line.startswith("WRITTEN "), loader.stderr.read() if loader.stderr else line
        assert int(line.split()[1]) > 20  # the whole dataset sat in the open transaction
    finally:
        loader.send_signal(signal.SIGKILL)
        loader.communicate()
    assert (dump(reference_db, stamps=True), count(reference_db)) == before


def load_while_neo4j_goes_away(reference_db: neo4j.Driver, backend: Backend, tmp_path: Path,
                               when_down: Callable[[], None]) -> None:
    """Write the small network; just before its commit, stop Neo4j and call `when_down`; the
    load fails as it should, and Neo4j is started again."""
    server = backend.local
    if server is None:
        pytest.skip(f"the session runs against a {backend.kind} Neo4j we may not stop")
    s = backend.settings
    dataset = validate(read_dataset(write_csv_folder(small_network(), tmp_path)),
                       DatabaseKnown(reference_db, s.neo4j_database))
    stopped: list[bool] = []

    def stop_neo4j(summary: LoadSummary) -> None:
        if not stopped:
            stopped.append(server.stop())
            when_down()

    with neo4j.GraphDatabase.driver(
        s.bolt_uri, auth=(s.neo4j_user, s.neo4j_password.get_secret_value()),
        max_transaction_retry_time=1.0,
    ) as loader_driver:
        try:
            with pytest.raises((neo4j.exceptions.ServiceUnavailable,
                                neo4j.exceptions.SessionExpired, DatabaseUnavailable)):
                write(loader_driver, s.neo4j_database, dataset, "gone", progress=False,
                      before_commit=stop_neo4j)
        finally:
            server.start()
    assert stopped == [True]


def test_neo4j_going_away_mid_load_leaves_nothing_behind(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    before = dump(reference_db, stamps=True), count(reference_db)
    load_while_neo4j_goes_away(reference_db, neo4j_backend, tmp_path, lambda: None)
    assert (dump(reference_db, stamps=True), count(reference_db)) == before


def test_the_api_says_unavailable_while_neo4j_is_down_mid_load_and_recovers_by_itself(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    count_query = {"query": "{ initiatives { totalCount } }"}
    answers: list[dict[str, Any]] = []
    with TestClient(create_app(neo4j_backend.settings)) as client:
        assert client.post("/graphql", json=count_query).json() == {
            "data": {"initiatives": {"totalCount": 0}}}

        def ask() -> None:
            answers.append(client.post("/graphql", json=count_query).json())
            answers.append({"readyz": client.get("/readyz").status_code})

        load_while_neo4j_goes_away(reference_db, neo4j_backend, tmp_path, ask)
        down, readyz = answers
        assert down["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
        assert readyz == {"readyz": 503}
        # The same app, untouched, answers again, and the interrupted load left nothing.
        assert client.post("/graphql", json=count_query).json() == {
            "data": {"initiatives": {"totalCount": 0}}}
        assert client.get("/readyz").status_code == 200
