"""Find quotes in a source text, tolerating typographic differences.

A quote copied from a web page rarely matches the page's plain text byte for byte: curly and
straight quotes, en and em dashes, non-breaking spaces and line breaks differ, and a page or
a PDF may hide characters in its words (soft hyphens, zero-width spaces, direction marks).
Matching folds those differences away on both sides and maps the match back to offsets in
the original text.

>>> text = "He said: \u201cwar is not a choice\u201d \u2013 twice."
>>> SourceText(text).find('"war is not   a choice" - twice')
(9, 38)
>>> SourceText(text).find("peace")
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from itertools import accumulate
from operator import methodcaller, sub
from typing import Final

__all__ = ["SourceText", "fold"]

#: Characters nobody sees, which web pages and PDFs leave in words: the soft hyphen, the
#: zero-width space, left-to-right and right-to-left marks, the word joiner, the BOM. They
#: fold to nothing. (The zero-width joiner and non-joiner are not among them: they change
#: how Persian, Indic scripts and emoji are drawn.)
_INVISIBLE: Final = "\u00ad\u200b\u200e\u200f\u2060\ufeff"
#: Typographic variants and what they fold to.
_FOLD: Final = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
    **dict.fromkeys(_INVISIBLE, ""),
}
#: Where folding changes the length of the text: runs of white space, ellipses. (Every other
#: fold is one character for one, a single space or line break included.)
_CHANGED: Final = re.compile(r"\s\s+|\u2026")
#: The same in a text that holds invisible characters: they fold to nothing, alone or in a
#: run of white space (slower to search for, so only where they are).
_CHANGED_INVISIBLE: Final = re.compile(
    f"(?=[\\s{_INVISIBLE}]{{2}})[{_INVISIBLE}]*\\s[\\s{_INVISIBLE}]*|[{_INVISIBLE}]+|\u2026"
)
_START: Final = methodcaller("start")
_GROUP: Final = methodcaller("group")
#: Searches of a text scanned whole before its words' places are worked out, and the length
#: of folded text below which they never are (see SourceText._search).
_SCANS: Final = 16
_INDEXED_LENGTH: Final = 1 << 16
#: Places of a word tried one by one; a word more common than this is scanned for.
_CANDIDATES: Final = 64


def fold(text: str) -> str:
    """Fold typographic variants: quotes to ``'``/``"``, dashes to ``-``, spaces to one.

    >>> fold("a\u00a0 \u201cb\u201d\u2014c")
    'a "b"-c'
    """
    return " ".join(_fold_characters(text).split())


def _fold_characters(text: str) -> str:
    # str.translate looks each character of a non-ASCII text up in a dict (0.1 us each); a
    # replace per variant present runs at memchr speed.
    if text.isascii():  # of the variants, only ` is ASCII
        return text.replace("`", "'")
    for variant, folded in _FOLD.items():
        if variant in text:
            text = text.replace(variant, folded)
    return text


def _word_starts(words: list[str]) -> list[int]:
    """Where each of ``words``, joined by single spaces, begins, and where one more would.

    >>> _word_starts(["ab", "c"])
    [0, 3, 5]
    """
    return list(accumulate((len(word) + 1 for word in words), initial=0))


def _places(text: str) -> dict[str, list[int]]:
    """Where each word of a single-spaced ``text`` begins.

    >>> _places("a b a")
    {'a': [0, 4], 'b': [2]}
    """
    words = text.split(" ")
    places: dict[str, list[int]] = {}
    for word, place in zip(words, _word_starts(words), strict=False):
        places.setdefault(word, []).append(place)
    return places


def _anchor(words: list[str], places: dict[str, list[int]]) -> tuple[list[int], int]:
    """Where a quote of three ``words`` or more may stand in a text whose word ``places``
    are given: the places of its rarest middle word (a whole word in the quote is a whole
    word wherever the quote occurs), and where that word begins in the quote.

    >>> _anchor(["a", "b", "c"], {"b": [2, 8]})
    ([2, 8], 2)
    """
    rarest = min(range(1, len(words) - 1), key=lambda i: len(places.get(words[i], ())))
    return places.get(words[rarest], []), _word_starts(words[:rarest])[-1]


class SourceText:
    """A source document prepared for tolerant quote look-ups.

    The text is folded once (:func:`fold`, with C string methods); a match in the folded text
    is mapped back through the places where folding changed the length: runs of spaces (one
    character folded), ellipses (three) and invisible characters (none). A bisection over
    those places, not a table per character: preparing the 7 KB Hanoi transcript costs a
    quarter of a millisecond, not two and a half.
    """

    __slots__ = (
        "_finds",
        "_folded",
        "_lowered",
        "_shrunk",
        "_special",
        "_starts",
        "_widths",
        "_words",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        plain = _fold_characters(text)
        words = plain.split()
        # Runs of spaces at either end fold to one space too, as they do between words.
        self._folded = (
            (" " if plain[:1].isspace() else "")
            + " ".join(words)
            + (" " if plain[-1:].isspace() and words else "")
        )
        hidden = not text.isascii() and any(map(text.__contains__, _INVISIBLE))
        changed = list((_CHANGED_INVISIBLE if hidden else _CHANGED).finditer(text))
        starts: list[int] = list(map(_START, changed))
        runs: list[str] = list(map(_GROUP, changed))
        lengths = list(map(len, runs))
        # an ellipsis folds to three characters, white space to one, invisible ones to none
        widths = [3 if text[start] == "\u2026" else 1 for start in starts]
        if hidden:
            seen = map(methodcaller("strip", _INVISIBLE), runs)
            widths = [w if run else 0 for run, w in zip(seen, widths, strict=True)]
        # _shrunk[k]: how much shorter the folded text is than the original before the kth
        # changed place; _special[k]: where that place begins in the folded text.
        shrunk: list[int] = list(accumulate(map(sub, lengths, widths), initial=0))
        self._starts, self._widths, self._shrunk = starts, widths, shrunk
        self._special = list(map(sub, starts, shrunk))
        self._finds = 0
        self._words: dict[str, list[int]] | None = None
        # the folded text in lower case (unless that changes its length), its words' places,
        # and the case a quote is put in to look it up there
        self._lowered: tuple[str, dict[str, list[int]], Callable[[str], str]] | None = None

    def find(self, quote: str) -> tuple[int, int] | None:
        """The ``(start, end)`` offsets of ``quote`` in the text, or ``None`` if it is absent.
        The first place it occurs, however the text is searched. An accented letter may be
        one character or a letter and its accent (Unicode's NFC and NFD: a text saved on a
        Mac, a quote typed elsewhere): the quote is also looked for in the other form.

        >>> SourceText("Cafe\u0301 is good.").find("Caf\u00e9 is")
        (0, 8)
        """
        needle = fold(quote)
        if not needle:
            return None
        start = self._search(needle)
        if start < 0 and not needle.isascii():
            for form in ("NFD", "NFC"):
                other = unicodedata.normalize(form, needle)
                if other != needle and (start := self._search(other)) >= 0:
                    needle = other
                    break
        if start < 0:
            return None
        return self._original(start), self._original(start + len(needle) - 1) + 1

    def count(self, quote: str) -> int:
        """How many times ``quote`` occurs in the text (not overlapping), folded as for
        :meth:`find`. A quote of three words or more is counted where its rarest middle word
        stands in a long text, as :meth:`find` looks for it.

        >>> SourceText("Stockholm, said Ann. Stockholm, said Bob.").count("stockholm")
        0
        >>> SourceText("Stockholm, said Ann. Stockholm, said Bob.").count("Stockholm")
        2
        """
        needle = fold(quote)
        words = needle.split(" ")
        if not needle or len(words) < 3 or len(self._folded) < _INDEXED_LENGTH:
            return self._folded.count(needle) if needle else 0
        if self._words is None:
            self._words = self._word_places()
        candidates, skip = _anchor(words, self._words)
        starts = [p - skip for p in candidates if p >= skip]
        found, end = 0, -1
        for start in starts:
            if start >= end and self._folded.startswith(needle, start):
                found, end = found + 1, start + len(needle)
        return found

    def nearest(self, quote: str) -> tuple[int, int] | None:
        """Where the text comes closest to a ``quote`` it does not hold, as offsets: the
        passage of the quote's length where most of its words stand in their places (case
        aside), at least two of them and two in five; ``None`` when no passage is that close.
        For telling the user where a quote went wrong, not for matching.

        >>> text = "Host: Why?\\nAnn: A charge is the only tool that changes behaviour."
        >>> start, end = SourceText(text).nearest("a charge is the only tool that changes behavior")
        >>> text[start:end]
        'A charge is the only tool that changes behaviour.'
        """
        if self._lowered is None:
            case: Callable[[str], str] = str.lower
            if len(case(self._folded)) != len(self._folded):  # a longer lower case (İ)
                case = str
            self._lowered = case(self._folded), _places(case(self._folded)), case
        folded, places, case = self._lowered
        words = case(fold(quote)).split(" ")
        votes: Counter[int] = Counter()  # where the quote would begin, by each word placed
        for word, offset in zip(words, _word_starts(words), strict=False):
            votes.update(place - offset for place in places.get(word, ()))
        if not votes:
            return None
        start, count = min(votes.items(), key=lambda item: (-item[1], item[0]))
        if count < max(2, 0.4 * len(words)):
            return None
        end = folded.find(" ", min(len(folded), start + len(" ".join(words))))  # a whole word
        start, end = max(0, start), len(folded) if end < 0 else end
        return self._original(start), self._original(end - 1) + 1

    def line(self, offset: int) -> int:
        """The line (from 1) of the text's character ``offset``.

        >>> SourceText("a\\nb").line(2)
        2
        """
        return self.text.count("\n", 0, offset) + 1

    def _search(self, needle: str) -> int:
        """Where ``needle`` first occurs in the folded text (-1: nowhere).

        Each ``str.find`` scans the text up to the match, so a map with many quotes of a long
        text took time in quotes times text (40,000 quotes of a 2.6 MB transcript: 17 s; now
        under 2). Past a few searches of a long text, a quote of three words
        or more is looked for where a word of its middle stands: a whole word in the quote is
        a whole word wherever the quote occurs, so trying the places of its rarest middle word
        in order finds the same first place (when even that word is common, the scan starts
        at its first place).
        """
        self._finds += 1
        places = self._words
        if places is None:
            if self._finds <= _SCANS or len(self._folded) < _INDEXED_LENGTH:
                return self._folded.find(needle)
            places = self._words = self._word_places()
        words = needle.split(" ")
        if len(words) < 3:
            return self._folded.find(needle)
        candidates, skip = _anchor(words, places)
        if not candidates:
            return -1
        if len(candidates) > _CANDIDATES:  # a common word: a scan in C from its first place
            return self._folded.find(needle, max(0, candidates[0] - skip))
        starts_with = self._folded.startswith
        for place in candidates:
            if place >= skip and starts_with(needle, place - skip):
                return place - skip
        return -1

    def _word_places(self) -> dict[str, list[int]]:
        """Where each word of the folded text begins (its words are single-spaced)."""
        return _places(self._folded)

    def _original(self, index: int) -> int:
        """The index in the text of the folded text's character ``index``."""
        place = bisect_right(self._special, index) - 1
        if place < 0:
            return index
        if index < self._special[place] + self._widths[place]:
            return self._starts[place]  # within a folded run of spaces or an ellipsis
        return index + self._shrunk[place + 1]
