"""Find quotes in a source text, tolerating typographic differences.

A quote copied from a web page rarely matches the page's plain text byte for byte: curly and
straight quotes, en and em dashes, non-breaking spaces and line breaks differ. Matching folds
those differences away on both sides and maps the match back to offsets in the original text.

>>> text = "He said: \u201cwar is not a choice\u201d \u2013 twice."
>>> SourceText(text).find('"war is not   a choice" - twice')
(9, 38)
>>> SourceText(text).find("peace")
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["SourceText", "fold"]

_FOLD: Final = str.maketrans(
    {
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
    }
)
_SPACE: Final = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold typographic variants: quotes to ``'``/``"``, dashes to ``-``, spaces to one.

    >>> fold("a\u00a0 \u201cb\u201d\u2014c")
    'a "b"-c'
    """
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


class SourceText:
    """A source document prepared for tolerant quote look-ups."""

    __slots__ = ("_folded", "_offsets", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        folded: list[str] = []
        offsets: list[int] = []  # offsets[i]: index in `text` of folded character i
        in_space = False
        for index, char in enumerate(text):
            if char.isspace():
                if in_space:
                    continue
                in_space = True
                folded.append(" ")
                offsets.append(index)
                continue
            in_space = False
            replacement = char.translate(_FOLD)
            folded.append(replacement)
            offsets.extend([index] * len(replacement))
        offsets.append(len(text))
        self._folded = "".join(folded)
        self._offsets = offsets

    def find(self, quote: str) -> tuple[int, int] | None:
        """The ``(start, end)`` offsets of ``quote`` in the text, or ``None`` if it is absent."""
        needle = fold(quote)
        if not needle:
            return None
        start = self._folded.find(needle)
        if start < 0:
            return None
        end = start + len(needle)
        return self._offsets[start], self._offsets[end - 1] + 1
