"""Lists read while the nodes they list are deleted by another transaction."""

import threading

import neo4j
from fastapi.testclient import TestClient

FIRMS = 2000
PAGE = "{ firms(first: 200) { edges { node { id name } } } }"


def test_a_firm_deleted_while_its_page_is_read_is_left_out_not_an_error(
    db: neo4j.Driver, client: TestClient
) -> None:
    db.execute_query("UNWIND range(1, $n) AS i CREATE (:Firm {id: 'F' + i, name: 'Firm ' + i})",
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
        answers.append(client.post("/graphql", json={"query": PAGE}).json())
    deleter.join()

    assert len(answers) > 10
    assert [a["errors"] for a in answers if "errors" in a] == []
    for answer in answers:
        for edge in answer["data"]["firms"]["edges"]:
            assert edge["node"]["name"] == f"Firm {edge['node']['id'][1:]}"
