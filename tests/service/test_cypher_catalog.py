"""Every Cypher file parses and plans on the real server."""

import neo4j
import pytest

from service.cypher_catalog import cypher, names


@pytest.mark.parametrize("name", names())
def test_every_statement_plans(name: str, db: neo4j.Driver) -> None:
    with db.session() as session:
        session.run(f"EXPLAIN {cypher(name)}").consume()


def test_an_unknown_statement_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="no/such"):
        cypher("no/such")
