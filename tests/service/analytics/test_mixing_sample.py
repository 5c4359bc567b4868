"""Mixing matrices, E-I index and assortativity on the sample, against NetworkX."""

import neo4j
import networkx as nx
import numpy as np
import pytest
from fastapi.testclient import TestClient

from tests.service.analytics.reference import ask, reference_graph

MIXING = """query($by: MixingBy!, $projection: Projection!) {
  mixing(by: $by, projection: $projection) {
    categories matrix internalTies externalTies eiIndex assortativity nodeCount
    excludedNodes provenance { algorithm parameters } } }"""

ATTRIBUTES = """
MATCH (n) WHERE n.id IN $ids
OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
WITH n, collect(DISTINCT c.code) AS countries
OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
RETURN n.id AS id, labels(n) AS labels, n.type AS type, n.kind AS kind, n.level AS level,
       countries, collect(DISTINCT r.code) AS regions"""


def categories(driver: neo4j.Driver, ids: list[str], by: str) -> dict[str, str]:
    records, _, _ = driver.execute_query(ATTRIBUTES, ids=ids)
    out = {}
    for r in records:
        labels = set(r["labels"])
        if by == "KIND":
            value = (r["type"] if "Initiative" in labels else "FIRM" if "Firm" in labels
                     else r["kind"] if "Institution" in labels else "PROGRAM")
        elif by == "LEVEL":
            value = r["level"] if "Institution" in labels else None
        elif by == "COUNTRY":
            value = ";".join(sorted(r["countries"])) or None
        else:
            value = ";".join(sorted(r["regions"])) or None
        if value is not None:
            out[r["id"]] = value
    return out


@pytest.mark.parametrize("by", ["KIND", "LEVEL", "COUNTRY", "TERRITORY"])
@pytest.mark.parametrize("projection", ["FULL", "ACTORS", "SUPPLY"])
def test_mixing_is_networkx_s(by: str, projection: str, sample_client: TestClient,
                              sample_db: neo4j.Driver) -> None:
    graph = reference_graph(sample_client, projection)
    category = categories(sample_db, list(graph.nodes), by)
    answer = ask(sample_client, MIXING, by=by, projection=projection)["mixing"]
    sub = graph.subgraph(category).copy()
    nx.set_node_attributes(sub, category, "group")
    assert answer["nodeCount"] == sub.number_of_nodes()
    assert answer["excludedNodes"] == graph.number_of_nodes() - sub.number_of_nodes()
    assert answer["categories"] == sorted(set(category.values()))
    mapping = {c: i for i, c in enumerate(answer["categories"])}
    expected = nx.attribute_mixing_matrix(sub, "group", mapping=mapping, normalized=False)
    size = len(mapping)
    assert np.array_equal(np.array(answer["matrix"]).reshape(size, size), expected)
    inside = sum(1 for a, b in sub.edges if category[a] == category[b])
    across = sub.number_of_edges() - inside
    assert (answer["internalTies"], answer["externalTies"]) == (inside, across)
    if inside + across:
        assert answer["eiIndex"] == pytest.approx((across - inside) / (across + inside))
    if len(set(category[n] for e in sub.edges for n in e)) < 2:
        assert answer["assortativity"] is None  # NetworkX: 0/0, NaN
        return
    reference = nx.attribute_assortativity_coefficient(sub, "group")
    assert answer["assortativity"] == pytest.approx(reference, abs=1e-9)
