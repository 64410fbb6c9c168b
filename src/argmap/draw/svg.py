"""Post-processing of Graphviz's SVG (title, fonts, exact tooltips) and its conversion to PDF.

>>> import argmap
>>> finish_svg(b'<svg width="1">x</svg>', argmap.ArgumentMap("A & B"), []).decode()[:41]
'<svg width="1">\\n<title>A &amp; B</title>\\n'
"""

from __future__ import annotations

import html
import re
from typing import Final

from argmap.draw.dot import TOOLTIP_TOKEN
from argmap.draw.theme import FONT_STACK, LAYOUT_FONT
from argmap.errors import EngineError
from argmap.model import ArgumentMap

__all__ = ["finish_svg", "svg_to_pdf", "xml_escape"]


def svg_to_pdf(svg: bytes) -> bytes:
    """Convert an SVG picture to PDF with the optional ``cairosvg`` (``argmap[pdf]``).

    Raises :class:`~argmap.draw.engine.EngineError` (reason ``"missing"``) saying what to install
    when cairosvg or the cairo library it loads is missing.

    >>> svg_to_pdf(b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')[:5]
    b'%PDF-'
    """
    try:
        import cairosvg  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:  # OSError: cairocffi found no cairo library
        raise EngineError(
            "PDF with the bundled Graphviz needs cairosvg and the cairo library "
            "(pip install 'argmap[pdf]'; on Debian also apt-get install libcairo2), or a system "
            f"Graphviz, which writes PDF itself (--graphviz system). Cause: {error}",
            "missing",
        ) from None
    pdf: bytes = cairosvg.svg2pdf(bytestring=svg)
    return pdf


_SVG_OPEN: Final = re.compile(rb"<svg\b[^>]*>")
_LAYOUT_FONT_ATTR: Final = f'font-family="{LAYOUT_FONT}"'.encode()


def finish_svg(svg: bytes, argument_map: ArgumentMap, tooltips: list[str]) -> bytes:
    """Make Graphviz's SVG ready to embed: an accessible ``<title>`` and ``<desc>`` first,
    a font list whose first entries have the metrics the layout was measured with, and the
    tooltips (left as tokens for Graphviz, see :data:`argmap.draw.dot.TOOLTIP_TOKEN`) exact."""
    m = argument_map
    description = (
        f"Argument map: {_count(len(m.speakers), 'speaker')}, {_count(len(m.claims), 'claim')}, "
        f"{_count(len(m.relations), 'relation')}."
    )
    if m.source is not None and m.source.title:
        description += f" Source: {m.source.title}."
    header = (
        f"\n<title>{xml_escape(m.title)}</title>\n<desc>{xml_escape(description)}</desc>"
    ).encode()
    opening = _SVG_OPEN.search(svg)
    if opening is not None:
        svg = svg[: opening.end()] + header + svg[opening.end() :]
    font = f'font-family="{html.escape(FONT_STACK)}"'.encode()
    svg = svg.replace(_LAYOUT_FONT_ATTR, font)
    return _TOOLTIP.sub(
        lambda match: b'xlink:title="' + xml_escape(tooltips[int(match[1])]).encode() + b'"', svg
    )


# A token counts only as a whole tooltip: a map's text may spell one anywhere else.
_TOOLTIP: Final = re.compile(rb'xlink:title="' + TOOLTIP_TOKEN.encode() + rb'(\d+)"')
# Escapes for XML text and attributes that keep every character exact, white space included
# (a raw tab, carriage return or newline in an attribute would be read back as a space).
_XML_ESCAPES: Final = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


def xml_escape(text: str) -> str:
    """Text escaped for XML text and attributes, every character kept exact."""
    return text.translate(_XML_ESCAPES)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
