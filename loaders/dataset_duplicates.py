"""Likely duplicates a dataset brings: among its own new firms, institutions and initiatives,
and between them and what the database holds, each said with both rows."""

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import neo4j
import numpy as np

from loaders.duplicates import LikelyDuplicate, Record, likely_duplicates
from loaders.problems import Problem, Refusal
from loaders.readers import RawTable
from loaders.validation import Dataset
from service.cypher_catalog import cypher
from service.messages import Message, msg

TABLES = {"firms": "Firm", "institutions": "Institution", "initiatives": "Initiative"}
COUNTRY = re.compile(r"[A-Z]{2}")
REGION = re.compile(r"^([A-Z]{2})-[A-Z0-9]{1,3}(?=$|-)")  # ISO 3166-2, or below one


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a record is: a row of the dataset, or a node of the database."""

    source: str | None
    row: int | None
    row_label: str
    record: Record


def places(codes: Any, parents: dict[str, str | None]) -> tuple[str | None, str | None]:
    """The country and first-level subdivision of the first of `codes` that tells them, through
    the parents the dataset's territories table gives."""
    for code in codes if isinstance(codes, list) else [codes]:
        seen: set[str] = set()
        current = code
        while current and current not in seen:
            region = REGION.match(current)
            if region:
                return region.group(1), region.group(0)
            country = COUNTRY.fullmatch(current)
            if country:
                return current, None
            seen.add(current)
            current = parents.get(current)
    return None, None


@dataclass(frozen=True)
class _Rows:
    """The records one table gives, from `start` in the list of the dataset's records: the
    index of each one's row in the table."""

    raw: RawTable
    start: int
    rows: np.ndarray


def _dataset_records(raw: dict[str, RawTable], dataset: Dataset,
                     skip: set[str]) -> tuple[list[Record], list[_Rows]]:
    """The records of the dataset's firms, institutions and initiatives with an id and a name
    (but none whose id is in `skip`), and the rows they come from."""
    parents = {row["code"]: row.get("parent_code") for row in dataset.rows("territories")}
    located: dict[str, tuple[str | None, str | None]] = {}  # one answer (and string) per code
    records: list[Record] = []
    tables: list[_Rows] = []
    for table, kind in TABLES.items():
        if table not in raw:
            continue
        codes = "territory_codes" if table == "initiatives" else "territory_code"
        start = len(records)
        kept = array("q")
        for index, row in enumerate(dataset.rows(table)):
            ref, name = row.get("id"), row.get("name")
            if ref is None or name is None or ref in skip:
                continue
            where = row.get(codes)
            if isinstance(where, str):
                if where not in located:
                    located[where] = places(where, parents)
                country, region = located[where]
            else:
                country, region = places(where, parents)
            kept.append(index)
            records.append(Record(ref, kind, name, country, row.get("tax_id"), region))
        tables.append(_Rows(raw[table], start, np.frombuffer(kept, dtype=np.int64)))
    return records, tables


def _where(record: Record, index: int, tables: list[_Rows]) -> _Where:
    """Where the `index`-th of the dataset's records comes from."""
    rows = tables[bisect_right([t.start for t in tables], index) - 1]
    return _Where(rows.raw.source, rows.raw.row_number(int(rows.rows[index - rows.start])),
                  rows.raw.row_label, record)


class _NotIn:
    """Every ref but those of `old`."""

    def __init__(self, old: set[str]) -> None:
        self.old = old

    def __contains__(self, ref: object) -> bool:
        return ref not in self.old


def _database_records(driver: neo4j.Driver, database: str,
                      countries: list[str]) -> list[Record]:
    records, _, _ = driver.execute_query(cypher("db/duplicate_candidates"),
                                         countries=countries, database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    return [Record(r["id"], r["kind"], r["name"], r["country"], r["taxId"], r["region"])
            for r in records]


def _other(where: _Where) -> Message:
    if where.source is None:
        return msg("problem.duplicate_in_database", name=where.record.name, id=where.record.ref)
    return msg("problem.duplicate_in_dataset", source=where.source, label=where.row_label,
               row=where.row, name=where.record.name, id=where.record.ref)


def _problem(pair: LikelyDuplicate, at: dict[str, _Where], hint: str) -> tuple[Problem, str]:
    first, second = at[pair.a.ref], at[pair.b.ref]
    if first.source is None or (second.source is not None
                                and (second.source, second.row or 0)
                                < (first.source, first.row or 0)):
        first, second = second, first
    why = (msg("problem.same_tax_id") if pair.same_tax_id
           else msg("problem.names_alike", score=round(pair.score)))
    return Problem.of(first.source or "", first.row, "name", first.record.name, Refusal(
        msg("problem.likely_duplicate", kind=first.record.kind.upper(),
            other=_other(second), why=why),
        msg(hint, id=second.record.ref)), first.row_label), second.record.ref


def dataset_duplicates(raw: dict[str, RawTable], dataset: Dataset, driver: neo4j.Driver,
                       database: str, hint: str = "problem.duplicate_hint",
                       ) -> list[tuple[Problem, str]]:
    """The likely duplicates of the dataset's new records, among themselves and with the
    database's, sorted by sheet and row, each with the id of the record it is likely to be
    (`hint`: the catalogue key of what to do, given that id); records whose id the database
    holds are the same record, not duplicates."""
    ours, tables = _dataset_records(raw, dataset, dataset.existing_ids)
    if not ours:
        return []
    countries = sorted({r.country for r in ours if r.country})
    theirs = _database_records(driver, database, countries)
    if theirs:
        held = {r.ref for r in theirs}
        again = {r.ref for r in ours if r.ref in held}
        theirs = [r for r in theirs if r.ref not in again]
    records = [*theirs, *ours]
    pairs = likely_duplicates(records, new=_NotIn({r.ref for r in theirs}))
    wanted = {p.a.ref for p in pairs} | {p.b.ref for p in pairs}
    at = {r.ref: (_Where(None, None, "row", r) if i < len(theirs)
                  else _where(r, i - len(theirs), tables))
          for i, r in enumerate(records) if r.ref in wanted}
    found = [_problem(pair, at, hint) for pair in pairs]
    return sorted(found, key=lambda f: (f[0].source, f[0].row or 0))
