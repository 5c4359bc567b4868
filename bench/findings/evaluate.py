"""Precision and recall of coordination gaps, and precision@3 of matchmaking, against the
labelled datasets next to this file.

Each folder here is a dataset in the loader's format plus `labels.json`: the findings and the
matches an analyst of the field expects, each with the reason (see README.md). The command
starts its own Neo4j (Bolt port --bolt-port), loads each dataset into the emptied database,
asks the API (in process) for every coordination gap and for the matches of each labelled
id, and compares.

A finding is identified by its kind and its subject: the initiative (UNGOVERNED, VERTICAL,
HELIX, FRAGMENTED_SUPPORT), the actor (INFORMAL_BROKER, BROKER_DEPENDENCY), the pair of
initiatives (OVERLAP, `A+B` in id order) or the region and division (WHITE_SPOT, `CL-AN/10`).
For matchmaking, precision@3 is the share of the first three suggestions that are relevant
(1 when nothing is suggested and nothing is relevant, 0 when nothing is suggested but
something is), and recall@3 the share of the relevant ids, up to three, found among them.

Run: `.venv/bin/python bench/findings/evaluate.py [--show-errors]`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
from fastapi.testclient import TestClient

from loaders.load import init, load
from service.app import create_app
from service.local_neo4j import LocalNeo4j
from service.settings import Settings

HERE = Path(__file__).parent
GAPS = "{ coordinationGaps { kind explanation nodes { id } evidence } }"
MATCHES = ("query($id: ID!) { matchmaking(id: $id, k: 10) { matches { score "
           "suggestion { id } } } }")
TOP = 3


@dataclass
class KindTally:
    expected: set[str] = field(default_factory=set)
    found: dict[str, str] = field(default_factory=dict)  # key -> explanation

    @property
    def hits(self) -> set[str]:
        return self.expected & set(self.found)


def finding_key(finding: dict[str, Any]) -> str:
    nodes = [n["id"] for n in finding["nodes"]]
    if finding["kind"] == "OVERLAP":
        return "+".join(sorted(nodes[:2]))
    if finding["kind"] == "WHITE_SPOT":
        evidence = finding["evidence"]
        return f"{nodes[0]}/{evidence['division']}"
    return nodes[0]


def graphql(app: TestClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    answer = app.post("/graphql", json={"query": query, "variables": variables or {}},
                      headers={"Accept-Language": "en"}).json()
    if answer.get("errors"):
        raise SystemExit(f"{query[:60]}… {variables}: {answer['errors']}")
    return answer["data"]


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def evaluate(folder: Path, app: TestClient) -> tuple[dict[str, KindTally], list[dict[str, Any]]]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    kinds: dict[str, KindTally] = defaultdict(KindTally)
    for label in labels["findings"]:
        kinds[label["kind"]].expected.add(label["key"])
    for finding in graphql(app, GAPS)["coordinationGaps"]:
        kinds[finding["kind"]].found[finding_key(finding)] = finding["explanation"]
    queries = []
    for label in labels["matches"]:
        suggested = [m["suggestion"]["id"] for m in
                     graphql(app, MATCHES, {"id": label["id"]})["matchmaking"]["matches"]][:TOP]
        relevant = set(label["relevant"])
        hits = sum(1 for s in suggested if s in relevant)
        precision = (hits / len(suggested) if suggested else 0.0 if relevant else 1.0)
        recall = hits / min(TOP, len(relevant)) if relevant else 1.0
        queries.append({"id": label["id"], "suggested": suggested, "relevant": sorted(relevant),
                        "precision": precision, "recall": recall})
    return kinds, queries


def report(results: dict[str, tuple[dict[str, KindTally], list[dict[str, Any]]]],
           show_errors: bool) -> str:
    lines = ["| gap kind | expected | found | correct | precision | recall |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    overall: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for kinds, _ in results.values():
        for kind, tally in kinds.items():
            counts = overall[kind]
            counts[0] += len(tally.expected)
            counts[1] += len(tally.found)
            counts[2] += len(tally.hits)
    for kind, (expected, found, hits) in sorted(overall.items()):
        lines.append(f"| {kind} | {expected} | {found} | {hits} | "
                     f"{shown(ratio(hits, found))} | {shown(ratio(hits, expected))} |")
    lines += ["", "| dataset | matchmaking queries | precision@3 | recall@3 |",
              "| --- | ---: | ---: | ---: |"]
    everything = []
    for name, (_, queries) in results.items():
        everything += queries
        lines.append(f"| {name} | {len(queries)} | "
                     f"{sum(q['precision'] for q in queries) / len(queries):.2f} | "
                     f"{sum(q['recall'] for q in queries) / len(queries):.2f} |")
    lines.append(f"| all | {len(everything)} | "
                 f"{sum(q['precision'] for q in everything) / len(everything):.2f} | "
                 f"{sum(q['recall'] for q in everything) / len(everything):.2f} |")
    if show_errors:
        for name, (kinds, queries) in results.items():
            lines.append(f"\n{name}:")
            for kind, tally in sorted(kinds.items()):
                for key in sorted(set(tally.found) - tally.expected):
                    lines.append(f"  not expected {kind} {key}: {tally.found[key]}")
                for key in sorted(tally.expected - set(tally.found)):
                    lines.append(f"  missed {kind} {key}")
            for q in queries:
                if q["precision"] < 1 or q["recall"] < 1:
                    lines.append(f"  matchmaking {q['id']}: suggested {q['suggested']}, "
                                 f"relevant {q['relevant']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bolt-port", type=int, default=7731)
    parser.add_argument("--show-errors", action="store_true",
                        help="list every unexpected finding, miss and imprecise match")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # planner notes on small datasets
    password = "articula-findings"
    settings = Settings(NEO4J_URI=None, ARTICULA_BOLT_PORT=args.bolt_port,
                        NEO4J_PASSWORD=password, ARTICULA_NEO4J_HEAP="1g")
    server = LocalNeo4j(settings, say=lambda m: print(m, file=sys.stderr))
    server.start()
    results = {}
    try:
        with neo4j.GraphDatabase.driver(settings.bolt_uri, auth=("neo4j", password),
                                        notifications_min_severity="OFF") as driver:
            for folder in sorted(p.parent for p in HERE.glob("*/labels.json")):
                with driver.session() as session:
                    session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
                                ).consume()
                init(driver, "neo4j")
                load(folder, driver, "neo4j", progress=False)
                with TestClient(create_app(settings)) as app:
                    results[folder.name] = evaluate(folder, app)
    finally:
        server.stop()
    print(report(results, args.show_errors))


if __name__ == "__main__":
    main()
