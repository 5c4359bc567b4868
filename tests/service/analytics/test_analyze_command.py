"""`articula analyze` prints the API's numbers, as CSV or JSON."""

import csv
import io
import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from tests.neo4j_backends import Backend, cli_env
from tests.service.analytics.reference import ask


def articula(backend: Backend, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "service.cli", *args], env=cli_env(backend),
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


CENTRALITY = """{ centrality(metric: BETWEENNESS, projection: ACTORS, top: 500,
                             scope: {countries: ["CO", "MX"]}) {
    nodeCount items { rank id name kind score } distribution { p50 max mean } } }"""


def test_centrality_csv_and_json_equal_the_api(sample_client: TestClient,
                                               neo4j_backend: Backend) -> None:
    api = ask(sample_client, CENTRALITY)["centrality"]
    args = ("analyze", "centrality", "--metric", "betweenness", "--projection", "actors",
            "--country", "CO", "--country", "MX")
    rows = list(csv.DictReader(io.StringIO(articula(neo4j_backend, *args))))
    assert [(int(r["rank"]), r["id"], r["name"], r["kind"], float(r["score"])) for r in rows] \
        == [(i["rank"], i["id"], i["name"], i["kind"], i["score"]) for i in api["items"]]
    answer = json.loads(articula(neo4j_backend, *args, "--format", "json", "--top", "5"))
    assert answer["items"] == api["items"][:5]
    assert answer["nodeCount"] == api["nodeCount"]
    assert {k: answer["distribution"][k] for k in ("p50", "max", "mean")} \
        == api["distribution"]
    assert answer["provenance"]["projection"] == "ACTORS"
    assert answer["provenance"]["scope"] == {"countries": ["CO", "MX"]}


COMMUNITIES = """{ communities(algorithm: LEIDEN, projection: FULL, seed: 4, top: 500) {
    count modularity communities { id members { id } } } }"""


def test_communities_csv_and_json_equal_the_api(sample_client: TestClient,
                                                neo4j_backend: Backend) -> None:
    api = ask(sample_client, COMMUNITIES)["communities"]
    args = ("analyze", "communities", "--algorithm", "leiden", "--seed", "4")
    membership = {m["id"]: c["id"] for c in api["communities"] for m in c["members"]}
    rows = list(csv.DictReader(io.StringIO(articula(neo4j_backend, *args))))
    assert {r["id"]: int(r["community"]) for r in rows} == membership
    answer = json.loads(articula(neo4j_backend, *args, "--format", "json"))
    assert answer["modularity"] == api["modularity"]
    assert answer["count"] == api["count"]
    assert answer["provenance"]["seed"] == 4


@pytest.mark.parametrize("args", [("analyze", "centrality"), ("analyze", "communities")])
def test_the_metric_or_algorithm_is_required(args: tuple[str, ...],
                                             neo4j_backend: Backend) -> None:
    done = subprocess.run([sys.executable, "-m", "service.cli", *args],
                          env=cli_env(neo4j_backend), capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2


def test_help_gives_every_default() -> None:
    done = subprocess.run([sys.executable, "-m", "service.cli", "analyze", "--help"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    for default in ("default FULL", "default: the whole graph", "default: every node)",
                    "default: raw scores", "default: every node, exact", "(default 42)",
                    "default csv", "default: no year cut", "default: weighted"):
        assert default in text, default
