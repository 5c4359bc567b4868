"""Reading a dataset from a CSV folder, an XLSX workbook or a JSON object into text tables.

Every cell is read as text, literally (no formula is evaluated, no value guessed); typing
is the validator's job. A number stored as a number (JSON, a workbook's numeric cell) is
written so that no locale reads it otherwise. CSV files may be UTF-8 (with or without BOM)
or Latin-1/Windows-1252, separated by commas or semicolons; in a CSV cell, a `'` before
`'`s and a character that starts a formula (`'=x`, `''-x`) is the mark a spreadsheet takes
for "text", which `articula db export` writes, and is not part of the text.
"""

import codecs
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from loaders.numbers import typed
from loaders.problems import DatasetError, Problem
from loaders.tables import BY_NAME
from service.csv_cells import MARK_TO_DROP
from service.messages import msg, say


@dataclass(frozen=True)
class RawTable:
    name: str
    source: str
    frame: pd.DataFrame  # every cell a str; "" for empty
    row_label: str = "row"
    first_row: int = 2  # what a spreadsheet calls the first data row (the header is row 1)

    def row_number(self, index: int) -> int:
        return self.first_row + index


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
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_folder(folder: Path, problems: list[Problem]) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
    for file in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv"):
        if _known(file.stem, file.name, problems):
            frame = read_csv_text(decode(file.read_bytes()), file.name, problems)
            if frame is not None:
                tables[file.stem] = RawTable(file.stem, file.name, frame)
    return tables


def read_csv_text(text: str, source: str, problems: list[Problem]) -> pd.DataFrame | None:
    header = text.lstrip().split("\n", 1)[0]
    if not header.strip():
        problems.append(Problem.of(source, None, None, None,
                                msg("problem.empty_file")))
        return None
    separator = ";" if header.count(";") > header.count(",") else ","
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
            na_filter=False, quoting=csv.QUOTE_MINIMAL, skip_blank_lines=True,
        )
    except (pd.errors.ParserError, ValueError) as error:
        problems.append(Problem.of(source, None, None, None, msg("problem.csv", reason=str(error))))
        return None
    return _unmarked(_clean(frame)) if "'" in text else _clean(frame)


def _unmarked(frame: pd.DataFrame) -> pd.DataFrame:
    """The cells without the mark a dataset export puts before a would-be formula."""
    for column in frame.columns:
        if frame[column].str.startswith("'").any():
            frame[column] = frame[column].str.replace(MARK_TO_DROP, "", n=1, regex=True)
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
    frame = frame.fillna("").astype(str)
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    for column in frame.columns:
        frame[column] = frame[column].str.strip()
    return frame


def table_from_records(name: str, source: str, records: list[dict[str, str]],
                       row_label: str = "item") -> RawTable:
    """A table from text records built in code (the API's mutations): cells as given,
    stripped like every reader's, a missing cell empty; rows numbered from 1."""
    frame = pd.DataFrame(records, dtype=str) if records else pd.DataFrame(dtype=str)
    return RawTable(name, source, _clean(frame), row_label=row_label, first_row=1)
