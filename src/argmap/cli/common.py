"""What every command shares: the error handling that gives each error its exit code, the
reading and writing options, reading a map and writing an output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Final

import click

from argmap.errors import ArgmapError, MapError, OutputError, Problem, UsageError
from argmap.mapfile import DEFAULT_MAX_BYTES
from argmap.model import ArgumentMap

__all__ = [
    "EXIT_CODES",
    "Commands",
    "error_lines",
    "exit_code",
    "load_map",
    "max_bytes_option",
    "print_warnings",
    "read_named_source_text",
    "read_source_text",
    "source_text_option",
    "write_output",
]

source_text_option = click.option(
    "--source-text",
    type=click.Path(dir_okay=False),
    help="Check quotes against this source text instead of the one the map names.",
)
max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    envvar="ARGMAP_MAX_BYTES",
    help="Refuse map files larger than this (env ARGMAP_MAX_BYTES).",
)


#: The exit code of each kind of error, the first that matches (usage errors are also map
#: errors for compatibility, so they come first). Success is 0.
EXIT_CODES: Final[tuple[tuple[type[ArgmapError], int], ...]] = ((UsageError, 2), (ArgmapError, 1))


def exit_code(error: ArgmapError) -> int:
    """The exit code for ``error``.

    >>> exit_code(UsageError("cannot tell the format")), exit_code(MapError([]))
    (2, 1)
    """
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


def error_lines(error: ArgmapError) -> list[str]:
    """What the command line prints for ``error``: a map's problems as ``FILE: PATH: message``,
    anything else as ``argmap: error: message``."""
    if isinstance(error, MapError) and not isinstance(error, UsageError):
        return error.lines()
    return [f"argmap: error: {error}"]


class Commands(click.Group):
    """The command group: turns every :class:`ArgmapError` a command raises into its message
    on standard error and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ArgmapError as error:
            for line in error_lines(error):
                click.echo(line, err=True)
            sys.exit(exit_code(error))


def read_source_text(path: str | None, max_bytes: int) -> str | None:
    """The text of ``--source-text``: a path the user chose, so trusted, but size-limited."""
    from argmap.mapfile import read_source_text as read_text

    if path is None:
        return None
    try:
        return read_text(path, max_bytes=max_bytes)
    except MapError as error:
        raise error.with_file(path) from None


def read_named_source_text(argument_map: ArgumentMap, map_file: str, max_bytes: int) -> str | None:
    """The text the map's ``source.text`` names, confined to the map's folder as the loader
    reads it (:func:`argmap.mapfile.read_source_text`); ``None`` when it names none."""
    from argmap.mapfile import read_source_text as read_text

    named = argument_map.source.text if argument_map.source else None
    if named is None:
        return None
    try:
        return read_text(named, folder=Path(map_file).parent, max_bytes=max_bytes)
    except MapError as error:
        problems = [Problem("source.text", p.message) for p in error.problems]
        raise MapError(problems, map_file) from None


def load_map(
    path: str, max_bytes: int, source_text: str | None = None, fmt: str | None = None
) -> ArgumentMap:
    """Read a map in any importable format (detected unless given); warnings to stderr."""
    from argmap.formats import read_with_warnings

    text = read_source_text(source_text, max_bytes)
    imported = read_with_warnings(path, fmt, source_text=text, max_bytes=max_bytes)
    print_warnings(path, imported.warnings)
    return imported.map


def print_warnings(path: str, warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"{path}: warning: {warning}", err=True)


def write_output(target: str, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (``-``: standard output) and print the path."""
    from argmap.files import write_atomic

    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_atomic(target, data)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(f"{target}: cannot be written: {error.strerror}") from None
    click.echo(target)
