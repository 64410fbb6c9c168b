"""Start-up cost of the command line, measured with ``python -X importtime``.

Not a timing of argmap against a clock: each import is compared with a reference imported in
the same process, so a slow or busy machine moves both, and each figure is the median of
several runs. The margins are about twice today's ratios, so a test fails when the start-up
doubles (a heavy module coming back into ``argmap --help``,
networkx or the drawing stack into the commands), not when the machine is noisy.

- ``argmap --help`` (``argmap.cli.run``, answered from the shipped text) imports four small
  modules of ours and nothing else; they cost about a third of Python's own start (``site``,
  imported before them in the same process).
- The commands (``argmap.cli.commands``) cost about 2.6 times click, which they import (the
  modules they import first, typing and pathlib, count for them, not for click).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.conftest import SMALL, dumps

#: The console script's start, as ``argmap --help`` runs it.
HELP = "import sys; sys.argv[0] = 'argmap'; from argmap.cli import run; run()"

#: Python writes the compiled modules it imports (as an installed package has them), so that
#: compiling our sources is not counted against them while the installed click is not.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def import_micros(code: str, *args: str) -> dict[str, int]:
    """The cumulative import time (µs) of every module that running ``code`` in a fresh
    interpreter imported, Python's own start-up included."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    times = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        times[name.strip()] = int(cumulative)
    return times


def test_help_imports_only_its_own_small_modules() -> None:
    imported = set(import_micros(HELP, "--help")) - set(import_micros("pass"))
    assert imported == {
        "__future__",
        "argmap",
        "argmap.conveniences",
        "argmap.cli",
        "argmap.cli.helptext",
    }


def median_ratio(code: str, modules: list[str], reference: str, runs: int = 5) -> float:
    """The median over ``runs`` fresh interpreters running ``code`` of the cumulative import
    time of ``modules`` divided by ``reference``'s in the same interpreter."""
    import_micros(code, "--help")  # compiles our modules once
    ratios = []
    for _ in range(runs):
        times = import_micros(code, "--help")
        ratios.append(sum(times[module] for module in modules) / times[reference])
    return statistics.median(ratios)


def test_help_import_time_has_not_doubled() -> None:
    ratio = median_ratio(HELP, ["argmap.cli", "argmap.cli.helptext"], "site")
    assert ratio < 0.7, f"argmap --help imports ours in {ratio:.2f} × Python's own start-up"


def test_the_commands_import_time_has_not_doubled() -> None:
    ratio = median_ratio("import argmap.cli.commands", ["argmap.cli.commands"], "click")
    assert ratio < 5, f"argmap.cli.commands imports in {ratio:.1f} × click (which it imports)"


def test_the_commands_do_not_import_what_only_some_commands_need() -> None:
    loaded = set(import_micros("import argmap.cli.commands"))
    heavy = {
        "networkx",
        "graphviz",
        "rich",
        "importlib.resources",
        "difflib",
        "subprocess",
        "argmap.draw.pipeline",
        "argmap.formats",
        "argmap.mapfile.reader",
    }
    assert "argmap.cli.commands" in loaded
    assert not heavy & loaded


def test_render_does_not_import_the_graphviz_package(tmp_path: Path) -> None:
    """``argmap render`` writes DOT itself (argmap.draw.dotsyntax.DotGraph) and reads its
    font files from their folder: the graphviz package and importlib.resources cost it
    about a third of the engine's own run on the Hanoi map."""
    map_file = tmp_path / "map.json"
    map_file.write_text(dumps(SMALL), encoding="utf-8")
    command = "import sys; from argmap.cli import run; sys.argv[0] = 'argmap'; run()"
    loaded = import_micros(command, "render", str(map_file), "-o", str(tmp_path / "map.svg"))
    assert "argmap.draw.pipeline" in loaded
    assert (tmp_path / "map.svg").exists()
    assert not {"graphviz", "importlib.resources"} & set(loaded)
