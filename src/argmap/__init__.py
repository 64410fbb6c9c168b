"""argmap: argument maps of debates — who claimed what, what supports or attacks what, and who
agrees with whom — validated against their source, analysed with networkx and drawn with Graphviz.

>>> import argmap
>>> m = argmap.load("maps/hanoi_2019.json")
>>> svg = argmap.render(m, "svg")

Importing ``argmap`` is light: networkx and the rendering stack load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.mapfile import MapError, Problem, dump, dumps, load, loads, schema
from argmap.model import (
    CLAIM_KINDS,
    RELATION_TYPES,
    ArgumentMap,
    Claim,
    ContextItem,
    Outcome,
    Relation,
    Source,
    Speaker,
)

if TYPE_CHECKING:
    from argmap.engine import EngineError
    from argmap.rendering import Rendering, render

__version__ = "0.1.0"

__all__ = [
    "CLAIM_KINDS",
    "RELATION_TYPES",
    "ArgumentMap",
    "Claim",
    "ContextItem",
    "EngineError",
    "MapError",
    "Outcome",
    "Problem",
    "Relation",
    "Rendering",
    "Source",
    "Speaker",
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
        from argmap import rendering as module

        return getattr(module, name)
    if name == "EngineError":
        from argmap.engine import EngineError

        return EngineError
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
