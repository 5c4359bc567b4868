"""`articula analyze` prints the API's numbers as a table: CSV, JSON records or Parquet, each
read by pandas as it is."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from tests.neo4j_backends import Backend, cli_env
from tests.service.analytics.reference import ask


def articula_bytes(backend: Backend, *args: str) -> bytes:
    done = subprocess.run([sys.executable, "-m", "service.cli", *args], env=cli_env(backend),
                          capture_output=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def articula(backend: Backend, *args: str) -> str:
    return articula_bytes(backend, *args).decode()


CENTRALITY = """{ centrality(metric: BETWEENNESS, projection: ACTORS, top: 500,
                             scope: {countries: ["CO", "MX"]}) {
    nodeCount items { rank id name kind score } distribution { p50 max mean } } }"""


def test_centrality_in_every_format_equals_the_api(sample_client: TestClient,
                                                   neo4j_backend: Backend,
                                                   tmp_path: Path) -> None:
    api = ask(sample_client, CENTRALITY)["centrality"]
    expected = [(i["rank"], i["id"], i["name"], i["kind"], i["score"]) for i in api["items"]]
    args = ("analyze", "centrality", "--metric", "betweenness", "--projection", "actors",
            "--country", "CO", "--country", "MX")
    rows = list(csv.DictReader(io.StringIO(articula(neo4j_backend, *args))))
    assert [(int(r["rank"]), r["id"], r["name"], r["kind"], float(r["score"]))
            for r in rows] == expected
    about = tmp_path / "about.json"
    records = pd.read_json(io.StringIO(articula(
        neo4j_backend, *args, "--format", "json", "--top", "5", "--about", str(about))))
    assert list(records.columns) == ["rank", "id", "name", "kind", "score"]
    assert list(records.itertuples(index=False, name=None)) == expected[:5]
    described = json.loads(about.read_text(encoding="utf-8"))
    assert described["nodeCount"] == api["nodeCount"]
    assert {k: described["distribution"][k] for k in ("p50", "max", "mean")} \
        == api["distribution"]
    assert described["provenance"]["projection"] == "ACTORS"
    assert described["provenance"]["scope"] == {"countries": ["CO", "MX"]}
    parquet = tmp_path / "centrality.parquet"
    parquet.write_bytes(articula_bytes(neo4j_backend, *args, "--format", "parquet"))
    table = pd.read_parquet(parquet)
    assert list(table.itertuples(index=False, name=None)) == expected
    carried = json.loads(pq.read_schema(parquet).metadata[b"articula"])
    assert carried["nodeCount"] == api["nodeCount"]
    assert carried["provenance"]["scope"] == {"countries": ["CO", "MX"]}


COMMUNITIES = """{ communities(algorithm: LEIDEN, projection: FULL, seed: 4, top: 500) {
    count modularity communities { id members { id } } } }"""


def test_communities_in_every_format_equal_the_api(sample_client: TestClient,
                                                   neo4j_backend: Backend,
                                                   tmp_path: Path) -> None:
    api = ask(sample_client, COMMUNITIES)["communities"]
    args = ("analyze", "communities", "--algorithm", "leiden", "--seed", "4")
    membership = {m["id"]: c["id"] for c in api["communities"] for m in c["members"]}
    rows = list(csv.DictReader(io.StringIO(articula(neo4j_backend, *args))))
    assert {r["id"]: int(r["community"]) for r in rows} == membership
    about = tmp_path / "about.json"
    records = pd.read_json(io.StringIO(articula(neo4j_backend, *args, "--format", "json",
                                                "--about", str(about))))
    assert dict(zip(records["id"], records["community"], strict=True)) == membership
    assert records["coreValue"].isna().all()
    described = json.loads(about.read_text(encoding="utf-8"))
    assert described["modularity"] == api["modularity"]
    assert described["count"] == api["count"]
    assert described["provenance"]["seed"] == 4
    parquet = tmp_path / "communities.parquet"
    parquet.write_bytes(articula_bytes(neo4j_backend, *args, "--format", "parquet"))
    table = pd.read_parquet(parquet)
    assert dict(zip(table["id"], table["community"], strict=True)) == membership
    assert json.loads(pq.read_schema(parquet).metadata[b"articula"])["modularity"] \
        == api["modularity"]


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
                    "csv (default)", "default: no year cut", "default: weighted"):
        assert default in text, default
