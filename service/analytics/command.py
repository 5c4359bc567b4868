"""`articula analyze centrality|communities`: the API's analytics as CSV or JSON on stdout,
computed by the same code, for pandas, R or a spreadsheet (CSV text cells neutralised
against formula injection, as the exports are)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import asdict
from typing import Any, TextIO

from service import csv_cells
from service.analytics import centrality as c
from service.analytics import communities as cm
from service.analytics.results import Provenance
from service.database import Database
from service.local_neo4j import LocalNeo4j
from service.messages import say
from service.projections import Projection
from service.scope import Scope
from service.settings import Settings


def _upper(value: str) -> str:
    return value.strip().upper().replace("-", "_")


def add_parser(commands: Any) -> None:
    analyze = commands.add_parser(
        "analyze", help=say("cli.help.analyze"))
    analyze.add_argument("analysis", choices=["centrality", "communities"])
    analyze.add_argument("--metric", type=_upper, choices=[m.value for m in c.Metric],
                         help=say("cli.help.metric"))
    analyze.add_argument("--algorithm", type=_upper, choices=[a.value for a in cm.Algorithm],
                         help=say("cli.help.algorithm"))
    analyze.add_argument("--projection", type=_upper, default="FULL",
                         choices=[p.value for p in Projection],
                         help=say("cli.help.projection"))
    scope = analyze.add_argument_group(say("cli.help.scope"))
    scope.add_argument("--country", action="append", help=say("cli.help.country"))
    scope.add_argument("--territory", action="append", help=say("cli.help.territory"))
    scope.add_argument("--initiative-type", action="append", type=_upper)
    scope.add_argument("--sector", action="append", help=say("cli.help.sector"))
    scope.add_argument("--actor-kind", action="append", type=_upper)
    scope.add_argument("--year", type=int, help=say("cli.help.year"))
    analyze.add_argument("--top", type=int,
                         help=say("cli.help.top"))
    analyze.add_argument("--normalized", action="store_true",
                         help=say("cli.help.normalized"))
    analyze.add_argument("--unweighted", action="store_true",
                         help=say("cli.help.unweighted"))
    analyze.add_argument("--sampling-size", type=int,
                         help=say("cli.help.sampling_size"))
    analyze.add_argument("--seed", type=int,
                         help=say("cli.help.analysis_seed", seed=cm.DEFAULT_SEED))
    analyze.add_argument("--format", choices=["csv", "json"], default="csv",
                         help=say("cli.help.format"))
    analyze.set_defaults(run=run)


def _scope(args: argparse.Namespace) -> Scope:
    return Scope.of(countries=args.country, territories=args.territory,
                    initiative_types=args.initiative_type, sectors=args.sector,
                    actor_kinds=args.actor_kind, year=args.year)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.analysis == "centrality" and args.metric is None:
        print(f"articula: {say('cli.analyze.needs_metric')}", file=sys.stderr)
        return 2
    if args.analysis == "communities" and args.algorithm is None:
        print(f"articula: {say('cli.analyze.needs_algorithm')}", file=sys.stderr)
        return 2
    if settings.uses_local_server:
        LocalNeo4j(settings, say=lambda message: print(message, file=sys.stderr)).start(
            quiet=True)
    asyncio.run(_analyze(args, settings, sys.stdout))
    return 0


async def _analyze(args: argparse.Namespace, settings: Settings, out: TextIO) -> None:
    db = Database(settings)
    try:
        projection = Projection(args.projection)
        if args.analysis == "centrality":
            sampling = (c.Sampling(args.sampling_size,
                                   cm.DEFAULT_SEED if args.seed is None else args.seed)
                        if args.sampling_size else None)
            request = c.CentralityRequest(
                c.Metric(args.metric), projection, _scope(args),
                top=0 if args.top is None else args.top,
                normalized=args.normalized, weighted=not args.unweighted, sampling=sampling)
            result = await c.centrality(db, request)
            write_centrality(result, args.top, args.format, out)
        else:
            found = await cm.communities(db, cm.CommunityRequest(
                cm.Algorithm(args.algorithm), projection, _scope(args), args.seed,
                not args.unweighted))
            write_communities(found, args.format, out)
    finally:
        await db.close()


def _provenance(p: Provenance) -> dict[str, Any]:
    d = asdict(p)
    return {"algorithm": d["algorithm"], "parameters": d["parameters"], "seed": d["seed"],
            "projection": d["projection"], "scope": d["scope"],
            "graphVersion": d["graph_version"], "graph": d["graph"],
            "computedAt": d["computed_at"], "runtimeMs": d["runtime_ms"],
            "cached": d["cached"], "nativeProjection": d["native_projection"]}


def write_centrality(result: c.Centrality, top: int | None, form: str, out: TextIO) -> None:
    """Every node (or the `top`) as rank, id, name, kind, score; JSON adds the distribution
    and provenance, with the API's names."""
    items = result.ranking if top is None else result.top(top)
    if form == "csv":
        writer = csv_cells.writer(out)
        writer.writerow(["rank", "id", "name", "kind", "score"])
        writer.writerows(csv_cells.row(s.rank, s.id, s.name, s.kind, float(s.score))
                         for s in items)
        return
    json.dump({"metric": result.metric.value, "nodeCount": result.node_count,
               "items": [{"rank": s.rank, "id": s.id, "name": s.name, "kind": s.kind,
                          "score": s.score} for s in items],
               "distribution": asdict(result.distribution),
               "provenance": _provenance(result.provenance)}, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_communities(result: cm.Communities, form: str, out: TextIO) -> None:
    """One row per node: id, name, kind, community (and core value for K_CORE); JSON adds
    modularity, the communities and provenance."""
    if form == "csv":
        writer = csv_cells.writer(out)
        writer.writerow(["id", "name", "kind", "community", "coreValue"])
        rows = sorted((m.id, m.name, m.kind, k.id, "" if k.core_value is None
                        else k.core_value) for k in result.communities for m in k.members)
        writer.writerows(csv_cells.row(*r) for r in rows)
        return
    json.dump({"algorithm": result.algorithm.value, "nodeCount": result.node_count,
               "count": len(result.communities), "modularity": result.modularity,
               "communities": [{"id": k.id, "size": len(k.members), "coreValue": k.core_value,
                                "members": [{"id": m.id, "name": m.name, "kind": m.kind}
                                            for m in k.members],
                                "dominantTerritories": [{"value": v, "count": n}
                                                        for v, n in k.territories],
                                "dominantSectors": [{"value": v, "count": n}
                                                    for v, n in k.sectors],
                                "actorKinds": [{"value": v, "count": n} for v, n in k.kinds]}
                               for k in result.communities],
               "provenance": _provenance(result.provenance)}, out, ensure_ascii=False, indent=1)
    out.write("\n")
