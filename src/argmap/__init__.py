"""argmap: argument maps of debates — who claimed what, what supports or attacks what, and who
agrees with whom — validated against their source, analysed with networkx and drawn with Graphviz.

>>> import argmap
>>> m = argmap.load("maps/hanoi_2019.json")
>>> svg = argmap.render(m, "svg")

Importing ``argmap`` costs next to nothing: each name loads on first use, networkx and the
rendering stack only when they are used.
"""

from __future__ import annotations

from argmap.conveniences import CONVENIENCES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

    import networkx as nx

    from argmap.draw.pipeline import Rendering, render
    from argmap.errors import (
        ArgmapError,
        EngineError,
        FormatError,
        MapError,
        OutputError,
        Problem,
        UsageError,
    )
    from argmap.mapfile import dump, dumps, load, loads, schema
    from argmap.model import (
        CLAIM_KINDS,
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

# Where each name of the facade lives; each loads on first use (PEP 562).
_IN_ERRORS = {"ArgmapError", "EngineError", "FormatError", "MapError", "OutputError"}
_IN_ERRORS |= {"Problem", "UsageError"}
_IN_MAPFILE = {"dump", "dumps", "load", "loads", "schema", "to_dict"}
_IN_MODEL = {"CLAIM_KINDS", "RELATIONS", "RELATION_TYPES", "ArgumentMap", "Claim", "Outcome"}
_IN_MODEL |= {"ContextItem", "Relation", "Source", "Speaker"}


def __getattr__(name: str) -> Any:
    # So that importing argmap, which every import of one of its modules does first
    # (``argmap --help`` imports argmap.cli), costs next to nothing.
    if name in _IN_ERRORS:
        from argmap import errors

        value = getattr(errors, name)
    elif name in _IN_MAPFILE:
        from argmap import mapfile

        value = getattr(mapfile, name)
    elif name in _IN_MODEL:
        from argmap import model

        value = getattr(model, name)
    elif name in ("render", "Rendering"):
        from argmap.draw import pipeline

        value = getattr(pipeline, name)
    elif name.isidentifier() and not name.startswith("_"):
        # A module (argmap.mapfile, ...), which importing argmap once brought along.
        from importlib import import_module

        try:
            return import_module(f"argmap.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"argmap.{name}":
                raise
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    else:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


# The model's conveniences (m.to_networkx(), m.to_dict(), a map showing itself in Jupyter)
# call upward through these, so that the model imports nothing above it (ARCHITECTURE.md).
# Every import of an argmap module runs this file first, so they are always installed.


def _to_networkx(argument_map: ArgumentMap) -> nx.MultiDiGraph:
    from argmap.graph import to_networkx

    return to_networkx(argument_map)


def _svg(argument_map: ArgumentMap) -> str:
    from argmap.draw.pipeline import render

    return render(argument_map, "svg").text


def _to_dict(argument_map: ArgumentMap) -> dict[str, Any]:
    from argmap.mapfile import to_dict

    return to_dict(argument_map)


def _check(argument_map: ArgumentMap) -> None:
    # A map built by hand gets the checks a file gets (MapError listing every problem),
    # so that rendering, reports and exports never meet a dangling id.
    from argmap.errors import MapError, Problem
    from argmap.frozen import DATA_DEPTH, FrozenData
    from argmap.mapfile import to_dict, validate_object
    from argmap.mapfile.source import quotable, records
    from argmap.mapfile.syntax import not_json, not_span

    m = argument_map
    listed = records(m, "speakers", "claims", "relations")
    data = [("data", m.data), *((f"{p}.data", r.data) for p, r in listed if hasattr(r, "data"))]
    deep = [  # data the model could not freeze: nested too deeply to write or walk
        Problem(path, f"is nested too deeply (more than {DATA_DEPTH} levels)")
        for path, value in data
        if not isinstance(value, FrozenData)
    ]
    if deep:
        raise MapError(deep)
    try:
        document = to_dict(argument_map)
    except (AttributeError, TypeError) as error:
        raise MapError([Problem("", f"is not a well-formed map: {error}")]) from None
    problem = not_json(document)  # a file cannot hold these; the reader never meets them
    if problem is not None:
        raise MapError([problem])
    validate_object(document)
    # Quote offsets are not in the document (the reader finds them in the source text), but
    # the pictures order claims by them.
    placed = list(quotable(argument_map))
    spans = [not_span(item.quote_span, f"{path}.quote_span") for path, item in placed]
    problems = [problem for problem in spans if problem is not None]
    if problems:
        raise MapError(problems, None, {path: item.id for path, item in placed if item.id})


CONVENIENCES.update(to_networkx=_to_networkx, to_dict=_to_dict, svg=_svg, check=_check)
