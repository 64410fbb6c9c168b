r"""A map's source text, read so that an untrusted map cannot reach beyond its own folder.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "talk.txt").write_bytes(b"Tea is better.\r\n")
>>> read_source_text("talk.txt", folder=folder)
'Tea is better.\n'
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
from msgspec.structs import replace

from argmap.errors import MapError, Problem
from argmap.mapfile.parse import read_up_to
from argmap.mapfile.syntax import DEFAULT_MAX_BYTES, clip
from argmap.model import ArgumentMap, Claim, ContextItem, Relation, Source
from argmap.quotes import SourceText

__all__ = [
    "QuotePlaces",
    "quotable",
    "read_source_text",
    "records",
    "relocate_source",
    "repeated_quotes",
]


def read_source_text(
    path: str | os.PathLike[str],
    *,
    folder: str | os.PathLike[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    r"""The text of a source document, as the loader matches quotes against it.

    With ``folder`` (how the loader reads a map's ``source.text``), ``path`` is untrusted: it
    must be relative, and it must name a regular file inside ``folder`` after every ``..`` and
    link is followed; absolute paths, paths that lead out (``../x``, a link to ``/etc``),
    folders, devices and FIFOs are refused, so that a map cannot make argmap read, or probe
    quote by quote, any other file. Without ``folder`` (a path the user gave, like
    ``--source-text``) any readable file is taken, a FIFO too. Either way at most
    ``max_bytes`` are read. The text is decoded as UTF-8 (a BOM dropped) with ``\r\n`` and
    ``\r`` read as ``\n``. Raises :class:`MapError` with one problem saying what is wrong.

    >>> try:
    ...     read_source_text("/etc/passwd", folder=".")
    ... except MapError as error:
    ...     print(error.problems[0].message.split(";")[0])
    the source text '/etc/passwd' is an absolute path
    """
    shown = os.fspath(path)

    def refuse(message: str) -> MapError:
        return MapError([Problem("", f"the source text {shown!r} {message}")])

    target = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if folder is not None:
        if target.is_absolute() or target.drive:
            raise refuse(
                "is an absolute path; source.text must be relative to the map's folder "
                "(or give the text with --source-text)"
            )
        home = os.path.realpath(folder)
        resolved = os.path.realpath(os.path.join(home, target))
        if os.path.commonpath([home, resolved]) != home:
            raise refuse(
                "leads outside the map's folder; source.text must name a file inside it "
                "(or give the text with --source-text)"
            )
        target = Path(resolved)
        # Opening a FIFO for reading waits for a writer; without waiting it is refused below.
        flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(target, flags)
    except FileNotFoundError:
        raise refuse("does not exist") from None
    except OSError as error:
        raise refuse(f"cannot be read: {error.strerror}") from None
    try:
        status = os.fstat(descriptor)
        if folder is not None and not stat.S_ISREG(status.st_mode):
            raise refuse("is not a regular file")
        if stat.S_ISDIR(status.st_mode):
            raise refuse("is a folder")
        # A file known to be too large is refused unread; others (pipes too) up to the limit.
        too_large = stat.S_ISREG(status.st_mode) and status.st_size > max_bytes
        data = b"" if too_large else read_up_to(descriptor, max_bytes + 1, status.st_size)
    except OSError as error:
        raise refuse(f"cannot be read: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if too_large or len(data) > max_bytes:
        raise refuse(
            f"is more than the limit of {max_bytes:,} bytes; raise the limit "
            "(--max-bytes or ARGMAP_MAX_BYTES; max_bytes= in Python) to read it"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(f"is not valid UTF-8: byte 0x{data[error.start]:02x}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def relocate_source(
    argument_map: ArgumentMap,
    map_folder: str | os.PathLike[str],
    new_folder: str | os.PathLike[str],
) -> tuple[ArgumentMap, Path | None]:
    """The map as it must be written into ``new_folder`` for its ``source.text`` to resolve,
    and the source file to copy beside it when the new folder cannot reach it.

    ``source.text`` is relative to the map's folder and must stay inside it (see
    :func:`read_source_text`), so a map written elsewhere names its source anew: by a path
    inside the new folder when the source lies there, or else by its file name, with the
    file to copy returned.

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "source": {"text": "talk.txt"},'
    ...                  ' "speakers": [], "claims": []}')
    >>> moved, copy = relocate_source(m, "maps", ".")
    >>> moved.source.text, copy
    ('maps/talk.txt', None)
    >>> moved, copy = relocate_source(m, "maps", "out")
    >>> moved.source.text, copy.name
    ('talk.txt', 'talk.txt')
    """
    source = argument_map.source
    if source is None or source.text is None:
        return argument_map, None
    original = Path(os.path.realpath(os.path.join(map_folder, source.text)))
    home = os.path.realpath(new_folder)
    copy = None
    if os.path.commonpath([home, original]) == home:
        text = Path(os.path.relpath(original, home)).as_posix()
    else:
        text, copy = original.name, original
    moved = dataclasses.replace(argument_map, source=msgspec.structs.replace(source, text=text))
    return moved, copy


def repeated_quotes(argument_map: ArgumentMap, text: str, name: str) -> list[str]:
    """A warning for each quote that occurs more than once in the source ``text`` (named
    ``name``): the map marks its first place, which may be another speaker's turn. Only
    ``argmap validate`` asks (it reads the text once per quote).

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T", "speakers": [{"id": "s",
    ...   "name": "S"}], "claims": [{"id": "c", "speaker": "s", "text": "C.",
    ...   "quote": "Stockholm"}]}''', source_text="ANN: Stockholm.\\nBOB: Stockholm!")
    >>> print(*repeated_quotes(m, "ANN: Stockholm.\\nBOB: Stockholm!", "talk.txt"))
    ... # doctest: +NORMALIZE_WHITESPACE
    claims[0] (c).quote: occurs 2 times in talk.txt; the first, at line 1, is the one marked:
    quote more words to say which
    """
    source, warnings = SourceText(text), []
    for path, item in quotable(argument_map):
        if item.quote is None or item.quote_span is None:
            continue
        times = source.count(item.quote)
        if times > 1:
            label = f" ({item.id})" if item.id else ""
            warnings.append(
                f"{path}{label}.quote: occurs {times} times in {name}; the first, at line "
                f"{source.line(item.quote_span[0])}, is the one marked: quote more words to say "
                "which"
            )
    return warnings


def quotable(argument_map: ArgumentMap) -> Iterator[tuple[str, Claim | Relation | ContextItem]]:
    """Each claim, relation and context passage (what may quote the source), with its path.

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [], "claims": []}')
    >>> list(quotable(m))
    []
    """
    return records(argument_map, "claims", "relations", "context")


def records(argument_map: ArgumentMap, *lists: str) -> Iterator[tuple[str, Any]]:
    """Each item of the map's named ``lists`` (``"claims"``, ...), with its path.

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", '
    ...     '"name": "S"}], "claims": []}')
    >>> [path for path, _ in records(m, "speakers", "claims")]
    ['speakers[0]']
    """
    for key in lists:
        for index, item in enumerate(getattr(argument_map, key)):
            yield f"{key}[{index}]", item


class QuotePlaces:
    """Mixed into :class:`~argmap.mapfile.reader.Reader`: the source text a map's quotes are
    looked for in, and where each quote stands (``quote_span``), or a problem saying it is
    not there and what comes nearest."""

    problems: list[Problem]
    path_of: dict[int, str]
    suggestions_left: int
    source_text: str | None
    base: Path | None
    max_bytes: int

    def source_document(self, source: Source | None) -> tuple[SourceText, str] | None:
        if self.source_text is not None:
            return SourceText(self.source_text), "the source text"
        if source is None or source.text is None or self.base is None:
            return None
        try:
            text = read_source_text(source.text, folder=self.base, max_bytes=self.max_bytes)
        except MapError as error:
            self.problems.extend(Problem("source.text", p.message) for p in error.problems)
            return None
        return SourceText(text), source.text

    def nearest(self, text: SourceText, quote: str) -> str:
        """Where the source comes closest to a quote it lacks, for the problem's message; as
        for ids, only the first few get one (each costs a pass over the text)."""
        self.suggestions_left -= 1
        span = text.nearest(quote) if self.suggestions_left >= 0 else None
        if span is None:
            return ""
        start, end = span
        passage = clip(" ".join(text.text[start:end].split()))
        return f"; nearest, at line {text.line(start)}: {passage!r}"

    def locate_quotes(
        self,
        source: Source | None,
        claims: list[Claim],
        relations: list[Relation],
        context: list[ContextItem],
    ) -> tuple[list[Claim], list[Relation], list[ContextItem]]:
        document = self.source_document(source)
        if document is None:
            return claims, relations, context
        text, name = document

        def located(items: list[Any], key: str) -> list[Any]:
            out = []
            for index, item in enumerate(items):
                if item.quote is None:
                    out.append(item)
                    continue
                span = text.find(item.quote)
                if span is None:
                    path = self.path_of.get(id(item), f"{key}[{index}]") + ".quote"
                    message = (
                        f"not found in {name} (spaces, quotes and dashes may differ): "
                        f"{clip(item.quote)!r}{self.nearest(text, item.quote)}"
                    )
                    self.problems.append(Problem(path, message))
                    out.append(item)
                else:
                    out.append(replace(item, quote_span=span))
            return out

        return (
            located(claims, "claims"),
            located(relations, "relations"),
            located(context, "context"),
        )
