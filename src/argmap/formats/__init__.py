"""Other tools' formats: detect them, import maps from them, export maps to them.

=============  =====  ======  ===================================================================
name           reads  writes  what
=============  =====  ======  ===================================================================
``argmap``     yes    yes     our own JSON (``.json`` with the key ``"argmap"``)
``aif``        yes    yes     AIF / AIFdb JSON (``.json`` with ``"nodes"`` and ``"edges"``)
``xaif``       yes    yes     xAIF / OVA3 JSON (``.json`` with the key ``"AIF"``)
``argdown``    yes    yes     Argdown (``.argdown``, ``.ad``)
``sadface``    yes    yes     SADFace JSON (``metadata.core``, atom and scheme nodes)
``kialo``      yes    no      Kialo discussion exports (text: ``Discussion Title:``, ``1.1. Pro:``)
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

Which format a file is comes from its content (:mod:`argmap.formats.sniff`), and for Argdown
from its name: a document that shows no format is refused naming the formats tried, and a
format given by the caller that the content clearly contradicts is refused too.

>>> detect("debate.argdown"), detect("corpus/micro_b001.xml"), output_format("map.gexf")
('argdown', 'microtexts', 'gexf')
>>> m = read("maps/hanoi_2019.json")                          # doctest: +SKIP
>>> write(m, "hanoi.aif.json")                                # doctest: +SKIP
>>> m, warnings = read_with_warnings("debate.argdown")        # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, MapError, Problem, UsageError
from argmap.formats.common import IdMaker, Imported, build, clean_text, read_source
from argmap.formats.sniff import CONTENT_FORMATS, sniff, sniff_json
from argmap.mapfile import DEFAULT_MAX_BYTES, load_quick, to_dict, validate
from argmap.mapfile.parse import parse as parse_json
from argmap.mapfile.parse import read_bytes
from argmap.mapfile.source import read_source_text
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
    "left_out",
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
    #: The function naming what of a map the format cannot hold (when there can be any), or
    #: holds only in argmap's extension.
    left_out: str | None = None


FORMATS: Final[dict[str, Format]] = {
    f.name: f
    for f in (
        Format("argmap", "argmap.mapfile", (".json",), "loads", "dumps", "argmap JSON"),
        Format(
            "aif",
            "argmap.formats.aif",
            (".aif.json",),
            "loads_with_warnings",
            "dumps",
            "AIF",
            left_out="aif_left_out",
        ),
        Format(
            "xaif",
            "argmap.formats.aif",
            (".xaif.json",),
            "loads_with_warnings",
            "dumps_xaif",
            "xAIF / OVA3",
            left_out="aif_left_out",
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
            "sadface",
            "argmap.formats.sadface",
            (".sadface.json",),
            "loads_with_warnings",
            "dumps",
            "SADFace",
        ),
        Format("kialo", "argmap.formats.kialo", (), "loads_with_warnings", None, "Kialo export"),
        Format(
            "microtexts",
            "argmap.formats.microtexts",
            (".xml",),
            "loads_with_warnings",
            None,
            "arg-microtexts XML",
        ),
        Format("graphml", "argmap.formats.graphml", (".graphml",), None, "dumps", "GraphML"),
        Format(
            "gexf",
            "argmap.formats.graphml",
            (".gexf",),
            None,
            "dumps_gexf",
            "GEXF",
            left_out="gexf_left_out",
        ),
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
    """The name of the format of an input file, from its content and (Argdown, microtexts)
    its name; :class:`~argmap.FormatError` naming the formats tried when it shows none.

    A ``.json`` file that is no JSON object, or too large to look at, is ours: the loader
    then says what is wrong with it.

    >>> detect("x.json", '{"nodes": [], "edges": []}'), detect("x.json", '{"AIF": {}}')
    ('aif', 'xaif')
    >>> detect("debate.txt", "Discussion Title: Cars\\n\\n1. Ban them.")
    'kialo'
    """
    named = _by_suffix(path)
    if named in _NAMED:
        return named
    if text is None:
        try:
            with open(path, "rb") as stream:
                if os.fstat(stream.fileno()).st_size > max_bytes:
                    return named or "argmap"  # the reader refuses it without reading it
                text = stream.read(max_bytes + 1)
        except OSError:
            if named is not None:
                return named  # the reader reports the file problem
            read_source(path, max_bytes)  # names the problem: no such file, a folder, ...
            raise
        if len(text) > max_bytes:
            return named or "argmap"
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return named or "argmap"  # the reader names the bad byte
    found = sniff(text)
    if found is not None:
        return found
    if named in ("aif", "xaif", "sadface"):
        return named  # named so: its reader says what is wrong
    if named == "argmap" and not _is_json_object(text):
        return named  # our loader names what is wrong (the syntax, not an object)
    raise _unknown(os.fspath(path))


#: Formats known by the file's name (their content has no sure sign, or a reader that
#: explains what is wrong better than "cannot tell").
_NAMED: Final = ("argdown", "microtexts")


def _unknown(file: str) -> FormatError:
    """A file that shows no format it could be read as: it cannot be imported."""
    message = (
        f"cannot tell the format: the content is none of {', '.join(CONTENT_FORMATS)}, "
        "and the file name is no .argdown, .ad or .xml; give the format (--from)"
    )
    return FormatError([Problem("", message)], file)


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def json_format(value: Any) -> str:
    """The format of a parsed JSON document: ``xaif``, ``sadface``, ``aif`` or (anything
    else) ``argmap``.

    >>> json_format({"nodes": [], "edges": []}), json_format({"argmap": "1"})
    ('aif', 'argmap')
    """
    return sniff_json(value) or "argmap"


def _contradicted(fmt: str, found: str | None, file: str, given: bool) -> None:
    """Refuse to read as ``fmt`` a file whose content clearly is format ``found``: a usage
    error when the caller ``given`` the format, else (the file's name said it) a format
    error."""
    same = {fmt} | ({"aif", "xaif"} if fmt in ("aif", "xaif") else set())
    if found is not None and found not in same:
        message = (
            f"is {FORMATS[found].description}, not {FORMATS[fmt].description} "
            f"(read it without --from, or with --from {found})"
        )
        if given:
            raise UsageError(message, file)
        raise FormatError([Problem("", message)], file)


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
    if which == "document reader":  # the JSON importers, from a parsed document
        name = "from_document" if info.reader else None
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
    it. (Earlier versions of argmap 0.1 returned the :class:`Imported` pair that
    ``read_with_warnings`` returns now.)
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
    named = _by_suffix(file)
    if fmt is not None:
        _function(fmt, "reader")  # an unknown or write-only format is a usage error first
    if (fmt is None and named == "argmap") or fmt == "argmap":
        return _read_json(file, fmt, source_text, max_bytes)
    text = read_source(file, max_bytes)
    found = sniff(text)
    given = fmt is not None
    if fmt is None:
        fmt = named if named in _NAMED else found or named
        if fmt is None:
            raise _unknown(file)
    _contradicted(fmt, found, file, given)  # --from aif on SADFace, Kialo named .argdown
    if fmt == "argmap":  # our own JSON under another name, or from a pipe: read once already
        return _read_json(file, "argmap" if given else None, source_text, max_bytes, text)
    parse = _function(fmt, "reader")
    imported: Imported = parse(text, title=Path(file).stem, file=file)
    return _checked_against(imported, file, source_text, max_bytes)


def _read_json(
    file: str,
    fmt: str | None,
    source_text: str | None,
    max_bytes: int,
    text: str | None = None,
) -> Imported:
    """A JSON file read (unless its ``text`` is read already) and parsed once; its format is
    told from the parsed content (``fmt``, when given, must not be contradicted by it)."""
    content: list[str | bytes] = [read_bytes(file, max_bytes) if text is None else text]
    quick = load_quick(content, Path(file).parent, source_text, max_bytes=max_bytes)
    if quick is not None and fmt in (None, "argmap"):
        return Imported(quick, [])  # our own format, plainly valid: see mapfile.load_quick
    try:
        document = parse_json(content)
    except MapError as error:
        raise error.with_file(file) from None
    found = sniff_json(document.value)
    if fmt is not None:
        _contradicted(fmt, found, file, True)
    elif found is None and isinstance(document.value, dict):
        raise _unknown(file)
    fmt = found or "argmap"
    if fmt == "argmap":
        base = Path(file).parent
        checked = validate(
            document, base=base, source_text=source_text, file=file, max_bytes=max_bytes
        )
        return Imported(checked, [])
    if document.has_constants:
        # NaN or Infinity: rare, hostile files; the importer's own parser words the problem.
        parse = _function(fmt, "reader")
        imported: Imported = parse(read_source(file, max_bytes), title=Path(file).stem, file=file)
    else:
        from_document = _function(fmt, "document reader")
        imported = from_document(document.value, title=Path(file).stem, file=file)
    return _checked_against(imported, file, source_text, max_bytes)


def _checked_against(
    imported: Imported, file: str, source_text: str | None, max_bytes: int
) -> Imported:
    """The imported map with its quotes checked against ``source_text``, or else against the
    source text the map names (an export's ``source.text``, read as the loader reads it:
    inside the file's folder); a named text that cannot be read is a warning, not an error
    (the file is still readable without it), and its quotes are then not located."""
    warnings = imported.warnings
    named = imported.map.source.text if imported.map.source is not None else None
    if source_text is None and named is not None:
        try:
            source_text = read_source_text(named, folder=Path(file).parent, max_bytes=max_bytes)
        except MapError as error:
            reason = "; ".join(problem.message for problem in error.problems)
            warnings = [*warnings, f"{reason}: its quotes are not located in it"]
    if source_text is None:
        return Imported(imported.map, warnings)
    return Imported(build(to_dict(imported.map), file, source_text), warnings)


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


def left_out(argument_map: ArgumentMap, fmt: str) -> list[str]:
    """What of the map an export to ``fmt`` cannot hold (GEXF), or holds only in argmap's
    own extension and not as the format's own (AIF), each as a warning; ``[]`` for the
    formats that keep everything.

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "data": {"x": 1},'
    ...                  ' "speakers": [], "claims": []}')
    >>> left_out(m, "gexf"), left_out(m, "graphml")
    (["GEXF has no place for the map's data: left out (GraphML keeps it)"], [])
    """
    _function(fmt, "writer")  # an unknown or read-only format is refused as for export
    name = FORMATS[fmt].left_out
    if name is None:
        return []
    warnings: list[str] = getattr(importlib.import_module(FORMATS[fmt].module), name)(argument_map)
    return warnings


def write(argument_map: ArgumentMap, path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Export a map to a file atomically, in ``fmt`` or the format its suffix names."""
    from argmap.files import write_atomic

    write_atomic(path, export(argument_map, fmt or output_format(path)).encode("utf-8"))
