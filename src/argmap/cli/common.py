"""What every command shares: the error handling that gives each error its exit code, the
reading and writing options, reading a map and writing an output."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import click

from argmap.cli import choices
from argmap.cli.choices import LazyChoice
from argmap.errors import ArgmapError, MapError, OutputError, Problem, UsageError
from argmap.mapfile import DEFAULT_MAX_BYTES
from argmap.model import ArgumentMap

__all__ = [
    "EXIT_CODES",
    "Commands",
    "error_lines",
    "exit_code",
    "from_option",
    "load_map",
    "max_bytes_option",
    "print_warnings",
    "read_named_source_text",
    "read_source_text",
    "source_text_option",
    "terminal_safe",
    "write_output",
]

source_text_option = click.option(
    "--source-text",
    type=click.Path(dir_okay=False),
    help="Check quotes against this source text instead of the one the map names.",
)
from_option = click.option(
    "--from",
    "from_format",
    type=LazyChoice(choices.readable),
    help="Format of the map file (default: from its content; Argdown and microtexts by suffix).",
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
        return [terminal_safe(line) for line in error.lines()]
    return [terminal_safe(f"argmap: error: {error}")]


class Commands(click.Group):
    """The command group: turns every :class:`ArgmapError` a command raises into its message
    on standard error and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with stopped_cleanly():
                return super().invoke(ctx)
        except ArgmapError as error:
            for line in error_lines(error):
                click.echo(line, err=True)
            sys.exit(exit_code(error))
        except KeyboardInterrupt:  # Ctrl-C: the shell's convention, 128 + SIGINT
            click.echo("argmap: interrupted", err=True)
            sys.exit(130)
        except OSError as error:
            if error.errno == errno.EPIPE:  # a reader that stopped early: click's to handle
                raise
            # Anything else the system refuses: a full disk behind standard output, say.
            where = error.filename or "standard output"
            if not error.filename:  # what is left in its buffer would fail again at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            click.echo(terminal_safe(f"argmap: error: {where}: {error.strerror}"), err=True)
            sys.exit(1)


@contextlib.contextmanager
def stopped_cleanly() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``SystemExit`` (exit 128 + the signal) instead of ending the
    process at once, so that cleanup runs: temporary files are removed
    (:func:`argmap.files.write_atomic`) and a running Graphviz is killed
    (:func:`argmap.draw.engine.run_layout`). Handlers someone else installed are kept."""

    def stop(number: int, frame: object) -> None:
        raise SystemExit(128 + number)

    installed: dict[int, Any] = {}
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is None or signal.getsignal(number) is not signal.SIG_DFL:
            continue
        try:
            installed[number] = signal.signal(number, stop)
        except ValueError:  # not the main thread: leave the signals alone
            break
    try:
        yield
    finally:
        for number, previous in installed.items():
            signal.signal(number, previous)


# What a terminal would act on rather than show: C0 controls but tab and newline (escape
# sequences start with ESC), DEL and the C1 controls (CSI is U+009B), and the bidirectional
# controls that reorder what follows (U+202E shows "txt.exe" as "exe.txt").
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def terminal_safe(text: str) -> str:
    r"""``text`` with every character a terminal would act on shown as its ``\uXXXX`` escape
    (the command line's output only; the library keeps text exact).

    >>> terminal_safe("evil\u202etxt.exe \x1b[2J \x9b31m ok\tand\nmore")
    'evil\\u202etxt.exe \\u001b[2J \\u009b31m ok\tand\nmore'
    """
    return _TERMINAL_UNSAFE.sub(lambda bad: f"\\u{ord(bad.group()):04x}", text)


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
    """Read a map in any importable format (detected unless given); warnings to stderr.
    ``source_text`` is the text of ``--source-text`` (:func:`read_source_text`), read once:
    it may come from a pipe."""
    from argmap.formats import read_with_warnings

    imported = read_with_warnings(path, fmt, source_text=source_text, max_bytes=max_bytes)
    print_warnings(path, imported.warnings)
    return imported.map


def print_warnings(path: str, warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(terminal_safe(f"{path}: warning: {warning}"), err=True)


def _binary(data: bytes) -> bool:
    r"""Whether ``data`` is no text (PNG, PDF: a NUL, or bytes that are no UTF-8).

    >>> _binary(b"\x89PNG\r\n\x1a\n\0\0"), _binary("<svg>…</svg>".encode())
    (True, False)
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return b"\0" in data


class OutputPath(click.Path):
    """Where a command writes: a path, or ``-`` for standard output; not an empty string,
    which click would pass on and the command take for 'not given'."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "":
            self.fail("give a file name (or - for standard output), not an empty one", param, ctx)
        return super().convert(value, param, ctx)


def write_output(target: str, data: bytes, announce: bool = True) -> None:
    """Write ``data`` to ``target`` atomically (``-``: standard output) and print the path of
    the file written (unless not to ``announce`` it); a device or pipe (``/dev/stdout``) is
    written to and nothing printed, which could land in the output itself."""
    from argmap.files import write_atomic, writes_in_place

    if target == "-":
        if sys.stdout.isatty() and _binary(data):
            raise UsageError(
                "this format is binary and standard output is a terminal: redirect it to a "
                "file (> FILE) or give a file name (-o FILE)"
            )
        sys.stdout.flush()
        try:
            descriptor = sys.stdout.fileno()
        except io.UnsupportedOperation:  # not a file (click's test runner captures it)
            sys.stdout.buffer.write(data)
            return
        view = memoryview(data)
        while view:  # a full disk writes part and says how much; the next write fails
            view = view[os.write(descriptor, view) :]
        return
    in_place = writes_in_place(target)
    try:
        write_atomic(target, data)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(f"{target}: cannot be written: {error.strerror}") from None
    if announce and not in_place:
        click.echo(terminal_safe(target))
