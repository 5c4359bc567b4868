"""Hand-built graphs written straight to Neo4j: firms linked by SUPPLIES, so that FULL is the
undirected simple graph and SUPPLY the weighted directed one."""

from __future__ import annotations

import neo4j
import networkx as nx

from service.cypher_catalog import cypher


def write_graph(driver: neo4j.Driver, database: str, graph: nx.Graph, prefix: str) -> None:
    """Each node a firm `<prefix><node>`; each edge a SUPPLIES with the edge's weight (1 when
    it has none); then a new graph version, as every write does."""
    nodes = [{"id": f"{prefix}{n}", "name": f"Firm {prefix}{n}"} for n in graph.nodes]
    edges = [{"s": f"{prefix}{a}", "t": f"{prefix}{b}", "w": float(d.get("weight", 1.0))}
             for a, b, d in graph.edges(data=True)]
    with driver.session(database=database) as session:
        session.run("UNWIND $rows AS r CREATE (:Actor:Firm {id: r.id, name: r.name})",
                    rows=nodes).consume()
        session.run("UNWIND $rows AS r MATCH (a:Firm {id: r.s}), (b:Firm {id: r.t}) "
                    "CREATE (a)-[:SUPPLIES {weight: r.w}]->(b)", rows=edges).consume()
        session.run(cypher("db/bump_version")).consume()


def random_graph(seed: int = 7) -> nx.Graph:
    """A clustered random graph with weights, a few isolated nodes and a separate triangle."""
    import random

    rng = random.Random(seed)
    graph = nx.powerlaw_cluster_graph(300, 2, 0.3, seed=seed)
    for a, b in graph.edges:
        graph[a][b]["weight"] = round(rng.uniform(0.1, 3.0), 2)
    graph.add_nodes_from([1000, 1001, 1002])
    graph.add_edges_from([(2000, 2001), (2001, 2002), (2002, 2000)], weight=1.0)
    return graph
