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
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

from argmap.dot import TOOLTIP_TOKEN, claims_dot, legend_dot, legend_fills
from argmap.engine import DEFAULT_TIMEOUT, EngineError, run_layout
from argmap.files import write_atomic
from argmap.fonts import font_face_css
from argmap.layout import COMPARE_MAX_CLAIMS, Layout, block_positions, plan
from argmap.mermaid import mermaid_flowchart
from argmap.model import ArgumentMap
from argmap.theme import DEFAULT_THEME, FONT_STACK, LAYOUT_FONT, THEMES
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
    """A rendered map: its bytes and their format. Displays itself in Jupyter.

    ``warnings`` are what the layout engine warned about, each once, and the fallbacks taken
    when a layout ran out of time; ``layout`` says which layout drew it and why.
    """

    data: bytes
    format: str
    warnings: tuple[str, ...] = ()
    layout: str = ""

    @property
    def text(self) -> str:
        """The rendering as text (SVG, DOT and Mermaid only)."""
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
    layout: str = "auto",
) -> Rendering:
    """Render a view of a map, or of the part of it that the filters select.

    ``view`` is one of :data:`argmap.views.VIEWS` (Mermaid draws the claims view only);
    ``focus``, ``depth``, ``speakers`` and ``relations`` select a part of the map as
    :func:`argmap.views.select` does (unknown ids raise :class:`ValueError`).
    ``format`` is one of :data:`FORMATS`. ``layout`` arranges the claims view (``flow``,
    ``components``, ``tree``, ``blocks``, or ``auto``: see :mod:`argmap.layout`); ``engine``
    is the Graphviz layout engine (dot, neato, sfdp, ...) or ``auto``; ``graphviz`` which
    executable runs it (see :mod:`argmap.engine`). With ``auto``, a layout that runs out of
    its share of ``timeout`` is replaced by the next candidate, and the rendering's
    ``warnings`` say so. Output is deterministic: the same map and options give the same
    bytes. ``color_by`` colours the claims view's boxes by ``speaker``, ``standing``
    (grounded labelling of the whole map) or ``kind`` (see :func:`argmap.dot.claims_dot`).
    """
    if color_by != "speaker" and (view != "claims" or format == "mermaid"):
        raise ValueError(f"colouring by {color_by} needs the claims view in svg, png or dot")
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    m = select(argument_map, focus=focus, depth=depth, speakers=speakers, relations=relations)
    if format == "mermaid":
        if view != "claims":
            raise ValueError(f"Mermaid draws the claims view only, not the {view} view")
        return Rendering(mermaid_flowchart(m, theme=theme, rankdir=rankdir).encode(), "mermaid")
    standing = None
    if color_by == "standing":
        from argmap.analysis import grounded_labelling

        standing = grounded_labelling(argument_map).claims
    if view == "speakers":
        candidates = [Layout(engine if engine not in ("auto", "blocks") else "dot", "speakers")]
    else:
        candidates = plan(len(m.claims), engine, layout)
    warnings: list[str] = []
    drawn: list[tuple[Layout, bytes]] = []
    for number, candidate in enumerate(candidates):
        if drawn and not candidate.compare:
            break  # a compared candidate was drawn: no fallback needed
        last = number == len(candidates) - 1
        budget = timeout if timeout is None or last else timeout * candidate.share
        # Compared candidates are drawn as SVG, to be measured.
        output = "svg" if candidate.compare else format
        try:
            data = _draw(
                m,
                output,
                view,
                candidate,
                theme,
                rankdir,
                color_by,
                standing,
                graphviz,
                budget,
                warnings,
            )
        except EngineError as error:
            if error.reason != "timeout" or last:
                raise
            warnings.append(f"{candidate.reason}: no layout within {budget:g} s; trying the next")
            continue
        drawn.append((candidate, data))
        if not candidate.compare:
            break
    if not drawn:
        raise AssertionError("unreachable: the last candidate raises or returns")
    chosen, data = drawn[0]
    if len(drawn) > 1:
        from argmap.geometry import measure

        chosen, data = max(drawn, key=lambda item: measure(item[1]).score())
    if chosen.compare and format != "svg":
        data = _draw(
            m, format, view, chosen, theme, rankdir, color_by, standing, graphviz, timeout, warnings
        )
    if view == "claims" and len(m.claims) > COMPARE_MAX_CLAIMS:
        warnings.append(_large_map_notice(len(m.claims), data if format == "svg" else None))
    return Rendering(data, format, tuple(warnings), chosen.reason)


def _large_map_notice(claims: int, svg: bytes | None) -> str:
    """What to do with a map too large to read whole on a page."""
    size = ""
    if svg is not None:
        from argmap.geometry import COLUMN, measure

        size = f" (text {measure(svg).text_px:.1f} px in a {COLUMN}-px column)"
    return (
        f"{claims} claims are too many to read on one page{size}: for an overview draw "
        "--view speakers; for the detail open the zoomable report (argmap report) or draw "
        "parts (--speaker ID, --focus ID)"
    )


def _draw(
    m: ArgumentMap,
    format: str,
    view: str,
    candidate: Layout,
    theme: str,
    rankdir: str,
    color_by: str,
    standing: Mapping[str, str] | None,
    graphviz: str,
    timeout: float | None,
    warnings: list[str],
) -> bytes:
    """One rendering of ``m`` with one layout candidate."""
    convert_pdf = format == "pdf" and graphviz == "bundled"
    positions = block_positions(m) if candidate.positioned else None
    build: Callable[..., Any] = (
        speakers_dot
        if view == "speakers"
        else functools.partial(
            claims_dot,
            color_by=color_by,
            standing=standing,
            positions=positions,
            layout=candidate.arrangement if candidate.arrangement != "blocks" else "flow",
            # SVG gets the legend below the picture; other formats carry it inside.
            legend=format != "svg" and not convert_pdf,
        )
    )
    if format == "dot":
        source: str = build(m, theme=theme, rankdir=rankdir).source
        return source.encode("utf-8")
    tooltips: list[str] = []
    source = build(m, theme=theme, rankdir=rankdir, tooltips=tooltips).source
    convert = format == "pdf" and graphviz == "bundled"  # graphviz-pure has no PDF output
    output = "svg" if convert else format
    arguments = (
        *candidate.arguments,
        *(f"-G{k}={v}" for k, v in candidate.graph_attributes.items()),
    )
    data = run_layout(
        source,
        output,
        engine=candidate.engine,
        graphviz=graphviz,
        timeout=timeout,
        arguments=arguments,
        warnings=warnings,
    )
    if output == "svg":
        if view == "claims":
            legend = _legend_svg(m, theme, color_by, standing, candidate, graphviz, timeout)
            if legend is not None:
                data = add_below(data, legend)
        data = finish_svg(data, m, tooltips)
    if convert:
        data = svg_to_pdf(data)
    return data


def _legend_svg(
    m: ArgumentMap,
    theme: str,
    color_by: str,
    standing: Mapping[str, str] | None,
    candidate: Layout,
    graphviz: str,
    timeout: float | None,
) -> bytes | None:
    """The legend drawn on its own: relation types used, and the claim colours when they do
    not follow the speaker boxes (colour by standing or kind, or no speaker boxes)."""
    look = THEMES[theme]
    types = sorted({r.type for r in m.relations}, key=list(look.edge).index)
    fills = legend_fills(m, look, color_by, standing, candidate.arrangement)
    legend = legend_dot(look, types, fills)
    if legend is None:
        return None
    return run_layout(legend.source, "svg", graphviz=graphviz, timeout=timeout)


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
_SIZE: Final = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="[^"]*"')
_GRAPH: Final = re.compile(rb'<g id="[^"]*" class="graph".*</g>', re.DOTALL)
_TEXT: Final = re.compile(rb"<text\b([^>]*)>(.*?)</text>", re.DOTALL)
_LEGEND_GAP: Final = 6.0  # points between the picture and its legend
_PADDING: Final = re.compile(rb"(?:\xc2\xa0)+</text>")


def add_below(svg: bytes, below: bytes) -> bytes:
    """Graphviz's SVG ``svg`` with the picture of another SVG from Graphviz under it,
    centred, on one canvas: how the legend goes under a map without being laid out with it.

    >>> a = (b'<svg width="100pt" height="50pt" viewBox="0.00 0.00 100.00 50.00">'
    ...      b'<g id="graph0" class="graph"><text>A</text></g></svg>')
    >>> b = (b'<svg width="40pt" height="10pt" viewBox="0.00 0.00 40.00 10.00">'
    ...      b'<g id="graph1" class="graph"><text>B</text></g></svg>')
    >>> print(add_below(a, b).decode())  # doctest: +NORMALIZE_WHITESPACE
    <svg width="100pt" height="66pt" viewBox="0.00 0.00 100.00 66.00"><g id="graph0"
    class="graph"><text>A</text></g>
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
    return svg[: size.start()] + header + svg[size.end() : end] + placed + svg[end:]


def finish_svg(svg: bytes, argument_map: ArgumentMap, tooltips: list[str]) -> bytes:
    """Make Graphviz's SVG ready to embed: an accessible ``<title>`` and ``<desc>`` first,
    the subset of Arimo its text needs as ``@font-face`` rules (the font the layout was
    measured with, so text fits its box in any viewer), a font list that names it first,
    and the tooltips (left as tokens for Graphviz, see :data:`argmap.dot.TOOLTIP_TOKEN`)."""
    m = argument_map
    description = (
        f"Argument map: {_count(len(m.speakers), 'speaker')}, {_count(len(m.claims), 'claim')}, "
        f"{_count(len(m.relations), 'relation')}."
    )
    if m.source is not None and m.source.title:
        description += f" Source: {m.source.title}."
    regular: list[str] = []
    bold: list[str] = []
    for attributes, content in _TEXT.findall(svg):
        text = html.unescape(content.decode("utf-8"))
        (bold if b'font-weight="bold"' in attributes else regular).append(text)
    style = font_face_css(regular, bold)
    header = f"\n<title>{_xml(m.title)}</title>\n<desc>{_xml(description)}</desc>"
    if style:
        header += f"\n<defs><style>{style}</style></defs>"
    opening = _SVG_OPEN.search(svg)
    if opening is not None:
        svg = svg[: opening.end()] + header.encode() + svg[opening.end() :]
    font = f'font-family="{html.escape(FONT_STACK)}"'.encode()
    svg = svg.replace(_LAYOUT_FONT_ATTR, font)
    # The no-break spaces that made the engine measure a line wide enough (argmap.fonts.
    # pad_for_engine) have done their work; a wrapped line never ends in one of its own.
    svg = _PADDING.sub(b"</text>", svg)
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
