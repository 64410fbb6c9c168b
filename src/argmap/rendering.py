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

import functools
import html
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from argmap.dot import TOOLTIP_TOKEN, claims_dot
from argmap.engine import DEFAULT_TIMEOUT, run_layout
from argmap.errors import UsageError
from argmap.files import write_atomic
from argmap.layout import block_positions, choose_layout
from argmap.mermaid import mermaid_flowchart
from argmap.model import ArgumentMap
from argmap.theme import DEFAULT_THEME, FONT_STACK, LAYOUT_FONT
from argmap.views import VIEWS, select, speakers_dot

__all__ = ["FORMATS", "Rendering", "render"]

#: Output formats and what each is: the DOT text itself, or a picture laid out by Graphviz.
FORMATS: Final = {
    "svg": "SVG picture (scalable; for reports and web pages)",
    "png": "PNG picture",
    "pdf": "PDF document (a system Graphviz's own; with the bundled one, the SVG converted "
    "by the optional cairosvg: pip install 'argmap[pdf]')",
    "dot": "Graphviz DOT source, not laid out",
    "mermaid": "Mermaid flowchart (claims view; for Markdown on GitHub and GitLab)",
}
_TEXT_FORMATS: Final = frozenset({"svg", "dot", "mermaid"})


@dataclass(frozen=True)
class Rendering:
    """A rendered map: its bytes and their format. Displays itself in Jupyter."""

    data: bytes
    format: str

    @property
    def text(self) -> str:
        """The rendering as text (SVG, DOT and Mermaid only)."""
        if self.format not in _TEXT_FORMATS:
            raise UsageError(f"a {self.format} rendering is binary, not text")
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

    def _repr_markdown_(self) -> str | None:
        return f"```mermaid\n{self.text}```" if self.format == "mermaid" else None


def render(
    argument_map: ArgumentMap,
    format: str = "svg",
    *,
    view: str = "claims",
    focus: str | None = None,
    depth: int = 1,
    speakers: Collection[str] = (),
    relations: Collection[str] = (),
    theme: str = DEFAULT_THEME,
    rankdir: str = "TB",
    engine: str = "auto",
    graphviz: str = "bundled",
    timeout: float | None = DEFAULT_TIMEOUT,
    color_by: str = "speaker",
) -> Rendering:
    """Render a view of a map, or of the part of it that the filters select.

    ``view`` is one of :data:`argmap.views.VIEWS` (Mermaid draws the claims view only);
    ``focus``, ``depth``, ``speakers`` and ``relations`` select a part of the map as
    :func:`argmap.views.select` does (unknown ids raise :class:`~argmap.errors.UsageError`).
    ``format`` is one of :data:`FORMATS`; ``engine`` the Graphviz layout (dot, neato, sfdp,
    ...), ``"blocks"`` (argmap places the claims, Graphviz draws), or ``"auto"`` for the
    choice by map size that :func:`argmap.layout.choose_layout` makes; ``graphviz`` which
    executable runs it (see :mod:`argmap.engine`). Output is
    deterministic: the same map and options give the same bytes. ``color_by`` colours the
    claims view's boxes by ``speaker``, ``standing`` (grounded labelling of the whole map) or
    ``kind`` (see :func:`argmap.dot.claims_dot`).
    """
    if color_by != "speaker" and (view != "claims" or format == "mermaid"):
        raise UsageError(f"colouring by {color_by} needs the claims view in svg, png or dot")
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    m = select(argument_map, focus=focus, depth=depth, speakers=speakers, relations=relations)
    if format == "mermaid":
        if view != "claims":
            raise UsageError(f"Mermaid draws the claims view only, not the {view} view")
        return Rendering(mermaid_flowchart(m, theme=theme, rankdir=rankdir).encode(), "mermaid")
    standing = None
    if color_by == "standing":
        from argmap.analysis import grounded_labelling

        standing = grounded_labelling(argument_map).claims
    layout = choose_layout(len(m.speakers if view == "speakers" else m.claims), engine)
    if view == "speakers" and layout.positioned:
        layout = choose_layout(0)  # the block layout places claims; speakers are few
    positions = block_positions(m) if layout.positioned else None
    build = (
        speakers_dot
        if view == "speakers"
        else functools.partial(
            claims_dot, color_by=color_by, standing=standing, positions=positions
        )
    )
    if format == "dot":
        source = build(m, theme=theme, rankdir=rankdir).source
        return Rendering(source.encode("utf-8"), "dot")
    tooltips: list[str] = []
    source = build(m, theme=theme, rankdir=rankdir, tooltips=tooltips).source
    convert = format == "pdf" and graphviz == "bundled"  # graphviz-pure has no PDF output
    output = "svg" if convert else format
    arguments = (*layout.arguments, *(f"-G{k}={v}" for k, v in layout.graph_attributes.items()))
    data = run_layout(
        source,
        output,
        engine=layout.engine,
        graphviz=graphviz,
        timeout=timeout,
        arguments=arguments,
    )
    if output == "svg":
        data = finish_svg(data, m, tooltips)
    if convert:
        data = svg_to_pdf(data)
    return Rendering(data, format)


def svg_to_pdf(svg: bytes) -> bytes:
    """Convert an SVG picture to PDF with the optional ``cairosvg`` (``argmap[pdf]``).

    Raises :class:`~argmap.engine.EngineError` (reason ``"missing"``) saying what to install
    when cairosvg or the cairo library it loads is missing.

    >>> svg_to_pdf(b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')[:5]
    b'%PDF-'
    """
    from argmap.engine import EngineError

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
    return _TOOLTIP.sub(
        lambda match: b'xlink:title="' + _xml(tooltips[int(match[1])]).encode() + b'"', svg
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


def _xml(text: str) -> str:
    return text.translate(_XML_ESCAPES)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
