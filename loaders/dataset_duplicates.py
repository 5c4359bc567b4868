"""Likely duplicates a dataset brings: among its own new firms, institutions and initiatives,
and between them and what the database holds, each said with both rows."""

import re
from bisect import bisect_right
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, overload

import neo4j
import numpy as np
import pyarrow as pa

from loaders.duplicates import LikelyDuplicate, Record, likely_duplicates
from loaders.problems import Problem, Refusal
from loaders.readers import RawTable
from loaders.texts import Texts
from loaders.validation import ROWS_AT_ONCE, Cells, Dataset, NotIn
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
class _Table:
    """The records one table gives: the index of each one's row in the table, and the columns
    a record is made from (`places`: each row's country and first-level subdivision)."""

    raw: RawTable
    kind: str
    rows: np.ndarray
    refs: Cells
    names: Cells
    taxes: Cells | None
    places: Cells

    def record(self, k: int) -> Record:
        """The record of the `k`-th of `rows`."""
        row = int(self.rows[k])
        country, region = self.places[row]
        return Record(self.refs[row], self.kind, self.names[row], country,
                      None if self.taxes is None else self.taxes[row], region)

    def records(self, rows: np.ndarray) -> list[Record]:
        """The records of these rows of the table."""
        taxes = [None] * len(rows) if self.taxes is None else self.taxes.at(rows)
        return [Record(ref, self.kind, name, country, tax, region)
                for ref, name, tax, (country, region)
                in zip(self.refs.at(rows), self.names.at(rows), taxes, self.places.at(rows),
                       strict=True)]


class DatasetRecords(Sequence[Record]):
    """`before` (records of the database), then the records of the dataset's tables, each made
    when read: a load of millions of rows holds one index per record, not a Record."""

    def __init__(self, before: list[Record], tables: list[_Table]) -> None:
        self.before = before
        self.tables = tables
        self.starts = list(accumulate((len(t.rows) for t in tables), initial=len(before)))

    def __len__(self) -> int:
        return self.starts[-1]

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if 0 <= index < len(self.before):
            return self.before[index]
        k = bisect_right(self.starts, index) - 1
        if not 0 <= k < len(self.tables):
            raise IndexError(index)
        return self.tables[k].record(index - self.starts[k])

    def __iter__(self) -> Iterator[Record]:
        yield from self.before
        for table in self.tables:
            for start in range(0, len(table.rows), ROWS_AT_ONCE):
                yield from table.records(table.rows[start:start + ROWS_AT_ONCE])

    def names(self, positions: list[int]) -> list[str]:
        """The names of the records at `positions`, in their order, read a table at a time."""
        at = np.array(positions, dtype=np.int64)
        found = np.empty(len(at), dtype=object)
        tables = np.searchsorted(self.starts, at, side="right") - 1  # -1: one of `before`
        for k in np.unique(tables).tolist():
            chosen = np.flatnonzero(tables == k)
            if k < 0:
                found[chosen] = [self.before[i].name for i in at[chosen].tolist()]
            else:
                table = self.tables[k]
                found[chosen] = table.names.at(table.rows[at[chosen] - self.starts[k]])
        names: list[str] = found.tolist()
        return names

    def tax_ids(self) -> pa.Array:
        """Each record's tax id, null for none."""
        parts = [pa.array([r.tax_id for r in self.before], pa.large_string())]
        for table in self.tables:
            taxes = table.taxes
            parts.append(taxes.values.arrow(taxes.codes[table.rows])
                         if taxes is not None and isinstance(taxes.values, Texts)
                         else pa.nulls(len(table.rows), pa.large_string()))
        return pa.concat_arrays(parts)

    def countries(self) -> list[str]:
        """The countries of the dataset's records, sorted."""
        return sorted({country for table in self.tables
                       for country, _ in (table.places.values[code]
                                          for code in np.unique(table.places.codes[table.rows]))
                       if country})

    def where(self, refs: set[str]) -> dict[str, _Where]:
        """Where each record whose ref is in `refs` is."""
        at = {r.ref: _Where(None, None, "row", r) for r in self.before if r.ref in refs}
        for table in self.tables:
            chosen = table.refs.each(lambda ref: ref in refs)[table.rows]
            for k in np.flatnonzero(chosen).tolist():
                record, row = table.record(k), int(table.rows[k])
                at[record.ref] = _Where(table.raw.source, table.raw.row_number(row),
                                        table.raw.row_label, record)
        return at


def dataset_records(raw: dict[str, RawTable], dataset: Dataset,
                    skip: Container[str]) -> DatasetRecords:
    """The records of the dataset's firms, institutions and initiatives with an id and a name
    (but none whose id is in `skip`)."""
    parents = {row["code"]: row.get("parent_code") for row in dataset.rows("territories")}
    tables: list[_Table] = []
    for table, kind in TABLES.items():
        refs, names = dataset.cells(table, "id"), dataset.cells(table, "name")
        if table not in raw or refs is None or names is None:
            continue
        kept = (refs.each(lambda ref: ref is not None and ref not in skip)
                & names.each(lambda name: name is not None))
        where = dataset.cells(table, "territory_codes" if table == "initiatives"
                              else "territory_code")
        located = (Cells(np.zeros(len(refs.codes), dtype=np.int8), [(None, None)]) if where is None
                   else Cells(where.codes, [places(codes, parents) for codes in where.values]))
        tables.append(_Table(raw[table], kind, np.flatnonzero(kept).astype(np.int32), refs,
                             names, dataset.cells(table, "tax_id"), located))
    return DatasetRecords([], tables)


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
    ours = dataset_records(raw, dataset, dataset.existing_ids)
    if not ours:
        return []
    theirs = _database_records(driver, database, ours.countries())
    if theirs:
        held = {r.ref for r in theirs}
        again = {r.ref for r in ours if r.ref in held}
        theirs = [r for r in theirs if r.ref not in again]
    records = DatasetRecords(theirs, ours.tables)
    pairs = likely_duplicates(records, new=NotIn({r.ref for r in theirs}))
    at = records.where({p.a.ref for p in pairs} | {p.b.ref for p in pairs})
    found = [_problem(pair, at, hint) for pair in pairs]
    return sorted(found, key=lambda f: (f[0].source, f[0].row or 0))
