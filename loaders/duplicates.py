"""Likely duplicates among actors and initiatives: the same tax id, or names alike once accents,
case, punctuation, legal forms, filler words and plurals are set aside.

Two normalized names are alike when RapidFuzz's token-sort ratio is at least ALIKE, they hold
the same numbers, and every word of one that the other lacks is a slip of a word of the other
(RapidFuzz's OSA distance: none for words of up to 4 letters, 1 up to 8, 2 beyond) or the
other's initials. Only records of one kind and country are compared, and only those sharing
one of their two rarest name words (token blocking), so a 100k-record load compares thousands
of pairs, not billions. Two records with different tax ids, or in different first-level
subdivisions, are never duplicates, whatever their names (each country has its "Alcaldía de
San José").
"""

import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Protocol, runtime_checkable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from loaders.texts import Texts

ALIKE = 90.0
"""The token-sort ratio (0 to 100) from which two normalized names are a likely duplicate;
BENCHMARKS.md has its precision and recall on labelled pairs."""

BLOCK_AT_MOST = 400
"""Records sharing a word beyond this many are not compared through that word (a word that
common says nothing of identity)."""

LEGAL_FORMS = frozenset({
    # Spanish-speaking countries
    "sa", "sas", "sac", "saa", "srl", "sl", "sc", "scl", "cv", "rl", "ltda", "cia", "spa",
    "eirl", "ca", "sapi", "sab", "sca", "scs", "sociedad", "anonima", "limitada", "comandita",
    "responsabilidad", "simplificada", "capital", "variable", "cerrada", "abierta",
    "por", "acciones", "ac", "s", "en", "eu", "sucursal",
    # Brazil
    "me", "epp", "eireli", "mei", "ss",
    # English and Dutch forms in the Caribbean
    "ltd", "inc", "llc", "co", "corp", "nv", "bv", "plc",
})
"""Words of legal forms once their letters are joined ("S.A. de C.V." is sa, de, cv)."""

PLAIN_TAX_ID = re.compile(r"[0-9A-Z]+")
CHECK_DIGIT_AFTER = 8  # a tax id longer than this may end in a check digit written without a hyphen

FILLER = frozenset({"de", "del", "la", "las", "el", "los", "y", "e", "da", "do", "das", "dos",
                    "the", "and", "of", "en", "em", "para"})

ABBREVIATIONS = {
    "coop": "cooperativa", "asoc": "asociacion", "assoc": "associacao", "univ": "universidad",
    "fund": "fundacion", "inst": "instituto", "corp": "corporacion", "dist": "distribuidora",
    "ind": "industrias", "com": "comercializadora", "agroind": "agroindustrial",
    "nac": "nacional", "gob": "gobierno", "min": "ministerio", "mun": "municipal",
    "dept": "departamento", "depto": "departamento", "hnos": "hermanos",
    "sta": "santa", "sto": "santo", "apl": "arranjo produtivo local",
}
"""Abbreviations analysts write for the words of actors' names, and the word they stand for."""


def normalized_name(name: str) -> str:
    """The name's words without accents, case, punctuation, legal forms, filler words or
    plural endings, abbreviations written out: "Tostadores de Origen Garzón S.A.S." is
    "tostador origen garzon"."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("&", " y ")
    words = re.findall(r"[a-z0-9]+", plain)
    joined: list[str] = []
    spelled = False  # the last word is letters written one by one: s a s -> sas
    for word in words:
        letter = len(word) == 1 and word.isalpha()
        if letter and spelled:
            joined[-1] += word
        else:
            joined.append(word)
        spelled = letter and (spelled or word not in FILLER)
    kept = [w for word in joined for w in ABBREVIATIONS.get(word, word).split()]
    core = [w for w in kept if w not in FILLER and w not in LEGAL_FORMS]
    return " ".join(_singular(w) for w in (core or [w for w in kept if w not in FILLER] or kept))


def _singular(word: str) -> str:
    if len(word) > 5 and word.endswith("es"):
        return word[:-2]
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def normalized_tax_id(tax_id: str | None) -> str:
    """Letters and digits of a tax id, upper-case, without a check digit written after a
    hyphen ("900.123.456-7" and "900123456" are one NIT)."""
    if not tax_id:
        return ""
    if PLAIN_TAX_ID.fullmatch(tax_id):
        return tax_id  # as it is, not a copy: a load holds millions
    text = tax_id.strip().upper()
    head, dash, tail = text.rpartition("-")
    if dash and len(re.sub(r"[^0-9A-Z]", "", tail)) == 1:
        text = head
    return re.sub(r"[^0-9A-Z]", "", text)


def same_tax_id(a: str, b: str) -> bool:
    """Two normalized tax ids of one taxpayer: equal, or one is the other with its check digit
    written without a hyphen."""
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= CHECK_DIGIT_AFTER and len(long) == len(short) + 1
                      and long.startswith(short))


def normalized_tax_ids(tax_ids: pa.Array) -> Texts:
    """`normalized_tax_id` of each of `tax_ids` (null for none), read as Python strings only
    where one is not already in capitals and digits."""
    plain = pc.fill_null(pc.match_substring_regex(tax_ids, f"^{PLAIN_TAX_ID.pattern}$"), True)
    odd = pc.invert(plain)
    if pc.any(odd).as_py():
        tax_ids = pc.replace_with_mask(tax_ids, odd, pa.array(
            [normalized_tax_id(t) for t in tax_ids.filter(odd).to_pylist()], tax_ids.type))
    return Texts(tax_ids)


@runtime_checkable
class RecordColumns(Protocol):
    """Records that hold their names and tax ids as columns, read many at a time."""

    def names(self, positions: list[int]) -> list[str]:
        """The names of the records at `positions`, in their order."""
        ...

    def tax_ids(self) -> pa.Array:
        """Each record's tax id as written, null for none."""
        ...


def name_score(a: str, b: str) -> float:
    """How alike two normalized names are, 0 to 100."""
    return float(fuzz.token_sort_ratio(a, b))


def alike(a: str, b: str) -> bool:
    """Whether two normalized names are likely one name (see the module's description)."""
    if name_score(a, b) < ALIKE:
        return False
    only_a, only_b = Counter(a.split()), Counter(b.split())
    only_a, only_b = only_a - only_b, only_b - only_a
    if {w for w in only_a if w.isdigit()} != {w for w in only_b if w.isdigit()}:
        return False
    rest_a, rest_b = sorted(only_a.elements()), sorted(only_b.elements())
    for word in list(rest_a):
        close = [other for other in rest_b if OSA.distance(word, other) <= _slips(word, other)]
        if close:
            rest_a.remove(word)
            rest_b.remove(min(close, key=lambda other: OSA.distance(word, other)))
    return all(_initials_of(w, b) for w in rest_a) and all(_initials_of(w, a) for w in rest_b)


def _slips(a: str, b: str) -> int:
    shortest = min(len(a), len(b))
    return 0 if shortest <= 4 else 1 if shortest <= 8 else 2


def _initials_of(word: str, name: str) -> bool:
    """Whether `word` is the initials of `name` ("ufmg" of "universidade federal minas
    gerai", filler words already gone: its letters may skip some)."""
    initials = "".join(w[0] for w in name.split())
    it = iter(initials)
    return len(word) >= 2 and all(letter in it for letter in word)


@dataclass(frozen=True, slots=True)
class Record:
    """One actor or initiative as the detector sees it; `ref` says where it comes from."""

    ref: str
    kind: str  # Firm, Institution or Initiative: only records of one kind are compared
    name: str
    country: str | None
    tax_id: str | None = None
    region: str | None = None  # the first-level subdivision, when known


@dataclass(frozen=True, slots=True)
class LikelyDuplicate:
    a: Record
    b: Record
    score: float  # name likeness 0 to 100 (100 for the same tax id)
    same_tax_id: bool


def verdict(a: Record, b: Record) -> LikelyDuplicate | None:
    """Whether two records are likely one: the same tax id, or (when not both have one) the
    same kind, country and first-level subdivision (where both are known) and alike names."""
    return _Compared([a, b]).verdict(0, 1)


def likely_duplicates(records: Sequence[Record],
                      new: Container[str] | None = None) -> list[LikelyDuplicate]:
    """Every pair of `records` that is likely one record, with at least one of the pair in
    `new` (by ref) when given; each pair once, best first."""
    compared = _Compared(records)
    found: dict[tuple[str, str], LikelyDuplicate] = {}
    for i, j in compared.candidates():
        a, b = records[i], records[j]
        if a.ref == b.ref or (new is not None and a.ref not in new and b.ref not in new):
            continue
        pair = compared.verdict(i, j)
        if pair is not None:
            key = (a.ref, b.ref) if a.ref < b.ref else (b.ref, a.ref)
            found.setdefault(key, pair)
    return sorted(found.values(), key=lambda d: (-d.score, d.a.ref, d.b.ref))


def _apart(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


class _Compared:
    """Records with their tax ids normalized once, and the names of those being compared
    (one block at a time)."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = records
        self.taxes = normalized_tax_ids(
            records.tax_ids() if isinstance(records, RecordColumns)
            else pa.array([r.tax_id for r in records], pa.large_string()))
        self.names: dict[int, str] = {}

    def name(self, i: int) -> str:
        name = self.names.get(i)
        return normalized_name(self.records[i].name) if name is None else name

    def verdict(self, i: int, j: int) -> LikelyDuplicate | None:
        a, b = self.records[i], self.records[j]
        ta, tb = self.taxes[i], self.taxes[j]
        if ta and tb:
            return LikelyDuplicate(a, b, 100.0, True) if same_tax_id(ta, tb) else None
        if a.kind != b.kind or _apart(a.country, b.country) or _apart(a.region, b.region):
            return None
        na, nb = self.name(i), self.name(j)
        return LikelyDuplicate(a, b, name_score(na, nb), False) if alike(na, nb) else None

    def candidates(self) -> Iterable[tuple[int, int]]:
        """Pairs worth comparing: the same tax id (or one with the other's check digit), or
        the same kind and country, a word in common among either's two rarest, and names at
        least ALIKE by the token-sort ratio; not both with a tax id."""
        yield from self._same_tax_ids()
        blocks: dict[tuple[str, str], array[int]] = defaultdict(lambda: array("q"))
        for i, record in enumerate(self.records):
            blocks[(record.kind, record.country or "")].append(i)
        for block in blocks.values():
            members = block.tolist()  # one int per member, shared by the dictionaries below
            self.names = names = dict(zip(members, map(normalized_name, self._names(members)),
                                          strict=True))
            counts = Counter(w for i in members for w in set(names[i].split()))
            index: dict[str, list[int]] = defaultdict(list)
            for i in members:
                for word in sorted(set(names[i].split()), key=lambda w: (counts[w], w))[:2]:
                    index[word].append(i)
            for word, sharing in index.items():
                if len(sharing) > 1 and counts[word] <= BLOCK_AT_MOST:
                    yield from self._alike_in(sharing)
        self.names = {}

    def _names(self, members: list[int]) -> list[str]:
        if isinstance(self.records, RecordColumns):
            return self.records.names(members)
        return [self.records[i].name for i in members]

    def _same_tax_ids(self) -> Iterable[tuple[int, int]]:
        """Pairs of records with one tax id, or one with the other's and a check digit: found
        through the tax ids' hashes (arrays of integers, where a dictionary of millions of tax
        ids costs hundreds of megabytes), each pair then checked on the tax ids themselves."""
        taxes = self.taxes
        whole = np.zeros(len(taxes), dtype=np.int64)  # each tax id's hash
        short = np.zeros(len(taxes), dtype=np.int64)  # ... without its last character
        given = np.zeros(len(taxes), dtype=bool)
        long = np.zeros(len(taxes), dtype=bool)  # longer than CHECK_DIGIT_AFTER
        for start, block in taxes.blocks():
            end = start + len(block)
            whole[start:end] = [hash(t) for t in block]
            short[start:end] = [hash(t[:-1]) if t else 0 for t in block]
            given[start:end] = [t is not None for t in block]
            long[start:end] = [t is not None and len(t) > CHECK_DIGIT_AFTER for t in block]
        order = np.flatnonzero(given)
        order = order[np.argsort(whole[order], kind="stable")]  # by hash, then by record
        hashes = whole[order]
        del whole, given
        starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]]) if order.size \
            else np.zeros(0, dtype=np.int64)
        ends = np.r_[starts[1:], len(order)]
        for g in np.flatnonzero(ends - starts > 1).tolist():
            holders: dict[str | None, list[int]] = defaultdict(list)  # hashes may collide
            for i in order[starts[g]:ends[g]].tolist():
                holders[taxes[i]].append(i)
            for same in holders.values():
                yield from combinations(same, 2)
        longer = np.flatnonzero(long)
        at = np.minimum(np.searchsorted(hashes, short[longer]), max(len(hashes) - 1, 0))
        found = hashes[at] == short[longer] if hashes.size else np.zeros(0, dtype=bool)
        groups = np.searchsorted(starts, at[found], side="right") - 1
        for i, g in zip(longer[found].tolist(), groups.tolist(), strict=True):
            held = (taxes[i] or "")[:-1]  # tax ids with and without a check digit
            for j in order[starts[g]:ends[g]].tolist():
                if taxes[j] == held:
                    yield min(i, j), max(i, j)

    def _alike_in(self, sharing: list[int]) -> Iterable[tuple[int, int]]:
        scores = process.cdist([self.names[i] for i in sharing], [self.names[i] for i in sharing],
                               scorer=fuzz.token_sort_ratio, score_cutoff=ALIKE, dtype=np.uint8)
        for x, y in zip(*np.nonzero(np.triu(scores, 1)), strict=True):
            i, j = sharing[x], sharing[y]
            if not (self.taxes[i] and self.taxes[j]):
                yield i, j
