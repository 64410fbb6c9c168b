"""The one render pipeline: a map and :class:`RenderOptions` in, a :class:`Rendering` out.

Single renders (``argmap.render``, ``argmap render MAP``), batch renders (``argmap render
MAP...``, :mod:`argmap.draw.batch`), the HTML report and a map showing itself in Jupyter all
go through :func:`render`; renders of a file go through :func:`render_file`, which reads it
(any importable format) with the same options everywhere.

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

import dataclasses
import functools
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

from argmap.draw.acts import marks_used
from argmap.draw.dot import claims_dot
from argmap.draw.engine import DEFAULT_TIMEOUT, run_layout
from argmap.draw.layout import ARRANGEMENTS, COMPARE_MAX_CLAIMS, Layout, block_positions, plan
from argmap.draw.legend import legend_dot, legend_fills
from argmap.draw.mermaid import mermaid_flowchart
from argmap.draw.svg import add_below, finish_svg, svg_to_pdf
from argmap.draw.theme import DEFAULT_THEME, THEMES, checked_rankdir
from argmap.draw.views import VIEWS, select, speakers_dot
from argmap.errors import EngineError, UsageError
from argmap.files import write_atomic
from argmap.formats import read_with_warnings
from argmap.mapfile import DEFAULT_MAX_BYTES
from argmap.model import ArgumentMap

__all__ = ["FORMATS", "RenderOptions", "Rendering", "render", "render_file"]

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

    ``warnings`` are what the layout engine warned about, each once, the fallbacks taken
    when a layout ran out of time, and advice for maps too large to read on a page;
    ``layout`` says which layout drew it and why.
    """

    data: bytes
    format: str
    warnings: tuple[str, ...] = ()
    layout: str = ""

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


@dataclass(frozen=True)
class RenderOptions:
    """What to draw and how: every choice of a render except the output format.

    ``view`` is one of :data:`argmap.draw.views.VIEWS`; ``focus``, ``depth``, ``speakers``
    and ``relations`` select a part of the map as :func:`argmap.draw.views.select` does;
    ``theme`` names one of :data:`argmap.draw.theme.THEMES`; ``layout`` arranges the claims
    view (``flow``, ``tree``, ``components``, ``blocks``, or ``auto``: the best of the first
    three by measurement up to 100 claims, ``components`` above, with fallbacks within the
    time budget; see :mod:`argmap.draw.layout`); ``engine`` is a Graphviz layout engine
    (dot, neato, sfdp, ...; force-directed ones always remove overlaps) or ``"auto"``;
    ``graphviz`` which executable runs it (see :mod:`argmap.draw.engine`); ``color_by``
    colours the claims view's boxes by ``speaker``, ``standing`` (grounded labelling of the
    whole map) or ``kind``. Unknown choices raise :class:`~argmap.errors.UsageError`.

    >>> RenderOptions(view="speakers").view
    'speakers'
    >>> RenderOptions(view="camps")
    Traceback (most recent call last):
      ...
    argmap.errors.UsageError: unknown view 'camps'; expected one of claims, speakers
    """

    view: str = "claims"
    focus: str | None = None
    depth: int = 1
    speakers: Collection[str] = ()
    relations: Collection[str] = ()
    theme: str = DEFAULT_THEME
    rankdir: str = "TB"
    engine: str = "auto"
    graphviz: str = "bundled"
    timeout: float | None = DEFAULT_TIMEOUT
    color_by: str = "speaker"
    layout: str = "auto"

    def __post_init__(self) -> None:
        # Kept as tuples, so that options compare, hash and pickle (batch workers) cleanly.
        object.__setattr__(self, "speakers", tuple(self.speakers))
        object.__setattr__(self, "relations", tuple(self.relations))
        # Ids, relation types and colourings are checked where they are used (select, the
        # painter), with hints; here what nothing else checks.
        checked = (("view", self.view, VIEWS), ("theme", self.theme, THEMES))
        for name, value, known in (*checked, ("layout", self.layout, ARRANGEMENTS)):
            if value not in known:
                raise UsageError(f"unknown {name} {value!r}; expected one of {', '.join(known)}")
        checked_rankdir(self.rankdir)
        if self.color_by != "speaker" and self.view != "claims":
            raise UsageError(
                f"colouring by {self.color_by} needs the claims view in svg, png or dot"
            )

    def replace(self, **changes: Any) -> RenderOptions:
        """These options with some changed (unknown names raise :class:`UsageError`)."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise UsageError(f"unknown render options: {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)


def render(
    argument_map: ArgumentMap,
    format: str = "svg",
    options: RenderOptions | None = None,
    **changes: Any,
) -> Rendering:
    """Render a view of a map, or of the part of it that the options select.

    ``format`` is one of :data:`FORMATS` (Mermaid draws the claims view only); ``options``
    a :class:`RenderOptions` (the defaults when omitted), and keywords change single options:
    ``render(m, view="speakers", focus="lankov", depth=1)``. Output is deterministic: the same
    map and options give the same bytes.
    """
    o = (options or RenderOptions()).replace(**changes) if changes else options or RenderOptions()
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "mermaid" and o.color_by != "speaker":
        raise UsageError(f"colouring by {o.color_by} needs the claims view in svg, png or dot")
    m = select(
        argument_map, focus=o.focus, depth=o.depth, speakers=o.speakers, relations=o.relations
    )
    if format == "mermaid":
        if o.view != "claims":
            raise UsageError(f"Mermaid draws the claims view only, not the {o.view} view")
        return Rendering(mermaid_flowchart(m, theme=o.theme, rankdir=o.rankdir).encode(), "mermaid")
    standing = None
    if o.color_by == "standing":
        from argmap.analysis import grounded_labelling

        standing = grounded_labelling(argument_map).claims
    if o.view == "speakers":
        engine = o.engine if o.engine not in ("auto", "blocks") else "dot"
        candidates = [Layout(engine, "speakers view")]
    else:
        candidates = plan(len(m.claims), o.engine, o.layout, len(m.relations))
        if o.graphviz != "bundled":
            # Another Graphviz measures with the machine's fonts: draw the first choice (and
            # its fallbacks), without comparing pictures that argmap cannot measure alike.
            compared = [c for c in candidates if c.compare]
            rest = [c for c in candidates if not c.compare]
            candidates = [dataclasses.replace(c, compare=False) for c in compared[:1]] + rest
    warnings: list[str] = []
    draw = functools.partial(_draw, m, o, standing, warnings)
    drawn: list[tuple[Layout, bytes, list[str]]] = []
    for number, candidate in enumerate(candidates):
        if drawn and not candidate.compare:
            break  # a compared candidate was drawn: no fallback needed
        last = number == len(candidates) - 1
        budget = o.timeout if o.timeout is None or last else o.timeout * candidate.share
        try:
            # Compared candidates are laid out as plain SVG, to be measured.
            data, tooltips = draw("svg" if candidate.compare else format, candidate, budget)
        except EngineError as error:
            if error.reason != "timeout" or last:
                raise
            warnings.append(f"{candidate.reason}: no layout within {budget:g} s; trying the next")
            continue
        drawn.append((candidate, data, tooltips))
        if not candidate.compare:
            break
    chosen, data, tooltips = drawn[0]
    if chosen.compare:
        from argmap.draw.geometry import measure

        chosen, data, tooltips = max(drawn, key=lambda item: measure(item[1]).score())
        if format == "svg":
            data = _finish(m, o, standing, chosen, data, tooltips, o.timeout)
        else:
            data, _ = draw(format, dataclasses.replace(chosen, compare=False), o.timeout)
    if o.view == "claims" and len(m.claims) > COMPARE_MAX_CLAIMS:
        warnings.append(_large_map_notice(len(m.claims), data if format == "svg" else None))
    return Rendering(data, format, tuple(warnings), chosen.reason)


def _draw(
    m: ArgumentMap,
    o: RenderOptions,
    standing: Mapping[str, str] | None,
    warnings: list[str],
    format: str,
    candidate: Layout,
    timeout: float | None,
) -> tuple[bytes, list[str]]:
    """``m`` drawn in ``format`` with one layout candidate, and the tooltips its SVG leaves
    as tokens. A compared candidate's SVG is Graphviz's own, to be measured; any other SVG is
    finished (:func:`_finish`)."""
    convert = format == "pdf" and o.graphviz == "bundled"  # graphviz-pure has no PDF output
    positions = block_positions(m) if candidate.positioned else None
    build: Callable[..., Any] = (
        speakers_dot
        if o.view == "speakers"
        else functools.partial(
            claims_dot,
            color_by=o.color_by,
            standing=standing,
            positions=positions,
            layout=candidate.arrangement if candidate.arrangement != "blocks" else "flow",
            # SVG gets the legend below the picture; other formats carry it inside.
            legend=format != "svg" and not convert,
        )
    )
    tooltips: list[str] = []
    if format == "dot":
        return build(m, theme=o.theme, rankdir=o.rankdir).source.encode("utf-8"), tooltips
    source = build(m, theme=o.theme, rankdir=o.rankdir, tooltips=tooltips).source
    output = "svg" if convert else format
    settings = (f"-G{k}={v}" for k, v in candidate.graph_attributes.items())
    data = run_layout(
        source,
        output,
        engine=candidate.engine,
        graphviz=o.graphviz,
        timeout=timeout,
        arguments=(*candidate.arguments, *settings),
        warnings=warnings,
    )
    if output == "svg" and not candidate.compare:
        data = _finish(m, o, standing, candidate, data, tooltips, timeout)
    if convert:
        data = svg_to_pdf(data)
    return data, tooltips


def _finish(
    m: ArgumentMap,
    o: RenderOptions,
    standing: Mapping[str, str] | None,
    candidate: Layout,
    svg: bytes,
    tooltips: list[str],
    timeout: float | None,
) -> bytes:
    """Graphviz's SVG of the claims view with its legend below, ready to embed."""
    if o.view == "claims":
        look = THEMES[o.theme]
        types = sorted({r.type for r in m.relations}, key=list(look.edge).index)
        fills = legend_fills(m, look, o.color_by, standing, candidate.arrangement)
        legend = legend_dot(look, types, fills, marks_used(m.claims))
        if legend is not None:
            below = run_layout(legend.source, "svg", graphviz=o.graphviz, timeout=timeout)
            svg = add_below(svg, below)
    return finish_svg(svg, m, tooltips)


def _large_map_notice(claims: int, svg: bytes | None) -> str:
    """What to do with a map too large to read whole on a page."""
    size = ""
    if svg is not None:
        from argmap.draw.geometry import COLUMN, text_px

        size = f" (text {text_px(svg):.1f} px in a {COLUMN}-px column)"
    return (
        f"{claims} claims are too many to read on one page{size}: for an overview draw "
        "--view speakers; for the detail open the zoomable report (argmap report) or draw "
        "parts (--speaker ID, --focus ID)"
    )


def render_file(
    map_file: str | os.PathLike[str],
    format: str = "svg",
    options: RenderOptions | None = None,
    *,
    source_text: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    input_format: str | None = None,
) -> tuple[Rendering, list[str]]:
    """Read a map file in any importable format and render it: the rendering and the
    importer's warnings. ``source_text`` and ``max_bytes`` are as for
    :func:`argmap.formats.read_with_warnings`; both single and batch renders come here."""
    argument_map, warnings = read_with_warnings(
        map_file, input_format, source_text=source_text, max_bytes=max_bytes
    )
    return render(argument_map, format, options), warnings
