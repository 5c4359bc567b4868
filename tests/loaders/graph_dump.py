"""The whole graph as plain, sorted data, for comparing databases exactly."""

from typing import Any

import neo4j

STAMP = {"loadId"}


def dump(driver: neo4j.Driver, *, stamps: bool = False) -> dict[str, list[Any]]:
    """Every node and relationship with its properties; load stamps only when asked."""
    def clean(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if stamps or k not in STAMP}

    node_records, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:Load AND NOT n:GraphVersion "
        "RETURN labels(n) AS labels, properties(n) AS props"
    )
    rel_records, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.code) AS a, type(r) AS type, "
        "coalesce(b.id, b.code) AS b, properties(r) AS props"
    )
    nodes = sorted(
        (sorted(r["labels"]), sorted(clean(r["props"]).items(), key=str)) for r in node_records
    )
    rels = sorted(
        (r["a"], r["type"], r["b"], sorted(clean(r["props"]).items(), key=str))
        for r in rel_records
    )
    return {"nodes": [repr(n) for n in nodes], "relationships": [repr(r) for r in rels]}


def count(driver: neo4j.Driver) -> tuple[int, int]:
    """Nodes and relationships in the whole database."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels"
    )
    return records[0]["nodes"], records[0]["rels"]
