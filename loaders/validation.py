"""Validating a dataset completely before anything is written.

Pure: text tables in, typed tables out, or a DatasetError listing every problem, one per
cause, sorted by file, row and column. What the database already holds (ids, territory and
sector codes) comes in through `Known`. Each distinct text of a column is parsed once, and a
typed table keeps, per column, each row's index into the column's distinct values (a text
column's stay one Arrow array: loaders/texts.py): a row costs a few bytes per column, and row
dictionaries are made only as they are written.
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, overload
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa
import pycountry

from loaders.column_names import alternatives, column_of, near
from loaders.numbers import Example, Mark, NumberLocale, NumberReader, evidence
from loaders.problems import DatasetError, Problem, Refusal
from loaders.readers import RawTable
from loaders.reference_data import municipalities
from loaders.suggestions import closest
from loaders.tables import BY_NAME, ENTITY_TABLES, TABLES, Column, Entity, Kind, Table
from loaders.texts import Texts
from loaders.vocabulary import SECTOR_CLASSIFICATIONS, canonical, values
from loaders.vocabulary import near as near_labels
from service.messages import Message, msg

YEARS = range(1800, 2101)
CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies)
NUMBERS = (Kind.YEAR, Kind.COUNT, Kind.AMOUNT, Kind.CONFIDENCE)
CODES = {"territories": "territory", "sectors": "sector"}  # tables that define codes
SUGGESTED = 200  # unknown codes of a kind that get a did-you-mean; the rest are listed bare

Row = dict[str, Any]


class Known(Protocol):
    """What the database holds already, asked for in bulk."""

    def entities(self, ids: list[str]) -> dict[str, frozenset[str]]:
        """The labels of each id that exists (Initiative, Actor, Firm, Institution, Program)."""
        ...

    def territories(self, codes: list[str]) -> set[str]: ...

    def sectors(self, codes: list[str]) -> set[str]: ...

    def territory_names(self, prefixes: list[str]) -> dict[str, str]:
        """The territories whose code starts with one of `prefixes`: code -> name."""
        ...

    def sector_names(self, prefixes: list[str]) -> dict[str, str]: ...


@dataclass(frozen=True)
class Cells:
    """A column's typed cells, compactly: each row's index into the column's distinct values
    (one typed value, or None, per distinct text)."""

    codes: np.ndarray
    values: Sequence[Any]  # a list, or Texts for a text column

    def __getitem__(self, row: int) -> Any:
        return self.values[self.codes[row]]

    def at(self, rows: np.ndarray) -> list[Any]:
        values = self.values
        if isinstance(values, Texts):
            return values.take(self.codes[rows])
        return [values[code] for code in self.codes[rows].tolist()]

    def take(self, rows: np.ndarray) -> "Cells":
        """These cells of `rows` only, sharing the distinct values (of a text column, only
        those of these rows, as a list)."""
        codes = self.codes[rows]
        if isinstance(self.values, Texts):
            distinct, local = np.unique(codes, return_inverse=True)
            return Cells(local.astype(np.int32), self.values.take(distinct))
        return Cells(codes, self.values)

    def each(self, known: Callable[[Any], bool]) -> np.ndarray:
        """Per row, whether its value passes `known`, each distinct value asked once."""
        passes: np.ndarray = np.array([known(value) for value in self.values],
                                      dtype=bool)[self.codes]
        return passes


@dataclass(frozen=True)
class TypedTable:
    """One table's validated columns; rows are made as they are read."""

    length: int
    cells: dict[str, Cells]

    def rows_at(self, rows: np.ndarray) -> list[Row]:
        names = list(self.cells)
        if not names:
            return [{} for _ in range(len(rows))]
        columns = [self.cells[name].at(rows) for name in names]
        return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


ROWS_AT_ONCE = 10_000  # rows made per block when a table is read through


@dataclass(frozen=True)
class Columns:
    """Some rows of a write as columns: the node's key, or a relationship's two ends, and
    each property by its name in the graph."""

    ends: list[Cells]
    properties: dict[str, Cells]


class Rows(Sequence[Row]):
    """The rows of a table (or a selection of them, `positions`), each made when read; and,
    for writes that can give them (`columns`), the same rows as columns."""

    def __init__(self, length: int, make: Callable[[np.ndarray], list[Any]],
                 positions: np.ndarray | None = None,
                 columns: Callable[[np.ndarray], Columns] | None = None) -> None:
        self.positions = (np.arange(length, dtype=np.int32) if positions is None
                          else positions)  # 4 bytes a row: a load plans tens of millions
        self.make = make
        self.columns = columns

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return self.make(self.positions[index])
        return self.make(self.positions[[index]])[0]

    def __iter__(self) -> Iterator[Any]:
        for start in range(0, len(self.positions), ROWS_AT_ONCE):
            yield from self.make(self.positions[start:start + ROWS_AT_ONCE])

    def select(self, chosen: np.ndarray) -> "Rows":
        """The rows for which `chosen` (one flag per row of these) is true."""
        return Rows(0, self.make, self.positions[chosen], self.columns)


@dataclass
class Dataset:
    """Validated, typed tables, in TABLES order; absent tables are empty."""

    tables: dict[str, TypedTable] = field(default_factory=dict)
    existing_ids: set[str] = field(default_factory=set)  # ids it names the database holds
    existing_codes: set[str] = field(default_factory=set)  # added codes it holds already
    warnings: list[Problem] = field(default_factory=list)  # likely duplicates, loaded all the same

    def new_ids(self) -> "NotIn":
        """The ids the dataset names that the database does not hold: validation found each
        id it names among its own records or in `existing_ids`."""
        return NotIn(self.existing_ids)

    def rows(self, table: str) -> Rows:
        typed = self.tables.get(table, TypedTable(0, {}))
        return Rows(typed.length, typed.rows_at)

    def cells(self, table: str, column: str) -> Cells | None:
        typed = self.tables.get(table)
        return None if typed is None else typed.cells.get(column)

    def count(self) -> int:
        return sum(table.length for table in self.tables.values())


@dataclass(frozen=True)
class NotIn:
    """Every id but None and those of `held`: millions of ids, without a set of them (which
    costs hundreds of megabytes)."""

    held: set[str]

    def __contains__(self, value: object) -> bool:
        return value is not None and value not in self.held


@dataclass(frozen=True)
class _RefColumn:
    """A column whose cells name things defined elsewhere."""

    target: Entity | str  # an Entity, or "territory" / "sector"
    raw: RawTable
    column: str  # as the header writes it
    cells: Cells  # parsed: a str, a list of codes, or None

    def named(self) -> Iterator[str]:
        """Each value the column's distinct cells name (a value twice if two lists name it)."""
        for cell in self.cells.values:
            if isinstance(cell, list):
                yield from cell
            elif cell is not None:
                yield cell


Parsed = tuple[Any, Refusal | None]


class _Validator:
    def __init__(self, raw: dict[str, RawTable], known: Known,
                 locale: NumberLocale | None) -> None:
        self.raw = raw
        self.known = known
        self.locale = locale
        self.problems: list[tuple[tuple[str, int, int], Problem]] = []
        self.ref_columns: list[_RefColumn] = []
        self.headers: dict[str, dict[str, str]] = {}  # table -> column -> header as written
        self.unreadable: set[Entity | str] = set()  # targets whose keys a table could not give
        self.dataset = Dataset()

    def header(self, raw: RawTable, column: str) -> str:
        return self.headers.get(raw.name, {}).get(column, column)

    def problem(self, raw: RawTable, index: int | None, column: str | None,
                value: str | None, refusal: Refusal | Message) -> None:
        row = raw.row_number(index) if index is not None else (1 if column else None)
        label = raw.row_label if index is not None else "row"
        columns = list(raw.frame.columns)
        position = columns.index(column) if column in columns else len(columns)
        self.problems.append(((raw.source, row or 0, position),
                              Problem.of(raw.source, row, column, value, refusal, label)))

    def run(self) -> Dataset:
        for table in TABLES:
            if table.name in self.raw:
                self.dataset.tables[table.name] = self.table(table, self.raw[table.name])
        self.unique_ids()
        self.references()
        if self.problems:
            self.problems.sort(key=lambda found: found[0])  # stable: a cell's keep their order
            raise DatasetError([problem for _, problem in self.problems])
        return self.dataset

    # -- one table ------------------------------------------------------------

    def table(self, table: Table, raw: RawTable) -> TypedTable:
        """Every row of `table`, checked cell by cell; a missing column is one problem, and
        the other columns are still checked."""
        headers: dict[str, str] = {}
        meant: set[str] = set()  # columns an unknown header is one slip away from
        for written in raw.frame.columns:
            name = column_of(table.name, written)
            if name is None:
                suggestions = near(table.name, written)
                meant.update(suggestions)
                self.problem(raw, None, written, None, Refusal(
                    msg("problem.unknown_column", columns=[c.name for c in table.all_columns]),
                    msg("problem.did_you_mean", choices=suggestions) if suggestions else None))
            elif name in headers:
                self.problem(raw, None, written, None,
                             msg("problem.duplicate_column", other=headers[name]))
            else:
                headers[name] = written
        self.headers[table.name] = headers
        for name in table.required:
            if name in headers:
                continue
            if name not in meant:  # else the unknown header that means it says so
                self.problem(raw, None, name, None, Refusal(
                    msg("problem.missing_column"),
                    msg("problem.add_column", column=name, names=alternatives(name))))
            if table.entity is not None and name == "id":
                self.unreadable.add(table.entity)
            elif name == "code":
                self.unreadable.add(CODES[table.name])
        present = [c for c in table.all_columns if c.name in headers]
        numbers = self.numbers(raw, [c for c in present if c.kind in NUMBERS])
        columns = {c.name: self.column(raw, c, numbers) for c in present}
        self.row_rules(table, raw, columns)
        if table.name == "territories":
            self.reference_municipalities(raw, columns)
        typed = TypedTable(len(raw.frame), columns)
        self.duplicates(table, raw, typed)
        return typed

    def numbers(self, raw: RawTable, columns: list[Column]) -> NumberReader:
        """The reader of this file's numbers: by the stated locale, else by what they show."""
        examples: dict[Mark, Example] = {}
        if self.locale is None:
            for column in columns:
                written = self.header(raw, column.name)
                codes, texts = _texts(raw, written)
                for mark, text in evidence(dict.fromkeys(texts)).items():
                    first = int(np.argmax(codes == texts.index(text)))
                    examples.setdefault(mark, Example(
                        text, written, raw.row_number(first), raw.row_label))
        return NumberReader(self.locale, examples)

    def column(self, raw: RawTable, column: Column, numbers: NumberReader) -> Cells:
        """Parse a whole column, each distinct text once; note every problem by row."""
        written = self.header(raw, column.name)
        if column.kind is Kind.TEXT:
            return self.text_column(raw, column, written)
        codes, texts = _texts(raw, written)
        if column.required and "" in texts:
            for index in np.flatnonzero(codes == texts.index("")).tolist():
                self.problem(raw, index, written, "", msg("problem.required"))
        if column.kind is Kind.ID:
            values: list[Any] = texts  # a list of its own: the empty text becomes None in place
            if "" in values:
                values[values.index("")] = None
        else:
            parse = PARSERS[column.kind]
            parsed = [parse(column, text, numbers) if text else (None, None) for text in texts]
            values = [value for value, _ in parsed]
            bad = [code for code, (_, refusal) in enumerate(parsed) if refusal is not None]
            for index in np.flatnonzero(np.isin(codes, bad)).tolist() if bad else []:
                text = texts[codes[index]]
                refusal = parsed[codes[index]][1]
                assert refusal is not None
                self.problem(raw, index, written, text, refusal)
        cells = Cells(codes, values)
        target = _target(column)
        if target is not None:
            self.ref_columns.append(_RefColumn(target, raw, written, cells))
        return cells

    def text_column(self, raw: RawTable, column: Column, written: str) -> Cells:
        """A text column, whose distinct texts stay one Arrow array (Texts)."""
        codes, texts = _text_cells(raw, written)
        empty = np.flatnonzero(~texts.array.is_valid().to_numpy(zero_copy_only=False))
        if column.required and empty.size:
            for index in np.flatnonzero(np.isin(codes, empty)).tolist():
                self.problem(raw, index, written, "", msg("problem.required"))
        return Cells(codes, texts)

    def row_rules(self, table: Table, raw: RawTable, values: dict[str, Cells]) -> None:
        for start, end in (("start_year", "end_year"), ("since", "until")):
            if start in values and end in values:
                firsts, lasts = values[start], values[end]
                late = _numbers(firsts) > _numbers(lasts)  # NaN, an empty cell, compares false
                for index in np.flatnonzero(late).tolist():
                    self.problem(raw, index, self.header(raw, end), str(lasts[index]),
                                 msg("problem.before", start=self.header(raw, start),
                                     first=firsts[index]))
        if table.ends is not None and all(end in values for end in table.ends):
            sources, targets = (values[end] for end in table.ends)
            numbers = _numbering([sources, targets])
            ends = numbers[0][sources.codes]
            same = ends == numbers[1][targets.codes]
            same &= ends >= 0
            del ends
            for index in np.flatnonzero(same).tolist():
                self.problem(raw, index, self.header(raw, table.ends[1]), str(targets[index]),
                             msg("problem.self_tie", source=self.header(raw, table.ends[0])))

    def reference_municipalities(self, raw: RawTable, values: dict[str, Cells]) -> None:
        """A territories row may restate a reference municipality, not move it: its level
        and parent_code, when given, must be the reference data's."""
        known = municipalities()
        codes = values.get("code")
        if codes is None:
            return
        for index in np.flatnonzero(codes.each(lambda code: code in known)).tolist():
            code = codes[index]
            found = known[code]
            stated = {"level": "MUNICIPALITY", "parent_code": found["parentCode"]}
            for column, expected in stated.items():
                value = values[column][index] if column in values else None
                if value is not None and value != expected:
                    self.problem(raw, index, self.header(raw, column), str(value), msg(
                        "problem.reference_municipality", code=code,
                        name=found["props"]["name"], parent=found["parentCode"]))

    def duplicates(self, table: Table, raw: RawTable, typed: TypedTable) -> None:
        if table.entity is not None:
            return  # ids are checked across all entity tables at once
        key = table.ends or ("code",)
        if not all(k in typed.cells for k in key):
            return
        columns = [typed.cells[k] for k in key]
        numbers = _numbering(columns)
        base = max(int(number.max(initial=0)) for number in numbers) + 1
        keys = np.zeros(typed.length, dtype=np.int64)
        complete = np.ones(typed.length, dtype=bool)
        for cells, number in zip(columns, numbers, strict=True):
            part = number[cells.codes]
            keys *= base
            keys += part
            complete &= part >= 0
            del part
        rows = None if complete.all() else np.flatnonzero(complete)
        if rows is not None:
            keys = keys[rows]
        order = np.argsort(keys, kind="stable")  # by key, then by row
        keys = keys[order]
        again = np.flatnonzero(keys[1:] == keys[:-1]) + 1  # not the first of its key
        if not again.size:
            return
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        if rows is not None:
            order = rows[order]
        first = order[starts[np.searchsorted(starts, again, side="right") - 1]]
        for index, seen in zip(order[again].tolist(), first.tolist(), strict=True):
            self.problem(raw, index, self.header(raw, key[-1]), str(columns[-1][index]),
                         msg("problem.duplicate", label=raw.row_label,
                             row=raw.row_number(seen),
                             key=[self.header(raw, k) for k in key]))

    # -- across tables ----------------------------------------------------------

    def unique_ids(self) -> None:
        """Refuse an id that two rows give (in one table or two) and an id the database holds
        for another kind of record."""
        firsts = _FirstRows()
        for table in ENTITY_TABLES:
            raw = self.raw.get(table.name)
            ids = self.dataset.cells(table.name, "id")
            if raw is None or ids is None:
                continue
            distinct, rows = np.unique(ids.codes, return_index=True)
            again = np.ones(len(ids.codes), dtype=bool)
            again[rows] = False
            texts = np.array(ids.values, dtype=object)[distinct]
            given = np.array([text is not None for text in texts], dtype=bool)
            new = firsts.add(raw, texts[given], rows[given])
            again[rows[given][~new]] = True
            repeated = [index for index in np.flatnonzero(again).tolist()
                        if ids[index] is not None]
            for index, (other, at) in zip(repeated, firsts.where([ids[i] for i in repeated]),
                                          strict=True):
                self.problem(raw, index, self.header(raw, "id"), ids[index], msg(
                    "problem.duplicate_id", source=other.source, label=other.row_label,
                    row=other.row_number(at)))
        in_database = self.known.entities(firsts.ids())
        self.dataset.existing_ids = set(in_database)
        for name, ask in (("territories", self.known.territories),
                          ("sectors", self.known.sectors)):
            codes = [r["code"] for r in self.dataset.rows(name) if r.get("code")]
            self.dataset.existing_codes |= {f"{name}:{c}" for c in ask(codes)}
        for (entity_id, labels), (raw, index) in zip(in_database.items(),
                                                     firsts.where(list(in_database)),
                                                     strict=True):
            entity = BY_NAME[raw.name].entity
            if entity is not None and entity.value not in labels:
                self.problem(raw, index, self.header(raw, "id"), entity_id,
                             msg("problem.id_taken", kind=_kind(labels)))

    def silenced(self, target: Entity | str) -> bool:
        """Whether unknown references to `target` follow from a table that lacks its keys
        (reported once, as its missing column), rather than from each reference."""
        if target is Entity.ACTOR:
            return bool({Entity.FIRM, Entity.INSTITUTION} & self.unreadable)
        return target in self.unreadable

    def references(self) -> None:
        defined: dict[str, frozenset[str]] = {}
        for table in ENTITY_TABLES:
            assert table.entity is not None
            kind = LABELS[table.entity]
            ids = self.dataset.cells(table.name, "id")
            defined.update((value, kind) for value in (ids.values if ids else []) if value)
        codes = {
            "territory": {r["code"] for r in self.dataset.rows("territories") if r.get("code")},
            "sector": {r["code"] for r in self.dataset.rows("sectors") if r.get("code")},
        }
        # ids are looked up column by column, not gathered: a load names millions of them
        elsewhere = {value for ref in self.ref_columns if isinstance(ref.target, Entity)
                     for value in ref.named() if value not in defined}
        held = self.known.entities(sorted(elsewhere))
        defined.update(held)
        self.dataset.existing_ids.update(held)
        wanted: dict[str, set[str]] = {}
        for ref in self.ref_columns:
            if not isinstance(ref.target, Entity):
                wanted.setdefault(ref.target, set()).update(ref.named())
        for code_kind, ask in (("territory", self.known.territories),
                               ("sector", self.known.sectors)):
            codes[code_kind] |= ask(sorted(wanted.get(code_kind, set()) - codes[code_kind]))
        verdicts: dict[str, dict[str, Refusal]] = {target: {} if self.silenced(target)
                    else self.unknown_codes(target, sorted(found - codes[target]))
                    for target, found in wanted.items()}
        for ref in self.ref_columns:
            if isinstance(ref.target, Entity):
                target, silenced = ref.target, self.silenced(ref.target)
                bad = {value: verdict for value in ref.named()
                       if (verdict := _verdict(target, value, defined, silenced)) is not None}
            else:
                bad = verdicts[ref.target]
            if not bad:
                continue
            refused = ref.cells.each(_refused_by(bad))
            for index in np.flatnonzero(refused).tolist():
                cell = ref.cells[index]
                for value in cell if isinstance(cell, list) else [cell]:
                    if value in bad:
                        self.problem(ref.raw, index, ref.column, value, bad[value])

    def unknown_codes(self, target: str, unknown: list[str]) -> dict[str, Refusal]:
        """Why each unknown territory or sector code is refused, with the known codes
        closest to it (and their names) for the first SUGGESTED of them."""
        prefix = _territory_prefix if target == "territory" else _sector_prefix
        prefixes = sorted({prefix(code) for code in unknown[:SUGGESTED]} - {""})
        ask = self.known.territory_names if target == "territory" else self.known.sector_names
        names = ask(prefixes) if prefixes else {}
        table = "territories" if target == "territory" else "sectors"
        names.update((r["code"], r.get("name") or "") for r in self.dataset.rows(table)
                     if r.get("code"))
        by_prefix: dict[str, list[str]] = {}
        for code in sorted(names):
            by_prefix.setdefault(prefix(code), []).append(code)
        refusals: dict[str, Refusal] = {}
        classifications = sorted({f"{p}:" for p in SECTOR_CLASSIFICATIONS}
                                 | {p for p in by_prefix if p.endswith(":")})
        for n, code in enumerate(unknown):
            if target == "sector" and ":" in code and prefix(code) not in classifications:
                refusals[code] = _unknown_classification(prefix(code), classifications)
                continue
            choices = closest(code, by_prefix.get(prefix(code), [])) if n < SUGGESTED else []
            shown = [f"{c} ({names[c]})" if names[c] else c for c in choices]
            refusals[code] = Refusal(
                _unknown(target, code),
                msg("problem.did_you_mean", choices=shown) if shown else None)
        return refusals


class _FirstRows:
    """Each id of the entity tables and the first row that gives it, as arrays (no Python
    object per id beyond its text, which the tables hold already)."""

    def __init__(self) -> None:
        self.tables: list[RawTable] = []
        self.texts: list[np.ndarray] = []
        self.rows: list[np.ndarray] = []

    def add(self, raw: RawTable, texts: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Note `raw`'s ids (`texts`, distinct, each first given at `rows`); whether each is
        new. The lookup hashes the smaller side: the earlier ids, or these."""
        new = np.ones(len(texts), dtype=bool)
        if self.texts:
            earlier = np.concatenate(self.texts)
            if len(earlier) < len(texts):
                new = ~pd.Index(texts, dtype=object).isin(earlier)
            else:
                at = pd.Index(texts, dtype=object).get_indexer(earlier)
                new[at[at >= 0]] = False
        self.tables.append(raw)
        self.texts.append(texts[new])
        self.rows.append(rows[new])
        return new

    def ids(self) -> list[str]:
        return [text for texts in self.texts for text in texts.tolist()]

    def where(self, ids: list[str]) -> list[tuple[RawTable, int]]:
        """The table and row of each of `ids`'s first row."""
        if not ids:
            return []
        table = np.repeat(np.arange(len(self.texts)), [len(t) for t in self.texts])
        found = pd.Index(np.concatenate(self.texts), dtype=object).get_indexer(ids)
        rows = np.concatenate(self.rows)
        return [(self.tables[table[at]], int(rows[at])) for at in found.tolist()]


def _texts(raw: RawTable, written: str) -> tuple[np.ndarray, list[str]]:
    """A column of `raw` as each row's index into its distinct texts, and those texts."""
    cells = raw.frame[written].cat
    return cells.codes.to_numpy(), list(cells.categories)


def _text_cells(raw: RawTable, written: str) -> tuple[np.ndarray, Texts]:
    """A text column of `raw` as each row's index into its distinct texts, and those texts
    (None for an empty one)."""
    column = raw.frame[written]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), Texts.of(column.cat.categories)
    encoded = pa.array(column)
    return encoded.indices.to_numpy(), Texts(encoded.dictionary)


def _numbers(cells: Cells) -> np.ndarray:
    """Each row's number, NaN for an empty cell."""
    numbers: np.ndarray = np.array([np.nan if v is None else v for v in cells.values],
                                   dtype=float)[cells.codes]
    return numbers


def _refused_by(bad: dict[str, Refusal]) -> Callable[[Any], bool]:
    """Whether a reference cell (a value or a list of them) names one of `bad`."""
    return lambda cell: any(value in bad for value in (cell if isinstance(cell, list)
                                                       else [cell]))


def _numbering(columns: list[Cells]) -> list[np.ndarray]:
    """For each column, each of its distinct values as an integer, -1 for None; equal values
    get equal integers across the columns."""
    numbers: list[np.ndarray] = []
    numbered: dict[Any, int] = {}
    for cells in columns:
        numbers.append(np.array([-1 if v is None else numbered.setdefault(v, len(numbered))
                                 for v in cells.values], dtype=np.int32))
    return numbers


def _unknown_classification(prefix: str, known: list[str]) -> Refusal:
    """A sector code whose prefix names no classification: which ones exist, and the nearest."""
    near_ones = closest(prefix, known)
    return Refusal(msg("problem.unknown_classification", prefix=prefix, known=known),
                   msg("problem.did_you_mean", choices=near_ones) if near_ones else None)


def _unknown(target: str, code: str) -> Message:
    """Why a territory or sector code is refused: what such a code looks like."""
    if target == "sector":
        return msg("problem.unknown_sector")
    return msg("problem.unknown_municipality" if _municipal(code)
               else "problem.unknown_territory")


def _municipal(code: str) -> bool:
    """Whether `code` is written as a municipality's: alpha-2 code, colon, national code."""
    return code[2:3] == ":"


def _territory_prefix(code: str) -> str:
    """The country part of a territory code (with the colon of a municipality's): what
    candidates for it share."""
    if _municipal(code):
        return code[:3]
    return code[:2] if len(code) >= 2 else ""


def _sector_prefix(code: str) -> str:
    """The classification of a sector code (`CIIU-CO:`), or the first character of ISIC's."""
    return code.split(":", 1)[0] + ":" if ":" in code else code[:1]


def _verdict(target: Entity, value: str, defined: dict[str, frozenset[str]],
             silenced: bool) -> Refusal | None:
    """What is wrong with a reference to the entity `value`, or None."""
    labels = defined.get(value)
    wanted = target.value.upper()
    if labels is None:
        return None if silenced else Refusal(msg("problem.unknown_id", kind=wanted))
    if target.value not in labels:
        return Refusal(msg("problem.wrong_id", wanted=wanted, found=_kind(labels)))
    return None


LABELS: dict[Entity, frozenset[str]] = {
    Entity.INITIATIVE: frozenset({"Initiative"}),
    Entity.FIRM: frozenset({"Actor", "Firm"}),
    Entity.INSTITUTION: frozenset({"Actor", "Institution"}),
    Entity.PROGRAM: frozenset({"Program"}),
}


def _kind(labels: frozenset[str]) -> str:
    """The entity term (term.entity.*) of a node's labels: FIRM, not ACTOR."""
    specific = sorted(labels - {"Actor"}) or sorted(labels)
    return specific[0].upper()


def _target(column: Column) -> Entity | str | None:
    if column.kind is Kind.ID:
        return column.refers_to
    if column.kind in (Kind.TERRITORY, Kind.TERRITORIES):
        return "territory"
    if column.kind in (Kind.SECTOR, Kind.SECTORS):
        return "sector"
    return None


# -- cell parsers: (column, text, numbers) -> (value, None) or (None, why not) --------------


def _text(column: Column, text: str, numbers: NumberReader) -> Parsed:
    return text, None


def _number(text: str, numbers: NumberReader, check: Callable[[float], bool],
            expected: Message) -> Parsed:
    """A number read by the file's locale, and checked; a problem of the locale, or
    `expected` when it is no number or fails `check`."""
    value, refusal = numbers.read(text)
    if refusal is not None:
        return None, refusal
    if value is None or not check(value):
        return None, Refusal(expected)
    return value, None


def _year(column: Column, text: str, numbers: NumberReader) -> Parsed:
    value, refusal = _number(text, numbers, lambda v: v.is_integer() and int(v) in YEARS,
                             msg("problem.year", low=YEARS.start, high=YEARS.stop - 1))
    return (None if value is None else int(value)), refusal


def _count(column: Column, text: str, numbers: NumberReader) -> Parsed:
    value, refusal = _number(text, numbers, lambda v: v.is_integer() and v >= 0,
                             msg("problem.count"))
    return (None if value is None else int(value)), refusal


def _amount(column: Column, text: str, numbers: NumberReader) -> Parsed:
    return _number(text, numbers, lambda v: v >= 0, msg("problem.amount"))


def _confidence(column: Column, text: str, numbers: NumberReader) -> Parsed:
    return _number(text, numbers, lambda v: 0 <= v <= 1, msg("problem.confidence"))


def _currency(column: Column, text: str, numbers: NumberReader) -> Parsed:
    code = text.upper()
    if code not in CURRENCIES:
        return None, Refusal(msg("problem.currency"))
    return code, None


def _enum(column: Column, text: str, numbers: NumberReader) -> Parsed:
    assert column.enum is not None
    value = canonical(column.enum, text)
    if value is None:
        suggestions = near_labels(column.enum, text)
        return None, Refusal(
            msg("problem.enum", values=values(column.enum)),
            msg("problem.did_you_mean", choices=suggestions) if suggestions else None)
    return value, None


WEB_SCHEMES = ("http", "https")


def _website(column: Column, text: str, numbers: NumberReader) -> Parsed:
    """An absolute http(s) URL with a host, kept as written; anything else (`javascript:`,
    `data:`, a relative path, spaces or control characters) is refused."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        return None, Refusal(msg("problem.website_spaces"))
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None, Refusal(msg("problem.website"))
    if parts.scheme.lower() not in WEB_SCHEMES or not host:
        return None, Refusal(msg("problem.website"))
    return text, None


# A public e-mail address: one @, no spaces, a dotted domain; checked for shape only.
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
EMAIL = re.compile(rf"[^@\s<>\"'(),;:\[\]]+@{LABEL}(?:\.{LABEL})+")


def _contact(column: Column, text: str, numbers: NumberReader) -> Parsed:
    """A public contact: an e-mail address, or a web address as `website` takes it (a
    contact form); kept as written."""
    if EMAIL.fullmatch(text):
        return text, None
    if "@" not in text and _website(column, text, numbers)[1] is None:
        return text, None
    return None, Refusal(msg("problem.contact"))


def _code(column: Column, text: str, numbers: NumberReader) -> Parsed:
    return text.upper(), None


def _codes(text: str) -> list[str]:
    return list(dict.fromkeys(code.strip().upper() for code in text.split(";") if code.strip()))


def _territories(column: Column, text: str, numbers: NumberReader) -> Parsed:
    codes = _codes(text)
    return (codes, None) if codes else (None, Refusal(msg("problem.territories")))


def _sectors(column: Column, text: str, numbers: NumberReader) -> Parsed:
    codes = _codes(text)
    return (codes, None) if codes else (None, Refusal(msg("problem.sectors")))


PARSERS: dict[Kind, Callable[[Column, str, NumberReader], Parsed]] = {
    Kind.TEXT: _text, Kind.ID: _text, Kind.YEAR: _year, Kind.COUNT: _count,
    Kind.AMOUNT: _amount, Kind.CONFIDENCE: _confidence, Kind.CURRENCY: _currency,
    Kind.ENUM: _enum, Kind.CODE: _code, Kind.TERRITORY: _code, Kind.TERRITORIES: _territories,
    Kind.SECTOR: _code, Kind.SECTORS: _sectors, Kind.WEBSITE: _website,
    Kind.CONTACT: _contact,
}


def validate(raw: dict[str, RawTable], known: Known,
             locale: NumberLocale | None = None) -> Dataset:
    """Typed rows for every table, or DatasetError with every problem found. `locale`: how
    the dataset writes numbers, when stated (else each file's numbers show it)."""
    return _Validator(raw, known, locale).run()
