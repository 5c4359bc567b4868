"""`articula serve` runs under a supervisor: a worker killed outright (as the kernel kills a
process out of memory) is replaced, and the service answers again within 10 s; Ctrl-C
still stops everything, and leaves alone a Neo4j the command did not start."""

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import neo4j
import pytest

from tests.neo4j_backends import Backend
from tests.serving import start_serve

ABOUT = {"query": "{ about { version } }"}


def workers(supervisor: int) -> list[int]:
    """The worker processes of the supervisor (its children, on Linux)."""
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text()
    return [int(pid) for pid in children.split()]


def answers(url: str) -> bool:
    try:
        health = httpx.get(f"{url}/healthz", timeout=2)
        about = httpx.post(f"{url}/graphql", json=ABOUT, timeout=5)
    except httpx.TransportError:
        return False
    return (health.status_code == 200 and about.status_code == 200
            and bool(about.json()["data"]["about"]["version"]))


def wait_until_answering(url: str, seconds: float) -> float:
    """How long the service took to answer both /healthz and GraphQL; fails past `seconds`."""
    start = time.monotonic()
    while not answers(url):
        assert time.monotonic() - start < seconds, f"no answer within {seconds} s"
        time.sleep(0.1)
    return time.monotonic() - start


Served = tuple[subprocess.Popen[str], str, Path]


@pytest.fixture
def served(neo4j_backend: Backend, tmp_path: Path) -> Iterator[Served]:
    """`articula serve` in a session of its own, as a terminal would run it; its output in a
    file."""
    log = tmp_path / "serve.log"
    process, url = start_serve(neo4j_backend, log)
    try:
        wait_until_answering(url, 120)
        yield process, url, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def test_a_worker_killed_with_sigkill_is_replaced_and_answers_within_10_s(
    served: Served
) -> None:
    process, url, log = served
    [worker] = workers(process.pid)
    os.kill(worker, signal.SIGKILL)
    took = wait_until_answering(url, 10)
    [replacement] = workers(process.pid)
    assert replacement != worker
    assert took < 10
    assert f"Worker [{worker}] died (signal SIGKILL); starting another" in log.read_text()


def test_ctrl_c_stops_serve_and_leaves_the_neo4j_it_did_not_start(
    served: Served, driver: neo4j.Driver
) -> None:
    process, url, log = served
    [worker] = workers(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    assert process.wait(timeout=60) == 0, log.read_text()
    assert not Path(f"/proc/{worker}").exists()
    output = log.read_text()
    assert f"Finished server process [{worker}]" in output
    assert "Stopping the local Neo4j" not in output
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/healthz", timeout=2)
    driver.verify_connectivity()
