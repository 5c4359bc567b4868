"""Loads racing each other leave exact counts: every load is all or nothing, no id twice."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import neo4j
import pytest

from loaders.load import load
from tests.loaders.datasets import write_json
from tests.loaders.graph_dump import count
from tests.neo4j_backends import Backend

ROUNDS = 3


def firms(prefix: str, n: int) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}-{i}", "name": f"Firma {prefix} {i}", "size": "SMALL",
             "territory_code": "CO-ANT", "sector_codes": "1071"} for i in range(n)]


def dataset(own: str, shared: int) -> dict[str, list[dict[str, Any]]]:
    """150 firms of its own, `shared` firms every dataset has, and one initiative they join."""
    members = firms(own, 150) + firms("SHARED", shared)
    return {
        "firms": members,
        "initiatives": [{"id": f"INI-{own}", "name": f"Red {own}", "type": "BUSINESS_NETWORK",
                         "territory_codes": "CO-ANT", "sector_codes": "10"}],
        "participations": [{"actor_id": f["id"], "initiative_id": f"INI-{own}",
                            "role": "MEMBER"} for f in members],
    }


def firm_ids(driver: neo4j.Driver) -> list[str]:
    records, _, _ = driver.execute_query("MATCH (f:Firm) RETURN f.id AS id")
    return [r["id"] for r in records]


@pytest.mark.parametrize("shared", [0, 20])
def test_loads_racing_each_other_leave_exact_counts(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path, shared: int
) -> None:
    database = neo4j_backend.settings.neo4j_database
    names = [f"R{n}" for n in range(4)]
    paths = [write_json(dataset(name, shared), tmp_path / f"{name}.json") for name in names]
    for _ in range(ROUNDS):
        with ThreadPoolExecutor(len(paths)) as pool:
            outcomes = list(pool.map(
                lambda path: _attempt(path, reference_db, database), paths))
        ids = firm_ids(reference_db)
        assert len(ids) == len(set(ids)), "a firm was created twice"
        loaded = [name for name, outcome in zip(names, outcomes, strict=True) if outcome is None]
        assert outcomes == [None] * len(paths)  # a lost race is validated and written again
        expected = {f"{name}-{i}" for name in loaded for i in range(150)}
        if shared:
            expected |= {f"SHARED-{i}" for i in range(shared)}
        assert expected <= set(ids)
        assert len(ids) == len(expected)
        records, _, _ = reference_db.execute_query(
            "MATCH (i:Initiative) WHERE i.id STARTS WITH 'INI-R' "
            "RETURN i.id AS id, COUNT { (i)<-[:PARTICIPATES_IN]-() } AS members")
        for record in records:
            assert record["members"] == 150 + shared, record  # whole, never half
    nodes, relationships = count(reference_db)
    assert nodes > 0 and relationships > 0


def _attempt(path: Path, driver: neo4j.Driver, database: str) -> str | None:
    """None when the load went through, else the error it ended with."""
    try:
        load(path, driver, database, progress=False)
    except Exception as error:  # shown in the assertion that fails
        return f"{type(error).__name__}: {error}"
    return None
