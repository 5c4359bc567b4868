"""Every text a person reads, from the catalogues service/locales/<language>/LC_MESSAGES/
articula.po: a stable key (`gap.ungoverned`), named parameters (`{name}`), plural forms by
the parameter `count`.

A placeholder's format spec says how a value reads: `{levels:level}` words each item of a
list by its term (`term.level.NATIONAL`), `{helices:helix,or}` joins them with "or" (lists
join with the language's "and" otherwise), `{quotient:.1f}` gives one decimal, `{bytes:n}`
groups digits; decimals always use the language's separator. The parameters themselves stay
plain JSON, so that dashboards can word them their own way.
"""

from __future__ import annotations

import gettext
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from service.language import DEFAULT, LANGUAGES, current

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "articula"
FIXED = re.compile(r"\.\d+f")  # {x:.2f}: that many decimals

# Values that read as words: each has the key term.<group>.<value> in every catalogue.
TERMS: dict[str, tuple[str, ...]] = {
    "level": ("SUPRANATIONAL", "NATIONAL", "SUBNATIONAL", "LOCAL"),
    "helix": ("GOVERNMENT", "ACADEMIA", "BUSINESS", "CIVIL_SOCIETY"),
    "size": ("MICRO", "SMALL", "MEDIUM", "LARGE"),
    "entity": ("INITIATIVE", "FIRM", "INSTITUTION", "ACTOR", "PROGRAM"),
    "entity_a": ("INITIATIVE", "FIRM", "INSTITUTION", "ACTOR", "PROGRAM"),
    "link": ("PARTICIPATION", "GOVERNANCE", "SUPPORT", "SUPPLY", "COLLABORATION", "AGREEMENT"),
    "row": ("row", "item", "line"),
    "initiative_type": ("CLUSTER", "VALUE_CHAIN", "LOCAL_PRODUCTIVE", "BUSINESS_NETWORK",
                        "SUPPLIER_DEVELOPMENT"),
}


@dataclass(frozen=True)
class Message:
    """A text not yet worded: its key and parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, language: str | None = None) -> str:
        return render(self, language or current())


def msg(key: str, /, **params: Any) -> Message:
    return Message(key, params)


def say(key: str, /, **params: Any) -> str:
    """The text of `key` in the current language."""
    return render(Message(key, params), current())


def catalogue_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


@cache
def _plural(language: str) -> Callable[[int], int]:
    return gettext.c2py(catalogue(language).plural_expr)


def template(key: str, language: str, count: int | None = None) -> str:
    """The catalogue's text of `key`; the default language's, else the key, when missing."""
    for lang in dict.fromkeys((language, DEFAULT)):
        found = catalogue(lang).get(key)
        if found is None or not found.string:
            continue
        if isinstance(found.string, tuple):
            forms = found.string
            return forms[min(_plural(lang)(count if count is not None else 1), len(forms) - 1)]
        return str(found.string)
    return key


Part = tuple[str, str | None, str, str | None]  # literal, then a placeholder's name, spec, !r


@cache
def _parts(text: str) -> tuple[Part, ...]:
    return tuple((literal, name, spec or "", conversion)
                 for literal, name, spec, conversion in string.Formatter().parse(text))


def _field(value: Any, spec: str, language: str) -> str:
    """One placeholder's value as `spec` words it (see the module's docstring)."""
    options = spec.split(",") if spec else []
    style: Literal["or", "standard"] = "or" if "or" in options else "standard"
    group = next((o for o in options if o in TERMS), None)
    fixed = next((o for o in options if FIXED.fullmatch(o)), None)
    locale = _locale(language)

    def word(item: Any) -> str:
        if isinstance(item, Message):
            return render(item, language)
        if group is not None:
            return template(f"term.{group}.{item}", language)
        if fixed is not None and isinstance(item, int | float):
            return format_decimal(item, "#,##0." + "0" * int(fixed[1:-1]), locale=locale)
        if isinstance(item, float) or ("n" in options and isinstance(item, int)):
            return format_decimal(item, locale=locale)
        return str(item)

    if isinstance(value, list | tuple):
        words = [word(item) for item in value]
        return format_list(words, style=style, locale=locale) if words else ""
    return word(value)


def render(message: Message, language: str) -> str:
    language = language if language in LANGUAGES else DEFAULT
    params = message.params
    count = params.get("count")
    text = template(message.key, language, count if isinstance(count, int) else None)
    out = []
    for literal, name, spec, conversion in _parts(text):
        out.append(literal)
        if name is not None:
            value = params[name]
            out.append(_field(repr(value) if conversion == "r" else value, spec, language))
    return "".join(out)
