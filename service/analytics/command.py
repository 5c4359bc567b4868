"""`articula analyze centrality|communities`: the API's analytics as a table on stdout (CSV,
JSON records or Parquet), computed by the same code, for pandas, R or a spreadsheet (CSV text
cells neutralised against formula injection, as the exports are); `--about FILE` writes what
describes the whole result (counts, distribution or modularity, provenance) as JSON."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

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

FORMATS = ["csv", "json", "parquet"]


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
    analyze.add_argument("--format", choices=FORMATS, default="csv",
                         help=say("cli.help.analyze_format"))
    analyze.add_argument("--about", metavar="FILE",
                         help=say("cli.help.analyze_about"))
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
    if args.format == "parquet" and sys.stdout.isatty():
        print(f"articula: {say('cli.analyze.binary_to_terminal')}", file=sys.stderr)
        return 2
    if settings.uses_local_server:
        LocalNeo4j(settings, say=lambda message: print(message, file=sys.stderr)).start(
            quiet=True)
    records = asyncio.run(_analyze(args, settings))
    sys.stdout.flush()
    write_records(records, args.format, sys.stdout.buffer)
    sys.stdout.buffer.flush()
    if args.about:
        Path(args.about).write_text(json.dumps(records.about, ensure_ascii=False, indent=1)
                                    + "\n", encoding="utf-8")
    return 0


async def _analyze(args: argparse.Namespace, settings: Settings) -> Records:
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
            return centrality_records(await c.centrality(db, request), args.top)
        else:
            return community_records(await cm.communities(db, cm.CommunityRequest(
                cm.Algorithm(args.algorithm), projection, _scope(args), args.seed,
                not args.unweighted)))
    finally:
        await db.close()


def _provenance(p: Provenance) -> dict[str, Any]:
    d = asdict(p)
    return {"algorithm": d["algorithm"], "parameters": d["parameters"], "seed": d["seed"],
            "projection": d["projection"], "scope": d["scope"],
            "graphVersion": d["graph_version"], "graph": d["graph"],
            "computedAt": d["computed_at"], "runtimeMs": d["runtime_ms"],
            "cached": d["cached"], "nativeProjection": d["native_projection"]}


@dataclass(frozen=True)
class Records:
    """An analysis as a table (one record per node, columns in order) and what describes
    the whole result (with the API's names): the counts, the distribution or modularity,
    and the provenance."""
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    about: dict[str, Any]


def centrality_records(result: c.Centrality, top: int | None) -> Records:
    """Every node (or the `top`) as rank, id, name, kind, score."""
    items = result.ranking if top is None else result.top(top)
    return Records(("rank", "id", "name", "kind", "score"),
                   [(s.rank, s.id, s.name, s.kind, float(s.score)) for s in items],
                   {"metric": result.metric.value, "nodeCount": result.node_count,
                    "distribution": asdict(result.distribution),
                    "provenance": _provenance(result.provenance)})


def community_records(result: cm.Communities) -> Records:
    """One record per node, in id order: id, name, kind, community (and core value for
    K_CORE)."""
    rows = sorted((m.id, m.name, m.kind, k.id, k.core_value)
                  for k in result.communities for m in k.members)
    return Records(("id", "name", "kind", "community", "coreValue"), rows,
                   {"algorithm": result.algorithm.value, "nodeCount": result.node_count,
                    "count": len(result.communities), "modularity": result.modularity,
                    "provenance": _provenance(result.provenance)})


def write_records(records: Records, form: str, out: BinaryIO) -> None:
    """CSV (text cells neutralised against formulas), JSON records (an array of objects
    that `pandas.read_json` reads as a table) or Parquet (the description in the schema's
    metadata under `articula`)."""
    if form == "parquet":
        import pyarrow as pa  # only here: a second of import for every other command
        import pyarrow.parquet as pq

        types = {"rank": pa.int64(), "score": pa.float64(), "community": pa.int64(),
                 "coreValue": pa.int64()}
        schema = pa.schema([(name, types.get(name, pa.string())) for name in records.columns])
        table = pa.Table.from_pylist([dict(zip(records.columns, row, strict=True))
                                      for row in records.rows],
                                     schema=schema)
        table = table.replace_schema_metadata(
            {"articula": json.dumps(records.about, ensure_ascii=False)})
        pq.write_table(table, out)
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    if form == "csv":
        writer = csv_cells.writer(text)
        writer.writerow(records.columns)
        writer.writerows(csv_cells.row(*("" if v is None else v for v in row))
                         for row in records.rows)
    else:
        json.dump([dict(zip(records.columns, row, strict=True)) for row in records.rows],
                  text, ensure_ascii=False, indent=None, separators=(",", ":"))
        text.write("\n")
    text.flush()
    text.detach()

