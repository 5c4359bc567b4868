"""The labelled datasets of bench/findings: every gap kind and matchmaking meet their goals."""

import importlib.util
import sys
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import load
from service.app import create_app
from tests.conftest import fresh_reference
from tests.neo4j_backends import Backend

FINDINGS = Path(__file__).resolve().parents[3] / "bench" / "findings"
spec = importlib.util.spec_from_file_location("findings_evaluate", FINDINGS / "evaluate.py")
assert spec and spec.loader
evaluate = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(evaluate)


@pytest.mark.parametrize("dataset", sorted(p.parent.name for p in FINDINGS.glob("*/labels.json")))
def test_each_gap_kind_and_matchmaking_find_what_analysts_labelled(
    driver: neo4j.Driver, neo4j_backend: Backend, dataset: str
) -> None:
    database = neo4j_backend.settings.neo4j_database
    fresh_reference(driver, database)
    load(FINDINGS / dataset, driver, database, progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as app:
        kinds, queries = evaluate.evaluate(FINDINGS / dataset, app)
    for kind, tally in kinds.items():
        assert tally.hits == tally.expected == set(tally.found), kind
    assert [q["id"] for q in queries if q["precision"] < 1 or q["recall"] < 1] == []
