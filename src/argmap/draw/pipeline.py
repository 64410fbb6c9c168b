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
from typing import TYPE_CHECKING, Any

from argmap.draw.acts import marks_used
from argmap.draw.dot import claims_dot
from argmap.draw.engine import (
    DEFAULT_TIMEOUT,
    LAYOUT_ENGINES,
    MAX_TIMEOUT,
    NON_ASCII_WIDTHS,
    LayoutJob,
    run_layout,
    run_layouts,
)
from argmap.draw.layout import (
    ARRANGEMENTS,
    COMPARED,
    Layout,
    block_positions,
    picture_notices,
    plan,
    timed_out,
)
from argmap.draw.legend import legend_caption, legend_dot, legend_fills, legend_types
from argmap.draw.mermaid import mermaid_flowchart
from argmap.draw.output import FORMATS, SUFFIXES, Rendering
from argmap.draw.svg import add_below, finish_svg, svg_to_pdf
from argmap.draw.theme import DEFAULT_THEME, THEMES, Theme, checked_rankdir
from argmap.draw.views import VIEWS, check_filters, select, speakers_dot
from argmap.errors import EngineError, UsageError
from argmap.formats import read_with_warnings
from argmap.mapfile import DEFAULT_MAX_BYTES
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.draw.geometry import Picture

__all__ = ["FORMATS", "SUFFIXES", "RenderOptions", "Rendering", "render", "render_file"]


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
        _check_types(self)
        # Kept as tuples, so that options compare, hash and pickle (batch workers) cleanly.
        object.__setattr__(self, "speakers", tuple(self.speakers))
        object.__setattr__(self, "relations", tuple(self.relations))
        # Ids, relation types and colourings are checked where they are used (select, the
        # painter), with hints; here what nothing else checks.
        checked = (("view", self.view, VIEWS), ("theme", self.theme, THEMES))
        engines = ("engine", self.engine, ("auto", *LAYOUT_ENGINES))
        for name, value, known in (*checked, ("layout", self.layout, ARRANGEMENTS), engines):
            if value not in known:
                raise UsageError(f"unknown {name} {value!r}; expected one of {', '.join(known)}")
        checked_rankdir(self.rankdir)
        if self.color_by != "speaker" and self.view != "claims":
            raise UsageError(f"colouring by {self.color_by} needs the claims view")

    def replace(self, **changes: Any) -> RenderOptions:
        """These options with some changed (unknown names raise :class:`UsageError`)."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise UsageError(f"unknown render options: {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)


def _check_types(o: RenderOptions) -> None:
    """What a caller in Python can get wrong that the choices do not catch: filters of the
    wrong kind (as :func:`~argmap.draw.views.select` checks them), a timeout that is no
    number of the right kind."""
    check_filters(o.focus, o.depth, o.speakers, o.relations)
    timeout = o.timeout
    if timeout is not None and (
        type(timeout) not in (int, float) or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise UsageError(
            f"timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:.0f} (or None "
            f"for none), not {timeout!r}"
        )


def render(
    argument_map: ArgumentMap,
    format: str = "svg",
    options: RenderOptions | Mapping[str, Any] | None = None,
    **changes: Any,
) -> Rendering:
    """Render a view of a map, or of the part of it that the options select.

    ``format`` is one of :data:`FORMATS` (Mermaid draws the claims view only); ``options``
    a :class:`RenderOptions` (the defaults when omitted), and keywords change single options:
    ``render(m, view="speakers", focus="lankov", depth=1)``. Output is deterministic: the same
    map and options give the same bytes.
    """
    if isinstance(options, Mapping):  # render(m, options={"view": ...}), as batch takes them
        options = RenderOptions().replace(**options)
    o = (options or RenderOptions()).replace(**changes) if changes else options or RenderOptions()
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "mermaid" and o.color_by != "speaker":
        raise UsageError(f"colouring by {o.color_by} needs the claims view in svg, png or dot")
    m = select(
        argument_map, focus=o.focus, depth=o.depth, speakers=o.speakers, relations=o.relations
    )
    look = THEMES[o.theme]
    if m is not argument_map:  # a part: each speaker keeps the colour of the whole picture
        index = {speaker.id: i for i, speaker in enumerate(argument_map.speakers)}
        look = look.for_part([index[speaker.id] for speaker in m.speakers])
    if format == "mermaid":
        if o.view != "claims":
            raise UsageError(f"Mermaid draws the claims view only, not the {o.view} view")
        return Rendering(mermaid_flowchart(m, theme=look, rankdir=o.rankdir).encode(), "mermaid")
    standing = None
    if o.color_by == "standing":
        from argmap.analysis import grounded_labelling

        standing = grounded_labelling(argument_map).claims
    if o.view == "speakers":
        engine = o.engine if o.engine != "auto" else "dot"
        candidates = [Layout(engine, "speakers view", arrangement="speakers")]
    else:
        speakers = len({claim.speaker for claim in m.claims})
        candidates = plan(len(m.claims), o.engine, o.layout, len(m.relations), speakers)
        if o.graphviz != "bundled":
            # Another Graphviz measures with the machine's fonts: draw the first choice (and
            # its fallbacks), without comparing pictures that argmap cannot measure alike.
            compared = [c for c in candidates if c.compare]
            rest = [c for c in candidates if not c.compare]
            candidates = [dataclasses.replace(c, compare=False) for c in compared[:1]] + rest
    drawing = _Drawing(m, o, look, standing, format)
    chosen, data = drawing.choose(candidates)
    if drawing.below:  # finish_svg centred every line as drawn: nothing left to warn of
        # (another Graphviz measures with real fonts and does not give this warning)
        drawing.warnings = [w for w in drawing.warnings if w != NON_ASCII_WIDTHS]
    drawing.warnings += picture_notices(m, o.view, o.layout, format, o.graphviz, data)
    return Rendering(data, format, tuple(drawing.warnings), chosen.reason)


class _Drawing:
    """One render under way: the map, options and format, the warnings so far (the
    engine's, fallbacks taken) and the legends drawn (DOT -> SVG)."""

    def __init__(
        self,
        m: ArgumentMap,
        o: RenderOptions,
        look: Theme,
        standing: Mapping[str, str] | None,
        format: str,
    ) -> None:
        self.m, self.o, self.look, self.standing, self.format = m, o, look, standing, format
        self.warnings: list[str] = []
        self.legends: dict[str, bytes] = {}

    @property
    def convert(self) -> bool:
        """PDF from the bundled engine, which has none: its SVG converted."""
        return self.format == "pdf" and self.o.graphviz == "bundled"

    @property
    def below(self) -> bool:
        """Whether the picture is an SVG that gets the legend drawn below it."""
        return self.format == "svg" or self.convert

    def choose(self, candidates: list[Layout]) -> tuple[Layout, bytes]:
        """The layout that draws the map and the map drawn: the compared candidates as the
        layout module says (the likely choice first, kept when it reads well), else the
        others in order, each a fallback for the one before running out of time."""
        compared = [c for c in candidates if c.compare]
        if compared:
            likely = compared[0]
            first = [likely] if likely.kept_if_readable else compared
            drawn = self.measured(first)
            if likely.kept_if_readable and drawn:
                from argmap.draw.geometry import reads_well

                _, svg, tooltips, picture = drawn[0]
                if reads_well(picture):
                    claims = len(self.m.claims)
                    reason = f"{likely.arrangement}: reads well, not compared ({claims} claims)"
                    kept = dataclasses.replace(likely, reason=reason)
                    return kept, self.final(kept, svg, tooltips)
            drawn += self.measured(compared[len(first) :])
            if drawn:
                from argmap.draw.geometry import measure

                # Ties go to the earlier in COMPARED, whichever was drawn first.
                drawn.sort(key=lambda item: COMPARED.index(item[0].arrangement))
                best, svg, tooltips, _ = max(drawn, key=lambda item: measure(item[3]).score())
                return best, self.final(best, svg, tooltips)
        rest = [c for c in candidates if not c.compare]
        for number, candidate in enumerate(rest):
            last = number == len(rest) - 1
            budget = self.budget(candidate, last)
            source, tooltips = self.source(candidate, self.format)
            if self.format == "dot":
                return candidate, source.encode("utf-8")
            output = "svg" if self.convert else self.format
            try:
                (result,) = self.run([self.job(candidate, source, output, budget)], candidate)
            except EngineError as error:  # the legend's, drawn beside it by the same engine
                result = error
            if isinstance(result, EngineError):
                if result.reason == "timeout" and last:
                    raise timed_out(result, candidate.arrangement) from None
                if result.reason != "timeout":
                    raise result
                self.warnings.append(
                    f"{candidate.reason}: no layout within {budget:g} s; trying the next"
                )
                continue
            if output == "svg":
                result = self.finish(result, tooltips, candidate)
            return candidate, result
        raise AssertionError("a layout plan ends with a candidate that raises")  # pragma: no cover

    def measured(self, candidates: list[Layout]) -> list[tuple[Layout, bytes, list[str], Picture]]:
        """Compared candidates drawn side by side as Graphviz's own SVG, read for measuring
        (and their legend, when they share it); those out of time are left out."""
        from argmap.draw.geometry import read_svg

        if not candidates:
            return []
        drawings = [self.source(c, "svg") for c in candidates]
        jobs = [
            self.job(c, source, "svg", self.budget(c, last=False))  # blocks come after them
            for c, (source, _) in zip(candidates, drawings, strict=True)
        ]
        # The legend goes beside them when it is the same whichever is kept.
        legends = {self.legend_source(c) for c in candidates}
        results = self.run(jobs, candidates[0] if len(legends) == 1 else None, _ready_to_measure)
        drawn = []
        for candidate, (_, tooltips), job, result in zip(
            candidates, drawings, jobs, results, strict=True
        ):
            if isinstance(result, EngineError):
                if result.reason != "timeout":
                    raise result
                self.warnings.append(
                    f"{candidate.reason}: no layout within {job.timeout:g} s; trying the next"
                )
                continue
            drawn.append((candidate, result, tooltips, read_svg(result)))
        return drawn

    def final(self, chosen: Layout, svg: bytes, tooltips: list[str]) -> bytes:
        """The chosen compared candidate in the output format: its SVG finished, or drawn
        again in the format (with the legend inside)."""
        if self.below:
            return self.finish(svg, tooltips, chosen)
        kept = dataclasses.replace(chosen, compare=False)
        source, tooltips = self.source(kept, self.format)
        if self.format == "dot":
            return source.encode("utf-8")
        (result,) = self.run([self.job(kept, source, self.format, self.o.timeout)], None)
        if isinstance(result, EngineError):
            raise result
        return result

    def budget(self, candidate: Layout, last: bool) -> float | None:
        """Seconds a candidate may take: its share of the budget, the last one all of it."""
        timeout = self.o.timeout
        return timeout if timeout is None or last else timeout * candidate.share

    def source(self, candidate: Layout, format: str) -> tuple[str, list[str]]:
        """The DOT of ``m`` drawn with one candidate in ``format``, and the tooltips its SVG
        leaves as tokens (for DOT output, none: the tooltips are written out)."""
        o = self.o
        if o.view == "speakers":
            build: Callable[..., Any] = speakers_dot
        else:
            positions = block_positions(self.m) if candidate.positioned else None
            build = functools.partial(
                claims_dot,
                color_by=o.color_by,
                standing=self.standing,
                positions=positions,
                layout=candidate.arrangement if candidate.arrangement != "blocks" else "flow",
                # SVG gets the legend below the picture; other formats carry it inside, but
                # not among nodes argmap placed (neato -n2 wants a position for every node).
                legend=format != "svg" and not self.convert and not candidate.positioned,
            )
            if candidate.positioned and format not in ("svg", "dot") and not self.convert:
                self.warnings.append(
                    f"{candidate.arrangement}: no legend inside a {format} of this layout "
                    "(argmap places its boxes); the SVG has it below the picture"
                )
        if format == "dot":
            return build(self.m, theme=self.look, rankdir=o.rankdir).source, []
        tooltips: list[str] = []
        source = build(self.m, theme=self.look, rankdir=o.rankdir, tooltips=tooltips).source
        return source, tooltips

    def job(self, candidate: Layout, source: str, output: str, timeout: float | None) -> LayoutJob:
        settings = (f"-G{k}={v}" for k, v in candidate.graph_attributes.items())
        arguments = (*candidate.arguments, *settings)
        return LayoutJob(source, output, candidate.engine, timeout, arguments)

    def run(
        self,
        jobs: list[LayoutJob],
        legend_of: Layout | None,
        meanwhile: Callable[[], object] | None = None,
    ) -> list[bytes | EngineError]:
        """The jobs' outcomes, the engines run side by side; beside them the legend for
        ``legend_of`` when the picture gets one below and it has not been drawn yet;
        ``meanwhile`` is called while they run."""
        legend = self.legend_source(legend_of) if legend_of is not None and self.below else None
        if legend in self.legends:
            legend = None
        extra = [LayoutJob(legend, "svg", timeout=self.o.timeout)] if legend else []
        results = run_layouts(
            [*jobs, *extra], graphviz=self.o.graphviz, warnings=self.warnings, meanwhile=meanwhile
        )
        if legend:
            below = results.pop()
            if isinstance(below, EngineError):
                raise below
            self.legends[legend] = below
        return results

    def legend_source(self, candidate: Layout) -> str | None:
        """The DOT of the legend drawn below the claims view's SVG; ``None`` without one."""
        if self.o.view != "claims":
            return None
        look = self.look
        types = legend_types(self.m, look, candidate.arrangement)
        fills = legend_fills(self.m, look, self.o.color_by, self.standing, candidate.arrangement)
        used = marks_used(self.m.claims)
        legend = legend_dot(look, types, fills, used, legend_caption(self.m))
        return None if legend is None else str(legend.source)

    def finish(self, svg: bytes, tooltips: list[str], candidate: Layout) -> bytes:
        """Graphviz's SVG with its legend below, ready to embed (or converted to PDF)."""
        legend = self.legend_source(candidate)
        if legend is not None:
            if legend not in self.legends:
                self.legends[legend] = run_layout(
                    legend, "svg", graphviz=self.o.graphviz, timeout=self.o.timeout
                )
            svg = add_below(svg, self.legends[legend])
        svg = finish_svg(svg, self.m, tooltips, bundled=self.o.graphviz == "bundled")
        return svg_to_pdf(svg) if self.convert else svg


def _ready_to_measure() -> None:
    """What measuring a picture needs, made ready while the engines lay it out (on a second
    core, this takes the time off the wall clock): the geometry module and the font widths
    it measures text with."""
    from argmap.draw.fonts import text_width
    from argmap.draw.geometry import read_svg  # noqa: F401

    text_width("", 1.0)
    text_width("", 1.0, bold=True)


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
