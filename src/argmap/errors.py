"""Every error argmap raises, under one root: :class:`ArgmapError`.

=====================  ==========================================================  =========
class                  what went wrong                                             CLI exit
=====================  ==========================================================  =========
:class:`MapError`      a map (or a file in another format) cannot be read           1
:class:`FormatError`   a file in another tool's format cannot be imported          1
:class:`UsageError`    the caller asked for something impossible or unknown        2
:class:`EngineError`   the Graphviz executable is missing, failed or timed out      1
:class:`OutputError`   an output cannot or must not be written                     1
=====================  ==========================================================  =========

One more lives with the analysis that raises it: :class:`argmap.analysis.standing.
ExtensionLimitError` (a ``ValueError``), when a map has too many undecided claims for its
preferred or stable extensions to be listed.

The command line maps each class to its exit code in one place (``argmap.cli.EXIT_CODES``).
The classes also keep the standard bases they had before they shared a root (``MapError``
and ``UsageError`` are ``ValueError``, ``EngineError`` a ``RuntimeError``, ``OutputError``
an ``OSError``), so older ``except`` clauses still catch them.

>>> error = MapError([Problem("claims[0].speaker", "missing")], "m.json")
>>> isinstance(error, ArgmapError), error.lines()
(True, ['m.json: claims[0].speaker: missing'])
>>> str(UsageError("cannot tell the format from the file name", "m.txt"))
'm.txt: cannot tell the format from the file name'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final, NamedTuple

__all__ = [
    "ArgmapError",
    "EngineError",
    "FormatError",
    "MapError",
    "OutputError",
    "Problem",
    "UsageError",
]


class ArgmapError(Exception):
    """The root of every error argmap raises on purpose."""


class Problem(NamedTuple):
    """One thing wrong with a map: where (a JSON path such as ``claims[3].speaker``) and what.

    The path is empty for problems with the file as a whole.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


#: The list item a problem's path starts with, such as ``claims[3]``.
ITEM_PATH: Final = re.compile(r"(?:speakers|claims|relations|context)\[\d+\]")


class MapError(ArgmapError, ValueError):
    """A map that cannot be read. ``problems`` lists everything found wrong, in file order.

    ``labels`` names list items by their ids where the map gives them (``{"claims[3]":
    "asmolov.pause"}``), so that a message says which claim, not only where it stands:

    >>> MapError([Problem("claims[3].speaker", "missing")], "m.json",
    ...          {"claims[3]": "asmolov.pause"}).lines()
    ['m.json: claims[3] (asmolov.pause).speaker: missing']
    """

    def __init__(
        self,
        problems: list[Problem] | tuple[Problem, ...],
        file: str | None = None,
        labels: Mapping[str, str] | None = None,
    ):
        self.problems = tuple(problems)
        self.file = file
        self.labels: Mapping[str, str] = labels or {}
        super().__init__(self.describe())

    def lines(self) -> list[str]:
        """One line per problem, each as ``FILE: PATH: message`` (the file when known)."""
        prefix = f"{self.file}: " if self.file else ""
        return [f"{prefix}{self.labelled(problem)}" for problem in self.problems]

    def labelled(self, problem: Problem) -> Problem:
        item = ITEM_PATH.match(problem.path)
        label = self.labels.get(item.group()) if item else None
        if item is None or label is None:
            return problem
        return Problem(f"{item.group()} ({label}){problem.path[item.end() :]}", problem.message)

    def describe(self) -> str:
        """The message: the one line, or a count and one line per problem."""
        lines = self.lines()
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} problems:\n" + "\n".join(lines)

    def with_file(self, file: str | None) -> MapError:
        """The same error (same class) naming ``file``."""
        return _rebuilt(type(self), self.problems, file, self.labels)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled whole (a worker process hands it to its parent), not as its message.
        return _rebuilt, (type(self), self.problems, self.file, dict(self.labels))


def _rebuilt(
    kind: type[MapError],
    problems: tuple[Problem, ...],
    file: str | None,
    labels: Mapping[str, str],
) -> MapError:
    """A :class:`MapError` of class ``kind`` (a subclass may take other arguments): for
    :meth:`MapError.with_file`, and as :meth:`MapError.__reduce__` pickled it."""
    error = MapError.__new__(kind)
    MapError.__init__(error, problems, file, labels)
    return error


class FormatError(MapError):
    """A file in another tool's format (AIF, Argdown, ...) that cannot be imported; the
    problems name the place (JSON path, line or XML element)."""


class UsageError(MapError):
    """The caller asked for something impossible or unknown: a format that cannot be told
    from a file name, an id the map does not have, an option that does not fit the others.

    A subclass of :class:`MapError` only so that code that caught these as ``MapError`` before
    they had their own class still works; that is deprecated: catch ``UsageError``.
    """

    def __init__(self, message: str | list[Problem] | tuple[Problem, ...], file: str | None = None):
        problems = [Problem("", message)] if isinstance(message, str) else message
        super().__init__(problems, file)


class EngineError(ArgmapError, RuntimeError):
    """The Graphviz executable is missing, failed, or took too long. The message says how to
    fix it; ``reason`` is ``"missing"``, ``"failed"`` or ``"timeout"``."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (str(self), self.reason)


class OutputError(ArgmapError, OSError):
    """An output that cannot or must not be written; the message says why."""
