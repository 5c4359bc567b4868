"""`articula db dump` / `restore`: a round trip gives back every node, relationship and property."""

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import neo4j
import pytest

from loaders.load import SAMPLE, load
from service.backup import BackupError, dump, restore
from tests.neo4j_backends import Backend, articula

VERSION_STAMP = {"version", "changedAt"}  # restore bumps the graph version: caches must not


def canonical(labels: list[str], props: dict[str, Any]) -> str:
    if "GraphVersion" in labels:
        props = {k: v for k, v in props.items() if k not in VERSION_STAMP}
    return json.dumps([sorted(labels), props], sort_keys=True, default=repr)


def snapshot(driver: neo4j.Driver) -> tuple[Counter[str], Counter[str]]:
    """Every node and relationship as text, ends named by their whole content."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN labels(a) AS al, properties(a) AS ap, type(r) AS type, "
        "properties(r) AS props, labels(b) AS bl, properties(b) AS bp"
    )
    return (
        Counter(canonical(r["labels"], r["props"]) for r in nodes),
        Counter(
            json.dumps([canonical(r["al"], r["ap"]), r["type"], r["props"],
                        canonical(r["bl"], r["bp"])], sort_keys=True, default=repr)
            for r in rels
        ),
    )


def graph_version(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (g:GraphVersion) RETURN g.version AS v")
    return int(records[0]["v"])


@pytest.fixture
def sample(reference_db: neo4j.Driver, neo4j_backend: Backend) -> neo4j.Driver:
    load(SAMPLE, reference_db, neo4j_backend.settings.neo4j_database)
    return reference_db


def test_a_dump_restored_gives_back_every_node_relationship_and_property(
    sample: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    database = neo4j_backend.settings.neo4j_database
    before = snapshot(sample)
    version = graph_version(sample)
    written = dump(sample, database, tmp_path / "articula.dump.gz")
    assert (written.nodes, written.relationships) == (
        sum(before[0].values()), sum(before[1].values())
    )

    sample.execute_query("MATCH (i:Initiative) DETACH DELETE i")  # the restore must replace
    restored = restore(sample, database, tmp_path / "articula.dump.gz")

    assert restored == written
    assert snapshot(sample) == before
    assert graph_version(sample) == version + 1


def test_temporal_values_survive_the_round_trip(
    db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    db.execute_query(
        "CREATE (:Load {id: 'l', at: datetime('2026-11-26T04:05:06.123456789+01:00'), "
        "on: date('2026-01-02'), took: duration('PT1M2.5S'), ratio: 0.25, "
        "years: [2020, 2021], nothing: []}), (:GraphVersion {id: 'graph', version: 1})"
    )
    before = snapshot(db)
    database = neo4j_backend.settings.neo4j_database
    dump(db, database, tmp_path / "d.gz")
    restore(db, database, tmp_path / "d.gz")
    assert snapshot(db) == before


def write_dump(path: Path, lines: list[Any]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for line in lines:
            out.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
    return path


HEADER = {"format": "articula-dump", "version": 1}
NODE = {"n": 0, "labels": ["Actor", "Firm"], "p": {"id": "F-1", "name": "Firma"}}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([HEADER, NODE], r"ends early \(no end line\): it is truncated"),
        ([{"format": "neo4j"}], r"line 1: not an Articula dump"),
        ([HEADER, {"n": 0, "labels": ["Admin"], "p": {}}], r"line 2: labels \['Admin'\]"),
        ([HEADER, NODE, {"r": "OWNS", "s": 0, "e": 0}], r"line 3: relationship type 'OWNS'"),
        ([HEADER, NODE, {"r": "SUPPLIES", "s": 0, "e": 7}], r"line 3: .*node 7, which the dump"),
        ([HEADER, "{not json"], r"line 2: not JSON"),
        ([HEADER, NODE, {"end": True, "nodes": 2, "relationships": 0}], r"the end line says"),
    ],
    ids=["truncated", "not-a-dump", "label", "type", "dangling", "json", "counts"],
)
def test_a_bad_dump_is_refused_by_line_and_the_database_is_untouched(
    lines: list[Any], message: str, sample: neo4j.Driver, neo4j_backend: Backend,
    tmp_path: Path,
) -> None:
    before = snapshot(sample)
    with pytest.raises(BackupError, match=message):
        restore(sample, neo4j_backend.settings.neo4j_database, write_dump(tmp_path / "d", lines))
    assert snapshot(sample) == before


def test_a_file_that_is_not_gzip_is_refused(
    db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    (tmp_path / "d").write_text("nodes,relationships\n")
    with pytest.raises(BackupError, match="not a readable gzip file"):
        restore(db, neo4j_backend.settings.neo4j_database, tmp_path / "d")



def test_the_commands_dump_and_restore_and_restore_asks_for_confirmation(
    sample: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    path = str(tmp_path / "backup.gz")
    dumped = articula(neo4j_backend, "db", "dump", path)
    assert dumped.returncode == 0, dumped.stderr
    assert dumped.stdout.startswith("Wrote ")

    refused = articula(neo4j_backend, "db", "restore", path)
    assert refused.returncode == 2
    assert "--yes" in refused.stderr

    restored = articula(neo4j_backend, "db", "restore", path, "--yes")
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith("Restored ")
