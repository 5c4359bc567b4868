"""Roll-up of a node metric to territories on the sample, recomputed independently."""

from collections import defaultdict

import neo4j
import pytest
from fastapi.testclient import TestClient

from tests.service.analytics.reference import ask, reference_graph

ROLLUP = """query($metric: CentralityMetric!, $level: TerritoryLevel!, $projection: Projection!) {
  rollup(metric: $metric, level: $level, projection: $projection) {
    level unplacedNodes territories { code name nodeCount mean max sum internalTies }
    ties { source target count } provenance { algorithm } } }"""

SCORES = """query($metric: CentralityMetric!, $projection: Projection!) {
  centrality(metric: $metric, projection: $projection, top: 1000) { items { id score } } }"""

PLACES = """MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory {level: $level})
WHERE n.id IN $ids RETURN DISTINCT n.id AS id, t.code AS code"""


@pytest.mark.parametrize(("metric", "level", "projection"), [
    ("DEGREE", "COUNTRY", "FULL"), ("PAGERANK", "REGION", "ACTORS"),
    ("BETWEENNESS", "MUNICIPALITY", "INITIATIVES"), ("DEGREE", "REGION", "SUPPLY")])
def test_rollup_matches_an_independent_count(metric: str, level: str, projection: str,
                                             sample_client: TestClient,
                                             sample_db: neo4j.Driver) -> None:
    answer = ask(sample_client, ROLLUP, metric=metric, level=level,
                 projection=projection)["rollup"]
    scores = {i["id"]: i["score"] for i in ask(sample_client, SCORES, metric=metric,
                                               projection=projection)["centrality"]["items"]}
    records, _, _ = sample_db.execute_query(PLACES, level=level, ids=list(scores))
    where: dict[str, set[str]] = defaultdict(set)
    for r in records:
        where[r["id"]].add(r["code"])
    per: dict[str, list[float]] = defaultdict(list)
    for node, codes in where.items():
        for code in codes:
            per[code].append(scores[node])
    got = {t["code"]: t for t in answer["territories"]}
    assert set(got) == set(per)
    for code, values in per.items():
        assert got[code]["nodeCount"] == len(values)
        assert got[code]["sum"] == pytest.approx(sum(values))
        assert got[code]["max"] == pytest.approx(max(values))
        assert got[code]["mean"] == pytest.approx(sum(values) / len(values))
    assert answer["unplacedNodes"] == len(set(scores) - set(where))
    graph = reference_graph(sample_client, projection)
    internal: dict[str, int] = defaultdict(int)
    between: dict[tuple[str, str], int] = defaultdict(int)
    for s, t in graph.edges:
        for a in where.get(s, ()):
            for b in where.get(t, ()):
                if a == b:
                    internal[a] += 1
                else:
                    between[(a, b) if graph.is_directed() else tuple(sorted((a, b)))] += 1
    assert {c: t["internalTies"] for c, t in got.items()} == {c: internal[c] for c in got}
    assert {(t["source"], t["target"]): t["count"] for t in answer["ties"]} == dict(between)
    sums = [-t["sum"] for t in answer["territories"]]
    assert sums == sorted(sums)
