"""What is wrong with a dataset, said precisely: file, row, column, value, expectation."""

from dataclasses import dataclass

from service.errors import ArticulaError

SHOWN = 50


@dataclass(frozen=True)
class Problem:
    source: str  # "firms.csv", "data.xlsx, sheet firms", "data.json, firms"
    row: int | None  # the row number a spreadsheet shows (the header is row 1), or JSON item
    column: str | None
    value: str | None
    expected: str
    row_label: str = "row"

    def __str__(self) -> str:
        where = [self.source]
        if self.row is not None:
            where.append(f"{self.row_label} {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        found = f"{self.value!r}: " if self.value is not None else ""
        return f"{', '.join(where)}: {found}{self.expected}"


class DatasetError(ArticulaError):
    """A dataset that cannot be loaded; nothing was written."""

    code = "BAD_DATASET"

    def __init__(self, problems: list[Problem], shown: int = SHOWN) -> None:
        self.problems = problems
        lines = [str(problem) for problem in problems[:shown]]
        if len(problems) > shown:
            lines.append(f"... and {len(problems) - shown} more problems")
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"The dataset has {count}; nothing was written:\n" + "\n".join(lines))
