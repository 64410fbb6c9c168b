"""A map's ``source.text`` is read only from a regular file inside the map's folder.

A map may come from anyone; its ``source.text`` must not make argmap read ``/proc/self/environ``
(and reveal, quote by quote, what is in it), hang on a FIFO or fill the memory from ``/dev/zero``.
A path the user gives on the command line (``--source-text``) is trusted.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.mapfile import MapError
from tests.conftest import run

TEXT = "Ann said that tea is better than coffee."


def write_map(folder: Path, source_text: str, small: dict[str, Any]) -> Path:
    small["source"] = {"text": source_text}
    small["claims"][0]["quote"] = "tea is better"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "debate.json"
    path.write_text(json.dumps(small), encoding="utf-8")
    return path


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A map folder ``maps/`` and a readable text ``secret.txt`` beside it, outside it."""
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT, encoding="utf-8")
    return tmp_path / "maps", secret


def refused(path: Path, match: str, **kwargs: Any) -> MapError:
    with pytest.raises(MapError, match=match) as caught:
        argmap.load(path, **kwargs)
    assert caught.value.problems[0].path == "source.text", caught.value.problems
    assert str(path) in str(caught.value)
    return caught.value


def test_a_text_inside_the_folder_is_read(layout: tuple[Path, Path], small: dict[str, Any]) -> None:
    folder, _ = layout
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "debate.txt").write_text(TEXT, encoding="utf-8")
    m = argmap.load(write_map(folder, "texts/debate.txt", small))
    assert m.claim("a1").quote_span == (14, 27)
    # A link that stays inside the folder, and a `..` that comes back into it, are fine.
    (folder / "link.txt").symlink_to("texts/debate.txt")
    assert argmap.load(write_map(folder, "link.txt", small)).claim("a1").quote_span == (14, 27)
    path = write_map(folder, "texts/../texts/debate.txt", small)
    assert argmap.load(path).claim("a1").quote_span == (14, 27)


def test_absolute_path_is_refused(layout: tuple[Path, Path], small: dict[str, Any]) -> None:
    folder, secret = layout
    refused(write_map(folder, str(secret), small), "absolute path")


def test_dot_dot_out_of_the_folder_is_refused(
    layout: tuple[Path, Path], small: dict[str, Any]
) -> None:
    folder, _ = layout
    refused(write_map(folder, "../secret.txt", small), "outside the map's folder")
    refused(write_map(folder, "sub/../../secret.txt", small), "outside the map's folder")


def test_symlink_out_of_the_folder_is_refused(
    layout: tuple[Path, Path], small: dict[str, Any]
) -> None:
    folder, secret = layout
    folder.mkdir()
    (folder / "innocent.txt").symlink_to(secret)
    refused(write_map(folder, "innocent.txt", small), "outside the map's folder")
    (folder / "sub").symlink_to(secret.parent)
    refused(write_map(folder, "sub/secret.txt", small), "outside the map's folder")


LOAD = """
import sys, resource, argmap
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a regression must not eat the RAM
try:
    argmap.load(sys.argv[1])
except argmap.MapError as error:
    print(error)
"""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused(layout: tuple[Path, Path], small: dict[str, Any]) -> None:
    folder, _ = layout
    # In a child process with 1 GiB of memory at most: before the fix this read without end.
    path = write_map(folder, "/dev/zero", small)
    result = subprocess.run(
        [sys.executable, "-c", LOAD, str(path)], capture_output=True, text=True, timeout=60
    )
    assert "source.text: the source text '/dev/zero' is an absolute path" in result.stdout, result
    (folder / "zero.txt").symlink_to("/dev/zero")
    refused(write_map(folder, "zero.txt", small), "outside the map's folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_waiting(layout: tuple[Path, Path], small: dict[str, Any]) -> None:
    folder, _ = layout
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    path = write_map(folder, "pipe.txt", small)
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            argmap.load(path)
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    # A reader that blocks on the FIFO would hang the test run: load in a thread and give up.
    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        with open(folder / "pipe.txt", "wb"):  # let the stuck reader go
            pass
        pytest.fail("loading a map whose source.text is a FIFO hangs")
    assert len(outcome) == 1 and isinstance(outcome[0], MapError), outcome
    assert outcome[0].problems[0].path == "source.text"
    assert "not a regular file" in outcome[0].problems[0].message


def test_folder_and_device_are_refused(layout: tuple[Path, Path], small: dict[str, Any]) -> None:
    folder, _ = layout
    refused(write_map(folder, ".", small), "not a regular file")
    try:  # a device node inside the folder: /dev/zero's numbers (needs CAP_MKNOD)
        os.mknod(folder / "zero.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except (OSError, AttributeError):
        return
    refused(write_map(folder, "zero.txt", small), "not a regular file")


def test_size_limit_applies_to_the_source_text(
    layout: tuple[Path, Path], small: dict[str, Any]
) -> None:
    folder, _ = layout
    folder.mkdir()
    (folder / "big.txt").write_text(TEXT + " " * 20_000, encoding="utf-8")
    path = write_map(folder, "big.txt", small)
    assert path.stat().st_size < 5_000
    error = refused(path, "more than the limit of 5,000", max_bytes=5_000)
    assert "--max-bytes" in str(error)
    assert argmap.load(path, max_bytes=50_000).claim("a1").quote_span == (14, 27)
    result = run("validate", str(path), "--max-bytes", "5000")
    assert result.exit_code == 1
    assert f"{path}: source.text: " in result.output
    assert "Traceback" not in result.output


def test_cli_reports_the_problem_at_source_text(
    layout: tuple[Path, Path], small: dict[str, Any]
) -> None:
    folder, _ = layout
    path = write_map(folder, "../secret.txt", small)
    for command in ("validate", "info", "report"):
        result = run(command, str(path))
        assert result.exit_code == 1, (command, result.output)
        assert f"{path}: source.text: " in result.output, (command, result.output)
        assert "outside the map's folder" in result.output


def test_explicit_source_text_is_trusted(layout: tuple[Path, Path], small: dict[str, Any]) -> None:
    folder, secret = layout
    path = write_map(folder, "/dev/zero", small)
    for command in ("validate", "info"):
        result = run(command, str(path), "--source-text", str(secret))
        assert result.exit_code == 0, (command, result.output)
    output = folder / "debate.html"
    result = run("report", str(path), "--source-text", str(secret), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert 'data-claims="a1"><a href="#row-a1" data-claim="a1">tea is better</a></mark>' in (
        output.read_text(encoding="utf-8")
    )
    assert argmap.load(path, source_text=TEXT).claim("a1").quote_span == (14, 27)


def test_explicit_source_text_still_has_the_size_limit(
    layout: tuple[Path, Path], small: dict[str, Any]
) -> None:
    folder, secret = layout
    path = write_map(folder, "/dev/zero", small)
    result = run("validate", str(path), "--source-text", "/dev/zero", "--max-bytes", "100000")
    assert result.exit_code == 1
    assert "/dev/zero" in result.output and "more than the limit of 100,000" in result.output
    secret.write_text(TEXT + " " * 1_000, encoding="utf-8")
    result = run("validate", str(path), "--source-text", str(secret), "--max-bytes", "500")
    assert result.exit_code == 1
    assert "more than the limit of 500" in result.output
