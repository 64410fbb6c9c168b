"""argmap: argument maps of debates — who claimed what, what supports or attacks what, and who
agrees with whom — validated against their source, analysed with networkx and drawn with Graphviz.

>>> import argmap
>>> m = argmap.load("maps/hanoi_2019.json")
>>> svg = argmap.render(m, "svg")

Importing ``argmap`` is light: networkx and the rendering stack load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.errors import (
    ArgmapError,
    EngineError,
    FormatError,
    MapError,
    OutputError,
    Problem,
    UsageError,
)
from argmap.mapfile import dump, dumps, load, loads, schema, to_dict
from argmap.model import (
    CLAIM_KINDS,
    CONVENIENCES,
    RELATION_TYPES,
    RELATIONS,
    ArgumentMap,
    Claim,
    ContextItem,
    Outcome,
    Relation,
    Source,
    Speaker,
)

if TYPE_CHECKING:
    import networkx as nx

    from argmap.draw.pipeline import Rendering, render

__version__ = "0.1.0"

__all__ = [
    "CLAIM_KINDS",
    "RELATIONS",
    "RELATION_TYPES",
    "ArgmapError",
    "ArgumentMap",
    "Claim",
    "ContextItem",
    "EngineError",
    "FormatError",
    "MapError",
    "Outcome",
    "OutputError",
    "Problem",
    "Relation",
    "Rendering",
    "Source",
    "Speaker",
    "UsageError",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
    "render",
    "schema",
]


def __getattr__(name: str) -> Any:
    # The rendering stack (graphviz, subprocess plumbing) loads only when it is used.
    if name in ("render", "Rendering"):
        from argmap.draw import pipeline as module

        return getattr(module, name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


# The model's conveniences (m.to_networkx(), m.to_dict(), a map showing itself in Jupyter)
# call upward through these, so that the model imports nothing of ours (ARCHITECTURE.md).
# Every import of argmap.model runs this file first, so they are always installed.


def _to_networkx(argument_map: ArgumentMap) -> nx.MultiDiGraph:
    from argmap.graph import to_networkx

    return to_networkx(argument_map)


def _svg(argument_map: ArgumentMap) -> str:
    from argmap.draw.pipeline import render

    return render(argument_map, "svg").text


CONVENIENCES.update(to_networkx=_to_networkx, to_dict=to_dict, svg=_svg)
