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
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, NamedTuple

from argmap.errors import MapError, Problem, UsageError
from argmap.mapfile import DEFAULT_MAX_BYTES, ID_PATTERN, REFUSED_CHARACTERS
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


class Imported(NamedTuple):
    """What an importer returns: the map and what it had to skip or guess, one line each."""

    map: ArgumentMap
    warnings: list[str]


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
    name = _by_suffix(path)
    if name is None:
        raise UsageError(
            "cannot tell the format from the file name; give it (--from)", os.fspath(path)
        )
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
        document = json.loads(text)
    except (ValueError, RecursionError):
        return name
    if isinstance(document, dict) and "argmap" not in document:
        if isinstance(document.get("AIF"), dict):
            return "xaif"
        if "nodes" in document and "edges" in document:
            return "aif"
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
    fmt = fmt or detect(path, max_bytes=max_bytes)
    if fmt == "argmap":
        from argmap.mapfile import load

        return Imported(load(path, source_text=source_text, max_bytes=max_bytes), [])
    parse = _function(fmt, "reader")
    text = read_source(path, max_bytes)
    imported: Imported = parse(text, title=Path(file).stem, file=file)
    if source_text is None:
        return imported
    return Imported(build(imported.map.to_dict(), file, source_text), imported.warnings)


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


# --- helpers for the importers ------------------------------------------------------------

_NOT_ID: Final = re.compile(r"[^A-Za-z0-9_.\-]+")


def read_source(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of an input file (UTF-8, BOM dropped); :class:`MapError` naming it otherwise."""
    from argmap.mapfile import _decode  # the loader's own checks and messages

    file = os.fspath(path)
    try:
        with open(file, "rb") as stream:
            # A file known to be too large is refused unread; others are read to the limit.
            too_large = os.fstat(stream.fileno()).st_size > max_bytes
            data = b"" if too_large else stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise MapError([Problem("", "is a folder, expected a file")], file) from None
    except FileNotFoundError:
        raise MapError([Problem("", "no such file")], file) from None
    except OSError as error:
        raise MapError([Problem("", f"cannot be read: {error.strerror}")], file) from None
    if too_large or len(data) > max_bytes:
        raise MapError(
            [Problem("", f"is larger than the limit of {max_bytes:,} bytes (--max-bytes)")], file
        )
    try:
        return _decode(data)
    except MapError as error:
        raise MapError(error.problems, file) from None


def clean_text(text: str) -> str:
    """Text with the characters no output format can hold replaced by spaces, ends stripped.

    >>> clean_text(" a\\x00b\\n")
    'a b'
    """
    return REFUSED_CHARACTERS.sub(" ", text).strip()


class IdMaker:
    """Makes valid ids, unique across everything in one map, from foreign ids and titles.

    A foreign id that is already valid and starts with a letter is kept; any other gets a
    prefix (``123`` becomes ``n123``). :meth:`slug` makes an id from a title.

    >>> ids = IdMaker()
    >>> ids.foreign(123, "n"), ids.foreign("I1", "n"), ids.foreign("I1", "n")
    ('n123', 'I1', 'I1-2')
    >>> ids.slug("Ivan Timofeev", "speaker"), ids.slug("¿?", "speaker")
    ('ivan-timofeev', 'speaker')
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def unique(self, candidate: str) -> str:
        """``candidate`` (a valid id), or it with ``-2``, ``-3``, ... when it is taken."""
        result, number = candidate, 1
        while result in self.taken:
            number += 1
            result = f"{candidate[:190]}-{number}"
        self.taken.add(result)
        return result

    def foreign(self, raw: object, prefix: str) -> str:
        text = str(raw)
        if ID_PATTERN.fullmatch(text) and text[0].isalpha():
            return self.unique(text)
        return self.unique(prefix + _NOT_ID.sub("_", text)[:190])

    def title(self, title: str, fallback: str) -> str:
        """``title`` itself when it is a valid id starting with a letter, else its slug."""
        if ID_PATTERN.fullmatch(title) and title[0].isalpha():
            return self.unique(title)
        return self.slug(title, fallback)

    def slug(self, title: str, fallback: str) -> str:
        slug = _NOT_ID.sub("-", title.lower()).strip("-._")[:80].strip("-._")
        return self.unique(slug or fallback)


def build(
    document: dict[str, Any], file: str | None, source_text: str | None = None
) -> ArgumentMap:
    """The map of a JSON object in our format, through the real loader (all checks run).

    >>> build({"argmap": "1", "title": "T", "speakers": [], "claims": []}, None).title
    'T'
    """
    from argmap.mapfile import loads

    try:
        text = json.dumps(document, ensure_ascii=False)
    except RecursionError:  # data nested as deeply as the importer's parser allowed
        raise MapError([Problem("", "is nested too deeply to be a map")], file) from None
    return loads(text, file=file, source_text=source_text)
