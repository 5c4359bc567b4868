"""Two service processes on one Neo4j, as replicas behind a load balancer run: a write through
one is seen at once by the lists and analytics of the other (the graph version lives in the
database), and both may project and analyse the same graph at the same moment."""

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx2 as httpx
import neo4j
import pytest

from loaders.load import SAMPLE, load
from service.access import create_key
from tests.conftest import fresh_reference
from tests.neo4j_backends import Backend
from tests.serving import start_serve

DEGREES = """{ centrality(metric: DEGREE, projection: FULL, top: 1000) {
  nodeCount items { id score } provenance { graphVersion cached } } }"""
FIRMS = "{ firms(first: 0) { totalCount } }"
PAGERANK = """query($c: [String!]) { centrality(metric: PAGERANK, projection: ACTORS,
  scope: {countries: $c}, top: 1000) { nodeCount items { id score } } }"""


@contextmanager
def serving(backend: Backend, log: Path) -> Iterator[str]:
    """`articula serve` in a process of its own until the block ends; its base URL."""
    process, url = start_serve(backend, log)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def replicas(driver: neo4j.Driver, neo4j_backend: Backend,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """Two service processes over the sample dataset, and an EDITOR key."""
    database = neo4j_backend.settings.neo4j_database
    fresh_reference(driver, database)
    load(SAMPLE, driver, database, progress=False)
    editor = create_key(driver, database, "scale-out test", "EDITOR").key
    logs = tmp_path_factory.mktemp("replicas")
    with ExitStack() as stack:
        first = stack.enter_context(serving(neo4j_backend, logs / "first.log"))
        second = stack.enter_context(serving(neo4j_backend, logs / "second.log"))
        yield first, second, editor


def ask(url: str, query: str, variables: dict[str, Any] | None = None,
        key: str | None = None) -> dict[str, Any]:
    """The answer's data, asking again after `retryAfter` while the service answers BUSY."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    while True:
        answer = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables or {}},
                            headers=headers, timeout=120).json()
        busy = [e for e in answer.get("errors", []) if e["extensions"]["code"] == "BUSY"]
        if not busy:
            break
        time.sleep(busy[0]["extensions"]["retryAfter"])
    assert "errors" not in answer, answer["errors"]
    data: dict[str, Any] = answer["data"]
    return data


def scores(answer: dict[str, Any]) -> dict[str, float]:
    return {item["id"]: item["score"] for item in answer["centrality"]["items"]}


def test_a_write_through_one_process_is_seen_by_the_other(
        replicas: tuple[str, str, str]) -> None:
    first, second, editor = replicas
    before = ask(second, DEGREES)["centrality"]
    assert ask(second, DEGREES)["centrality"]["provenance"]["cached"]  # kept by the second
    firms = ask(second, FIRMS)["firms"]["totalCount"]
    initiative = min(i for i in scores({"centrality": before}) if i.startswith("INI-"))

    ask(first, """mutation { createFirm(input: {id: "FIRM-SCALE-OUT", name: "Réplica SA",
        size: "SMALL", territoryCode: "CO-ANT", sectorCodes: ["1071"]}) { auditId } }""",
        key=editor)
    ask(first, """mutation($i: ID!) { createParticipation(input: {actorId: "FIRM-SCALE-OUT",
        initiativeId: $i, role: "MEMBER"}) { auditId } }""", {"i": initiative}, key=editor)

    after = ask(second, DEGREES)["centrality"]
    assert after["provenance"]["graphVersion"] > before["provenance"]["graphVersion"]
    assert not after["provenance"]["cached"]
    assert after["nodeCount"] == before["nodeCount"] + 1
    old, new = scores({"centrality": before}), scores({"centrality": after})
    assert new["FIRM-SCALE-OUT"] == 1
    assert new[initiative] == old[initiative] + 1
    assert {k: v for k, v in new.items() if k not in ("FIRM-SCALE-OUT", initiative)} == {
        k: v for k, v in old.items() if k != initiative}
    assert ask(second, FIRMS)["firms"]["totalCount"] == firms + 1
    through_first = ask(first, DEGREES)["centrality"]
    assert scores({"centrality": through_first}) == new
    assert through_first["provenance"]["graphVersion"] == after["provenance"]["graphVersion"]


def test_both_processes_project_and_analyse_the_same_graphs_at_once(
        replicas: tuple[str, str, str], driver: neo4j.Driver, neo4j_backend: Backend) -> None:
    first, second, _ = replicas
    countries = [["CO"], ["MX"], ["CL"], ["PE"], ["CO", "MX"], ["CL", "PE"]]
    calls = [(url, c) for c in countries for url in (first, second, first, second)]
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        answers = list(pool.map(lambda call: ask(call[0], PAGERANK, {"c": call[1]}), calls))
    for i in range(0, len(answers), 4):
        assert answers[i] == answers[i + 1] == answers[i + 2] == answers[i + 3], calls[i][1]
    records, _, _ = driver.execute_query(
        "CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS names",
        database_=neo4j_backend.settings.neo4j_database)
    names = records[0]["names"]
    assert len(names) == len(set(names))
