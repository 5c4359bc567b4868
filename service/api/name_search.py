"""Name search as people type: every word typed begins a word of the name, case and accents
ignored ("tostador" finds "Tostadores de Origen Garzón", "cafe" finds "Café" and
"Cafeteros"), best matches first.

The full-text index `names` (cypher/schema/fulltext_names.cypher) finds the candidates; the
rule below decides which match and in what order (`relevance`), and the Explorer's search box
applies the same rule (service/static/explorer/js/search.js), so both list the same matches in
the same order.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence

_UNFOLDED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l",
                           "ħ": "h", "\u0131": "i", "þ": "th", "ð": "d"})
"""Letters that Unicode does not decompose and the index's ASCII folding still plains."""
_WORD = re.compile(r"\w+(?:['.]\w+)*")
"""A word as the index's tokenizer keeps it: letters and digits, with an apostrophe or a full
stop inside (o'higgins, s.a.s) but not at its ends."""
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
INDEX_STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
    "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with"))
"""The English stop words the index's analyzer (standard-folding) leaves out of names: Lucene's
EnglishAnalyzer.ENGLISH_STOP_WORDS_SET. A name holding "of" or "no" has no such word in the
index, so a typed stop word cannot be required of it."""


def fold(text: str) -> str:
    """Lower-case and without accents, as the index stores names."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_UNFOLDED)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


def lucene_query(text: str) -> str | None:
    """A Lucene query for the names that may match `text` (the index's candidates, which
    `ranked` then holds to the rule); None when `text` has no word.

    Every typed word is a prefix term, required unless it is one of INDEX_STOP_WORDS (then
    optional: a query of stop words only needs one of them). User text is data, not query
    syntax: words hold no operator character (the rest is escaped should the tokenizer's rule
    change), and they are lower case, so AND, OR and NOT are words, not operators.
    """
    terms = [("" if w in INDEX_STOP_WORDS else "+") + _LUCENE_SPECIAL.sub(r"\\\1", w) + "*"
             for w in words(text)]
    return " ".join(terms) if terms else None


Relevance = tuple[int, int, int, str]


def relevance(typed: Sequence[str], name: str) -> Relevance | None:
    """How well `name` matches the typed words (smaller is better), None when it does not:
    first names where more typed words are whole words of the name ("cafe": "Café" before
    "Cafeteros"), then those whose earliest matched word comes sooner, then shorter names
    (fewer words), then the folded name."""
    found = words(name)
    whole, earliest = 0, len(found)
    for word in typed:
        at = [i for i, w in enumerate(found) if w.startswith(word)]
        if not at:
            return None
        whole += any(found[i] == word for i in at)
        earliest = min(earliest, at[0])
    return (len(typed) - whole, earliest, len(found), " ".join(found))


def ranked(text: str, hits: Iterable[tuple[str, Sequence[str | None]]]) -> list[str]:
    """The keys of the `hits` (key, names: a node's name and its names in other languages)
    that match `text` by the rule, best match of any of its names first, ties by key."""
    typed = words(text)
    scored = []
    for key, names in hits:
        scores = [s for n in names if n for s in (relevance(typed, n),) if s is not None]
        if scores:
            scored.append((min(scores), key))
    return [key for _, key in sorted(scored)]
