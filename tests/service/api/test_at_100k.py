"""On the 100k-actor dataset: the list plans give the same pages, the Explorer's first view
(the whole FULL network, refused past the edge limit) has its overview, coordination gaps and
matchmaking answer by their rules, and deeply nested queries are refused by their cost before
they run; a country's ACTORS centralities are NetworkX's on the pairs the dataset files give,
and the map's measures per country and region are the files' counts. One load of the dataset
serves them all."""

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from articula import Client
from loaders.load import load, reset
from service.app import create_app
from tests.conftest import fresh_reference
from tests.neo4j_backends import Backend
from tests.service.api.test_list_plans import LISTS, assert_same_pages, read
from tests.service.hostile.served_app import post, refused, served

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client_100k(synthetic_100k: Path, driver: neo4j.Driver,
                neo4j_backend: Backend) -> Iterator[TestClient]:
    """The 100k-actor dataset loaded, behind the whole app."""
    database = neo4j_backend.settings.neo4j_database
    fresh_reference(driver, database)
    load(synthetic_100k, driver, database, progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as client:
        yield client
    reset(driver, database)  # `db reset` of 100k actors, on the test server's small heap


FILTERS = [
    ("firms", {"countries": ["CO"], "sizes": ["SMALL"]}),  # the API benchmark's page
    ("firms", {"sectors": ["10"], "countries": ["MX", "BR"]}),
    ("firms", {"sectors": ["C"]}),
    ("actors", {"territories": ["CO-ANT"], "kinds": ["FIRM", "ACADEMIA"]}),
    ("institutions", {"countries": ["PE"], "levels": ["SUBNATIONAL"]}),
    ("initiatives", {"countries": ["BR", "MX"], "sectors": ["C"]}),
]


def test_every_plan_gives_the_same_pages(client_100k: TestClient, driver: neo4j.Driver,
                                         neo4j_backend: Backend) -> None:
    database = neo4j_backend.settings.neo4j_database
    for name, filters in FILTERS:
        found = assert_same_pages(driver, database, name, filters, 0, 101, ("NAME", "ID"))
        assert found > 101, (name, filters)  # a page does not hold them all
        assert_same_pages(driver, database, name, filters, 150, 50, ("NAME",))
    # what the API answers is that page, whichever plan it chose
    page = client_100k.post("/graphql", json={"query": """{ firms(first: 100, filter:
        {countries: ["CO"], sizes: [SMALL]}) { totalCount edges { node { id } } } }"""}).json()
    expected = read(driver, database, "entities/firms_page", **{
        **LISTS["firms"], "countries": ["CO"], "sizes": ["SMALL"]}, start="ALL",
        orderBy="NAME", descending=False, offset=0, limit=100)
    assert [e["node"]["id"] for e in page["data"]["firms"]["edges"]] == [
        r["node"]["id"] for r in expected]
    counted = read(driver, database, "entities/firms_count", **{
        **LISTS["firms"], "countries": ["CO"], "sizes": ["SMALL"]}, start="ALL")
    assert page["data"]["firms"]["totalCount"] == counted[0]["count"]


FIRST_VIEW = """query ($top: Int) { network(projection: FULL, top: $top) {
    nodeCount edgeCount scopeNodeCount nodes { id label } } }"""


def test_the_explorer_first_view_is_an_overview_not_an_error(client_100k: TestClient,
                                                              driver: neo4j.Driver) -> None:
    whole: dict[str, Any] = client_100k.post("/graphql", json={
        "query": FIRST_VIEW, "variables": {"top": None}}).json()
    error = whole["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "more than 50,000 edges" in error["message"]
    overview = client_100k.post("/graphql", json={
        "query": FIRST_VIEW, "variables": {"top": 1500}}).json()
    assert "errors" not in overview, overview["errors"]
    network = overview["data"]["network"]
    assert network["nodeCount"] == 1500
    assert network["scopeNodeCount"] == 101_250  # every initiative, actor and programme
    assert 0 < network["edgeCount"] <= 50_000
    # the 1,500 with the most relationships, counted here apart
    records, _, _ = driver.execute_query("""
        MATCH (n) WHERE n:Initiative OR n:Actor OR n:Program
        WITH n, COUNT { (n)-[r]-() WHERE NOT type(r) IN ['LOCATED_IN', 'IN_SECTOR'] } AS degree
        ORDER BY degree DESC, n.id LIMIT 1500
        RETURN collect(n.id) AS ids""")
    assert {n["id"] for n in network["nodes"]} == set(records[0]["ids"])


GAPS = """{ coordinationGaps(scope: {countries: ["CO"]}) { kind severity nodes { id } } }"""
MATCHES = """query ($id: ID!) { matchmaking(id: $id, k: 10) {
    matches { suggestion { id kind } score } emptyReason } }"""


def test_coordination_gaps_of_a_country_come_ranked_by_severity(
        client_100k: TestClient) -> None:
    answer: dict[str, Any] = client_100k.post("/graphql", json={"query": GAPS}).json()
    assert "errors" not in answer, answer["errors"]
    findings = answer["data"]["coordinationGaps"]
    assert findings
    severities = [f["severity"] for f in findings]
    assert severities == sorted(severities, reverse=True)
    assert all(0 < s <= 1 for s in severities)


def test_matchmaking_answers_each_kind_of_subject_with_its_rules(
        client_100k: TestClient, driver: neo4j.Driver) -> None:
    records, _, _ = driver.execute_query("""
        MATCH (i:Initiative)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(:Territory {code: 'CO'})
        WITH i ORDER BY i.id LIMIT 1
        MATCH (anchor:Firm)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(:Territory {code: 'CO'})
        WITH i, anchor, COUNT { (:Firm)-[:SUPPLIES]->(anchor) } AS suppliers
        ORDER BY suppliers DESC, anchor.id LIMIT 1
        MATCH (p:Program) WITH i, anchor, p ORDER BY p.id LIMIT 1
        RETURN i.id AS initiative, anchor.id AS anchor, p.id AS program""")
    subjects = records[0]
    for subject in ("initiative", "program", "anchor"):
        answer = client_100k.post("/graphql", json={
            "query": MATCHES, "variables": {"id": subjects[subject]}}).json()
        assert "errors" not in answer, answer["errors"]
        found = answer["data"]["matchmaking"]
        matches = found["matches"]
        assert (found["emptyReason"] is None) == bool(matches), (subject, found)
        scores = [m["score"] for m in matches]
        assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
        assert len(matches) <= 10
        if subject == "anchor":
            ids = [m["suggestion"]["id"] for m in matches]
            nearby, _, _ = driver.execute_query("""
                MATCH (a:Firm {id: $anchor})-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->
                      (c:Territory {level: 'COUNTRY'})
                MATCH (f:Firm)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c)
                WHERE f.id IN $ids AND NOT (f)-[:SUPPLIES]->(a)
                RETURN count(DISTINCT f) AS n""", anchor=subjects["anchor"], ids=ids)
            assert nearby[0]["n"] == len(ids)  # in its country, not yet its suppliers


# -- query cost at 100k ---------------------------------------------------------------------

def nested_participants(levels: int) -> str:
    """The first 20 initiatives, their participants, the participants' initiatives, theirs,
    ... `levels` participant lists deep."""
    inner = "participants{ actor{ id } }"
    for _ in range(levels - 1):
        inner = f"participants{{ actor{{ id initiatives{{ initiative{{ id {inner} }} }} }} }}"
    return f"{{ initiatives(first:20){{ edges{{ node{{ id {inner} }} }} }} }}"


def nested_cost(levels: int, participants: int, initiatives: int) -> int:
    """The estimate of `nested_participants(levels)`, given the largest fan-outs."""
    per_initiative = 3 * participants  # each participant: the item, its actor, the actor's id
    for _ in range(levels - 1):
        per_initiative = participants * (3 + initiatives * (3 + per_initiative))
    return 20 * (4 + per_initiative)  # each of the page: the item, edge, node, id, and below


def test_nested_participants_2_3_and_5_levels_deep_are_refused_before_they_run_at_100k(
    client_100k: TestClient, driver: neo4j.Driver, neo4j_backend: Backend
) -> None:
    assert nested_participants(2) == (
        "{ initiatives(first:20){ edges{ node{ id participants{ actor{ id initiatives{ "
        "initiative{ id participants{ actor{ id } } } } } } } } } }")
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (i:Initiative)<-[p:PARTICIPATES_IN]-() WITH i, count(p) AS n "
        "RETURN max(n) AS participants } "
        "CALL () { MATCH (a:Actor)-[p:PARTICIPATES_IN]->() WITH a, count(p) AS n "
        "RETURN max(n) AS initiatives } RETURN participants, initiatives",
        database_=neo4j_backend.settings.neo4j_database)
    most = records[0]
    # the depth limit out of the way: the cost estimate alone has to refuse them
    settings = neo4j_backend.settings.model_copy(update={"max_query_depth": 40})
    with served(settings) as (url, app):
        statements = app.state.db.statements
        for levels in (2, 3, 5):
            before = Counter(statements)
            error = refused(url, nested_participants(levels))
            assert error["extensions"] == {
                "code": "QUERY_TOO_COMPLEX", "limit": 1_000_000,
                "cost": nested_cost(levels, most["participants"], most["initiatives"])}
            sent = statements - before
            assert all(name.startswith("limits/") for name in sent), sent  # nothing executed
        # what the Explorer asks for the initiative with the most participants still runs
        [hub] = driver.execute_query(
            "MATCH (i:Initiative) RETURN i.id AS id "
            "ORDER BY COUNT { (i)<-[:PARTICIPATES_IN]-() } DESC LIMIT 1",
            database_=neo4j_backend.settings.neo4j_database).records
        page = post(url, """query($id: ID!) { initiative(id: $id) {
            id name type territories { code name level } sectors { code name nameEs }
            participants { actor { __typename id name territory { name }
              ... on Firm { size } ... on Institution { kind level } } role since until }
            governance { institution { id name kind level } role since until }
            supportedBy { program { id name runBy { name } } amount currency since until }
            collaborations { partner { id name } kind since until } } }""",
                    {"id": hub["id"]}).json()
        assert "errors" not in page, page["errors"]
        assert len(page["data"]["initiative"]["participants"]) == most["participants"]
        assert post(url, "{ about { version } }").json()["data"]["about"]["version"]


def test_the_python_client_takes_a_regions_network_with_its_scores_at_100k(
        client_100k: TestClient, neo4j_backend: Backend) -> None:
    scope = {"territories": ["CO-ANT"]}
    network = client_100k.post("/graphql", json={"query": """{ network(projection: FULL,
        scope: {territories: ["CO-ANT"]}) { nodeCount edgeCount } }"""}).json()["data"]["network"]
    with served(neo4j_backend.settings) as (url, _):
        articula = Client(url)
        nodes, edges = articula.tables("FULL", scope=scope, scores=["PAGERANK"],
                                       communities=["LOUVAIN"])
        ranking = articula.centrality("PAGERANK", projection="FULL", scope=scope, top=100)
        graph = articula.network("FULL", scope=scope)
    assert len(nodes) == network["nodeCount"] == graph.number_of_nodes() > 500
    assert len(edges) == network["edgeCount"] == graph.number_of_edges()
    scores = nodes.set_index("id")["score_pagerank"]
    assert [scores[i] for i in ranking["id"]] == pytest.approx(list(ranking["score"]))
    assert nodes["community_louvain"].notna().all()


def _table(dataset: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(dataset / f"{name}.csv", dtype=str, keep_default_na=False)


def _above(dataset: Path) -> Callable[[str], set[str]]:
    """A function giving the country and region a territory code lies in (itself included,
    unless a municipality)."""
    places = _table(dataset, "territories")
    parents = dict(zip(places["code"], places["parent_code"], strict=True))
    municipalities = set(places.loc[places["level"] == "MUNICIPALITY", "code"])

    def above(code: str) -> set[str]:
        codes = set()
        while code:
            if code not in municipalities:
                codes.add(code)
            code = parents.get(code) or (code.split("-")[0] if "-" in code else "")
        return codes

    return above


def test_actors_pagerank_and_degree_in_a_country_are_networkx_s_on_the_files_pairs_at_100k(
        client_100k: TestClient, synthetic_100k: Path) -> None:
    above = _above(synthetic_100k)
    initiatives = {row.id for row in _table(synthetic_100k, "initiatives").itertuples()
                   if any("CR" in above(t) for t in row.territory_codes.split(";"))}
    members: dict[str, set[str]] = {}
    for name, actor in (("participations", "actor_id"), ("governance", "institution_id")):
        ties = _table(synthetic_100k, name)
        for a, i in zip(ties[actor], ties["initiative_id"], strict=True):
            if i in initiatives:
                members.setdefault(i, set()).add(a)
    graph = nx.Graph()
    for name in ("firms", "institutions"):
        located = _table(synthetic_100k, name)
        graph.add_nodes_from(a for a, t in zip(located["id"], located["territory_code"],
                                               strict=True) if t and "CR" in above(t))
    for group in members.values():
        graph.add_nodes_from(group)
        for a, b in combinations(sorted(group), 2):
            weight = graph.get_edge_data(a, b, {"weight": 0.0})["weight"]
            graph.add_edge(a, b, weight=weight + 1.0)
    assert graph.number_of_nodes() > 1000 and graph.number_of_edges() > 10_000
    expected = {"DEGREE": dict(graph.degree(weight="weight")),
                "PAGERANK": nx.pagerank(graph, weight="weight", tol=1e-12, max_iter=10_000)}
    for metric, tolerance in (("DEGREE", 1e-9), ("PAGERANK", 1e-4)):
        answer = client_100k.post("/graphql", json={"query": """query ($metric:
            CentralityMetric!, $top: Int) { centrality(metric: $metric, projection: ACTORS,
            scope: {countries: ["CR"]}, top: $top) { nodeCount items { id score } } }""",
            "variables": {"metric": metric, "top": graph.number_of_nodes()}}).json()
        assert "errors" not in answer, answer["errors"]
        found = answer["data"]["centrality"]
        assert found["nodeCount"] == graph.number_of_nodes()
        got = {item["id"]: item["score"] for item in found["items"]}
        assert got.keys() == expected[metric].keys()
        worst = max(abs(got[a] - expected[metric][a]) for a in got)
        assert worst <= tolerance * max(1.0, *expected[metric].values()), metric


def test_the_map_s_measures_are_the_dataset_files_counts_at_100k(
        client_100k: TestClient, synthetic_100k: Path) -> None:
    def table(name: str) -> pd.DataFrame:
        return _table(synthetic_100k, name)

    above = _above(synthetic_100k)

    ties = table("governance").groupby("initiative_id").size()
    expected: dict[str, Counter[str]] = {}
    for row in table("initiatives").itertuples():
        seats = int(ties.get(row.id, 0))
        for code in {c for t in row.territory_codes.split(";") for c in above(t)}:
            counts = expected.setdefault(code, Counter())
            counts.update(initiatives=1, ungoverned=int(seats == 0), governanceTies=seats)
    for name in ("firms", "institutions"):
        for code in table(name)["territory_code"]:
            for place in above(code):
                expected.setdefault(place, Counter())["actors"] += 1
    answer = client_100k.post("/graphql", json={"query": """{ stats { territoryMeasures {
        code level initiatives actors ungoverned governanceTies } } }"""}).json()
    assert "errors" not in answer, answer["errors"]
    found = answer["data"]["stats"]["territoryMeasures"]
    assert {m["level"] for m in found} == {"COUNTRY", "REGION"}
    assert len(found) > 100
    keys = ("initiatives", "actors", "ungoverned", "governanceTies")
    assert {m["code"]: {k: m[k] for k in keys} for m in found} == {
        code: {k: counts[k] for k in keys} for code, counts in expected.items()}
