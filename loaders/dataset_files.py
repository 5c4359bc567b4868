"""The files a dataset export writes: a folder of CSV files or an .xlsx workbook, in the
dataset format `articula load` reads back to the same values.

Tables are written a row at a time. Nothing is in place until `commit`: the CSV files are
written as `<table>.csv.partial` beside the ones they replace, the workbook as
`<name>.xlsx.partial`; `discard` deletes them.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any, Protocol, TextIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from loaders.numbers import typed
from service.csv_cells import dataset_cell
from service.errors import ArticulaError
from service.messages import msg

SHEET_ROWS = 1_048_576  # a worksheet's rows, the header's included
CELL_CHARS = 32_767  # the longest text a worksheet's cell holds
# What a worksheet cannot hold: control characters, and a carriage return (XML reads
# "\r\n" back as "\n").
NOT_IN_A_SHEET = re.compile("[\x00-\x08\x0b-\x0c\x0d\x0e-\x1f]")


class ExportError(ArticulaError):
    code = "DATASET_EXPORT"


def number_text(value: int | float) -> str:
    """A number as the loader reads it back in any locale: whole numbers without a decimal
    part (as the API's inputs are written), others so that `1.234` is never a thousand."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return typed(value)
    return str(value)


def cell_text(value: Any) -> str:
    """A value as the text of a cell: `;` between the items of a list, "" for none."""
    kind = type(value)
    if kind is str:  # most cells: no further tests
        return value  # type: ignore[no-any-return]
    if value is None:
        return ""
    if kind is list:
        return ";".join(cell_text(item) for item in value)
    if kind is bool:
        return str(value).lower()
    if kind is int or kind is float:
        return number_text(value)
    return str(value)


class DatasetFiles(Protocol):
    """Where the tables go, one after the other."""

    def begin(self, rows: dict[str, int]) -> None:
        """Refuse tables of these sizes (table -> rows) if the files cannot hold them, before
        anything is written."""

    def table(self, name: str, columns: list[str]) -> None:
        """Begin table `name` with its header."""

    def row(self, key: str, cells: list[Any]) -> None:
        """One row of the current table; `key` names it in an error."""

    def commit(self) -> None: ...

    def discard(self) -> None: ...


def dataset_files(path: Path) -> DatasetFiles:
    """The files an export to `path` writes: a workbook for `.xlsx`, else a CSV folder."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return WorkbookFile(path)
    if suffix in (".csv", ".json", ".xls", ".ods") or path.is_file():
        raise ExportError(msg("error.export.kind", path=str(path)))
    return CsvFolder(path)


class CsvFolder:
    """One UTF-8 CSV file per table (with a byte-order mark, so that spreadsheets read the
    accents right), every cell quoted, texts marked against formula injection."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made = not folder.exists()
        self.partials: list[Path] = []
        self.out: TextIO | None = None
        self.writer: Any = None

    def begin(self, rows: dict[str, int]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def table(self, name: str, columns: list[str]) -> None:
        self._close()
        partial = self.folder / f"{name}.csv.partial"
        self.partials.append(partial)
        self.out = partial.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        self.writer.writerow(columns)

    def row(self, key: str, cells: list[Any]) -> None:
        self.writer.writerow([dataset_cell(cell_text(cell)) for cell in cells])

    def commit(self) -> None:
        self._close()
        for partial in self.partials:
            partial.replace(partial.with_suffix(""))

    def discard(self) -> None:
        self._close()
        for partial in self.partials:
            partial.unlink(missing_ok=True)
        if self.made and self.folder.is_dir() and not any(self.folder.iterdir()):
            self.folder.rmdir()

    def _close(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None


class WorkbookFile:
    """One worksheet per table (openpyxl's write-only mode, which streams each sheet to a
    temporary file): numbers as numeric cells, texts as text cells, never as formulas."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.book = Workbook(write_only=True)
        self.sheet: WriteOnlyWorksheet | None = None
        self.name = ""
        self.columns: list[str] = []

    def begin(self, rows: dict[str, int]) -> None:
        for name, count in rows.items():
            if count + 1 > SHEET_ROWS:
                raise ExportError(msg("error.export.sheet_rows", table=name, rows=count,
                                      most=SHEET_ROWS - 1))

    def table(self, name: str, columns: list[str]) -> None:
        self.sheet = self.book.create_sheet(name)
        self.sheet.append(columns)
        self.name, self.columns = name, columns

    def row(self, key: str, cells: list[Any]) -> None:
        assert self.sheet is not None
        self.sheet.append([self._cell(key, column, cell)
                           for column, cell in zip(self.columns, cells, strict=True)])

    def _cell(self, key: str, column: str, value: Any) -> Any:
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            return value
        text = cell_text(value)
        if len(text) > CELL_CHARS or NOT_IN_A_SHEET.search(text):
            raise ExportError(msg("error.export.cell", table=self.name, key=key, column=column,
                                  most=CELL_CHARS))
        if text.startswith("=") or text in ERROR_CODES:  # else a formula or an error
            assert self.sheet is not None
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.data_type = "s"
            return cell
        return text

    def commit(self) -> None:
        self.book.save(self.partial)
        self.partial.replace(self.path)

    def discard(self) -> None:
        self.book.close()
        self.partial.unlink(missing_ok=True)
