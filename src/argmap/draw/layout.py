"""Choosing a layout that finishes: by map size, measured on the bundled engine.

Graphviz's ``dot`` draws the clearest argument maps (claims flow in ranks inside one box per
speaker) but its time grows steeply with clusters and crossing relations; ``sfdp`` scales
further; beyond that argmap places the claims itself — one block per speaker, claims in a
grid inside it — and Graphviz only draws (``neato -n2``), which is linear in the map's size.

>>> choose_layout(40).engine, choose_layout(1_000).engine, choose_layout(50_000).engine
('dot', 'sfdp', 'neato')
>>> choose_layout(50_000, "dot").engine      # the user's choice wins
'dot'

Measured with ``python benchmarks/layout.py`` on a 2-core machine (bundled engine, synthetic
maps with 10 speakers and two relations per claim): ``dot`` 0.75 s at 100 claims, 7.4 s at
150, 31 s at 200 and over 120 s at 300; ``sfdp`` with the overlap removal used here 0.9 s at
200, 14 s at 1,000 and 70 s at 2,000; the block layout 0.24 s at 1,000 and 2.7 s at 10,000
claims. Real debates have fewer relations across speakers than these maps, so ``dot``, the
clearest, is kept up to :data:`DOT_MAX_CLAIMS`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["DOT_MAX_CLAIMS", "SFDP_MAX_CLAIMS", "Layout", "block_positions", "choose_layout"]

#: Up to this many claims the automatic choice is ``dot``.
DOT_MAX_CLAIMS: Final = 150
#: Up to this many claims the automatic choice is ``sfdp``; above it, the block layout.
SFDP_MAX_CLAIMS: Final = 1_000
# Block layout geometry, in points.
_CELL_WIDTH: Final = 230
_CELL_HEIGHT: Final = 90
_BLOCK_GAP: Final = 160


@dataclass(frozen=True)
class Layout:
    """How to lay a map out: the Graphviz engine, extra graph attributes and command-line
    arguments, whether argmap places the nodes itself, and why this layout was chosen."""

    engine: str
    reason: str
    graph_attributes: Mapping[str, str] = field(default_factory=dict)
    arguments: tuple[str, ...] = ()
    positioned: bool = False


def choose_layout(claims: int, requested: str = "auto") -> Layout:
    """The layout for a map with ``claims`` claims; ``requested`` is an engine name or
    ``"auto"`` (the default) for the choice by size."""
    if requested not in ("auto", "blocks"):
        return Layout(requested, f"{requested} as requested")
    if requested == "auto" and claims <= DOT_MAX_CLAIMS:
        return Layout("dot", f"dot: {claims} claims (at most {DOT_MAX_CLAIMS})")
    if requested == "auto" and claims <= SFDP_MAX_CLAIMS:
        return Layout(
            "sfdp",
            f"sfdp: {claims} claims (more than {DOT_MAX_CLAIMS}, at most {SFDP_MAX_CLAIMS})",
            {"overlap": "prism", "splines": "false", "outputorder": "edgesfirst"},
        )
    return Layout(
        "neato",
        f"blocks: {claims} claims placed by argmap, one block per speaker",
        {"splines": "false", "outputorder": "edgesfirst"},
        ("-n2",),
        positioned=True,
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
    {'s': (0, 0), 'a': (0, -90), 'b': (230, -90)}
    """
    positions: dict[str, tuple[float, float]] = {}
    blocks = [(s.id, argument_map.claims_by(s.id)) for s in argument_map.speakers]
    per_row = max(1, math.ceil(math.sqrt(len(blocks))))
    x = y = 0
    row_height = 0
    for index, (speaker, claims) in enumerate(blocks):
        if index and index % per_row == 0:
            x, y = 0, y - row_height - _BLOCK_GAP
            row_height = 0
        columns = max(1, math.ceil(math.sqrt(len(claims))))
        rows = math.ceil(len(claims) / columns)
        positions[speaker] = (x, y)
        for i, claim in enumerate(claims):
            positions[claim.id] = (
                x + (i % columns) * _CELL_WIDTH,
                y - (1 + i // columns) * _CELL_HEIGHT,
            )
        x += columns * _CELL_WIDTH + _BLOCK_GAP
        row_height = max(row_height, (rows + 1) * _CELL_HEIGHT)
    return positions
