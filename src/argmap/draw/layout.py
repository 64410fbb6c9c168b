"""Choosing a layout that reads and finishes, with fallbacks within a time budget.

The claims view has three arrangements (:data:`argmap.draw.arrange.LAYOUTS`) and a fourth for the
largest maps, where argmap places the claims itself (``blocks``):

- ``flow``: speakers as columns in the order they spoke, claims in the order said. On the
  Hanoi panel (44 claims, 4 speakers with claims) it is the only arrangement whose text stays
  above 8 px in a 900-px column (``benchmarks/pictures.py``).
- ``tree``: relations ranked inside one box per speaker (the layout of argmap 0.1); the best
  for maps of one speaker, such as Argdown files.
- ``components``: each group of linked claims laid out by ``dot`` on its own and packed;
  unlinked claims gathered per speaker. Real debates are forests of small trees and many
  isolated claims, which this lays out in under a second at 1,000 claims.
- ``blocks``: each speaker's claims in a grid, placed by argmap; Graphviz only draws
  (``neato -n2``), linear in the map's size: the last resort.

Up to :data:`COMPARE_MAX_CLAIMS` claims, ``auto`` chooses among flow, tree and components
the one that reads best in a report column (:func:`argmap.draw.geometry.fitted_text_px`;
fewer edges through boxes and crossings break ties; :meth:`~argmap.draw.geometry.Measures.score`),
but draws all three only when it must:

- the likely choice is drawn first: ``tree`` for a map of one speaker, ``flow`` otherwise;
- above :data:`COMPARE_ALL_MAX_CLAIMS` claims it is kept, and nothing else drawn, when it
  reads well as it is (:func:`argmap.draw.geometry.reads_well`: at most twice as high as
  wide, so that it fits a 900-px column by its width, text at least 8 px there, no
  overlapping boxes, no edge through a box);
- otherwise the other two are drawn side by side, and all three measured and compared.

On every real map of the project (``maps/``, ``tests/data``) this keeps the arrangement
the full comparison chose (``tests/test_layout_choice.py``, benchmarks/README.md): the
Hanoi panel's flow (text 8.6 px) and the two Argdown files whose tree reads well are drawn
once; the other Argdown files, whose tree is too tall or too small, are compared, and so
are maps of up to 12 claims, where a likely choice that reads well can still lose (a
2-claim AIF map reads at 25 px as flow and 48 px as components) and the three draws cost a
few milliseconds each. On another map, a likely choice that reads well may be kept where
the comparison would have found one that reads still better.

Beyond :data:`COMPARE_MAX_CLAIMS` claims, ``auto`` takes ``components``, and beyond
:data:`COMPONENTS_MAX_CLAIMS` (5,000) ``blocks``, which is linear. :func:`plan` gives the
candidates; :func:`argmap.draw.pipeline.render` runs them with shares of the time budget
(the engines of compared candidates side by side, the legend beside the first drawing),
falling back to the next kind of layout when one runs out of time.

>>> [(c.arrangement, c.compare, c.kept_if_readable) for c in plan(40, speakers=3)][:3]
[('flow', True, True), ('tree', True, False), ('components', True, False)]
>>> [c.arrangement for c in plan(40, speakers=1)][:3]     # one speaker: tree is likely
['tree', 'flow', 'components']
>>> [(c.arrangement, c.engine) for c in plan(300)]
[('components', 'dot'), ('components', 'sfdp'), ('blocks', 'neato')]
>>> [(c.arrangement, c.engine) for c in plan(300, engine="neato")]   # the user's choice wins
[('components', 'neato')]
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from argmap.errors import EngineError, UsageError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Claim

__all__ = [
    "ARRANGEMENTS",
    "COMPARED",
    "COMPARE_ALL_MAX_CLAIMS",
    "COMPARE_MAX_CLAIMS",
    "COMPARE_MAX_RELATIONS",
    "COMPONENTS_MAX_CLAIMS",
    "FORCE_ENGINES",
    "Layout",
    "block_positions",
    "choose_layout",
    "glyph_notice",
    "picture_notices",
    "plan",
    "reading_notice",
    "timed_out",
]

#: Up to this many claims ``auto`` compares flow, tree and components by measuring them;
#: above it, it takes ``components`` (a flow's columns grow taller than a page holds).
COMPARE_MAX_CLAIMS: Final = 100
#: Up to this many claims ``auto`` draws all three before choosing (each draw takes a few
#: milliseconds); above, it draws the likely choice first and keeps it when it reads well.
COMPARE_ALL_MAX_CLAIMS: Final = 12
#: Above this many claims ``auto`` draws ``blocks`` straight away. ``components`` grows faster
#: than the map: on real-shaped maps (``benchmarks/forest.py``) 2.4 s at 2,000 claims, 4.5 s at
#: 3,000, 10.5 s at 5,000, 40 s at 10,000, where blocks takes 1.3 / 1.9 / 3.4 / 3 s; on dense
#: maps dot and sfdp ran out of their shares of the 120-s budget at 10,000 claims (116 s
#: before blocks was drawn). No picture of so many claims reads in a report column anyway.
COMPONENTS_MAX_CLAIMS: Final = 5_000
#: Nor does it compare maps with more relations than this: measuring crossings grows with
#: the square of the edges that share a place, and a hostile map can pile thousands of
#: relations onto a few claims.
COMPARE_MAX_RELATIONS: Final = 300
#: The arrangements ``auto`` compares, in the order that breaks ties.
COMPARED: Final = ("flow", "tree", "components")
#: Every arrangement a user can ask for (``auto`` chooses).
ARRANGEMENTS: Final = ("auto", "flow", "components", "tree", "blocks")
#: Engines that place nodes by forces; argmap always has them remove overlaps.
FORCE_ENGINES: Final = frozenset({"neato", "fdp", "sfdp"})
#: Shares of the time budget: the first choice gets half, the fallback most of the rest; the
#: block layout, linear and fast, the remainder.
_SHARES: Final = (0.5, 0.4, 0.1)
# Block layout geometry, in points.
_CELL_WIDTH: Final = 230
_CELL_HEIGHT: Final = 90
_BLOCK_GAP: Final = 160
_FORCE_SETTINGS: Final = {"overlap": "prism", "outputorder": "edgesfirst"}


@dataclass(frozen=True)
class Layout:
    """How to lay a map out: the arrangement of the claims view, the Graphviz engine, extra
    graph attributes and command-line arguments, whether argmap places the nodes itself, why
    this layout was chosen, and the share of the time budget it may use."""

    engine: str
    reason: str
    graph_attributes: Mapping[str, str] = field(default_factory=dict)
    arguments: tuple[str, ...] = ()
    positioned: bool = False
    arrangement: str = "flow"
    share: float = 1.0
    compare: bool = False  # drawn beside the other compared candidates, the best one kept
    # The first compared candidate, kept without drawing the others when it reads well.
    kept_if_readable: bool = False


def plan(
    claims: int,
    engine: str = "auto",
    arrangement: str = "auto",
    relations: int = 0,
    speakers: int = 0,
) -> list[Layout]:
    """The layouts to try, in order, for a map with ``claims`` claims and ``relations``
    relations, made by ``speakers`` speakers (those with claims).

    ``engine`` is a Graphviz engine or ``"auto"``; ``arrangement`` one of
    :data:`ARRANGEMENTS`. Whatever the user names is used alone; ``auto`` gives a first
    choice and fallbacks.
    """
    if arrangement not in ARRANGEMENTS:
        raise UsageError(
            f"unknown layout {arrangement!r}; expected one of {', '.join(ARRANGEMENTS)}"
        )
    if engine == "blocks" or arrangement == "blocks":
        return [_blocks(claims)]
    if engine != "auto":
        chosen = arrangement if arrangement != "auto" else _by_engine(engine, claims)
        if engine == "twopi" and chosen == "tree":  # Graphviz's own words were cryptic
            raise UsageError(
                "twopi cannot draw the tree layout (its grid of claims has links of weight "
                "0, which twopi refuses); use another engine or layout"
            )
        settings = _FORCE_SETTINGS if engine in FORCE_ENGINES else {}
        return [Layout(engine, f"{engine} as requested", settings, arrangement=chosen)]
    if arrangement != "auto":
        return [Layout("dot", f"{arrangement} as requested", arrangement=arrangement)]
    blocks = _with_share(_blocks(claims), _SHARES[2])
    if claims <= COMPARE_MAX_CLAIMS and relations <= COMPARE_MAX_RELATIONS:
        share = _SHARES[0] / 3
        likely = "tree" if speakers == 1 else "flow"
        return [
            Layout(
                "dot",
                f"{name}: read best of flow, tree and components ({claims} claims)",
                arrangement=name,
                share=share,
                compare=True,
                kept_if_readable=name == likely and claims > COMPARE_ALL_MAX_CLAIMS,
            )
            for name in sorted(COMPARED, key=lambda name: name != likely)
        ] + [blocks]
    if claims > COMPONENTS_MAX_CLAIMS:
        return [
            dataclasses.replace(
                _blocks(claims),
                reason=f"blocks: {claims} claims (more than {COMPONENTS_MAX_CLAIMS:,}) placed "
                "by argmap, one block per speaker",
            )
        ]
    first = Layout(
        "dot",
        f"components: {claims} claims, {relations} relations (more than "
        f"{COMPARE_MAX_CLAIMS} or {COMPARE_MAX_RELATIONS})",
        arrangement="components",
        share=_SHARES[0],
    )
    fallback = Layout(
        "sfdp",
        "sfdp: dot ran out of time",
        {**_FORCE_SETTINGS, "splines": "false"},
        arrangement="components",
        share=_SHARES[1],
    )
    return [first, fallback, blocks]


def choose_layout(claims: int, requested: str = "auto") -> Layout:
    """The first layout :func:`plan` would try (``requested`` is an engine or ``"auto"``).

    >>> [choose_layout(n).arrangement for n in (40, 5_000, 5_001)]
    ['flow', 'components', 'blocks']
    """
    return plan(claims, requested)[0]


def _by_engine(engine: str, claims: int) -> str:
    if engine in FORCE_ENGINES:
        return "components"  # neato and sfdp ignore clusters; speakers become colours
    return "flow" if engine == "dot" and claims <= COMPARE_MAX_CLAIMS else "components"


def _with_share(layout: Layout, share: float) -> Layout:
    return dataclasses.replace(layout, share=share)


def _blocks(claims: int) -> Layout:
    return Layout(
        "neato",
        f"blocks: {claims} claims placed by argmap, one block per speaker",
        {"splines": "false", "outputorder": "edgesfirst"},
        ("-n2",),
        positioned=True,
        arrangement="blocks",
    )


def block_positions(argument_map: ArgumentMap) -> dict[str, tuple[float, float]]:
    """Node positions (points) for the block layout: each speaker's claims in a grid of
    about square shape, under a header node for the speaker, blocks side by side in rows.

    Keys are claim ids and, for the headers, speaker ids.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "a", "speaker": "s", "text": "A"},
    ...              {"id": "b", "speaker": "s", "text": "B"}]}''')
    >>> block_positions(m)
    {'s': (0.0, 0.0), 'a': (0.0, -90.0), 'b': (230.0, -90.0)}
    """
    positions: dict[str, tuple[float, float]] = {}
    blocks = [(s.id, argument_map.claims_by(s.id)) for s in argument_map.speakers]
    per_row = max(1, math.ceil(math.sqrt(len(blocks))))
    x = y = 0.0
    row_height = 0.0
    for index, (speaker, claims) in enumerate(blocks):
        if index and index % per_row == 0:
            x, y = 0, y - row_height - _BLOCK_GAP
            row_height = 0
        columns = max(1, math.ceil(math.sqrt(len(claims))))
        positions[speaker] = (x, y)
        top = _CELL_HEIGHT / 2  # below the speaker's header
        for start in range(0, len(claims), columns):
            row = claims[start : start + columns]
            # A grid row is as high as its tallest box needs, so that no box overlaps another.
            step = max(_CELL_HEIGHT, *map(_box_height, row))
            for column, claim in enumerate(row):
                positions[claim.id] = (x + column * _CELL_WIDTH, y - top - step / 2)
            top += step
        x += columns * _CELL_WIDTH + _BLOCK_GAP
        row_height = max(row_height, top + _CELL_HEIGHT / 2)
    return positions


def _box_height(claim: Claim) -> float:
    """The room a claim's box needs in a block, in points: its text wrapped at about 24
    characters a line (the labels wrap at 30; fewer counts long words in), a line of 14 points,
    a kind line when it has one, margins and the gap to the next row."""
    lines = math.ceil(len(claim.text) / 24) + (claim.kind != "assessment" or bool(claim.outcome))
    return 14.0 * lines + 50


def timed_out(error: EngineError, arrangement: str) -> EngineError:
    """The engine's timeout, advising only layouts faster than the one that ran out of time.

    >>> from argmap.draw.engine import timeout_advice
    >>> error = EngineError("the dot layout did not finish within 5 s; " + timeout_advice(), "t")
    >>> print(timed_out(error, "components"))  # doctest: +NORMALIZE_WHITESPACE
    the dot layout did not finish within 5 s; raise --timeout, try a faster layout
    (--layout blocks), or draw less (--view speakers, --focus ID, --speaker ID); in Python:
    timeout=, layout=, view=, focus=, speakers=
    """
    from argmap.draw.engine import timeout_advice

    cause = str(error).removesuffix(timeout_advice())
    if arrangement == "speakers":  # the speakers view: no --layout, and it is the view
        return EngineError(cause + timeout_advice([], less=""), error.reason)
    faster = {"components": ["blocks"], "blocks": []}.get(arrangement, ["components", "blocks"])
    return EngineError(cause + timeout_advice(faster), error.reason)


def picture_notices(
    argument_map: ArgumentMap, view: str, layout: str, format: str, graphviz: str, data: bytes
) -> list[str]:
    """What to tell about a finished picture: that its text does not read
    (:func:`reading_notice`), and the characters a PNG of the bundled engine draws as boxes
    (:func:`glyph_notice`)."""
    notices = []
    if view == "claims":
        svg = data if format == "svg" else None
        notices.append(reading_notice(len(argument_map.claims), svg, layout))
    if format in ("png", "pdf") and graphviz == "bundled":
        notices.append(glyph_notice(argument_map, format))
    return [notice for notice in notices if notice]


def reading_notice(claims: int, svg: bytes | None, layout: str) -> str | None:
    """What to do with a picture of the claims view that does not read on a report page: a
    map too large to read whole, or an SVG whose claim text is below
    :data:`~argmap.draw.geometry.READABLE_PX` once it fits a column (``None``: it reads)."""
    from argmap.draw.dot import CLAIM_FONT_SIZE
    from argmap.draw.geometry import COLUMN, READABLE_PX, fitted_text_px, picture_size

    px = None
    if svg is not None:
        # geometry.text_px would read the whole picture (2.3 s at 10,000 claims); every
        # claim's statement has the same size, so the picture's size says it.
        px = fitted_text_px(CLAIM_FONT_SIZE, *picture_size(svg))
    size = "" if px is None else f" (text {px:.1f} px in a {COLUMN}-px column)"
    parts = "draw parts (--speaker ID, --focus ID)"
    if claims > COMPARE_MAX_CLAIMS:
        return (
            f"{claims} claims are too many to read on one page{size}: for an overview draw "
            f"--view speakers; for the detail open the zoomable report (argmap report) or {parts}"
        )
    if px is None or px >= READABLE_PX:
        return None
    choose = (
        "" if layout == "auto" else "let --layout auto choose the arrangement that reads best, "
    )
    return (
        f"the claims' text is {px:.1f} px once the picture fits a {COLUMN}-px column, below "
        f"the {READABLE_PX:g} px that read well: {choose}{parts}, or open the zoomable "
        "report (argmap report)"
    )


def glyph_notice(argument_map: ArgumentMap, format: str = "png") -> str | None:
    """What a PNG or PDF drawn through the bundled engine cannot show: the characters of the
    map's drawn text (title, source, speakers, claims) that Arimo, the font the engine draws
    a PNG with and cairo a PDF (argmap asks it for Arimo, or a font of its metrics), has no
    glyph for: they come out as empty boxes (``None``: it has them all). Latin, Greek,
    Cyrillic and Hebrew are drawn; Arabic, Chinese, Japanese, Korean, Indic scripts and
    emoji are not.

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", '
    ...     '"name": "Li Wei (李伟)"}], "claims": []}')
    >>> glyph_notice(m)[:54]
    '2 characters have no glyph in Arimo, the font this PNG'
    """
    from argmap.draw.fonts import undrawable

    m = argument_map
    texts = [m.title, *(c.text for c in m.claims)]
    texts += [text or "" for s in m.speakers for text in (s.name, s.role, s.affiliation)]
    if m.source is not None:
        texts += [m.source.title or "", m.source.publisher or ""]
    missing = undrawable(texts)
    if not missing:
        return None
    shown = ", ".join(f"{c!r} U+{ord(c):04X}" for c in missing[:3])
    more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
    kind = format.upper()
    return (
        f"{len(missing)} character{'s have' if len(missing) > 1 else ' has'} no glyph in "
        f"Arimo, the font this {kind} is drawn with, and {'each ' * (len(missing) > 1)}shows "
        f"as an empty box ({shown}{more}): draw SVG (any browser shows them with its fonts), "
        f"or the {kind} with --graphviz system and fonts that have them"
    )
