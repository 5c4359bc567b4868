"""Private fields, complete for the roles that may read them and hidden from the others,
wherever a firm appears: lists in every order, lookups and relationship fields."""

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from service.access import NewKey, create_key
from tests.neo4j_backends import Backend
from tests.service.api.writing import clean_up, prepare
from tests.serving import serve

FIRM = "id taxId"
ORDERS = ["", *(f"orderBy: {{field: {f}, direction: {d}}}"
                for f in ("NAME", "ID", "INITIATIVE_COUNT", "FOUNDED_YEAR", "EMPLOYEES")
                for d in ("ASC", "DESC"))]


def lists(order: str) -> str:
    arguments = f"first: 500 {order}"
    return f"""{{ firms({arguments}) {{ edges {{ node {{ {FIRM} }} }} }}
      actors({arguments}) {{ edges {{ node {{ ... on Firm {{ {FIRM} }} }} }} }}
      found: firms(first: 500, filter: {{search: "S.A."}}) {{
        edges {{ node {{ {FIRM} }} }} }} }}"""


LOOKUPS = f"""{{ firm(id: "FIRM-CO-001") {{ {FIRM} suppliers {{ firm {{ {FIRM} }} }}
      clients {{ firm {{ {FIRM} }} }} }}
  node(id: "FIRM-CO-002") {{ ... on Firm {{ {FIRM} }} }}
  initiatives(first: 500) {{ edges {{ node {{ participants {{ actor {{ ... on Firm {{ {FIRM} }} }}
  }} }} }} }} }}"""


@pytest.fixture(scope="module")
def keys(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[dict[str, NewKey | None]]:
    database = neo4j_backend.settings.neo4j_database
    prepare(driver, database)
    driver.execute_query("MATCH (f:Firm) SET f.taxId = 'TAX-' + f.id", database_=database)
    yield {"anonymous": None, **{role: create_key(driver, database, f"private {role}", role)
                                 for role in ("READER", "EDITOR", "ADMIN")}}
    clean_up(driver, database)


@pytest.fixture(scope="module")
def url(keys: dict[str, NewKey | None], neo4j_backend: Backend) -> Iterator[str]:
    with serve(neo4j_backend.settings) as base:
        yield base


def firms_in(value: Any) -> list[dict[str, Any]]:
    """Every object of an answer that carries a taxId."""
    if isinstance(value, dict):
        found = [value] if "taxId" in value else []
        return found + [f for v in value.values() for f in firms_in(v)]
    if isinstance(value, list):
        return [f for v in value for f in firms_in(v)]
    return []


def ask(url: str, query: str, key: NewKey | None) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    if key is not None:
        headers["Authorization"] = f"Bearer {key.key}"
    request = urllib.request.Request(f"{url}/graphql", method="POST", headers=headers,
                                     data=json.dumps({"query": query}).encode())
    with urllib.request.urlopen(request, timeout=120) as response:
        body = json.load(response)
    assert "errors" not in body, body["errors"]
    return dict(body["data"])


@pytest.mark.parametrize("caller", ["anonymous", "READER", "EDITOR", "ADMIN"])
def test_tax_ids_are_complete_for_editors_and_admins_and_hidden_from_readers(
        caller: str, url: str, keys: dict[str, NewKey | None], driver: neo4j.Driver) -> None:
    records, _, _ = driver.execute_query("MATCH (f:Firm) RETURN count(f) AS n")
    firm_count = records[0]["n"]
    sees = caller in ("EDITOR", "ADMIN")
    for query in [*(lists(order) for order in ORDERS), LOOKUPS]:
        data = ask(url, query, keys[caller])
        firms = firms_in(data)
        if query is not LOOKUPS:
            assert len({f["id"] for f in firms_in(data["firms"])}) == firm_count
            assert len({f["id"] for f in firms_in(data["actors"])}) == firm_count
        assert len(firms) >= 2
        for firm in firms:
            assert firm["taxId"] == (f"TAX-{firm['id']}" if sees else None), (query, firm)
