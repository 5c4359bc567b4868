"""Numbers as spreadsheets write them: `4.500.000.000,00` in Colombia and Brazil,
`85,000,000.00` in Mexico and in English; read by the dataset's locale.

A number with one reading (`0.95`, `1500,5`, `4 500 000`) is read so whatever the locale.
One whose reading depends on which mark is the decimal one is read by the stated locale,
else by the way the other numbers of its file (CSV file, sheet, JSON array) show; when they
show none, or both, it is a problem that says how to state the locale.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, get_decimal_symbol

from loaders.problems import DatasetError, Problem, Refusal
from service.language import current
from service.messages import msg

SPACES = (" ", "\u00a0", "\u202f", "'", "\u2019")  # thousands separators in any locale
AMBIGUOUS = re.compile(r"-?[1-9]\d{0,2}[.,]\d{3}")  # 1.234: a decimal, or a thousand?


class Mark(Enum):
    """The decimal mark of a way of writing numbers; the other one separates thousands."""

    POINT = "."
    COMMA = ","

    @property
    def group(self) -> str:
        return "," if self is Mark.POINT else "."

    @property
    def locale(self) -> str:
        """A locale that writes numbers this way, to name in a hint."""
        return "en" if self is Mark.POINT else "es-CO"

    def other(self) -> "Mark":
        return Mark.COMMA if self is Mark.POINT else Mark.POINT


@dataclass(frozen=True)
class NumberLocale:
    """A stated locale: its name as given and its decimal mark."""

    name: str
    mark: Mark

    def sample(self) -> str:
        return format_decimal(1234567.89, locale=Locale.parse(self.name.replace("-", "_")))


def parse_locale(name: str | None) -> NumberLocale | None:
    """The locale named `name` (es-CO, pt_BR, en), or DatasetError when none is."""
    if name is None or not name.strip():
        return None
    try:
        symbol = get_decimal_symbol(Locale.parse(name.strip().replace("-", "_")))
    except (ValueError, TypeError, UnknownLocaleError):
        raise DatasetError([Problem.of("locale", None, None, name,
                                       msg("problem.number.unknown_locale"))]) from None
    return NumberLocale(name.strip(), Mark.COMMA if symbol == "," else Mark.POINT)


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _finite(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _read(text: str, mark: Mark) -> float | None:
    """`text` read with `mark` as the decimal mark, or None when it is no number so written."""
    sign, body = (text[0], text[1:]) if text[:1] in "+-" else ("", text)
    whole, _, fraction = body.partition(mark.value)
    if (not whole and not fraction) or (fraction and not _digits(fraction)):
        return None
    if whole and not _digits(whole):
        separator = next((s for s in (mark.group, *SPACES) if s in whole), None)
        if separator is None:
            return None
        groups = whole.split(separator)
        if not (1 <= len(groups[0]) <= 3 and groups[0][0] != "0"
                and all(len(g) == 3 for g in groups[1:]) and all(_digits(g) for g in groups)):
            return None
        whole = "".join(groups)
    return _finite(f"{sign}{whole or '0'}.{fraction or '0'}")


def readings(text: str) -> dict[Mark, float]:
    """The value of `text` with each decimal mark it can be read with."""
    if "," not in text and "." not in text:
        value = _finite(text)
        if value is not None:
            return {Mark.POINT: value, Mark.COMMA: value}
        if not any(s in text for s in SPACES):
            return {}
    if "e" in text.lower():  # 1.5e6: scientific notation, always with a decimal point
        value = _finite(text)
        return {} if value is None else {Mark.POINT: value}
    found = {}
    for mark in Mark:
        value = _read(text, mark)
        if value is not None:
            found[mark] = value
    return found


def typed(value: float) -> str:
    """A number a file stores as a number (in JSON, a workbook's numeric cell) as text no
    locale reads otherwise: 1.125 is written 1.1250, never taken for 1125."""
    text = repr(value)
    return text + "0" if AMBIGUOUS.fullmatch(text) else text


def plain(text: str) -> bool:
    """One mark, once, and no other separator: `0.95`, `1500,5` (not `4.500.000`)."""
    return text.count(".") + text.count(",") == 1 and not any(s in text for s in SPACES)


def shown(value: float) -> str:
    """A value in a message, ungrouped, with the decimal mark of the language spoken."""
    return format_decimal(value, "0.##########", locale=current())


@dataclass(frozen=True)
class Example:
    """A number of a file that shows how the file writes numbers."""

    text: str
    column: str
    row: int
    row_label: str


@dataclass(frozen=True)
class NumberReader:
    """Reads the numbers of one file: by the stated locale, else by what the file shows."""

    stated: NumberLocale | None
    examples: dict[Mark, Example]  # one number per way the file's own numbers show

    @property
    def mark(self) -> Mark | None:
        if self.stated is not None:
            return self.stated.mark
        return next(iter(self.examples)) if len(self.examples) == 1 else None

    def read(self, text: str) -> tuple[float | None, Refusal | None]:
        """The value, or a refusal that says why; (None, None) when `text` is no number."""
        found = readings(text)
        if not found:
            return None, None
        values = set(found.values())
        if len(values) == 1 and (len(found) == 2 or plain(text)):
            return values.pop(), None
        mark = self.mark
        if mark is not None and mark in found:
            return found[mark], None
        if self.stated is not None:  # written the other way only
            written = self.stated.mark.other()
            return None, Refusal(
                msg("problem.number.not_locale", locale=self.stated.name,
                    sample=self.stated.sample()),
                msg("problem.number.other_mark", mark=written.value,
                    value=shown(found[written])))
        if len(found) == 2:
            return None, Refusal(
                msg("problem.number.ambiguous", comma=shown(found[Mark.COMMA]),
                    point=shown(found[Mark.POINT])),
                msg("problem.number.state_locale"))
        (only, value), = found.items()
        other = self.examples.get(only.other())
        if other is None:  # nothing in the file says otherwise
            return value, None
        return None, Refusal(
            msg("problem.number.mixed", mark=only.value, other=only.other().value,
                example=other.text, label=other.row_label, row=other.row, column=other.column),
            msg("problem.number.locale_reads", locale=only.locale, value=shown(value)))


def evidence(texts: Iterable[str]) -> dict[Mark, str]:
    """For each decimal mark, a text among `texts` that only that mark reads (its first)."""
    found: dict[Mark, str] = {}
    for text in texts:
        points, commas = text.count("."), text.count(",")
        if not points + commas or (Mark.POINT in found and not commas and points < 2):
            continue  # no mark; or, a point shown, a text that cannot show a comma
        if len(marks := readings(text)) == 1:
            found.setdefault(next(iter(marks)), text)
            if len(found) == 2:
                break
    return found
