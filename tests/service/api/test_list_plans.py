"""Every plan of a filtered list gives the same page and count: reading the name index in
order, or reading from the filter's territories, sectors or search hits (at 100k actors:
test_at_100k)."""

from typing import Any

import neo4j
import pytest

from service.api.list_plans import SCAN_ROW_COST, Below, choose
from service.api.name_search import lucene_query
from service.cypher_catalog import cypher
from tests.neo4j_backends import Backend

LISTS = {
    "initiatives": {"keys": None, "rank": None, "types": None, "statuses": None, "countries": None,
                    "territories": None, "located": None, "sectors": None, "year": None},
    "firms": {"keys": None, "rank": None, "sizes": None, "countries": None, "territories": None,
              "sectors": None, "year": None},
    "institutions": {"keys": None, "rank": None, "kinds": None, "levels": None, "countries": None,
                     "territories": None},
    "actors": {"keys": None, "rank": None, "kinds": None, "countries": None, "territories": None,
               "sectors": None, "year": None},
}
SEARCH_LABEL = {"initiatives": "Initiative", "firms": "Firm", "institutions": "Institution",
                "actors": "Actor"}
ORDERS = {
    "initiatives": ("NAME", "ID", "START_YEAR", "PARTICIPANT_COUNT"),
    "firms": ("NAME", "INITIATIVE_COUNT", "EMPLOYEES"),
    "institutions": ("NAME", "ID", "INITIATIVE_COUNT"),
    "actors": ("NAME", "FOUNDED_YEAR", "INITIATIVE_COUNT"),
}


def starts(parameters: dict[str, Any]) -> list[str]:
    """The starts the filter allows."""
    found = ["ALL"]
    if parameters.get("keys") is not None:
        found.append("KEYS")
    if parameters.get("countries") is not None or parameters.get("territories") is not None:
        found.append("TERRITORIES")
    if parameters.get("sectors") is not None:
        found.append("SECTORS")
    return found


def read(driver: neo4j.Driver, database: str, statement: str,
         **parameters: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(cypher(statement), parameters, database_=database)
    return [r.data() for r in records]


def keys_of(driver: neo4j.Driver, database: str, name: str, text: str) -> list[str]:
    rows = read(driver, database, "entities/search", query=lucene_query(text),
                label=SEARCH_LABEL[name])
    return list(rows[0]["keys"])


def assert_same_pages(driver: neo4j.Driver, database: str, name: str,
                      filters: dict[str, Any], offset: int, limit: int,
                      orders: tuple[str, ...] | None = None) -> int:
    """Every start and order (of `orders`, default all) of list `name` under `filters` gives
    the same page and count as the label scan; the default order's page is also the name
    index's. The count."""
    parameters = {**LISTS[name], **filters}
    if isinstance(parameters.get("keys"), str):
        parameters["keys"] = keys_of(driver, database, name, parameters["keys"])
    counts = {start: read(driver, database, f"entities/{name}_count", **parameters,
                          start=start)[0]["count"] for start in starts(parameters)}
    assert len(set(counts.values())) == 1, counts
    for order in orders or ORDERS[name]:
        for descending in (False, True):
            window = {"orderBy": order, "descending": descending, "offset": offset,
                      "limit": limit}
            pages = {start: [r["node"]["id"] for r in read(
                driver, database, f"entities/{name}_page", **parameters, **window,
                start=start)] for start in starts(parameters)}
            if order == "NAME" and not descending:
                pages["by name"] = [r["node"]["id"] for r in read(
                    driver, database, f"entities/{name}_page_by_name", **parameters, **window)]
            assert len({tuple(p) for p in pages.values()}) == 1, (order, descending, pages)
    return int(counts["ALL"])


SAMPLE_FILTERS = [
    ("firms", {"countries": ["CO"], "sizes": ["SMALL", "MEDIUM"]}),
    ("firms", {"territories": ["CO-ANT", "MX-NLE"], "sectors": ["C"]}),
    ("firms", {"countries": ["MX", "CL"], "territories": ["CL-BI"], "year": 2000}),
    ("firms", {"sectors": ["C"], "keys": "muebles"}),
    ("initiatives", {"countries": ["PE", "CO"], "types": ["CLUSTER", "VALUE_CHAIN"]}),
    ("initiatives", {"sectors": ["A"], "year": 2020}),
    ("initiatives", {"territories": ["CO-ANT"], "located": "CO-ANT-05001"}),
    ("initiatives", {"keys": "clúster", "countries": ["CL", "MX"]}),
    ("institutions", {"countries": ["CO"], "kinds": ["GOVERNMENT", "ACADEMIA"]}),
    ("institutions", {"territories": ["PE-PIU"], "keys": "gobierno"}),
    ("actors", {"countries": ["MX"], "kinds": ["FIRM", "GOVERNMENT"]}),
    ("actors", {"sectors": ["C"], "territories": ["MX-NLE", "CL-BI"]}),
    ("actors", {"countries": ["AR"]}),
]


@pytest.mark.parametrize(("name", "filters"), SAMPLE_FILTERS)
def test_every_plan_gives_the_same_pages_on_the_sample(
    sample_db: neo4j.Driver, neo4j_backend: Backend, name: str, filters: dict[str, Any]
) -> None:
    database = neo4j_backend.settings.neo4j_database
    found = assert_same_pages(sample_db, database, name, filters, 0, 1000)
    if filters != {"countries": ["AR"]}:
        assert found > 0  # the filter is not vacuous
    assert_same_pages(sample_db, database, name, filters, 2, 3)


def test_the_plan_reads_from_a_narrow_filter_and_along_the_name_index_for_a_broad_one() -> None:
    # 100,000 firms; a country holding 1 % of the located nodes: its 1,000 firms are read
    # rather than the 10,000 the name index would go through for a page of 100
    narrow = Below(located=1_000)
    assert choose(100_000, 100_000, 100_000, None, narrow, 101) == "TERRITORIES"
    assert choose(100_000, 100_000, 100_000, None, narrow, None) == "TERRITORIES"  # a count
    # a country with half of them: the name index fills a page of 100 after about 200
    broad = Below(located=50_000)
    assert choose(100_000, 100_000, 100_000, None, broad, 101) is None
    assert choose(100_000, 100_000, 100_000, None, broad, None) == "TERRITORIES"
    # the crossing point: candidates against SCAN_ROW_COST times the rows scanned
    share = 0.05
    scanned = 101 / share
    at = Below(located=int(share * 100_000))
    expected = "TERRITORIES" if share * 100_000 < SCAN_ROW_COST * scanned else None
    assert choose(100_000, 100_000, 100_000, None, at, 101) == expected
    # nothing below the codes: the empty start reads nothing at all
    assert choose(100_000, 100_000, 100_000, None, Below(located=0), 101) == "TERRITORIES"
    # the narrowest of several filters; a handful of search hits beats both
    both = Below(located=20_000, in_sector=5_000)
    assert choose(100_000, 100_000, 100_000, None, both, None) == "SECTORS"
    assert choose(100_000, 100_000, 100_000, 40, both, 101) == "KEYS"
    # no filter: the name index (or, for a count, every node)
    assert choose(100_000, 100_000, 100_000, None, Below(), 101) is None
    assert choose(100_000, 100_000, 100_000, None, Below(), None) == "ALL"
