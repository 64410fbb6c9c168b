"""The ``argmap`` command: a thin shell over the library.

Exit codes: 0 success, 1 a map, input or output problem or a failed layout, 2 a usage error,
130 Ctrl-C, 143 SIGTERM (128 + the signal);
:data:`EXIT_CODES` maps each kind of :class:`~argmap.errors.ArgmapError` to its code, and
:class:`Commands` applies it to every command in one place.

The commands live in :mod:`argmap.cli.commands` (``main`` is the click group) and load from
there on first use. The console script runs :func:`run`, which answers ``argmap --help`` and
``argmap --version`` from the text click prints, shipped with the package
(:mod:`argmap.cli.helptext`), before importing click or the library: the command starts at
the cost of a bare Python. Heavy modules (networkx, graphviz) load only inside the commands
that need them, so that ``argmap validate`` starts fast too.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

    from argmap.cli.commands import EXIT_CODES, Commands, error_lines, exit_code, main

__all__ = ["EXIT_CODES", "Commands", "error_lines", "exit_code", "main", "run"]


def run() -> None:
    """The ``argmap`` command (the console script): ``--help``, ``-h``, ``--version``, ``-V``
    and no arguments from the shipped text where it is what click prints, anything else
    through click."""
    from argmap.cli.helptext import answer

    answer()  # exits when it has answered
    from argmap.cli.commands import main

    main()


def __getattr__(name: str) -> Any:
    # PEP 562: importing argmap.cli (which running the command does) imports no click.
    if name not in ("EXIT_CODES", "Commands", "error_lines", "exit_code", "main"):
        raise AttributeError(f"module 'argmap.cli' has no attribute {name!r}")
    from argmap.cli import commands

    value = getattr(commands, name)
    globals()[name] = value
    return value
