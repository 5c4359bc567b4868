"""Likely duplicates a dataset brings: among its own new firms, institutions and initiatives,
and between them and what the database holds, each said with both rows."""

import re
from dataclasses import dataclass
from typing import Any

import neo4j

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


def _dataset_records(raw: dict[str, RawTable], dataset: Dataset) -> list[_Where]:
    parents = {row["code"]: row.get("parent_code") for row in dataset.rows("territories")}
    located: dict[str, tuple[str | None, str | None]] = {}  # one answer (and string) per code
    found = []
    for table, kind in TABLES.items():
        if table not in raw:
            continue
        codes = "territory_codes" if table == "initiatives" else "territory_code"
        for index, row in enumerate(dataset.rows(table)):
            if row.get("id") is None or row.get("name") is None:
                continue
            where = row.get(codes)
            if isinstance(where, str):
                if where not in located:
                    located[where] = places(where, parents)
                country, region = located[where]
            else:
                country, region = places(where, parents)
            found.append(_Where(raw[table].source, raw[table].row_number(index),
                                raw[table].row_label,
                                Record(row["id"], kind, row["name"], country,
                                       row.get("tax_id"), region)))
    return found


def _database_records(driver: neo4j.Driver, database: str,
                      countries: list[str]) -> list[_Where]:
    records, _, _ = driver.execute_query(cypher("db/duplicate_candidates"),
                                         countries=countries, database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    return [_Where(None, None, "row", Record(r["id"], r["kind"], r["name"], r["country"],
                                             r["taxId"], r["region"]))
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
    ours = [w for w in _dataset_records(raw, dataset)
            if w.record.ref not in dataset.existing_ids]
    if not ours:
        return []
    countries = sorted({w.record.country for w in ours if w.record.country})
    new = frozenset(w.record.ref for w in ours)
    theirs = [w for w in _database_records(driver, database, countries)
              if w.record.ref not in new]
    at = {w.record.ref: w for w in [*theirs, *ours]}
    pairs = likely_duplicates([w.record for w in at.values()], new=new)
    found = [_problem(pair, at, hint) for pair in pairs]
    return sorted(found, key=lambda f: (f[0].source, f[0].row or 0))
