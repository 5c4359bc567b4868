"""Maintenance whose memory does not grow with the data: under one small per-transaction
memory cap, `db restore` and `db reset --yes` succeed on a dump and on one ten times its
size (while a reset that deletes nodes with their relationships is refused at the larger
size), and a refusal names the command and a remedy that applies to it.

The session's local server is restarted once with `db.memory.transaction.max` set, and once
more without it at the end."""

import gzip
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from service.cypher_catalog import cypher
from tests.neo4j_backends import Backend, articula

CAP = "48m"  # what the reference data's init needs, with room; far below a 10x dataset whole


@pytest.fixture(scope="module")
def capped(neo4j_backend: Backend, driver: neo4j.Driver) -> Iterator[Backend]:
    """The session's server, restarted with no transaction allowed more than CAP."""
    server = neo4j_backend.local
    if server is None:
        pytest.skip(f"the session runs against a {neo4j_backend.kind} Neo4j, whose "
                    "settings the tests do not change")
    server.stop()
    server.config = {"db.memory.transaction.max": CAP}
    try:
        server.start()
        yield neo4j_backend
    finally:
        server.stop()
        server.config = {}
        server.start()


def write_dump(path: Path, actors: int, name_size: int = 20, links: int = 5) -> int:
    """A dump of `actors` firms, each taking part in `links` of actors/100 initiatives (so
    each initiative has some 500 participants); how many relationships."""
    initiatives = max(actors // 100, 1) if links else 0
    relationships = 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"format": "articula-dump", "version": 1}) + "\n")
        for key in range(initiatives):
            out.write(json.dumps({"n": key, "labels": ["Initiative"],
                                  "p": {"id": f"I-{key}", "name": f"Initiative {key}"}}) + "\n")
        for actor in range(actors):
            out.write(json.dumps({"n": initiatives + actor, "labels": ["Actor", "Firm"],
                                  "p": {"id": f"F-{actor}", "name": "f" * name_size}}) + "\n")
        for actor in range(actors if initiatives else 0):
            for k in range(links):
                out.write(json.dumps({"r": "PARTICIPATES_IN", "s": initiatives + actor,
                                      "e": (actor + k) % initiatives, "p": {"role": "MEMBER"}}))
                out.write("\n")
                relationships += 1
        out.write(json.dumps({"end": True, "nodes": initiatives + actors,
                              "relationships": relationships}) + "\n")
    return relationships


def counts(driver: neo4j.Driver) -> tuple[int, int, int, int]:
    """Firms, initiatives, relationships and reference nodes."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (f:Firm) RETURN count(f) AS firms } "
        "CALL () { MATCH (i:Initiative) RETURN count(i) AS initiatives } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
        "CALL () { MATCH (n) WHERE n.reference IS NOT NULL RETURN count(n) AS reference } "
        "RETURN firms, initiatives, relationships, reference")
    return tuple(records[0].values())  # type: ignore[return-value]


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_restore_and_reset_fit_the_same_cap_at_2k_and_20k_actors(
    capped: Backend, driver: neo4j.Driver, tmp_path: Path
) -> None:
    left = []
    for actors in (2_000, 20_000):
        path = tmp_path / f"{actors}.dump.gz"
        relationships = write_dump(path, actors)
        assert succeeded(articula(capped, "db", "restore", str(path), "--yes")).startswith(
            f"Restored {actors + actors // 100:,} nodes")
        assert counts(driver) == (actors, actors // 100, relationships, 0)
        if actors == 20_000:  # the cap binds: nodes deleted with their relationships
            with pytest.raises(neo4j.exceptions.TransientError,
                               match="MemoryPoolOutOfMemoryError"), driver.session() as session:
                session.run(cypher("db/reset")).consume()
        assert "Deleted everything" in succeeded(articula(capped, "db", "reset", "--yes"))
        left.append(counts(driver))
    firms, initiatives, links, reference = left[0]
    assert (firms, initiatives) == (0, 0)
    assert reference > 1_000 and links > 1_000  # the reference territories and sectors
    assert left[1] == left[0]


def test_a_memory_refusal_names_the_command_and_a_remedy_that_applies_to_it(
    capped: Backend, driver: neo4j.Driver, tmp_path: Path
) -> None:
    path = tmp_path / "wide.dump.gz"
    write_dump(path, 400, name_size=250_000, links=0)  # 100 MB of names in one batch

    refused = articula(capped, "db", "restore", str(path), "--yes")

    assert refused.returncode == 1, refused.stderr
    message = refused.stderr.strip().splitlines()[-1]
    assert message.startswith(
        "articula: `articula db restore` ran out of Neo4j's transaction memory"), message
    assert "ARTICULA_NEO4J_HEAP" in message
    assert "db.memory.transaction.max" in message
    assert "scope" not in message
    assert counts(driver) == (0, 0, 0, 0)  # emptied, not half-restored
