"""The font argmap draws with: Arimo, whose metrics the bundled layout engine measures with.

This package holds WOFF2 subsets of Arimo (SIL Open Font License 1.1, ``OFL.txt`` beside
them; built by ``scripts/build_font.py``) and their advance widths. :func:`font_face_css`
gives the ``@font-face`` rules that embed the pieces a text needs, so every viewer draws the
text exactly as wide as the layout measured it; :func:`text_width` is that width, and
:func:`engine_width` the width the bundled engine measures, which differs for non-ASCII
characters (it counts each of their UTF-8 bytes as a space).

>>> text_width("Hello", 10), engine_width("Hello", 10)
(22.79, 22.79)
>>> text_width("a—b", 10) > engine_width("a—b", 10)    # the em dash is measured too narrow
True
"""

from __future__ import annotations

import base64
import bisect
import functools
import json
import math
import os
from collections.abc import Iterable
from itertools import repeat
from typing import Final

__all__ = [
    "FAMILY",
    "NBSP",
    "PIECES",
    "engine_width",
    "font_face_css",
    "pad_for_engine",
    "text_width",
    "undrawable",
]

#: The family name the embedded subsets are declared under (not "Arimo": a subset is a
#: modified font, and a viewer's own Arimo must not be mistaken for it or it for Arimo).
FAMILY: Final = "argmap Arimo"
_UNITS: Final = 2048
_SPACE: Final = 569  # Arimo's space, in 1/2048 em
#: No-break space: the engine measures it as two spaces, a viewer draws it as one.
NBSP: Final = "\u00a0"


@functools.cache
def _data() -> dict[str, object]:
    data: dict[str, object] = json.loads(_read("arimo-widths.json"))
    return data


def _read(name: str) -> bytes:
    """A file of this package: read from its folder (``importlib.resources`` costs a render
    as much as a tenth of its engine run to import), or through that where the package is
    not a folder (a zip)."""
    try:
        with open(os.path.join(os.path.dirname(__file__), name), "rb") as file:
            return file.read()
    except OSError:
        from importlib import resources

        return resources.files(__name__).joinpath(name).read_bytes()


@functools.cache
def _table(bold: bool) -> dict[int, int]:
    widths = _data()["bold" if bold else "regular"]
    assert isinstance(widths, dict)
    return {int(k): int(v) for k, v in widths.items()}


#: The pieces the subsets are split into, each with its code point ranges (inclusive).
PIECES: Final[dict[str, list[tuple[int, int]]]] = {
    name: [(int(a), int(b)) for a, b in ranges]
    for name, ranges in _data()["ranges"].items()  # type: ignore[attr-defined]
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width (points) of ``text`` in Arimo at ``size`` points, without kerning: what a
    viewer draws with the embedded font. A character Arimo lacks counts as wide as ``M``."""
    table = _table(bold)
    em = table[ord("M")]
    return round(sum(map(table.get, map(ord, text), repeat(em))) * size / _UNITS, 2)


def engine_width(text: str, size: float, bold: bool = False) -> float:
    """The width (points) the bundled engine measures for ``text``: Arimo's widths for ASCII,
    a space for each UTF-8 byte of any other character."""
    table = _table(bold)
    if text.isascii():  # most lines: summed in C
        units = sum(map(table.get, map(ord, text), repeat(_SPACE)))
    else:
        units = sum(
            table.get(ord(c), _SPACE) if ord(c) < 128 else _SPACE * len(c.encode("utf-8"))
            for c in text
        )
    return round(units * size / _UNITS, 2)


def pad_for_engine(line: str, bold: bool = False) -> str:
    """``line`` with no-break spaces after it, enough that the engine's measure is at least
    the width drawn (the engine counts a no-break space as two spaces, a viewer draws one).

    >>> pad_for_engine("plain"), pad_for_engine("a — b") == "a — b" + NBSP
    ('plain', True)
    """
    if line.isascii() and line.isprintable():  # Arimo has every printable ASCII character,
        return line  # and the engine measures each one as Arimo does
    short = text_width(line, _UNITS, bold) - engine_width(line, _UNITS, bold)
    if short <= 0:
        return line
    return line + NBSP * math.ceil(short / _SPACE)


def font_face_css(regular: Iterable[str], bold: Iterable[str] = ()) -> str:
    """``@font-face`` rules embedding the pieces of Arimo that the characters of ``regular``
    and ``bold`` text need (Basic Latin and punctuation always), as ``data:`` URLs.

    >>> css = font_face_css(["Hello"])
    >>> css.count("@font-face"), "font-weight:normal" in css, len(css) > 15_000
    (1, True, True)
    """
    rules = []
    for weight, texts in (("normal", regular), ("bold", bold)):
        used = set(map(ord, set("".join(texts))))  # in C: 10,000 claims hold 0.8M characters
        if not used:
            continue
        for piece, ranges in PIECES.items():
            needed = piece == "latin" or any(a <= c <= b for c in used for a, b in ranges)
            if needed:
                rules.append(_rule(piece, weight))
    return "".join(rules)


@functools.cache
def _rule(piece: str, weight: str) -> str:
    ranges = PIECES[piece]
    style = "bold" if weight == "bold" else "regular"
    data = _read(f"arimo-{style}-{piece}.woff2")
    url = "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")
    unicode_range = ",".join(f"U+{a:X}-{b:X}" for a, b in ranges)
    return (
        f'@font-face{{font-family:"{FAMILY}";font-weight:{weight};'
        f'src:url({url}) format("woff2");unicode-range:{unicode_range}}}'
    )


@functools.cache
def _engine_glyphs() -> tuple[list[int], list[int]]:
    """The first and last code points of the runs the engine's font maps (``scripts/
    engine_glyphs.py`` reads them out of the pinned engine)."""
    runs = json.loads(_read("engine-glyphs.json"))["ranges"]
    return [first for first, _ in runs], [last for _, last in runs]


def undrawable(texts: Iterable[str]) -> str:
    """The characters of ``texts`` that the bundled engine's font has no glyph for, in order
    of code point: a PNG it draws shows each as an empty box (an SVG is drawn by its viewer,
    with the viewer's fonts).

    >>> undrawable(["Ann", "Yasmin (ياسمين)", "Ελένη, Пётр, דוד"])
    'اسمني'
    """
    firsts, lasts = _engine_glyphs()
    used = set("".join(text for text in texts if not text.isascii()))
    return "".join(
        c
        for c in sorted(used)
        if (i := bisect.bisect_right(firsts, ord(c)) - 1) < 0 or ord(c) > lasts[i]
    )
