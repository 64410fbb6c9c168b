"""Other tools' formats: detect them, import maps from them, export maps to them.

=============  =====  ======  ===================================================================
name           reads  writes  what
=============  =====  ======  ===================================================================
``argmap``     yes    yes     our own JSON (``.json`` with the key ``"argmap"``)
``aif``        yes    yes     AIF / AIFdb JSON (``.json`` with ``"nodes"`` and ``"edges"``)
``xaif``       yes    yes     xAIF / OVA3 JSON (``.json`` with the key ``"AIF"``)
``argdown``    yes    yes     Argdown (``.argdown``, ``.ad``)
``microtexts`` yes    no      the arg-microtexts corpus XML (``.xml``)
``graphml``    no     yes     GraphML for yEd, Gephi, networkx (``.graphml``)
``gexf``       no     yes     GEXF for Gephi (``.gexf``)
=============  =====  ======  ===================================================================

Each format's module (``argmap.formats.aif``, ...) has ``load(path)``/``loads(text)`` returning
the map and ``load_with_warnings``/``loads_with_warnings`` returning an :class:`Imported`
``(map, warnings)`` pair, and/or ``dump(map, path)``/``dumps(map)``. Importers never print:
what they had to skip or guess comes back as warnings. Anything they cannot read raises
:class:`~argmap.MapError` naming the place (JSON path, line or XML element). Every imported
map goes through the real map loader, so it is as valid as a map read from our own JSON.

>>> detect("debate.argdown"), detect("corpus/micro_b001.xml"), output_format("map.gexf")
('argdown', 'microtexts', 'gexf')
>>> imported = read("maps/hanoi_2019.json")                   # doctest: +SKIP
>>> write(imported.map, "hanoi.aif.json")                     # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from argmap.errors import MapError, UsageError
from argmap.formats.common import IdMaker, Imported, build, clean_text, read_source
from argmap.mapfile import DEFAULT_MAX_BYTES, load, load_quick, to_dict, validate
from argmap.mapfile.parse import parse as parse_json
from argmap.mapfile.parse import read_bytes
from argmap.model import ArgumentMap

__all__ = [
    "FORMATS",
    "Format",
    "IdMaker",
    "Imported",
    "build",
    "clean_text",
    "detect",
    "export",
    "json_format",
    "output_format",
    "read",
    "read_source",
    "read_with_warnings",
    "write",
]


@dataclass(frozen=True)
class Format:
    """One format: its module and the names of the functions that read and write it."""

    name: str
    module: str
    suffixes: tuple[str, ...]
    reader: str | None
    writer: str | None
    description: str


FORMATS: Final[dict[str, Format]] = {
    f.name: f
    for f in (
        Format("argmap", "argmap.mapfile", (".json",), "loads", "dumps", "argmap JSON"),
        Format("aif", "argmap.formats.aif", (".aif.json",), "loads_with_warnings", "dumps", "AIF"),
        Format(
            "xaif",
            "argmap.formats.aif",
            (".xaif.json",),
            "loads_with_warnings",
            "dumps_xaif",
            "xAIF / OVA3",
        ),
        Format(
            "argdown",
            "argmap.formats.argdown",
            (".argdown", ".ad"),
            "loads_with_warnings",
            "dumps",
            "Argdown",
        ),
        Format(
            "microtexts",
            "argmap.formats.microtexts",
            (".xml",),
            "loads_with_warnings",
            None,
            "arg-microtexts XML",
        ),
        Format("graphml", "argmap.formats.graphml", (".graphml",), None, "dumps", "GraphML"),
        Format("gexf", "argmap.formats.graphml", (".gexf",), None, "dumps_gexf", "GEXF"),
    )
}


def _by_suffix(path: str | os.PathLike[str]) -> str | None:
    name = Path(path).name.lower()
    matches = [(s, f.name) for f in FORMATS.values() for s in f.suffixes if name.endswith(s)]
    return max(matches, key=lambda m: len(m[0]))[1] if matches else None  # .aif.json: AIF


def detect(
    path: str | os.PathLike[str],
    text: str | bytes | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    """The name of the format of an input file, from its suffix and, for JSON, its content.

    JSON with the key ``"AIF"`` is xAIF, with ``"nodes"`` and ``"edges"`` AIF, anything else
    our own format (whose loader then says what is wrong with it, also when the file is
    larger than ``max_bytes``).

    >>> detect("x.json", '{"nodes": [], "edges": []}'), detect("x.json", '{"AIF": {}}')
    ('aif', 'xaif')
    """
    name = _suffix_format(path)
    if name != "argmap":
        return name
    if text is None:
        try:
            with open(path, "rb") as stream:
                if os.fstat(stream.fileno()).st_size > max_bytes:
                    return name  # the loader refuses it without reading it
                text = stream.read(max_bytes + 1)
        except OSError:
            return name  # the loader reports the file problem
        if len(text) > max_bytes:
            return name
    try:
        return json_format(json.loads(text))
    except (ValueError, RecursionError):
        return name


def json_format(value: Any) -> str:
    """The format of a parsed JSON document: ``xaif``, ``aif`` or (anything else) ``argmap``.

    >>> json_format({"nodes": [], "edges": []}), json_format({"argmap": "1"})
    ('aif', 'argmap')
    """
    if isinstance(value, dict) and "argmap" not in value:
        if isinstance(value.get("AIF"), dict):
            return "xaif"
        if "nodes" in value and "edges" in value:
            return "aif"
    return "argmap"


def _suffix_format(path: str | os.PathLike[str]) -> str:
    name = _by_suffix(path)
    if name is None:
        raise UsageError(
            "cannot tell the format from the file name; give it (--from)", os.fspath(path)
        )
    return name


def output_format(path: str | os.PathLike[str]) -> str:
    """The name of the format to write to ``path``, from its suffix (``.aif.json`` is AIF)."""
    name = _by_suffix(path)
    if name is None or FORMATS[name].writer is None:
        raise UsageError(
            "cannot tell the output format from the file name; give it (--to)", os.fspath(path)
        )
    return name


def _function(fmt: str, which: str) -> Callable[..., Any]:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    info = FORMATS[fmt]
    name = info.reader if which == "reader" else info.writer
    if name is None:
        verb = "read" if which == "reader" else "written"
        raise UsageError(f"{info.description} can only be {_other(verb)}, not {verb}")
    function: Callable[..., Any] = getattr(importlib.import_module(info.module), name)
    return function


def _other(verb: str) -> str:
    return "written" if verb == "read" else "read"


def read(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    source_text: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap:
    """Import a map from a file in any readable format (detected unless ``fmt`` is given).

    Our own JSON is read as :func:`argmap.load` reads it (quotes checked against the source
    text it names). With ``source_text``, the quotes of an imported map are checked against it
    too. What an importer had to skip or guess is dropped: :func:`read_with_warnings` returns
    it. (Before 0.2 this returned the :class:`Imported` pair that ``read_with_warnings``
    returns now.)
    """
    return read_with_warnings(path, fmt, source_text=source_text, max_bytes=max_bytes).map


def read_with_warnings(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    source_text: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Imported:
    """:func:`read`, and what the importer had to skip or guess: an :class:`Imported` pair
    ``(map, warnings)``, one line per warning (none for our own format)."""
    file = os.fspath(path)
    if fmt is None and _suffix_format(file) == "argmap":
        return _read_json(file, source_text, max_bytes)
    if fmt == "argmap":
        return Imported(load(file, source_text=source_text, max_bytes=max_bytes), [])
    parse = _function(fmt or _suffix_format(file), "reader")
    imported: Imported = parse(read_source(file, max_bytes), title=Path(file).stem, file=file)
    return _checked_against(imported, file, source_text)


def _read_json(file: str, source_text: str | None, max_bytes: int) -> Imported:
    """A ``.json`` file read and parsed once; its format is told from the parsed content."""
    content: list[str | bytes] = [read_bytes(file, max_bytes)]
    if (quick := load_quick(content, Path(file).parent, source_text)) is not None:
        return Imported(quick, [])  # our own format, plainly valid: see mapfile.load_quick
    try:
        document = parse_json(content)
    except MapError as error:
        raise error.with_file(file) from None
    fmt = json_format(document.value)
    if fmt == "argmap":
        base = Path(file).parent
        return Imported(validate(document, base=base, source_text=source_text, file=file), [])
    if document.has_constants:
        # NaN or Infinity: rare, hostile files; the importer's own parser words the problem.
        parse = _function(fmt, "reader")
        imported: Imported = parse(read_source(file, max_bytes), title=Path(file).stem, file=file)
    else:
        from argmap.formats.aif import from_document

        imported = from_document(document.value, title=Path(file).stem, file=file)
    return _checked_against(imported, file, source_text)


def _checked_against(imported: Imported, file: str, source_text: str | None) -> Imported:
    """The imported map with its quotes checked against ``source_text`` (when given)."""
    if source_text is None:
        return imported
    return Imported(build(to_dict(imported.map), file, source_text), imported.warnings)


def export(argument_map: ArgumentMap, fmt: str) -> str:
    """The map as the text of a file in format ``fmt``.

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [], "claims": []}')
    >>> export(m, "aif").startswith('{')
    True
    """
    dumps = _function(fmt, "writer")
    text: str = dumps(argument_map)
    return text


def write(argument_map: ArgumentMap, path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Export a map to a file atomically, in ``fmt`` or the format its suffix names."""
    from argmap.files import write_atomic

    write_atomic(path, export(argument_map, fmt or output_format(path)).encode("utf-8"))
