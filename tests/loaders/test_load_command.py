"""`articula load` and `articula db` as a user runs them."""

import re
from pathlib import Path

import neo4j

from tests.loaders.datasets import small_network, write_csv_folder
from tests.loaders.graph_dump import count
from tests.neo4j_backends import Backend, articula


def test_load_prints_a_summary_and_a_second_load_changes_nothing(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    path = str(write_csv_folder(small_network(), tmp_path / "network"))
    first = articula(neo4j_backend, "load", path)
    assert first.returncode == 0, first.stderr
    assert re.search(r"^initiatives +2 +0$", first.stdout, re.MULTILINE), first.stdout
    second = articula(neo4j_backend, "load", path)
    assert second.returncode == 0, second.stderr
    assert "network: the database already held all of it; nothing changed." in second.stdout


def test_a_bad_dataset_exits_non_zero_listing_the_problems(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    tables = small_network()
    tables["firms"][0]["size"] = "enorme"
    tables["participations"][1]["actor_id"] = "F-404"
    before = count(reference_db)
    result = articula(neo4j_backend, "load", str(write_csv_folder(tables, tmp_path)))
    assert result.returncode == 1
    assert "The dataset has 2 problems of 2 kinds; nothing was written" in result.stderr
    assert "firms.csv, row 2, column size: 'enorme': expected one of MICRO" in result.stderr
    assert "participations.csv, row 3, column actor_id: 'F-404': unknown actor id" in (
        result.stderr)
    assert count(reference_db) == before


def test_db_reset_needs_yes_keeps_the_reference_data_and_bumps_the_version(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    def state() -> tuple[int, int, int]:
        records, _, _ = reference_db.execute_query(
            "CALL () { MATCH (n) WHERE n.reference = true RETURN count(n) AS reference } "
            "CALL () { MATCH (n) WHERE n.reference IS NULL "
            "          AND NOT n:GraphVersion AND NOT n:ApiKey AND NOT n:AuditEntry "
            "          RETURN count(n) AS loaded } "
            "OPTIONAL MATCH (g:GraphVersion) RETURN reference, loaded, g.version AS version"
        )
        return records[0]["reference"], records[0]["loaded"], records[0]["version"] or 0

    assert articula(neo4j_backend, "load", str(write_csv_folder(small_network(), tmp_path)),
                    ).returncode == 0
    reference, loaded, version = state()
    refused = articula(neo4j_backend, "db", "reset")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert state() == (reference, loaded, version)
    done = articula(neo4j_backend, "db", "reset", "--yes")
    assert done.returncode == 0, done.stderr
    assert state() == (reference, 0, version + 1)
