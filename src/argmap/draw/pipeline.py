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
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Final

from argmap.draw.dot import claims_dot
from argmap.draw.engine import DEFAULT_TIMEOUT, run_layout
from argmap.draw.layout import block_positions, choose_layout
from argmap.draw.mermaid import mermaid_flowchart
from argmap.draw.svg import finish_svg, svg_to_pdf
from argmap.draw.theme import DEFAULT_THEME, THEMES, checked_rankdir
from argmap.draw.views import VIEWS, select, speakers_dot
from argmap.errors import UsageError
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


@dataclass(frozen=True)
class RenderOptions:
    """What to draw and how: every choice of a render except the output format.

    ``view`` is one of :data:`argmap.draw.views.VIEWS`; ``focus``, ``depth``, ``speakers``
    and ``relations`` select a part of the map as :func:`argmap.draw.views.select` does;
    ``theme`` names one of :data:`argmap.draw.theme.THEMES`; ``engine`` is a Graphviz layout
    (dot, neato, sfdp, ...), ``"blocks"`` (argmap places the claims, Graphviz draws) or
    ``"auto"`` for the choice by size of :func:`argmap.draw.layout.choose_layout`;
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

    def __post_init__(self) -> None:
        # Kept as tuples, so that options compare, hash and pickle (batch workers) cleanly.
        object.__setattr__(self, "speakers", tuple(self.speakers))
        object.__setattr__(self, "relations", tuple(self.relations))
        # Ids, relation types and colourings are checked where they are used (select, the
        # painter), with hints; here what nothing else checks.
        for name, value, known in (("view", self.view, VIEWS), ("theme", self.theme, THEMES)):
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
    layout = choose_layout(len(m.speakers if o.view == "speakers" else m.claims), o.engine)
    if o.view == "speakers" and layout.positioned:
        layout = choose_layout(0)  # the block layout places claims; speakers are few
    positions = block_positions(m) if layout.positioned else None
    build = (
        speakers_dot
        if o.view == "speakers"
        else functools.partial(
            claims_dot, color_by=o.color_by, standing=standing, positions=positions
        )
    )
    if format == "dot":
        source = build(m, theme=o.theme, rankdir=o.rankdir).source
        return Rendering(source.encode("utf-8"), "dot")
    tooltips: list[str] = []
    source = build(m, theme=o.theme, rankdir=o.rankdir, tooltips=tooltips).source
    convert = format == "pdf" and o.graphviz == "bundled"  # graphviz-pure has no PDF output
    output = "svg" if convert else format
    arguments = (*layout.arguments, *(f"-G{k}={v}" for k, v in layout.graph_attributes.items()))
    data = run_layout(
        source,
        output,
        engine=layout.engine,
        graphviz=o.graphviz,
        timeout=o.timeout,
        arguments=arguments,
    )
    if output == "svg":
        data = finish_svg(data, m, tooltips)
    if convert:
        data = svg_to_pdf(data)
    return Rendering(data, format)


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
