"""The local Neo4j + GDS server: start twice, stop and restart, clear errors."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.errors import LocalServerError
from service.local_neo4j import LocalNeo4j, pinned_versions
from service.settings import Settings
from tests.neo4j_backends import Backend, cli_env
from tests.serving import free_port


def local_only(backend: Backend) -> LocalNeo4j:
    if backend.local is None:
        pytest.skip(f"the session runs against a {backend.kind} Neo4j, not the local server")
    return backend.local


def test_starting_the_running_server_again_is_harmless(
    neo4j_backend: Backend, db: neo4j.Driver
) -> None:
    server = local_only(neo4j_backend)
    db.execute_query("CREATE (:Probe {id: 'kept'})")
    pid = server.pid()

    status = server.start()

    assert status.running
    assert status.pid == pid
    assert (status.neo4j_version, status.gds_version) == (
        pinned_versions().neo4j, pinned_versions().gds,
    )
    records, _, _ = db.execute_query("MATCH (p:Probe) RETURN p.id AS id")
    assert [r["id"] for r in records] == ["kept"]


def test_status_command_prints_the_bolt_uri_and_versions(neo4j_backend: Backend) -> None:
    local_only(neo4j_backend)
    s = neo4j_backend.settings
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "neo4j", "status"],
        env=cli_env(neo4j_backend), capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"bolt://127.0.0.1:{s.bolt_port}" in result.stdout
    versions = pinned_versions()
    assert f"Neo4j {versions.neo4j}, GDS {versions.gds}" in result.stdout


def test_readyz_follows_neo4j_down_and_back_while_the_service_runs(
    neo4j_backend: Backend, db: neo4j.Driver
) -> None:
    server = local_only(neo4j_backend)
    with TestClient(create_app(neo4j_backend.settings)) as client:
        assert client.get("/readyz").status_code == 200
        server.stop()
        try:
            down = client.get("/readyz")
            assert down.status_code == 503
            assert down.json()["code"] == "DATABASE_UNAVAILABLE"
            assert f"127.0.0.1:{neo4j_backend.settings.bolt_port}" in down.json()["reason"]
            about = client.post("/graphql", json={"query": "{ about { gdsVersion } }"}).json()
            assert about["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
        finally:
            server.start()
        back = client.get("/readyz")
        assert back.status_code == 200
        assert back.json() == {"status": "ready"}
        about = client.post("/graphql", json={"query": "{ about { gdsVersion } }"}).json()
        assert about["data"]["about"]["gdsVersion"] == pinned_versions().gds


def test_a_wrong_password_names_NEO4J_PASSWORD(neo4j_backend: Backend, db: neo4j.Driver) -> None:
    wrong = neo4j_backend.settings.model_copy(
        update={"neo4j_password": neo4j_backend.settings.neo4j_password.__class__("not-it-123")}
    )
    try:
        with TestClient(create_app(wrong)) as client:
            response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["code"] == "DATABASE_AUTH"
        assert "NEO4J_PASSWORD" in response.json()["reason"]
        if neo4j_backend.local is not None:
            with pytest.raises(LocalServerError, match="NEO4J_PASSWORD"):
                LocalNeo4j(wrong).start()
    finally:
        wait_out_the_auth_lock(neo4j_backend)


def wait_out_the_auth_lock(backend: Backend) -> None:
    """Neo4j locks the user for a few seconds after repeated wrong passwords."""
    s = backend.settings
    deadline = time.monotonic() + 60
    while True:
        with neo4j.GraphDatabase.driver(
                s.bolt_uri, auth=(s.neo4j_user, s.neo4j_password.get_secret_value())) as fresh:
            try:
                fresh.verify_connectivity()
                return
            except neo4j.exceptions.ClientError:
                if time.monotonic() > deadline:
                    raise
        time.sleep(1)


def test_a_port_taken_by_another_process_is_refused_by_name(tmp_path: Path) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        settings = Settings(ARTICULA_HOME=tmp_path, ARTICULA_BOLT_PORT=port)
        with pytest.raises(LocalServerError, match=rf"Port {port} is taken.*ARTICULA_BOLT_PORT"):
            LocalNeo4j(settings).start()


def test_a_missing_java_is_reported_with_what_to_install(tmp_path: Path) -> None:
    settings = Settings(ARTICULA_HOME=tmp_path, JAVA_HOME=tmp_path / "no-jdk")
    with pytest.raises(LocalServerError, match=r"Java is not installed.*17 or 21"):
        LocalNeo4j(settings).java()


def test_a_stale_pid_file_does_not_count_as_running(tmp_path: Path) -> None:
    server = LocalNeo4j(Settings(ARTICULA_HOME=tmp_path, ARTICULA_BOLT_PORT=1))
    server.pid_file.parent.mkdir(parents=True)
    server.pid_file.write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j
    assert server.pid() is None
    assert not server.status().running


def test_serve_leaves_running_a_neo4j_it_did_not_start(neo4j_backend: Backend,
                                                       driver: neo4j.Driver) -> None:
    server = local_only(neo4j_backend)
    pid = server.pid()
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--no-sample", "--port", str(port)],
        env=cli_env(neo4j_backend), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert serve.poll() is None, serve.stdout.read() if serve.stdout else ""
            with contextlib.suppress(OSError), urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=2):
                break
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.5)
    finally:
        serve.send_signal(signal.SIGINT)  # Ctrl-C
        output, _ = serve.communicate(timeout=120)
    assert "Stopping the local Neo4j" not in output
    assert "already running" not in output  # nothing to say about a server that runs
    assert server.pid() == pid
    assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1


def test_neo4j_start_takes_over_a_server_a_command_started_for_its_own_use(
        neo4j_backend: Backend) -> None:
    server = local_only(neo4j_backend)
    if not server.started_here:
        pytest.skip("the local server was running before the test session")
    assert server.ours_to_stop  # what `serve` stops at its end, as it started it
    done = subprocess.run([sys.executable, "-m", "service.cli", "neo4j", "start"],
                          env=cli_env(neo4j_backend), capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "already running" in done.stdout  # asked for, so answered
    assert server.kept
    assert not server.ours_to_stop  # the user's now: `serve` would leave it running


def test_commands_say_nothing_of_a_local_server_that_runs(neo4j_backend: Backend) -> None:
    local_only(neo4j_backend)
    done = subprocess.run([sys.executable, "-m", "service.cli", "keys", "list"],
                          env=cli_env(neo4j_backend), capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "Neo4j" not in done.stdout + done.stderr
    assert done.stdout.startswith("id ")
