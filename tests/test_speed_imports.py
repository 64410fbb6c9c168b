"""Start-up cost of the command line, measured with ``python -X importtime``.

Not a timing of argmap against a clock: the CLI's import is compared with importing click
alone (which the CLI cannot do without) in the same run, on the same machine, so a slow or
busy machine moves both. The margin is wide (3×, where today's ratio is about 2×), so the
test fails when a heavy module (networkx, graphviz, rich, the drawing stack) comes back into
``argmap --help``, not when the machine is noisy.
"""

from __future__ import annotations

import statistics
import subprocess
import sys


def import_micros(module: str) -> tuple[int, set[str]]:
    """The cumulative import time of ``module`` in a fresh interpreter (µs), and every module
    that importing it loaded."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    total, loaded = 0, set()
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        loaded.add(name.strip())
        if name.strip() == module:
            total = int(cumulative)
    return total, loaded


def median_micros(module: str, runs: int = 5) -> int:
    return int(statistics.median(import_micros(module)[0] for _ in range(runs)))


def test_cli_import_is_not_much_more_than_click() -> None:
    cli, click = median_micros("argmap.cli"), median_micros("click")
    assert cli < 3 * click, f"argmap.cli imports in {cli} µs, click alone in {click} µs"


def test_cli_does_not_import_what_only_some_commands_need() -> None:
    _, loaded = import_micros("argmap.cli")
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
    assert not heavy & loaded
