"""Lists and networks read while the nodes in them are deleted by another transaction."""

import threading

import neo4j
from fastapi.testclient import TestClient

FIRMS = 2000
PAGE = "{ firms(first: 200) { edges { node { id name } } } }"
NETWORK = '{ network(projection: FULL, scope: {countries: ["CO"]}) { nodes { id name } } }'


def answers_while_deleting(db: neo4j.Driver, client: TestClient, query: str) -> list[dict]:
    """The answers to `query`, asked again and again while every firm is deleted one by one."""
    db.execute_query("CREATE (co:Territory {code: 'CO', name: 'Colombia', level: 'COUNTRY'}) "
                     "WITH co UNWIND range(1, $n) AS i "
                     "CREATE (:Firm:Actor {id: 'F' + i, name: 'Firm ' + i})-[:LOCATED_IN]->(co)",
                     n=FIRMS)
    done = threading.Event()

    def delete_one_by_one() -> None:
        for i in range(1, FIRMS + 1):
            db.execute_query("MATCH (f:Firm {id: $id}) DETACH DELETE f", id=f"F{i}")
        done.set()

    deleter = threading.Thread(target=delete_one_by_one)
    deleter.start()
    answers = []
    while not done.is_set():
        answers.append(client.post("/graphql", json={"query": query}).json())
    deleter.join()
    assert len(answers) > 10
    return answers


def test_a_firm_deleted_while_its_page_is_read_is_left_out_not_an_error(
    db: neo4j.Driver, client: TestClient
) -> None:
    answers = answers_while_deleting(db, client, PAGE)
    assert [a["errors"] for a in answers if "errors" in a] == []
    assert answers[0]["data"]["firms"]["edges"]
    for answer in answers:
        for edge in answer["data"]["firms"]["edges"]:
            assert edge["node"]["name"] == f"Firm {edge['node']['id'][1:]}"


def test_a_firm_deleted_while_the_network_is_read_is_left_out_not_an_error(
    db: neo4j.Driver, client: TestClient
) -> None:
    answers = answers_while_deleting(db, client, NETWORK)
    assert [a["errors"] for a in answers if "errors" in a] == []
    assert answers[0]["data"]["network"]["nodes"]
    for answer in answers:
        for node in answer["data"]["network"]["nodes"]:
            assert node["name"] == f"Firm {node['id'][1:]}"
