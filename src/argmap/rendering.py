"""Render a map to DOT, SVG or PNG.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T",
...   "speakers": [{"id": "ann", "name": "Ann"}],
...   "claims": [{"id": "a", "speaker": "ann", "text": "A"}]}''')
>>> picture = render(m, "svg")
>>> picture.format, picture.data.startswith(b"<?xml")
('svg', True)
>>> picture.save("map.svg")                            # doctest: +SKIP

A :class:`Rendering` shows itself in Jupyter, so ``render(m)`` in a cell draws the map.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from typing import Final

from argmap.dot import TOOLTIP_TOKEN, claims_dot
from argmap.engine import DEFAULT_TIMEOUT, run_layout
from argmap.files import write_atomic
from argmap.model import ArgumentMap
from argmap.theme import DEFAULT_THEME, FONT_STACK, LAYOUT_FONT

__all__ = ["FORMATS", "Rendering", "render"]

#: Output formats and what each is: the DOT text itself, or a picture laid out by Graphviz.
FORMATS: Final = {
    "svg": "SVG picture (scalable; for reports and web pages)",
    "png": "PNG picture",
    "dot": "Graphviz DOT source, not laid out",
}
_TEXT_FORMATS: Final = frozenset({"svg", "dot"})


@dataclass(frozen=True)
class Rendering:
    """A rendered map: its bytes and their format. Displays itself in Jupyter."""

    data: bytes
    format: str

    @property
    def text(self) -> str:
        """The rendering as text (SVG and DOT only)."""
        if self.format not in _TEXT_FORMATS:
            raise ValueError(f"a {self.format} rendering is binary, not text")
        return self.data.decode("utf-8")

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the rendering to ``path`` atomically."""
        write_atomic(path, self.data)

    def __bytes__(self) -> bytes:
        return self.data

    def _repr_svg_(self) -> str | None:
        return self.text if self.format == "svg" else None

    def _repr_png_(self) -> bytes | None:
        return self.data if self.format == "png" else None


def render(
    argument_map: ArgumentMap,
    format: str = "svg",
    *,
    theme: str = DEFAULT_THEME,
    rankdir: str = "TB",
    engine: str = "dot",
    graphviz: str = "bundled",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Rendering:
    """Render the claims view of a map.

    ``format`` is one of :data:`FORMATS`; ``engine`` the Graphviz layout (dot, neato, sfdp,
    ...); ``graphviz`` which executable runs it (see :mod:`argmap.engine`). Output is
    deterministic: the same map and options give the same bytes.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "dot":
        source = claims_dot(argument_map, theme=theme, rankdir=rankdir).source
        return Rendering(source.encode("utf-8"), "dot")
    tooltips: list[str] = []
    source = claims_dot(argument_map, theme=theme, rankdir=rankdir, tooltips=tooltips).source
    data = run_layout(source, format, engine=engine, graphviz=graphviz, timeout=timeout)
    if format == "svg":
        data = finish_svg(data, argument_map, tooltips)
    return Rendering(data, format)


_SVG_OPEN: Final = re.compile(rb"<svg\b[^>]*>")
_LAYOUT_FONT_ATTR: Final = f'font-family="{LAYOUT_FONT}"'.encode()


def finish_svg(svg: bytes, argument_map: ArgumentMap, tooltips: list[str]) -> bytes:
    """Make Graphviz's SVG ready to embed: an accessible ``<title>`` and ``<desc>`` first,
    a font list whose first entries have the metrics the layout was measured with, and the
    tooltips (left as tokens for Graphviz, see :data:`argmap.dot.TOOLTIP_TOKEN`) exact."""
    m = argument_map
    description = (
        f"Argument map: {_count(len(m.speakers), 'speaker')}, {_count(len(m.claims), 'claim')}, "
        f"{_count(len(m.relations), 'relation')}."
    )
    if m.source is not None and m.source.title:
        description += f" Source: {m.source.title}."
    header = (f"\n<title>{_xml(m.title)}</title>\n<desc>{_xml(description)}</desc>").encode()
    opening = _SVG_OPEN.search(svg)
    if opening is not None:
        svg = svg[: opening.end()] + header + svg[opening.end() :]
    font = f'font-family="{html.escape(FONT_STACK)}"'.encode()
    svg = svg.replace(_LAYOUT_FONT_ATTR, font)
    return _TOOLTIP.sub(lambda match: _xml(tooltips[int(match[1])]).encode(), svg)


_TOOLTIP: Final = re.compile(TOOLTIP_TOKEN.encode() + rb"(\d+)")
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


def _xml(text: str) -> str:
    return text.translate(_XML_ESCAPES)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
