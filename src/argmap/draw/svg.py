"""Post-processing of Graphviz's SVG (title, embedded font, exact tooltips, a legend below)
and its conversion to PDF.

>>> import argmap
>>> finish_svg(b'<svg width="1">x</svg>', argmap.ArgumentMap("A & B"), []).decode()[:41]
'<svg width="1">\\n<title>A &amp; B</title>\\n'
"""

from __future__ import annotations

import html
import re
from typing import Final

from argmap.draw.dot import TOOLTIP_TOKEN
from argmap.draw.dotsyntax import isolate
from argmap.draw.fonts import NBSP, engine_width, font_face_css, text_width
from argmap.draw.theme import FONT_STACK, LAYOUT_FONT
from argmap.errors import EngineError
from argmap.model import ArgumentMap

__all__ = ["add_below", "finish_svg", "svg_to_pdf", "xml_escape"]


def svg_to_pdf(svg: bytes) -> bytes:
    """Convert an SVG picture to PDF with the optional ``cairosvg`` (``argmap[pdf]``).

    Raises :class:`~argmap.draw.engine.EngineError` (reason ``"missing"``) saying what to install
    when cairosvg or the cairo library it loads is missing, and (reason ``"failed"``) with
    cairo's message when it cannot draw the picture.

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
    try:
        # cairo draws no bidirectional text and would draw the isolates as boxes
        drawn = _ISOLATES.sub(b"", svg.replace(_FONT_STACK_ATTR, _CAIRO_FONT_ATTR))
        pdf: bytes = cairosvg.svg2pdf(bytestring=drawn)
    except Exception as error:  # cairo's own errors (CairoError) and cairosvg's, unwrapped
        raise EngineError(f"the PDF could not be drawn by cairo: {error}", "failed") from None
    # cairo dates the file by the clock, so no two PDFs were alike; a date of the same length
    # keeps every offset in the file's cross-reference table right.
    return _CREATION_DATE.sub(rb"\g<1>19700101000000Z)", pdf, count=1)


_SVG_OPEN: Final = re.compile(rb"<svg\b[^>]*>")
_CREATION_DATE: Final = re.compile(rb"(/CreationDate \(D:)\d{14}Z\)")
#: The bidi isolates argmap puts around right-to-left text (U+2066 to U+2069, in UTF-8).
_ISOLATES: Final = re.compile(rb"\xe2\x81[\xa6-\xa9]")
#: The fill of the polygon Graphviz paints a graph's background with (its first polygon).
_BACKGROUND: Final = re.compile(rb'<polygon fill="([^"]+)" stroke="none"')
_LAYOUT_FONT_ATTR: Final = f'font-family="{LAYOUT_FONT}"'.encode()
_FONT_STACK_ATTR: Final = f'font-family="{html.escape(FONT_STACK)}"'.encode()
#: What cairo is given instead: it takes a font list as one family's name, finds none, and
#: draws in a wider default font whose text spills out of its boxes. fontconfig finds Arimo,
#: or a font with its metrics (Liberation Sans, Arial), by this name.
_CAIRO_FONT_ATTR: Final = b'font-family="Arimo"'
_SIZE: Final = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="[^"]*"')
_GRAPH: Final = re.compile(rb'<g id="[^"]*" class="graph".*</g>', re.DOTALL)
_TEXT: Final = re.compile(rb"<text\b([^>]*)>(.*?)</text>", re.DOTALL)
_LEGEND_GAP: Final = 6.0  # points between the picture and its legend
# Written to begin with a literal, which re searches for at memchr speed: "(?:\xc2\xa0)+"
# tried a match at every byte (0.7 s on a 10,000-claim picture, against 0.01 s).
_PADDING: Final = re.compile(rb"\xc2\xa0(?:\xc2\xa0)*</text>")


def add_below(svg: bytes, below: bytes) -> bytes:
    """Graphviz's SVG ``svg`` with the picture of another SVG from Graphviz under it,
    centred, on one canvas: how the legend goes under a map without being laid out with it.
    The canvas is filled with the map's background first, so that no transparent strip
    shows between or beside the two (a dark theme's on a white page).

    >>> a = (b'<svg width="100pt" height="50pt" viewBox="0.00 0.00 100.00 50.00">'
    ...      b'<g id="graph0" class="graph"><polygon fill="#1e1e1e" stroke="none" points=""/>'
    ...      b'</g></svg>')
    >>> b = (b'<svg width="40pt" height="10pt" viewBox="0.00 0.00 40.00 10.00">'
    ...      b'<g id="graph1" class="graph"><text>B</text></g></svg>')
    >>> print(add_below(a, b).decode())  # doctest: +NORMALIZE_WHITESPACE
    <svg width="100pt" height="66pt" viewBox="0.00 0.00 100.00 66.00">
    <rect width="100" height="66" fill="#1e1e1e"/><g id="graph0" class="graph"><polygon
    fill="#1e1e1e" stroke="none" points=""/></g>
    <g transform="translate(30 56)"><g id="graph1" class="graph"><text>B</text></g></g></svg>
    """
    size, other = _SIZE.search(svg), _SIZE.search(below)
    graph = _GRAPH.search(below)
    if size is None or other is None or graph is None:
        return svg
    width, height = float(size[1]), float(size[2])
    extra_width, extra_height = float(other[1]), float(other[2])
    total_width = max(width, extra_width)
    total_height = height + _LEGEND_GAP + extra_height
    header = (
        f'<svg width="{total_width:g}pt" height="{total_height:g}pt"\n'
        f' viewBox="0.00 0.00 {total_width:.2f} {total_height:.2f}"'
    ).encode()
    if b"\n" not in size[0]:
        header = header.replace(b"\n", b"")
    left = (total_width - extra_width) / 2
    top = height + _LEGEND_GAP
    placed = f'\n<g transform="translate({left:g} {top:g})">'.encode() + graph[0] + b"</g>"
    end = svg.rindex(b"</svg>")
    svg = svg[: size.start()] + header + svg[size.end() : end] + placed + svg[end:]
    background, opening = _BACKGROUND.search(svg), _SVG_OPEN.search(svg)
    if background is None or opening is None:
        return svg
    canvas = f'\n<rect width="{total_width:g}" height="{total_height:g}" fill="'.encode()
    canvas += background[1] + b'"/>'
    return svg[: opening.end()] + canvas + svg[opening.end() :]


def finish_svg(
    svg: bytes, argument_map: ArgumentMap, tooltips: list[str], *, bundled: bool = True
) -> bytes:
    """Make Graphviz's SVG ready to embed: an accessible ``<title>`` and ``<desc>`` first,
    the subset of Arimo its text needs as ``@font-face`` rules (the font the layout was
    measured with, so text fits its box in any viewer), a font list that names it first,
    and the tooltips (left as tokens for Graphviz, see :data:`argmap.draw.dot.TOOLTIP_TOKEN`).
    From the ``bundled`` engine, lines with non-ASCII characters are moved to where they are
    centred as drawn (another Graphviz measures with the machine's own fonts)."""
    m = argument_map
    description = f"Argument map: {m.size()}."
    if m.source is not None and m.source.title:
        description += f" Source: {isolate(m.source.title)}."
    regular: list[str] = []
    bold: list[str] = []
    for attributes, content in _TEXT.findall(svg):
        text = html.unescape(content.decode("utf-8"))
        (bold if b'font-weight="bold"' in attributes else regular).append(text)
    style = font_face_css(regular, bold)
    header = f"\n<title>{xml_escape(m.title)}</title>\n<desc>{xml_escape(description)}</desc>"
    if style:
        header += f"\n<defs><style>{style}</style></defs>"
    opening = _SVG_OPEN.search(svg)
    if opening is not None:
        svg = svg[: opening.end()] + header.encode() + svg[opening.end() :]
    svg = svg.replace(_LAYOUT_FONT_ATTR, _FONT_STACK_ATTR)
    if bundled:
        svg = _TEXT.sub(_centred, svg)
    # The no-break spaces that made the engine measure a line wide enough (argmap.draw.fonts.
    # pad_for_engine) have done their work; a wrapped line never ends in one of its own.
    svg = _PADDING.sub(b"</text>", svg)
    return _TOOLTIP.sub(
        lambda match: b'xlink:title="' + xml_escape(tooltips[int(match[1])]).encode() + b'"', svg
    )


def _centred(match: re.Match[bytes]) -> bytes:
    """A label line moved to where it is centred as drawn. The engine puts a line's start
    half its measured width left of the line's centre, measuring each UTF-8 byte of a
    non-ASCII character (and of the no-break spaces argmap pads with) as a space; drawn in
    Arimo such a line is narrower or wider, so its start moves by half the difference.
    Every label line argmap writes is centred and a single ``<text>``; ASCII lines are
    measured as drawn and stay where they are."""
    attributes, content = match[1], match[2]
    if content.isascii() or b'text-anchor="start"' not in attributes:
        return match[0]
    x, size = _X.search(attributes), _FONT_SIZE.search(attributes)
    if x is None or size is None:
        return match[0]
    bold, points = b'font-weight="bold"' in attributes, float(size[1])
    line = html.unescape(content.decode("utf-8"))
    drawn = text_width(line.rstrip(NBSP), points, bold)
    start = float(x[1]) + (engine_width(line, points, bold) - drawn) / 2
    moved = f'x="{start:.2f}'.rstrip("0").rstrip(".").encode() + b'"'  # as Graphviz writes
    return b"<text%s%s%s>%s</text>" % (
        attributes[: x.start()],
        moved,
        attributes[x.end() :],
        content,
    )


_X: Final = re.compile(rb'\bx="(-?[\d.]+)"')
_FONT_SIZE: Final = re.compile(rb'\bfont-size="([\d.]+)"')

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
