"""Validating a dataset completely before anything is written.

Pure: text tables in, typed rows out, or a DatasetError listing every problem. What the
database already holds (ids, territory and sector codes) comes in through `Known`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import pycountry

from loaders.problems import DatasetError, Problem
from loaders.readers import RawTable
from loaders.tables import BY_NAME, ENTITY_TABLES, TABLES, Column, Entity, Kind, Table
from loaders.vocabulary import canonical, expected

YEARS = range(1800, 2101)
CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies)

Row = dict[str, Any]


class Known(Protocol):
    """What the database holds already, asked for in bulk."""

    def entities(self, ids: list[str]) -> dict[str, frozenset[str]]:
        """The labels of each id that exists (Initiative, Actor, Firm, Institution, Program)."""
        ...

    def territories(self, codes: list[str]) -> set[str]: ...

    def sectors(self, codes: list[str]) -> set[str]: ...


class NothingKnown:
    """An empty database, for validating a dataset on its own."""

    def entities(self, ids: list[str]) -> dict[str, frozenset[str]]:
        return {}

    def territories(self, codes: list[str]) -> set[str]:
        return set()

    def sectors(self, codes: list[str]) -> set[str]:
        return set()


@dataclass
class Dataset:
    """Validated, typed rows per table, in TABLES order; absent tables are empty."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    def count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass(frozen=True)
class _Ref:
    """A cell that names something defined elsewhere."""

    target: Entity | str  # an Entity, or "territory" / "sector"
    value: str
    raw: RawTable
    index: int
    column: str


class _Validator:
    def __init__(self, raw: dict[str, RawTable], known: Known) -> None:
        self.raw = raw
        self.known = known
        self.problems: list[Problem] = []
        self.refs: list[_Ref] = []
        self.dataset = Dataset()

    def problem(self, raw: RawTable, index: int | None, column: str | None,
                value: str | None, expectation: str) -> None:
        row = raw.row_number(index) if index is not None else (1 if column else None)
        label = raw.row_label if index is not None else "row"
        self.problems.append(Problem(raw.source, row, column, value, expectation, label))

    def run(self) -> Dataset:
        for table in TABLES:
            if table.name in self.raw:
                self.dataset.tables[table.name] = self.table(table, self.raw[table.name])
        self.unique_ids()
        self.references()
        if self.problems:
            raise DatasetError(self.problems)
        return self.dataset

    # -- one table ------------------------------------------------------------

    def table(self, table: Table, raw: RawTable) -> list[Row]:
        columns = list(raw.frame.columns)
        allowed = {c.name for c in table.all_columns}
        for name in columns:
            if name not in allowed:
                self.problem(raw, None, name, None, "unknown column; expected columns "
                             + ", ".join(c.name for c in table.all_columns))
        missing = [name for name in table.required if name not in columns]
        for name in missing:
            self.problem(raw, None, name, None, "required column is missing")
        if missing:
            return []
        present = [c for c in table.all_columns if c.name in columns]
        values = {c.name: raw.frame[c.name].tolist() for c in present}
        rows: list[Row] = []
        for index in range(len(raw.frame)):
            row: Row = {}
            for column in present:
                row[column.name] = self.cell(raw, index, column, values[column.name][index])
            self.row_rules(table, raw, index, row)
            rows.append(row)
        self.duplicates(table, raw, rows)
        return rows

    def cell(self, raw: RawTable, index: int, column: Column, text: str) -> Any:
        if text == "":
            if column.required:
                self.problem(raw, index, column.name, text, "a value is required")
            return None
        parse = PARSERS[column.kind]
        value, expectation = parse(column, text)
        if expectation is not None:
            self.problem(raw, index, column.name, text, expectation)
            return None
        for target, code in _references(column, value):
            self.refs.append(_Ref(target, code, raw, index, column.name))
        return value

    def row_rules(self, table: Table, raw: RawTable, index: int, row: Row) -> None:
        for start, end in (("start_year", "end_year"), ("since", "until")):
            first, last = row.get(start), row.get(end)
            if first is not None and last is not None and first > last:
                self.problem(raw, index, end, str(last), f"must not be before {start} ({first})")
        if table.ends is not None:
            a, b = (row.get(end) for end in table.ends)
            if a is not None and a == b:
                self.problem(raw, index, table.ends[1], str(b),
                             f"must differ from {table.ends[0]} (no tie of a node to itself)")

    def duplicates(self, table: Table, raw: RawTable, rows: list[Row]) -> None:
        if table.entity is not None:
            return  # ids are checked across all entity tables at once
        key = table.ends or ("code",)
        first_seen: dict[tuple[Any, ...], int] = {}
        for index, row in enumerate(rows):
            values = tuple(row.get(k) for k in key)
            if None in values:
                continue
            if values in first_seen:
                self.problem(raw, index, key[-1], str(values[-1]),
                             f"duplicate of {raw.row_label} {raw.row_number(first_seen[values])} "
                             f"(same {', '.join(key)})")
            else:
                first_seen[values] = index

    # -- across tables ----------------------------------------------------------

    def unique_ids(self) -> None:
        first_seen: dict[str, tuple[RawTable, int]] = {}
        for table in ENTITY_TABLES:
            raw = self.raw.get(table.name)
            for index, row in enumerate(self.dataset.rows(table.name)):
                if raw is None or row.get("id") is None:
                    continue
                if row["id"] in first_seen:
                    other, at = first_seen[row["id"]]
                    self.problem(raw, index, "id", row["id"], "duplicate id; already used in "
                                 f"{other.source}, {other.row_label} {other.row_number(at)} "
                                 "(ids are unique across initiatives, firms, institutions and "
                                 "programs)")
                else:
                    first_seen[row["id"]] = (raw, index)
        in_database = self.known.entities(list(first_seen))
        for entity_id, labels in in_database.items():
            raw, index = first_seen[entity_id]
            entity = BY_NAME[raw.name].entity
            if entity is not None and entity.value not in labels:
                self.problem(raw, index, "id", entity_id, "this id already belongs to "
                             f"{_a(_kind(labels))} in the database")

    def references(self) -> None:
        defined: dict[str, frozenset[str]] = {}
        for table in ENTITY_TABLES:
            assert table.entity is not None
            kind = LABELS[table.entity]
            defined.update((row["id"], kind) for row in self.dataset.rows(table.name)
                           if row.get("id"))
        codes = {
            "territory": {r["code"] for r in self.dataset.rows("territories") if r.get("code")},
            "sector": {r["code"] for r in self.dataset.rows("sectors") if r.get("code")},
        }
        open_refs = [
            ref for ref in self.refs
            if ref.value not in (defined if isinstance(ref.target, Entity) else codes[ref.target])
        ]
        defined.update(self.known.entities(
            sorted({r.value for r in open_refs if isinstance(r.target, Entity)})))
        territories = self.known.territories(
            sorted({r.value for r in open_refs if r.target == "territory"}))
        sectors = self.known.sectors(sorted({r.value for r in open_refs if r.target == "sector"}))
        for ref in self.refs:
            if isinstance(ref.target, Entity):
                labels = defined.get(ref.value)
                wanted = ref.target.value.lower()
                if labels is None:
                    self.problem(ref.raw, ref.index, ref.column, ref.value,
                                 f"unknown {wanted} id: not in the dataset nor in the database")
                elif ref.target.value not in labels:
                    self.problem(ref.raw, ref.index, ref.column, ref.value,
                                 f"expected the id of {_a(wanted)}, but it is the id of "
                                 f"{_a(_kind(labels))}")
            elif ref.target == "territory" and ref.value not in territories | codes["territory"]:
                self.problem(ref.raw, ref.index, ref.column, ref.value,
                             "unknown territory code: expected an ISO 3166 code of a Latin "
                             "American or Caribbean country or subdivision (e.g. CO, CO-ANT) "
                             "or a code added in the territories table")
            elif ref.target == "sector" and ref.value not in sectors | codes["sector"]:
                self.problem(ref.raw, ref.index, ref.column, ref.value,
                             "unknown sector code: expected an ISIC Rev.4 code as published "
                             "(e.g. C, 10, 107, 1071) or a code added in the sectors table")


LABELS: dict[Entity, frozenset[str]] = {
    Entity.INITIATIVE: frozenset({"Initiative"}),
    Entity.FIRM: frozenset({"Actor", "Firm"}),
    Entity.INSTITUTION: frozenset({"Actor", "Institution"}),
    Entity.PROGRAM: frozenset({"Program"}),
}


def _kind(labels: frozenset[str]) -> str:
    specific = sorted(labels - {"Actor"}) or sorted(labels)
    return "/".join(specific).lower()


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _references(column: Column, value: Any) -> Iterable[tuple[Entity | str, str]]:
    if column.kind is Kind.ID and column.refers_to is not None:
        yield column.refers_to, value
    elif column.kind is Kind.TERRITORY:
        yield "territory", value
    elif column.kind is Kind.SECTOR:
        yield "sector", value
    elif column.kind is Kind.TERRITORIES:
        yield from (("territory", code) for code in value)
    elif column.kind is Kind.SECTORS:
        yield from (("sector", code) for code in value)


# -- cell parsers: (column, text) -> (value, None) or (None, what was expected) -------------

Parsed = tuple[Any, str | None]


def _number(text: str) -> float | None:
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")  # decimal comma
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _text(column: Column, text: str) -> Parsed:
    return text, None


def _year(column: Column, text: str) -> Parsed:
    value = _number(text)
    if value is None or not value.is_integer() or int(value) not in YEARS:
        return None, f"expected a year between {YEARS.start} and {YEARS.stop - 1}"
    return int(value), None


def _count(column: Column, text: str) -> Parsed:
    value = _number(text)
    if value is None or not value.is_integer() or value < 0:
        return None, "expected a whole number, 0 or more"
    return int(value), None


def _amount(column: Column, text: str) -> Parsed:
    value = _number(text)
    if value is None or value < 0:
        return None, "expected a number, 0 or more"
    return value, None


def _confidence(column: Column, text: str) -> Parsed:
    value = _number(text)
    if value is None or not 0 <= value <= 1:
        return None, "expected a number from 0 to 1"
    return value, None


def _currency(column: Column, text: str) -> Parsed:
    code = text.upper()
    if code not in CURRENCIES:
        return None, "expected an ISO 4217 currency code (e.g. COP, MXN, USD)"
    return code, None


def _enum(column: Column, text: str) -> Parsed:
    assert column.enum is not None
    value = canonical(column.enum, text)
    if value is None:
        return None, f"expected {expected(column.enum)} (or its Spanish name)"
    return value, None


def _code(column: Column, text: str) -> Parsed:
    return text.upper(), None


def _codes(text: str) -> list[str]:
    return list(dict.fromkeys(code.strip().upper() for code in text.split(";") if code.strip()))


def _territories(column: Column, text: str) -> Parsed:
    codes = _codes(text)
    return (codes, None) if codes else (None, "expected territory codes separated by ';'")


def _sectors(column: Column, text: str) -> Parsed:
    codes = _codes(text)
    return (codes, None) if codes else (None, "expected ISIC codes separated by ';'")


PARSERS: dict[Kind, Callable[[Column, str], Parsed]] = {
    Kind.TEXT: _text, Kind.ID: _text, Kind.YEAR: _year, Kind.COUNT: _count,
    Kind.AMOUNT: _amount, Kind.CONFIDENCE: _confidence, Kind.CURRENCY: _currency,
    Kind.ENUM: _enum, Kind.CODE: _code, Kind.TERRITORY: _code, Kind.TERRITORIES: _territories,
    Kind.SECTOR: _code, Kind.SECTORS: _sectors,
}


def validate(raw: dict[str, RawTable], known: Known) -> Dataset:
    """Typed rows for every table, or DatasetError with every problem found."""
    return _Validator(raw, known).run()
