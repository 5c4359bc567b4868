"""Reading a dataset from a CSV folder, an XLSX workbook or a JSON object into text tables.

Every cell is read as text, literally (no formula is evaluated, no value guessed); typing
is the validator's job. A number stored as a number (JSON, a workbook's numeric cell) is
written so that no locale reads it otherwise. CSV files may be UTF-8 (with or without BOM)
or Latin-1/Windows-1252, separated by commas or semicolons; in a CSV cell, a `'` before
`'`s and a character that starts a formula (`'=x`, `''-x`) is the mark a spreadsheet takes
for "text", which `articula db export` writes, and is not part of the text.

A table is held as compact columns, each row's index into the column's distinct texts: a
pandas categorical, or, for a text column of a CSV file (names, tax ids), an Arrow dictionary
array, whose texts are not Python strings. A CSV file is read CHUNK_ROWS rows at a time, so
that reading a million rows never holds a million Python strings at once.
"""

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from loaders.column_names import column_of
from loaders.numbers import typed
from loaders.problems import DatasetError, Problem
from loaders.tables import BY_NAME, Kind
from service.csv_cells import MARK_TO_DROP
from service.messages import msg, say

CHUNK_ROWS = 100_000  # rows of a CSV file read at a time
BLOCK_BYTES = 1 << 20
BLOCK_CHARS = 1 << 16
MARK = re.compile(MARK_TO_DROP)
STRICT_ENCODINGS = ("utf-8", "cp1252")  # tried in turn; Latin-1, which decodes anything, last


@dataclass(frozen=True)
class RawTable:
    name: str
    source: str
    # compact columns of str, distinct texts in order of appearance; an empty cell is ""
    # (null in an Arrow column)
    frame: pd.DataFrame
    row_label: str = "row"
    first_row: int = 2  # what a spreadsheet calls the first data row (the header is row 1)

    def row_number(self, index: int) -> int:
        return self.first_row + index

    def without_cells(self) -> "RawTable":
        """The table's name, source and row numbering, its cells let go (once validated)."""
        return replace(self, frame=pd.DataFrame())


def read_dataset(path: Path) -> dict[str, RawTable]:
    """Read every table of the dataset at `path`; raise DatasetError listing what is unreadable."""
    if not path.exists():
        raise DatasetError([Problem.of(str(path), None, None, None, msg("problem.no_such_path"))])
    problems: list[Problem] = []
    if path.is_dir():
        tables = _read_folder(path, problems)
    elif path.suffix.lower() == ".xlsx":
        tables = _read_workbook(path, problems)
    elif path.suffix.lower() == ".json":
        tables = _read_json(path, problems)
    elif path.suffix.lower() == ".csv":
        problems.append(Problem.of(path.name, None, None, None,
                                msg("problem.lone_csv")))
        tables = {}
    else:
        problems.append(Problem.of(path.name, None, None, None, msg("problem.dataset_kind")))
        tables = {}
    if not tables and not problems:
        problems.append(Problem.of(path.name, None, None, None,
                                msg("problem.no_tables", tables=list(BY_NAME))))
    if problems:
        raise DatasetError(problems)
    return tables


def _known(name: str, source: str, problems: list[Problem]) -> bool:
    if name in BY_NAME:
        return True
    problems.append(Problem.of(source, None, None, None,
                            msg("problem.unknown_table", table=name, tables=list(BY_NAME))))
    return False


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), else Windows-1252, else Latin-1 (which decodes anything)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    for encoding in STRICT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def encoding_of(file: Path) -> str:
    """What `decode` would read `file` as, found by decoding it block by block."""
    with file.open("rb") as handle:
        if handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
            return "utf-8-sig"
        for encoding in STRICT_ENCODINGS:
            handle.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                for block in iter(lambda: handle.read(BLOCK_BYTES), b""):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError:
                continue
    return "latin-1"


def _read_folder(folder: Path, problems: list[Problem]) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
    ids: dict[str, str] = {}  # each id's text, one string for every table that names it
    for file in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv"):
        if _known(file.stem, file.name, problems):
            with file.open(encoding=encoding_of(file), newline="") as handle:
                frame = read_csv_stream(handle, file.name, problems, file.stem, ids)
            if frame is not None:
                tables[file.stem] = RawTable(file.stem, file.name, frame)
    return tables


def read_csv_text(text: str, source: str, problems: list[Problem]) -> pd.DataFrame | None:
    return read_csv_stream(io.StringIO(text, newline=""), source, problems)


def _header(handle: IO[str]) -> str:
    """The first line that is not blank, read without reading the whole stream."""
    seen = ""
    while True:
        block = handle.read(BLOCK_CHARS)
        seen = (seen + block).lstrip()
        if not block or "\n" in seen:
            break
    handle.seek(0)
    return seen.split("\n", 1)[0]


def read_csv_stream(handle: IO[str], source: str, problems: list[Problem],
                    table: str | None = None,
                    ids: dict[str, str] | None = None) -> pd.DataFrame | None:
    """A CSV table as compact columns, read CHUNK_ROWS rows at a time; the texts of the
    columns of `table` that hold ids are taken from `ids` (and added to it), so that the
    tables of one dataset hold each id once."""
    header = _header(handle)
    if not header.strip():
        problems.append(Problem.of(source, None, None, None,
                                msg("problem.empty_file")))
        return None
    separator = ";" if header.count(";") > header.count(",") else ","
    options: dict[str, Any] = {
        "sep": separator, "dtype": str, "keep_default_na": False, "na_filter": False,
        "quoting": csv.QUOTE_MINIMAL, "skip_blank_lines": True}
    try:
        names = [str(name) for name in pd.read_csv(handle, nrows=0, **options).columns]
        handle.seek(0)
        kinds = [_kind(table, name) if table else None for name in names]
        columns = [_Column(unmark=True, shared=ids if kind is Kind.ID else None,
                           arrow=kind is Kind.TEXT) for kind in kinds]
        with pd.read_csv(handle, chunksize=CHUNK_ROWS, **options) as chunks:
            for chunk in chunks:
                for position, column in enumerate(columns):
                    column.add(chunk.iloc[:, position].to_numpy(dtype=object))
    except (pd.errors.ParserError, ValueError) as error:
        problems.append(Problem.of(source, None, None, None, msg("problem.csv", reason=str(error))))
        return None
    return _frame(names, columns)


def _kind(table: str, header: str) -> Kind | None:
    """The kind of the column a header names, if it names one of the table's."""
    column = column_of(table, _clean_header(header))
    return None if column is None else BY_NAME[table].column(column).kind


class _Column:
    """One column's cells as they are read: each row's index into its distinct texts, which
    are stripped (and unmarked: MARK_TO_DROP) once each, and taken from `shared` when given;
    `arrow`: the distinct texts end as an Arrow array."""

    def __init__(self, unmark: bool = False, shared: dict[str, str] | None = None,
                 arrow: bool = False) -> None:
        self.unmark = unmark
        self.shared = shared
        self.arrow = arrow
        self.index: dict[str, int] = {}
        self.parts: list[np.ndarray] = []

    def add(self, cells: np.ndarray) -> None:
        codes, distinct = pd.factorize(cells)
        texts = [_text(cell, self.unmark) for cell in distinct]
        if self.shared is not None:
            shared = self.shared
            texts = [shared.setdefault(text, text) for text in texts]
        index = self.index
        mine = np.array([index.setdefault(text, len(index)) for text in texts], dtype=np.int32)
        self.parts.append(mine[codes])

    def array(self) -> pd.Categorical | pd.arrays.ArrowExtensionArray:
        codes = np.concatenate(self.parts) if self.parts else np.zeros(0, dtype=np.int32)
        if self.arrow:
            return pd.arrays.ArrowExtensionArray(pa.DictionaryArray.from_arrays(
                codes, pa.array([text or None for text in self.index], pa.large_string())))
        categories = pd.Index(list(self.index), dtype=object)
        return pd.Categorical.from_codes(codes, categories=categories)


def _text(cell: Any, unmark: bool) -> str:
    text = str(cell).strip()
    return MARK.sub("", text, count=1) if unmark and text.startswith("'") else text


def _clean_header(name: str) -> str:
    """A header as its table's columns are named: without spaces around it or a BOM."""
    return name.strip().lstrip("\ufeff")


def _frame(names: list[str], columns: list[_Column]) -> pd.DataFrame:
    frame = pd.DataFrame({n: column.array() for n, column in enumerate(columns)})
    frame.columns = [_clean_header(name) for name in names]
    return frame


def _read_workbook(path: Path, problems: list[Problem]) -> dict[str, RawTable]:
    try:
        sheets = pd.read_excel(
            path, sheet_name=None, dtype=object, keep_default_na=False, na_filter=False,
            engine="openpyxl",
        )
    except Exception as error:  # openpyxl raises many kinds for a broken file
        problems.append(Problem.of(path.name, None, None, None,
                                msg("problem.xlsx", reason=str(error))))
        return {}
    tables: dict[str, RawTable] = {}
    for sheet, frame in sheets.items():
        source = say("problem.sheet", name=path.name, sheet=str(sheet))
        if not _known(str(sheet), source, problems):
            continue
        if frame.columns.empty:
            problems.append(Problem.of(source, None, None, None,
                                    msg("problem.empty_sheet")))
            continue
        tables[str(sheet)] = RawTable(str(sheet), source, _clean(frame.map(_numeric_cell)))
    return tables


def _read_json(path: Path, problems: list[Problem]) -> dict[str, RawTable]:
    try:
        document = json.loads(decode(path.read_bytes()))
    except json.JSONDecodeError as error:
        problems.append(Problem.of(path.name, error.lineno, None, None,
                                msg("problem.json", reason=error.msg), row_label="line"))
        return {}
    if not isinstance(document, dict):
        problems.append(Problem.of(path.name, None, None, None,
                                msg("problem.json_document")))
        return {}
    tables: dict[str, RawTable] = {}
    for name, items in document.items():
        source = f"{path.name}, {name}"
        if not _known(name, source, problems):
            continue
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append(Problem.of(source, None, None, None,
                                    msg("problem.json_table")))
            continue
        rows = [{key: _json_cell(value, source, n, key, problems) for key, value in item.items()}
                for n, item in enumerate(items, start=1)]
        frame = pd.DataFrame(rows, dtype=str).fillna("") if rows else pd.DataFrame(dtype=str)
        tables[name] = RawTable(name, source, _clean(frame), row_label="item", first_row=1)
    return tables


def _numeric_cell(value: Any) -> Any:
    """A workbook's numeric cell as text no locale misreads; any other cell as it is."""
    if isinstance(value, float) and value == value and not value.is_integer():
        return typed(value)
    return value


def _json_cell(value: Any, source: str, item: int, key: str, problems: list[Problem]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else typed(value)
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return ";".join(str(v) for v in value)
    problems.append(Problem.of(source, item, key, json.dumps(value)[:60],
                            msg("problem.json_cell"), row_label="item"))
    return ""


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as stripped text, in compact columns."""
    columns = [_Column() for _ in frame.columns]
    for position, column in enumerate(columns):
        column.add(frame.iloc[:, position].fillna("").astype(str).to_numpy(dtype=object))
    return _frame([str(name) for name in frame.columns], columns)


def table_from_records(name: str, source: str, records: list[dict[str, str]],
                       row_label: str = "item") -> RawTable:
    """A table from text records built in code (the API's mutations): cells as given,
    stripped like every reader's, a missing cell empty; rows numbered from 1."""
    frame = pd.DataFrame(records, dtype=str) if records else pd.DataFrame(dtype=str)
    return RawTable(name, source, _clean(frame), row_label=row_label, first_row=1)
