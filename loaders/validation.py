"""Validating a dataset completely before anything is written.

Pure: text tables in, typed rows out, or a DatasetError listing every problem. What the
database already holds (ids, territory and sector codes) comes in through `Known`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import pycountry

from loaders.problems import DatasetError, Problem
from loaders.readers import RawTable
from loaders.tables import BY_NAME, ENTITY_TABLES, TABLES, Column, Entity, Kind, Table
from loaders.vocabulary import canonical
from service.messages import say

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


@dataclass
class Dataset:
    """Validated, typed rows per table, in TABLES order; absent tables are empty."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    existing_ids: set[str] = field(default_factory=set)  # entity ids the database holds
    existing_codes: set[str] = field(default_factory=set)  # added codes it holds already

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    def count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass(frozen=True)
class _RefColumn:
    """A column whose cells name things defined elsewhere."""

    target: Entity | str  # an Entity, or "territory" / "sector"
    raw: RawTable
    column: str
    values: list[Any]  # parsed cells: a str, a list of codes, or None

    def distinct(self) -> set[str]:
        found: set[str] = set()
        for cell in self.values:
            if isinstance(cell, list):
                found.update(cell)
            elif cell is not None:
                found.add(cell)
        return found


class _Validator:
    def __init__(self, raw: dict[str, RawTable], known: Known) -> None:
        self.raw = raw
        self.known = known
        self.problems: list[Problem] = []
        self.ref_columns: list[_RefColumn] = []
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
                self.problem(raw, None, name, None, say(
                    "problem.unknown_column", columns=[c.name for c in table.all_columns]))
        missing = [name for name in table.required if name not in columns]
        for name in missing:
            self.problem(raw, None, name, None, say("problem.missing_column"))
        if missing:
            return []
        present = [c for c in table.all_columns if c.name in columns]
        values = {c.name: self.column(raw, c, raw.frame[c.name].tolist()) for c in present}
        self.row_rules(table, raw, values)
        names = list(values)
        rows: list[Row] = [dict(zip(names, cells, strict=True))
                           for cells in zip(*values.values(), strict=True)]
        self.duplicates(table, raw, rows)
        return rows

    def column(self, raw: RawTable, column: Column, texts: list[str]) -> list[Any]:
        """Parse a whole column, each distinct text once; note every problem by row."""
        if column.required and "" in texts:
            for index, text in enumerate(texts):
                if text == "":
                    self.problem(raw, index, column.name, text, say("problem.required"))
        if column.kind in (Kind.TEXT, Kind.ID):
            values: list[Any] = [text or None for text in texts]
        else:
            parse = PARSERS[column.kind]
            parsed = {text: parse(column, text) for text in set(texts) if text}
            values = [parsed[text][0] if text else None for text in texts]
            bad = {text: result[1] for text, result in parsed.items() if result[1] is not None}
            if bad:
                for index, text in enumerate(texts):
                    if text in bad:
                        self.problem(raw, index, column.name, text, bad[text])
        target = _target(column)
        if target is not None:
            self.ref_columns.append(_RefColumn(target, raw, column.name, values))
        return values

    def row_rules(self, table: Table, raw: RawTable, values: dict[str, list[Any]]) -> None:
        for start, end in (("start_year", "end_year"), ("since", "until")):
            if start in values and end in values:
                for index, (first, last) in enumerate(zip(values[start], values[end],
                                                          strict=True)):
                    if first is not None and last is not None and first > last:
                        self.problem(raw, index, end, str(last),
                                     say("problem.before", start=start, first=first))
        if table.ends is not None and all(end in values for end in table.ends):
            sources, targets = (values[end] for end in table.ends)
            for index, (a, b) in enumerate(zip(sources, targets, strict=True)):
                if a is not None and a == b:
                    self.problem(raw, index, table.ends[1], str(b),
                                 say("problem.self_tie", source=table.ends[0]))

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
                             say("problem.duplicate", label=raw.row_label,
                                 row=raw.row_number(first_seen[values]), key=list(key)))
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
                    self.problem(raw, index, "id", row["id"], say(
                        "problem.duplicate_id", source=other.source, label=other.row_label,
                        row=other.row_number(at)))
                else:
                    first_seen[row["id"]] = (raw, index)
        in_database = self.known.entities(list(first_seen))
        self.dataset.existing_ids = set(in_database)
        for name, ask in (("territories", self.known.territories),
                          ("sectors", self.known.sectors)):
            codes = [r["code"] for r in self.dataset.rows(name) if r.get("code")]
            self.dataset.existing_codes |= {f"{name}:{c}" for c in ask(codes)}
        for entity_id, labels in in_database.items():
            raw, index = first_seen[entity_id]
            entity = BY_NAME[raw.name].entity
            if entity is not None and entity.value not in labels:
                self.problem(raw, index, "id", entity_id,
                             say("problem.id_taken", kind=_kind(labels)))

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
        wanted: dict[Entity | str, set[str]] = {}
        for ref in self.ref_columns:
            wanted.setdefault(ref.target, set()).update(ref.distinct())
        entity_ids = {v for target, found in wanted.items() if isinstance(target, Entity)
                      for v in found if v not in defined}
        defined.update(self.known.entities(sorted(entity_ids)))
        for code_kind, ask in (("territory", self.known.territories),
                               ("sector", self.known.sectors)):
            codes[code_kind] |= ask(sorted(wanted.get(code_kind, set()) - codes[code_kind]))
        verdicts: dict[Entity | str, dict[str, str]] = {}
        for target, found in wanted.items():
            verdicts[target] = {
                value: verdict for value in found
                if (verdict := _verdict(target, value, defined, codes)) is not None
            }
        for ref in self.ref_columns:
            bad = verdicts[ref.target]
            if not bad:
                continue
            for index, cell in enumerate(ref.values):
                for value in cell if isinstance(cell, list) else [cell]:
                    if value in bad:
                        self.problem(ref.raw, index, ref.column, value, bad[value])


def _verdict(target: Entity | str, value: str, defined: dict[str, frozenset[str]],
             codes: dict[str, set[str]]) -> str | None:
    """What is wrong with a reference to `value`, or None."""
    if isinstance(target, Entity):
        labels = defined.get(value)
        wanted = target.value.upper()
        if labels is None:
            return say("problem.unknown_id", kind=wanted)
        if target.value not in labels:
            return say("problem.wrong_id", wanted=wanted, found=_kind(labels))
        return None
    if value in codes[target]:
        return None
    if target == "territory":
        return say("problem.unknown_territory")
    return say("problem.unknown_sector")


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
        return None, say("problem.year", low=YEARS.start, high=YEARS.stop - 1)
    return int(value), None


def _count(column: Column, text: str) -> Parsed:
    value = _number(text)
    if value is None or not value.is_integer() or value < 0:
        return None, say("problem.count")
    return int(value), None


def _amount(column: Column, text: str) -> Parsed:
    value = _number(text)
    if value is None or value < 0:
        return None, say("problem.amount")
    return value, None


def _confidence(column: Column, text: str) -> Parsed:
    value = _number(text)
    if value is None or not 0 <= value <= 1:
        return None, say("problem.confidence")
    return value, None


def _currency(column: Column, text: str) -> Parsed:
    code = text.upper()
    if code not in CURRENCIES:
        return None, say("problem.currency")
    return code, None


def _enum(column: Column, text: str) -> Parsed:
    assert column.enum is not None
    value = canonical(column.enum, text)
    if value is None:
        return None, say("problem.enum", values=", ".join(member.value for member in column.enum))
    return value, None


WEB_SCHEMES = ("http", "https")


def _website(column: Column, text: str) -> Parsed:
    """An absolute http(s) URL with a host, kept as written; anything else (`javascript:`,
    `data:`, a relative path, spaces or control characters) is refused."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        return None, say("problem.website_spaces")
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None, say("problem.website")
    if parts.scheme.lower() not in WEB_SCHEMES or not host:
        return None, say("problem.website")
    return text, None


def _code(column: Column, text: str) -> Parsed:
    return text.upper(), None


def _codes(text: str) -> list[str]:
    return list(dict.fromkeys(code.strip().upper() for code in text.split(";") if code.strip()))


def _territories(column: Column, text: str) -> Parsed:
    codes = _codes(text)
    return (codes, None) if codes else (None, say("problem.territories"))


def _sectors(column: Column, text: str) -> Parsed:
    codes = _codes(text)
    return (codes, None) if codes else (None, say("problem.sectors"))


PARSERS: dict[Kind, Callable[[Column, str], Parsed]] = {
    Kind.TEXT: _text, Kind.ID: _text, Kind.YEAR: _year, Kind.COUNT: _count,
    Kind.AMOUNT: _amount, Kind.CONFIDENCE: _confidence, Kind.CURRENCY: _currency,
    Kind.ENUM: _enum, Kind.CODE: _code, Kind.TERRITORY: _code, Kind.TERRITORIES: _territories,
    Kind.SECTOR: _code, Kind.SECTORS: _sectors, Kind.WEBSITE: _website,
}


def validate(raw: dict[str, RawTable], known: Known) -> Dataset:
    """Typed rows for every table, or DatasetError with every problem found."""
    return _Validator(raw, known).run()
