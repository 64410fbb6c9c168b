"""``argmap --help`` answered without click (argmap.cli.helptext): the shipped text is click's,
byte for byte, the quick answer is exactly what click prints, process for process, and click
answers wherever its output could differ (a narrow terminal, another program name, shell
completion)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from argmap import __version__
from argmap.cli import helptext
from tests.conftest import HANOI, ROOT

#: The console script's start (``argmap.cli:run``), and click's own answer to the same call.
QUICK = "import sys; sys.argv[0] = {name!r}; from argmap.cli import run; run()"
CLICK = "import sys; sys.argv[0] = {name!r}; from argmap.cli import main; main()"
ANSWERED = [[], ["-h"], ["--help"], ["-V"], ["--version"]]


def command(
    code: str, args: list[str], name: str = "argmap", **env: str
) -> tuple[int, bytes, bytes, set[str]]:
    """Exit code, standard output, standard error (the import-time lines taken out) of
    ``code`` run as the program ``name``, and every module it imported."""
    environment = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code.format(name=name), *args],
        capture_output=True,
        env={**environment, **env},
        check=False,
    )
    lines = result.stderr.splitlines(keepends=True)
    timings = [line for line in lines if line.startswith(b"import time:")]
    imported = {line.split(b"|")[-1].strip().decode() for line in timings}
    stderr = b"".join(line for line in lines if not line.startswith(b"import time:"))
    return result.returncode, result.stdout, stderr, imported


def test_the_shipped_help_is_what_click_generates() -> None:
    shipped = Path(helptext.HELP_FILE).read_bytes()
    assert shipped == helptext.generate().encode("utf-8"), (
        "the help text is stale: run python -m argmap.cli.helptext"
    )


@pytest.mark.parametrize("args", ANSWERED, ids=lambda args: " ".join(args) or "no arguments")
def test_the_quick_answer_is_clicks_without_importing_click(args: list[str]) -> None:
    code, out, err, imported = command(QUICK, args)
    assert (code, out, err) == command(CLICK, args)[:3]
    assert "click" not in imported
    version = f"argmap, version {__version__}\n".encode()
    assert (out or err) in (Path(helptext.HELP_FILE).read_bytes(), version)


@pytest.mark.parametrize(
    ("name", "env"),
    [
        ("argmap", {"COLUMNS": "60"}),  # a narrow terminal: click wraps at 58
        ("argmap", {"_ARGMAP_COMPLETE": "bash_source"}),  # shell completion
        ("argmap-dev", {}),  # another program name
    ],
)
def test_click_answers_where_its_output_differs(name: str, env: dict[str, str]) -> None:
    quick = command(QUICK, ["--help"], name, **env)
    assert quick[:3] == command(CLICK, ["--help"], name, **env)[:3]
    assert "click" in quick[3]
    assert quick[1] != Path(helptext.HELP_FILE).read_bytes()


def test_a_wide_terminal_gets_the_shipped_text() -> None:
    code, out, _, imported = command(QUICK, ["--help"], COLUMNS="200")
    assert (code, out) == (0, Path(helptext.HELP_FILE).read_bytes())
    assert "click" not in imported


@pytest.mark.parametrize("module", ["argmap.cli", "argmap"])
def test_python_dash_m_is_answered_by_click(module: str) -> None:
    # python -m argmap was "No module named argmap.__main__"
    result = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True
    )
    assert result.stdout.startswith(f"Usage: python -m {module} [OPTIONS]")
    result = subprocess.run(
        [sys.executable, "-m", module, "validate", str(HANOI)], capture_output=True, text=True
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith(": valid (5 speakers, 44 claims, 43 relations)\n")


@pytest.mark.parametrize("code", [QUICK, CLICK], ids=["quick", "click"])
def test_a_reader_that_has_gone_ends_the_command_quietly(code: str) -> None:
    # A closed pipe: click exits 1 without a word, and so does the quick answer.
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-c", code.format(name="argmap"), "--help"],
            stdout=write,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (1, b"")


@pytest.mark.parametrize("columns", [None, "120", "80", "79", "0", "-3", "wide"])
def test_terminal_columns_are_shutils(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert helptext.terminal_columns() == shutil.get_terminal_size().columns


def test_the_console_script_starts_at_run() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"argmap": "argmap.cli:run"}
    assert "cli/help.txt" in project["tool"]["setuptools"]["package-data"]["argmap"]
