"""Validating a dataset completely before anything is written.

Pure: text tables in, typed rows out, or a DatasetError listing every problem, one per
cause, sorted by file, row and column. What the database already holds (ids, territory and
sector codes) comes in through `Known`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import pycountry

from loaders.column_names import alternatives, column_of, near
from loaders.numbers import Example, Mark, NumberLocale, NumberReader, evidence
from loaders.problems import DatasetError, Problem, Refusal
from loaders.readers import RawTable
from loaders.reference_data import municipalities
from loaders.suggestions import closest
from loaders.tables import BY_NAME, ENTITY_TABLES, TABLES, Column, Entity, Kind, Table
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


@dataclass
class Dataset:
    """Validated, typed rows per table, in TABLES order; absent tables are empty."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    existing_ids: set[str] = field(default_factory=set)  # entity ids the database holds
    existing_codes: set[str] = field(default_factory=set)  # added codes it holds already
    warnings: list[Problem] = field(default_factory=list)  # likely duplicates, loaded all the same

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    def count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass(frozen=True)
class _RefColumn:
    """A column whose cells name things defined elsewhere."""

    target: Entity | str  # an Entity, or "territory" / "sector"
    raw: RawTable
    column: str  # as the header writes it
    values: list[Any]  # parsed cells: a str, a list of codes, or None

    def distinct(self) -> set[str]:
        found: set[str] = set()
        for cell in self.values:
            if isinstance(cell, list):
                found.update(cell)
            elif cell is not None:
                found.add(cell)
        return found


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

    def table(self, table: Table, raw: RawTable) -> list[Row]:
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
        columns = {c.name: self.column(raw, c, raw.frame[headers[c.name]].tolist(), numbers)
                   for c in present}
        self.row_rules(table, raw, columns)
        if table.name == "territories":
            self.reference_municipalities(raw, columns)
        names = list(columns)
        rows: list[Row] = [dict(zip(names, cells, strict=True))
                           for cells in zip(*columns.values(), strict=True)]
        if not names:
            rows = [{} for _ in range(len(raw.frame))]
        self.duplicates(table, raw, rows)
        return rows

    def numbers(self, raw: RawTable, columns: list[Column]) -> NumberReader:
        """The reader of this file's numbers: by the stated locale, else by what they show."""
        examples: dict[Mark, Example] = {}
        if self.locale is None:
            for column in columns:
                written = self.header(raw, column.name)
                texts = raw.frame[written].tolist()
                for mark, text in evidence(dict.fromkeys(texts)).items():
                    examples.setdefault(mark, Example(
                        text, written, raw.row_number(texts.index(text)), raw.row_label))
        return NumberReader(self.locale, examples)

    def column(self, raw: RawTable, column: Column, texts: list[str],
               numbers: NumberReader) -> list[Any]:
        """Parse a whole column, each distinct text once; note every problem by row."""
        written = self.header(raw, column.name)
        if column.required and "" in texts:
            for index, text in enumerate(texts):
                if text == "":
                    self.problem(raw, index, written, text, msg("problem.required"))
        if column.kind in (Kind.TEXT, Kind.ID):
            values: list[Any] = [text or None for text in texts]
        else:
            parse = PARSERS[column.kind]
            parsed = {text: parse(column, text, numbers) for text in set(texts) if text}
            values = [parsed[text][0] if text else None for text in texts]
            bad = {text: result[1] for text, result in parsed.items() if result[1] is not None}
            if bad:
                for index, text in enumerate(texts):
                    if text in bad:
                        self.problem(raw, index, written, text, bad[text])
        target = _target(column)
        if target is not None:
            self.ref_columns.append(_RefColumn(target, raw, written, values))
        return values

    def row_rules(self, table: Table, raw: RawTable, values: dict[str, list[Any]]) -> None:
        for start, end in (("start_year", "end_year"), ("since", "until")):
            if start in values and end in values:
                for index, (first, last) in enumerate(zip(values[start], values[end],
                                                          strict=True)):
                    if first is not None and last is not None and first > last:
                        self.problem(raw, index, self.header(raw, end), str(last),
                                     msg("problem.before", start=self.header(raw, start),
                                         first=first))
        if table.ends is not None and all(end in values for end in table.ends):
            sources, targets = (values[end] for end in table.ends)
            for index, (a, b) in enumerate(zip(sources, targets, strict=True)):
                if a is not None and a == b:
                    self.problem(raw, index, self.header(raw, table.ends[1]), str(b),
                                 msg("problem.self_tie",
                                     source=self.header(raw, table.ends[0])))

    def reference_municipalities(self, raw: RawTable, values: dict[str, list[Any]]) -> None:
        """A territories row may restate a reference municipality, not move it: its level
        and parent_code, when given, must be the reference data's."""
        known = municipalities()
        for index, code in enumerate(values.get("code", [])):
            found = known.get(code) if code is not None else None
            if found is None:
                continue
            stated = {"level": "MUNICIPALITY", "parent_code": found["parentCode"]}
            for column, expected in stated.items():
                value = values[column][index] if column in values else None
                if value is not None and value != expected:
                    self.problem(raw, index, self.header(raw, column), str(value), msg(
                        "problem.reference_municipality", code=code,
                        name=found["props"]["name"], parent=found["parentCode"]))

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
                self.problem(raw, index, self.header(raw, key[-1]), str(values[-1]),
                             msg("problem.duplicate", label=raw.row_label,
                                 row=raw.row_number(first_seen[values]),
                                 key=[self.header(raw, k) for k in key]))
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
                    self.problem(raw, index, self.header(raw, "id"), row["id"], msg(
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
        verdicts: dict[Entity | str, dict[str, Refusal]] = {}
        for target, found in wanted.items():
            if isinstance(target, Entity):
                silenced = self.silenced(target)
                verdicts[target] = {
                    value: verdict for value in found
                    if (verdict := _verdict(target, value, defined, silenced)) is not None}
            elif self.silenced(target):
                verdicts[target] = {}
            else:
                verdicts[target] = self.unknown_codes(target, sorted(found - codes[target]))
        for ref in self.ref_columns:
            bad = verdicts[ref.target]
            if not bad:
                continue
            for index, cell in enumerate(ref.values):
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
