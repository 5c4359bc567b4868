"""The sample dataset loads cleanly and holds what its README promises."""

import subprocess
import sys

import neo4j

from loaders.load import SAMPLE, load, load_sample_if_empty
from tests.neo4j_backends import Backend


def column(driver: neo4j.Driver, query: str) -> list[object]:
    records, _, _ = driver.execute_query(query)
    return [record[0] for record in records]


def test_the_sample_loads_into_an_empty_database_once(
    reference_db: neo4j.Driver, neo4j_backend: Backend
) -> None:
    database = neo4j_backend.settings.neo4j_database
    first = load_sample_if_empty(reference_db, database)
    assert first is not None and first.counts["initiatives"].created == 15
    assert load_sample_if_empty(reference_db, database) is None
    assert (load(SAMPLE, reference_db, database, progress=False).created,
            ) == (0,)


def test_the_sample_covers_the_model(reference_db: neo4j.Driver, neo4j_backend: Backend) -> None:
    load(SAMPLE, reference_db, neo4j_backend.settings.neo4j_database, progress=False)
    types = column(reference_db, "MATCH (i:Initiative) RETURN DISTINCT i.type")
    assert sorted(map(str, types)) == ["BUSINESS_NETWORK", "CLUSTER", "LOCAL_PRODUCTIVE",
                                       "SUPPLIER_DEVELOPMENT", "VALUE_CHAIN"]
    countries = column(reference_db, "MATCH (:Initiative)-[:LOCATED_IN]->()-[:PART_OF*0..2]->"
                                     "(c:Territory {level: 'COUNTRY'}) RETURN DISTINCT c.code")
    assert len(countries) >= 3
    relationship_types = column(reference_db, "MATCH ()-[r]->() WHERE r.loadId IS NOT NULL "
                                              "RETURN DISTINCT type(r)")
    assert set(map(str, relationship_types)) == {
        "PARTICIPATES_IN", "GOVERNS", "RUNS", "SUPPORTS", "SUPPLIES", "COLLABORATES_WITH",
        "AGREEMENT_WITH", "LOCATED_IN", "IN_SECTOR", "PART_OF"}


def test_the_sample_holds_its_deliberate_gaps(
    reference_db: neo4j.Driver, neo4j_backend: Backend
) -> None:
    load(SAMPLE, reference_db, neo4j_backend.settings.neo4j_database, progress=False)
    ungoverned = column(reference_db, "MATCH (i:Initiative) WHERE NOT ()-[:GOVERNS]->(i) "
                                      "RETURN i.id")
    assert ungoverned == ["INI-CO-004"]
    levels = column(reference_db, "MATCH (g:Institution {kind: 'GOVERNMENT'})-[:GOVERNS]->"
                                  "(:Initiative {id: 'INI-PE-002'}) RETURN DISTINCT g.level")
    assert levels == ["LOCAL"]
    shared = column(reference_db, "MATCH (a:Initiative {id: 'INI-CL-001'}), "
                                  "(b:Initiative {id: 'INI-CL-002'}) "
                                  "RETURN EXISTS { (a)<-[:PARTICIPATES_IN|GOVERNS]-(:Actor)"
                                  "-[:PARTICIPATES_IN|GOVERNS]->(b) } "
                                  "OR EXISTS { (a)-[:COLLABORATES_WITH]-(b) }")
    assert shared == [False]


def test_the_sample_passes_its_own_check_its_six_gaps_included() -> None:
    result = subprocess.run([sys.executable, str(SAMPLE / "check_sample.py")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("0 error(s)\n")
