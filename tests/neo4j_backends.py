"""The Neo4j the tests talk to: NEO4J_URI, else a Docker container, else the local server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from service.local_neo4j import LocalNeo4j, pinned_versions
from service.settings import Settings

# Each pytest-xdist worker (gw0, gw1, ...) runs its own local server, one port up from the last.
TEST_BOLT_PORT = (int(os.environ.get("ARTICULA_TEST_BOLT_PORT", "7688"))
                  + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")))
TEST_PASSWORD = "articula-test"


@dataclass(frozen=True)
class Backend:
    """Which server the session runs against; `local` is set when tests may stop it."""

    kind: str
    settings: Settings
    local: LocalNeo4j | None = None


def docker_answers() -> bool:
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if host.startswith("unix://") and not Path(host.removeprefix("unix://")).exists():
        return False  # no engine; asking the client would leak its socket
    try:
        import docker

        client = docker.from_env(timeout=3)
    except Exception:
        return False
    try:
        return bool(client.ping())
    except Exception:
        return False
    finally:
        client.close()


@contextmanager
def container_backend() -> Iterator[Backend]:
    from testcontainers.community.neo4j import Neo4jContainer

    image = f"neo4j:{pinned_versions().neo4j}-community"
    container = (
        Neo4jContainer(image, password=TEST_PASSWORD)
        .with_env("NEO4J_PLUGINS", '["graph-data-science"]')
        .with_env("NEO4J_dbms_security_procedures_unrestricted", "gds.*")
    )
    with container:
        settings = Settings(NEO4J_URI=container.get_connection_url(), NEO4J_PASSWORD=TEST_PASSWORD)
        yield Backend("docker", settings)


@contextmanager
def local_backend() -> Iterator[Backend]:
    settings = Settings(
        NEO4J_URI=None,
        NEO4J_USER="neo4j",
        NEO4J_PASSWORD=TEST_PASSWORD,
        ARTICULA_BOLT_PORT=TEST_BOLT_PORT,
        ARTICULA_NEO4J_HEAP=os.environ.get("ARTICULA_NEO4J_HEAP", "2g"),
        ARTICULA_NEO4J_PAGECACHE=os.environ.get("ARTICULA_NEO4J_PAGECACHE", "512m"),
    )
    server = LocalNeo4j(settings)
    server.start()
    try:
        yield Backend("local", settings, server)
    finally:
        if server.started_here:  # at the start, or when a test restarted it
            server.stop()


@contextmanager
def backend() -> Iterator[Backend]:
    if os.environ.get("NEO4J_URI"):
        yield Backend("external", Settings())
    elif docker_answers():
        with container_backend() as found:
            yield found
    else:
        with local_backend() as found:
            yield found


def cli_env(backend: Backend) -> dict[str, str]:
    """Environment for an `articula` process that talks to the session's Neo4j."""
    s = backend.settings
    env = {**os.environ, "NEO4J_USER": s.neo4j_user,
           "NEO4J_PASSWORD": s.neo4j_password.get_secret_value(),
           "NEO4J_DATABASE": s.neo4j_database}
    if backend.local is not None:
        env.pop("NEO4J_URI", None)
        env.update(ARTICULA_HOME=str(s.home), ARTICULA_BOLT_PORT=str(s.bolt_port))
    else:
        env["NEO4J_URI"] = s.bolt_uri
    return env


def articula(backend: Backend, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the `articula` command line against the session's Neo4j."""
    return subprocess.run([sys.executable, "-m", "service.cli", *args], env=cli_env(backend),
                          capture_output=True, text=True, check=False)
